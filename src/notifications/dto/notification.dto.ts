import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEnum, IsOptional } from 'class-validator';
import { PageQuery } from '../../common/http/page-query';
import { DeliveryStatus, NotificationKind } from '../notification.enums';

export class ListNotificationsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only unread ones' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;
}

/** An in-app notification: what happened, about what, and whether you read it. */
export class NotificationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: NotificationKind, enumName: 'NotificationKind' }) kind!: NotificationKind;
  @ApiProperty({ description: 'In your language' }) title!: string;
  @ApiProperty({ format: 'uuid', nullable: true }) eventId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true }) meetingId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true }) requestId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true }) sessionId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true }) roundId!: string | null;
  @ApiProperty({ nullable: true, description: 'Reminders: minutes before the start' }) offsetMinutes!: number | null;
  @ApiProperty({ description: 'What it announces: times (old and new for a reschedule), a reason', type: 'object', additionalProperties: true })
  details!: Record<string, unknown>;
  @ApiProperty() at!: string;
  @ApiProperty({ nullable: true }) readAt!: string | null;
}

export class NotificationListResponse {
  @ApiProperty({ type: [NotificationResponse] }) items!: NotificationResponse[];
  @ApiProperty() unreadCount!: number;
}

export class UnreadCountResponse {
  @ApiProperty() unreadCount!: number;
}

export class MarkedReadResponse {
  @ApiProperty() marked!: number;
}

export class ListDeliveriesQuery {
  @ApiPropertyOptional({ enum: DeliveryStatus, enumName: 'DeliveryStatus', default: DeliveryStatus.Failed })
  @IsOptional()
  @IsEnum(DeliveryStatus)
  status?: DeliveryStatus;
}

/** A delivery of the event as organizers see it (to find who did not get an email, and why). */
export class DeliveryResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: NotificationKind, enumName: 'NotificationKind' }) kind!: NotificationKind;
  @ApiProperty({ enum: DeliveryStatus, enumName: 'DeliveryStatus' }) status!: DeliveryStatus;
  @ApiProperty() recipient!: { id: string; name: string; email: string };
  @ApiProperty({ format: 'uuid', nullable: true }) meetingId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true }) requestId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true }) sessionId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true }) roundId!: string | null;
  @ApiProperty() dueAt!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true }) lastError!: string | null;
  @ApiProperty({ nullable: true }) sentAt!: string | null;
}
