import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsEnum,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsTimeZone,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { MayBeOmitted } from '../../common/validation/may-be-omitted';
import { ConfirmationRule, Eligibility, LocationKind, RequestInitiator, RoundMode, VideoLinkRule } from '../consultation.enums';
import { ConsultationRound } from '../consultation-round.entity';
import { RoundLocation } from '../round-location.entity';
import { RoundWindow } from '../round-window.entity';
import { Slot } from '../scheduling/slot-grid';

const trimmed = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export const WALL_CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const INSTANT_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/i;
const INSTANT_MESSAGE = (field: string): string => `${field} must be an ISO 8601 instant with an offset, e.g. 2023-04-20T09:00:00-04:00`;

/** A day of the round and the hours meetings run that day, on the round's wall clock. */
export class RoundWindowInput {
  @ApiProperty({ example: '2023-04-28', description: "A calendar date in the round's zone" })
  @Matches(CALENDAR_DATE, { message: 'date must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  date!: string;

  @ApiProperty({ example: '09:00', description: "Wall-clock start, HH:MM in the round's zone" })
  @Matches(WALL_CLOCK_TIME, { message: 'startsAt must be a wall-clock time HH:MM' })
  startsAt!: string;

  @ApiProperty({ example: '12:00', description: "Wall-clock end, HH:MM in the round's zone, after startsAt" })
  @Matches(WALL_CLOCK_TIME, { message: 'endsAt must be a wall-clock time HH:MM' })
  endsAt!: string;
}

/** A table, room or booth of an on-site round, optionally kept for one host. */
export class RoundLocationInput {
  @ApiProperty({ example: 'Table 1', description: 'Unique within the round' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @ApiProperty({ enum: LocationKind, enumName: 'LocationKind' })
  @IsEnum(LocationKind)
  kind!: LocationKind;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'A host of the programme this location is kept for' })
  @IsOptional()
  @IsUUID()
  hostUserId?: string | null;
}

export class CreateRoundDto {
  @ApiProperty({ example: 'Round 3: main consultation' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: RoundMode, enumName: 'RoundMode' })
  @IsEnum(RoundMode)
  mode!: RoundMode;

  @ApiProperty({ example: 'America/New_York', description: 'IANA zone the windows are in' })
  @IsString()
  @IsTimeZone()
  timeZone!: string;

  @ApiProperty({ type: [RoundWindowInput], description: 'Days and daily windows; the whole list' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => RoundWindowInput)
  windows!: RoundWindowInput[];

  @ApiProperty({ example: 30, minimum: 5, maximum: 480 })
  @IsInt()
  @Min(5)
  @Max(480)
  slotMinutes!: number;

  @ApiPropertyOptional({ example: 10, minimum: 0, maximum: 240, default: 0, description: 'Break between two slots' })
  @MayBeOmitted()
  @IsInt()
  @Min(0)
  @Max(240)
  gapMinutes?: number;

  @ApiPropertyOptional({ type: [RoundLocationInput], default: [], description: 'On-site rounds only; the whole list' })
  @MayBeOmitted()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => RoundLocationInput)
  locations?: RoundLocationInput[];

  @ApiPropertyOptional({ enum: VideoLinkRule, enumName: 'VideoLinkRule', nullable: true, description: 'Online rounds only (and required there)' })
  @IsOptional()
  @IsEnum(VideoLinkRule)
  videoLinkRule?: VideoLinkRule | null;

  @ApiPropertyOptional({
    example: 'https://meet.example.com/matchday-{meetingId}',
    nullable: true,
    description: 'For the template rule: a link with the placeholder {meetingId}',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  videoLinkTemplate?: string | null;

  @ApiProperty({ example: '2023-04-10T09:00:00+09:00', description: 'When requests and bookings open (with an offset)' })
  @IsString()
  @Matches(INSTANT_WITH_OFFSET, { message: INSTANT_MESSAGE('bookingOpensAt') })
  @IsISO8601({ strict: true })
  bookingOpensAt!: string;

  @ApiProperty({ example: '2023-04-27T18:00:00-04:00', description: 'When they close (with an offset), after bookingOpensAt' })
  @IsString()
  @Matches(INSTANT_WITH_OFFSET, { message: INSTANT_MESSAGE('bookingClosesAt') })
  @IsISO8601({ strict: true })
  bookingClosesAt!: string;

  @ApiPropertyOptional({ enum: RequestInitiator, enumName: 'RequestInitiator', default: RequestInitiator.Guest })
  @MayBeOmitted()
  @IsEnum(RequestInitiator)
  initiator?: RequestInitiator;

  @ApiPropertyOptional({ enum: ConfirmationRule, enumName: 'ConfirmationRule', default: ConfirmationRule.HostAccepts })
  @MayBeOmitted()
  @IsEnum(ConfirmationRule)
  confirmation?: ConfirmationRule;

  @ApiPropertyOptional({ example: 5, nullable: true, description: 'Requests a guest may have in the round; null: no cap' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  maxRequestsPerGuest?: number | null;

  @ApiPropertyOptional({ example: 8, nullable: true, description: 'Meetings a host may hold in the round; null: no cap' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  maxMeetingsPerHost?: number | null;

  @ApiPropertyOptional({ example: 1, default: 1, description: 'Meetings one pair may have in the round' })
  @MayBeOmitted()
  @IsInt()
  @Min(1)
  @Max(100)
  maxMeetingsPerPair?: number;

  @ApiPropertyOptional({ enum: Eligibility, enumName: 'Eligibility', default: Eligibility.Open })
  @MayBeOmitted()
  @IsEnum(Eligibility)
  eligibility?: Eligibility;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    description: 'An earlier round of the programme that eligibility looks at; left out: the round just before',
  })
  @IsOptional()
  @IsUUID()
  eligibilitySourceRoundId?: string | null;
}

/**
 * Every field may be left out; null clears only the optional ones (caps, video rule and template, eligibility source),
 * never name, mode, zone, windows, slot length, booking window or rules. Windows and locations are replaced whole.
 */
export class UpdateRoundDto extends PartialType(CreateRoundDto, { skipNullProperties: false }) {}

export class ReorderRoundsDto {
  @ApiProperty({ type: [String], format: 'uuid', description: "Every round of the programme, once each, in the new order" })
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID(undefined, { each: true })
  roundIds!: string[];
}

export class SetVideoLinkDto {
  @ApiProperty({ example: 'https://zoom.us/j/123456789', nullable: true, description: 'Your link for this round; null removes it' })
  @IsDefined()
  @ValidateIf((_object, value) => value !== null)
  @IsString()
  @MaxLength(2000)
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true }, { message: 'videoLink must be an http(s) URL' })
  videoLink!: string | null;
}

export class VideoLinkResponse {
  @ApiProperty({ format: 'uuid' }) roundId!: string;
  @ApiProperty({ nullable: true }) videoLink!: string | null;

  static from(roundId: string, videoLink: string | null): VideoLinkResponse {
    return { roundId, videoLink };
  }
}

export class RoundWindowResponse {
  @ApiProperty({ example: '2023-04-28' }) date!: string;
  @ApiProperty({ example: '09:00' }) startsAt!: string;
  @ApiProperty({ example: '12:00' }) endsAt!: string;

  static from(window: RoundWindow): RoundWindowResponse {
    return { date: window.date, startsAt: window.startsAtTime.slice(0, 5), endsAt: window.endsAtTime.slice(0, 5) };
  }
}

export class RoundLocationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Table 1' }) name!: string;
  @ApiProperty({ enum: LocationKind, enumName: 'LocationKind' }) kind!: LocationKind;
  @ApiProperty({ format: 'uuid', nullable: true }) hostUserId!: string | null;

  static from(location: RoundLocation): RoundLocationResponse {
    return { id: location.id, name: location.name, kind: location.kind, hostUserId: location.hostUserId };
  }
}

export class RoundResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) programmeId!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: 1, description: 'Order in the programme, from 1' }) position!: number;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: RoundMode, enumName: 'RoundMode' }) mode!: RoundMode;
  @ApiProperty({ example: 'America/New_York' }) timeZone!: string;
  @ApiProperty({ type: [RoundWindowResponse] }) windows!: RoundWindowResponse[];
  @ApiProperty() slotMinutes!: number;
  @ApiProperty() gapMinutes!: number;
  @ApiProperty({ description: 'Slots in the grid' }) slotCount!: number;
  @ApiProperty({ nullable: true, description: 'Start of the first slot; null without slots' }) firstSlotStartsAt!: Date | null;
  @ApiProperty({ nullable: true, description: 'End of the last slot; null without slots' }) lastSlotEndsAt!: Date | null;
  @ApiProperty({ type: [RoundLocationResponse] }) locations!: RoundLocationResponse[];
  @ApiProperty({ enum: VideoLinkRule, enumName: 'VideoLinkRule', nullable: true }) videoLinkRule!: VideoLinkRule | null;
  @ApiProperty({ nullable: true }) videoLinkTemplate!: string | null;
  @ApiProperty() bookingOpensAt!: Date;
  @ApiProperty() bookingClosesAt!: Date;
  @ApiProperty({ enum: RequestInitiator, enumName: 'RequestInitiator' }) initiator!: RequestInitiator;
  @ApiProperty({ enum: ConfirmationRule, enumName: 'ConfirmationRule' }) confirmation!: ConfirmationRule;
  @ApiProperty({ nullable: true }) maxRequestsPerGuest!: number | null;
  @ApiProperty({ nullable: true }) maxMeetingsPerHost!: number | null;
  @ApiProperty() maxMeetingsPerPair!: number;
  @ApiProperty({ enum: Eligibility, enumName: 'Eligibility' }) eligibility!: Eligibility;
  @ApiProperty({ format: 'uuid', nullable: true }) eligibilitySourceRoundId!: string | null;
  @ApiProperty() createdAt!: Date;

  static from(round: ConsultationRound, windows: RoundWindow[], locations: RoundLocation[], grid: Slot[]): RoundResponse {
    return {
      id: round.id,
      programmeId: round.programmeId,
      eventId: round.eventId,
      position: round.position,
      name: round.name,
      mode: round.mode,
      timeZone: round.timeZone,
      windows: windows.map((window) => RoundWindowResponse.from(window)),
      slotMinutes: round.slotMinutes,
      gapMinutes: round.gapMinutes,
      slotCount: grid.length,
      firstSlotStartsAt: grid[0]?.startsAt ?? null,
      // Every slot has the same length, so the last to start is the last to end.
      lastSlotEndsAt: grid.at(-1)?.endsAt ?? null,
      locations: locations.map((location) => RoundLocationResponse.from(location)),
      videoLinkRule: round.videoLinkRule,
      videoLinkTemplate: round.videoLinkTemplate,
      bookingOpensAt: round.bookingOpensAt,
      bookingClosesAt: round.bookingClosesAt,
      initiator: round.initiator,
      confirmation: round.confirmation,
      maxRequestsPerGuest: round.maxRequestsPerGuest,
      maxMeetingsPerHost: round.maxMeetingsPerHost,
      maxMeetingsPerPair: round.maxMeetingsPerPair,
      eligibility: round.eligibility,
      eligibilitySourceRoundId: round.eligibilitySourceRoundId,
      createdAt: round.createdAt,
    };
  }
}
