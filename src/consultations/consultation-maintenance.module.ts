import { Module } from '@nestjs/common';
import { ConsultationMaintenance } from './consultation-maintenance.service';
import { ConsultationsModule } from './consultations.module';

/** The worker's share of consultations: bookings of closed rounds expire. */
@Module({
  imports: [ConsultationsModule],
  providers: [ConsultationMaintenance],
})
export class ConsultationMaintenanceModule {}
