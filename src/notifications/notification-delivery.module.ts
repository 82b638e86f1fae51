import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AgendaModule } from '../agenda/agenda.module';
import { CalendarsModule } from '../calendars/calendars.module';
import { ConsultationsModule } from '../consultations/consultations.module';
import { QueueName } from '../queues/queue-name';
import { UsersModule } from '../users/users.module';
import { MailProcessor } from './mail.processor';
import { MailService } from './mail.service';
import { NotificationDeliveryProcessor } from './notification-delivery.processor';
import { NotificationDelivery } from './notification-delivery.service';
import { NotificationMaintenanceProcessor } from './notification-maintenance.processor';
import { NotificationReconciler } from './notification-reconciler.service';
import { NotificationRelay } from './notification-relay.service';

/**
 * The worker's share of notifications: the relay from the outbox into BullMQ, the delivery processor, the
 * reconciliation, and the sending of mail the api queued (MailQueue). The only place mail leaves over SMTP. Apart from NotificationsModule because it reads consultations and the agenda, which write through
 * NotificationsModule's outbox.
 */
@Module({
  imports: [
    ConsultationsModule,
    AgendaModule,
    CalendarsModule,
    UsersModule,
    BullModule.registerQueue({ name: QueueName.Notifications }, { name: QueueName.NotificationMaintenance }, { name: QueueName.Mail }),
  ],
  providers: [
    MailService,
    NotificationDelivery,
    NotificationRelay,
    NotificationReconciler,
    NotificationDeliveryProcessor,
    NotificationMaintenanceProcessor,
    MailProcessor,
  ],
})
export class NotificationDeliveryModule {}
