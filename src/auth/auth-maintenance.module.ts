import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QueueName } from '../queues/queue-name';
import { AuthMaintenanceProcessor } from './auth-maintenance.processor';
import { AuthModule } from './auth.module';

/** The worker's share of auth: periodic clean-up of dead refresh tokens. */
@Module({
  imports: [AuthModule, BullModule.registerQueue({ name: QueueName.Housekeeping })],
  providers: [AuthMaintenanceProcessor],
})
export class AuthMaintenanceModule {}
