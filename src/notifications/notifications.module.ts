import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventsModule } from '../events/events.module';
import { UsersModule } from '../users/users.module';
import { EventNotificationSettings } from './event-notification-settings.entity';
import { EventNotificationsController } from './event-notifications.controller';
import { EventNotificationsService } from './event-notifications.service';
import { NotificationInboxService } from './notification-inbox.service';
import { NotificationMute } from './notification-mute.entity';
import { Notification } from './notification.entity';
import { NotificationOutbox } from './notification-outbox.service';
import { NotificationPreferencesService } from './notification-preferences.service';
import { NotificationsController } from './notifications.controller';

/**
 * Notifications in the api: the outbox other modules write through inside their transactions, in-app notifications,
 * mutes, and the organizers' offsets and delivery view. The api never sends and never touches BullMQ for them: the
 * worker (NotificationDeliveryModule) relays the outbox and sends.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Notification, NotificationMute, EventNotificationSettings]), EventsModule, UsersModule],
  controllers: [NotificationsController, EventNotificationsController],
  providers: [NotificationOutbox, NotificationInboxService, NotificationPreferencesService, EventNotificationsService],
  exports: [NotificationOutbox],
})
export class NotificationsModule {}
