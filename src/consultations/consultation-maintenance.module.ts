import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QueueName } from '../queues/queue-name';
import { ConsultationMaintenanceProcessor } from './consultation-maintenance.processor';
import { ConsultationsModule } from './consultations.module';

/** The worker's share of consultations: bookings of closed rounds expire. */
@Module({
  imports: [ConsultationsModule, BullModule.registerQueue({ name: QueueName.ConsultationMaintenance })],
  providers: [ConsultationMaintenanceProcessor],
})
export class ConsultationMaintenanceModule {}
