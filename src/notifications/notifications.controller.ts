import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { CurrentUser } from '../common/http/current-user.decorator';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import { Route } from '../common/http/route.decorator';
import { ListNotificationsQuery, MarkedReadResponse, NotificationListResponse, NotificationResponse, UnreadCountResponse } from './dto/notification.dto';
import { MutesResponse, WriteMutesDto } from './dto/notification-settings.dto';
import { NotificationInboxService } from './notification-inbox.service';
import { NotificationPreferencesService } from './notification-preferences.service';

@ApiTags('notifications')
@Controller('me')
export class NotificationsController {
  constructor(
    private readonly inbox: NotificationInboxService,
    private readonly preferences: NotificationPreferencesService,
  ) {}

  @Get('notifications')
  @Route({ summary: 'Your notifications, newest first, with the unread count', response: NotificationListResponse })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: ListNotificationsQuery): Promise<NotificationListResponse> {
    return this.inbox.list(user, query);
  }

  @Get('notifications/unread-count')
  @Route({ summary: 'How many of your notifications are unread', response: UnreadCountResponse })
  unreadCount(@CurrentUser() user: AuthenticatedUser): Promise<UnreadCountResponse> {
    return this.inbox.unreadCount(user);
  }

  @Post('notifications/read-all')
  @Route({ summary: 'Mark all your notifications read', response: MarkedReadResponse })
  markAllRead(@CurrentUser() user: AuthenticatedUser): Promise<MarkedReadResponse> {
    return this.inbox.markAllRead(user);
  }

  @Post('notifications/:notificationId/read')
  @Route({ summary: 'Mark one of your notifications read', response: NotificationResponse })
  markRead(@CurrentUser() user: AuthenticatedUser, @Param('notificationId', ParseIdPipe) notificationId: string): Promise<NotificationResponse> {
    return this.inbox.markRead(user, notificationId);
  }

  @Get('notification-settings')
  @Route({ summary: 'The kinds of notification you muted', response: MutesResponse })
  getSettings(@CurrentUser() user: AuthenticatedUser): Promise<MutesResponse> {
    return this.preferences.get(user);
  }

  @Put('notification-settings')
  @Route({ summary: 'Replace the kinds of notification you muted (cancellations cannot be muted)', response: MutesResponse })
  putSettings(@CurrentUser() user: AuthenticatedUser, @Body() dto: WriteMutesDto): Promise<MutesResponse> {
    return this.preferences.put(user, dto);
  }
}
