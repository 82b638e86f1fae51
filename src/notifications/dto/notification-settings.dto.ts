import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsEnum, IsInt, Max, Min } from 'class-validator';
import { MayBeOmitted } from '../../common/validation/may-be-omitted';
import { NotificationKind } from '../notification.enums';

/** The longest reminder offset an organizer may set: a week. */
export const MAX_OFFSET_MINUTES = 10_080;

/** PUT replaces the whole list of muted kinds. */
export class WriteMutesDto {
  @ApiProperty({ enum: NotificationKind, enumName: 'NotificationKind', isArray: true, description: 'Kinds you do not want; meeting_cancelled cannot be muted' })
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsEnum(NotificationKind, { each: true })
  mutedKinds!: NotificationKind[];
}

export class MutesResponse {
  @ApiProperty({ enum: NotificationKind, enumName: 'NotificationKind', isArray: true }) mutedKinds!: NotificationKind[];
  @ApiProperty({ enum: NotificationKind, enumName: 'NotificationKind', isArray: true, description: 'Kinds that cannot be muted' }) alwaysSent!: NotificationKind[];
}

/** PATCH: fields left out keep their value. Offsets are minutes before the start. */
export class UpdateEventNotificationSettingsDto {
  @ApiPropertyOptional({ example: [1440, 60], description: 'Before every meeting and session of the event (at most 5)' })
  @MayBeOmitted()
  @IsArray()
  @ArrayMaxSize(5)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(MAX_OFFSET_MINUTES, { each: true })
  reminderOffsetsMinutes?: number[];

  @ApiPropertyOptional({ example: [10], description: 'Further reminders before on-site meetings (at most 5)' })
  @MayBeOmitted()
  @IsArray()
  @ArrayMaxSize(5)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(MAX_OFFSET_MINUTES, { each: true })
  onSiteOffsetsMinutes?: number[];
}

export class EventNotificationSettingsResponse {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ type: [Number] }) reminderOffsetsMinutes!: number[];
  @ApiProperty({ type: [Number] }) onSiteOffsetsMinutes!: number[];
}
