import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEnum, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { MayBeOmitted } from '../../common/validation/may-be-omitted';
import { LocationKind, MeetingStatus, ParticipantSide, RoundMode } from '../consultation.enums';

const trimmed = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

const SLOT_TIME_DESCRIPTION =
  'The start of a slot of the round: an instant with an offset ("2023-04-28T09:00:00-04:00") or a wall-clock time in the round zone ("2023-04-28T09:00")';

/**
 * Self-service booking of an open slot. A guest (startup) names the host; a host, where the round lets hosts book,
 * names the guest.
 */
export class BookMeetingDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The host to meet (when a guest books)' })
  @MayBeOmitted()
  @IsUUID()
  hostUserId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The guest to meet (when a host books)' })
  @MayBeOmitted()
  @IsUUID()
  guestUserId?: string;

  @ApiProperty({ example: '2023-04-28T09:00:00-04:00', description: SLOT_TIME_DESCRIPTION })
  @IsString()
  @MaxLength(40)
  startsAt!: string;

  @ApiPropertyOptional({ example: 'We would like to discuss our Series A', nullable: true })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(2000)
  message?: string | null;
}

/** Organizers put any host and guest of the programme in a slot. */
export class OrganizerBookMeetingDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  hostUserId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  guestUserId!: string;

  @ApiProperty({ example: '2023-04-28T09:00:00-04:00', description: SLOT_TIME_DESCRIPTION })
  @IsString()
  @MaxLength(40)
  startsAt!: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: "On-site rounds: the location; left out, the host's own, else the first free one" })
  @IsOptional()
  @IsUUID()
  locationId?: string | null;

  @ApiPropertyOptional({ enum: [MeetingStatus.Confirmed, MeetingStatus.Requested], default: MeetingStatus.Confirmed })
  @MayBeOmitted()
  @IsIn([MeetingStatus.Confirmed, MeetingStatus.Requested])
  status?: MeetingStatus.Confirmed | MeetingStatus.Requested;
}

export class RescheduleMeetingDto {
  @ApiProperty({ example: '2023-04-28T10:00:00-04:00', description: SLOT_TIME_DESCRIPTION })
  @IsString()
  @MaxLength(40)
  startsAt!: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'On-site rounds: the new location; left out, the current one if free, else another' })
  @IsOptional()
  @IsUUID()
  locationId?: string | null;
}

export class CancelMeetingDto {
  @ApiPropertyOptional({ example: 'Our CEO cannot travel that day', nullable: true })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason?: string | null;
}

export class ListMeetingsQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  roundId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Organizers: one host' })
  @IsOptional()
  @IsUUID()
  hostUserId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Organizers: one guest' })
  @IsOptional()
  @IsUUID()
  guestUserId?: string;

  @ApiPropertyOptional({ enum: MeetingStatus, enumName: 'MeetingStatus', description: 'The status as shown: an expired booking is cancelled' })
  @IsOptional()
  @IsEnum(MeetingStatus)
  status?: MeetingStatus;
}

export class MeetingOrganizationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Boston Seed Partners' }) name!: string;
}

/** One side of a meeting: who, for which company, and the meeting's time on their own clock. */
export class MeetingPartyResponse {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ enum: ParticipantSide, enumName: 'ParticipantSide' }) side!: ParticipantSide;
  @ApiProperty() name!: string;
  @ApiProperty({ type: MeetingOrganizationResponse, nullable: true }) organization!: MeetingOrganizationResponse | null;
  @ApiProperty({ nullable: true, example: 'patent' }) expertise!: string | null;
  @ApiProperty({ example: 'America/New_York', description: "The person's profile time zone" }) timeZone!: string;
  @ApiProperty({ example: '2023-04-28T09:00:00-04:00', description: 'The start on their clock' }) startsAtLocal!: string;
  @ApiProperty({ example: '2023-04-28T09:30:00-04:00' }) endsAtLocal!: string;
}

export class MeetingRoundResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Round 3: main consultation' }) name!: string;
  @ApiProperty() position!: number;
  @ApiProperty({ enum: RoundMode, enumName: 'RoundMode' }) mode!: RoundMode;
  @ApiProperty({ example: 'America/New_York' }) timeZone!: string;
}

export class MeetingLocationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Table 7' }) name!: string;
  @ApiProperty({ enum: LocationKind, enumName: 'LocationKind' }) kind!: LocationKind;
}

export class MeetingCancellationResponse {
  @ApiProperty() at!: string;
  @ApiProperty({ format: 'uuid', nullable: true }) byUserId!: string | null;
  @ApiProperty({ nullable: true }) reason!: string | null;
}

export class MeetingResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ type: MeetingRoundResponse }) round!: MeetingRoundResponse;
  @ApiProperty({
    enum: MeetingStatus,
    enumName: 'MeetingStatus',
    description: 'A booking still waiting for the other side when its round\'s booking window closed reads as cancelled (by nobody, at the close, reason "expired")',
  })
  status!: MeetingStatus;
  @ApiProperty({ description: 'Goes up on every reschedule' }) version!: number;
  @ApiProperty({ example: '2023-04-28T13:00:00.000Z' }) startsAt!: string;
  @ApiProperty({ example: '2023-04-28T13:30:00.000Z' }) endsAt!: string;
  @ApiProperty({ example: '2023-04-28T09:00:00-04:00', description: 'The start in the round zone' }) startsAtRoundLocal!: string;
  @ApiProperty({ enum: ParticipantSide, enumName: 'ParticipantSide', nullable: true, description: 'Your side; null for an organizer' })
  yourSide!: ParticipantSide | null;
  @ApiProperty({ type: MeetingPartyResponse, nullable: true, description: 'The person you meet (null for an organizer)' })
  otherParty!: MeetingPartyResponse | null;
  @ApiProperty({ type: MeetingPartyResponse }) host!: MeetingPartyResponse;
  @ApiProperty({ type: MeetingPartyResponse }) guest!: MeetingPartyResponse;
  @ApiProperty({ type: MeetingLocationResponse, nullable: true, description: 'On-site meetings' }) location!: MeetingLocationResponse | null;
  @ApiProperty({ nullable: true, description: 'Online meetings' }) videoLink!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true }) requestId!: string | null;
  @ApiProperty({ nullable: true, description: 'The message sent with the booking or request' }) message!: string | null;
  @ApiProperty({ format: 'uuid', description: 'Who booked it' }) createdById!: string;
  @ApiProperty({ type: MeetingCancellationResponse, nullable: true }) cancellation!: MeetingCancellationResponse | null;
  @ApiProperty({ nullable: true }) checkedInAt!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}
