import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { CurrentUser } from '../common/http/current-user.decorator';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import { Route } from '../common/http/route.decorator';
import { DeliveryResponse, ListDeliveriesQuery } from './dto/notification.dto';
import { EventNotificationSettingsResponse, UpdateEventNotificationSettingsDto } from './dto/notification-settings.dto';
import { EventNotificationsService } from './event-notifications.service';

@ApiTags('notifications')
@Controller('events/:eventId')
export class EventNotificationsController {
  constructor(private readonly eventNotifications: EventNotificationsService) {}

  @Get('notification-settings')
  @Route({ summary: "The event's reminder offsets (organizers)", response: EventNotificationSettingsResponse })
  getSettings(@CurrentUser() user: AuthenticatedUser, @Param('eventId', ParseIdPipe) eventId: string): Promise<EventNotificationSettingsResponse> {
    return this.eventNotifications.getSettings(user, eventId);
  }

  @Patch('notification-settings')
  @Route({
    summary: "Change the event's reminder offsets (organizers)",
    description: 'Minutes before each meeting and session (default 1440 and 60), plus before on-site meetings (default 10).',
    response: EventNotificationSettingsResponse,
  })
  updateSettings(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Body() dto: UpdateEventNotificationSettingsDto,
  ): Promise<EventNotificationSettingsResponse> {
    return this.eventNotifications.updateSettings(user, eventId, dto);
  }

  @Get('notification-deliveries')
  @Route({ summary: "The event's email deliveries in a status, failed by default (organizers)", response: [DeliveryResponse] })
  listDeliveries(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Query() query: ListDeliveriesQuery,
  ): Promise<DeliveryResponse[]> {
    return this.eventNotifications.listDeliveries(user, eventId, query);
  }

  @Get('notification-deliveries/:notificationId')
  @Route({ summary: 'One delivery of the event (organizers)', response: DeliveryResponse })
  getDelivery(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('notificationId', ParseIdPipe) notificationId: string,
  ): Promise<DeliveryResponse> {
    return this.eventNotifications.getDelivery(user, eventId, notificationId);
  }
}
