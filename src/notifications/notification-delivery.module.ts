import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AgendaModule } from '../agenda/agenda.module';
import { CalendarsModule } from '../calendars/calendars.module';
import { ConsultationsModule } from '../consultations/consultations.module';
import { QueueName } from '../queues/queue-name';
import { UsersModule } from '../users/users.module';
import { MailModule } from './mail.module';
import { NotificationDeliveryProcessor } from './notification-delivery.processor';
import { NotificationDelivery } from './notification-delivery.service';
import { NotificationMaintenanceProcessor } from './notification-maintenance.processor';
import { NotificationReconciler } from './notification-reconciler.service';
import { NotificationRelay } from './notification-relay.service';

/**
 * The worker's share of notifications: the relay from the outbox into BullMQ, the delivery processor and the
 * reconciliation. Apart from NotificationsModule because it reads consultations and the agenda, which write through
 * NotificationsModule's outbox.
 */
@Module({
  imports: [
    ConsultationsModule,
    AgendaModule,
    CalendarsModule,
    UsersModule,
    MailModule,
    BullModule.registerQueue({ name: QueueName.Notifications }, { name: QueueName.NotificationMaintenance }),
  ],
  providers: [NotificationDelivery, NotificationRelay, NotificationReconciler, NotificationDeliveryProcessor, NotificationMaintenanceProcessor],
})
export class NotificationDeliveryModule {}
