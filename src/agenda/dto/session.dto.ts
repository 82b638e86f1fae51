import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsISO31661Alpha2,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { MayBeOmitted } from '../../common/validation/may-be-omitted';
import { toZonedIso } from '../../common/time/zoned-time';
import { PartyRole, RegistrationStatus, SessionKind, SessionVisibility } from '../agenda.enums';
import { AgendaSession } from '../agenda-session.entity';
import { SessionParty } from '../session-party.entity';

const trimmed = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);
const upperCase = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.toUpperCase() : value);

const TIME_DESCRIPTION =
  'A wall-clock time in the event zone ("2023-11-08T10:00") or an instant with an offset ("2023-11-08T01:00:00Z")';

/** A speaker: a member of the event (userId) or a named guest (guestName); exactly one of the two. */
export class SessionSpeakerInput {
  @ApiPropertyOptional({ format: 'uuid', description: 'A member of the event; leave out for a guest' })
  @IsOptional()
  @IsUUID()
  userId?: string | null;

  @ApiPropertyOptional({ example: 'Claire Martin', description: 'A guest who has no account; leave out for a member' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  guestName?: string | null;

  @ApiPropertyOptional({ example: 'Director, Cosmetic Valley', description: 'Title and affiliation as the programme prints them' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  affiliation?: string | null;
}

/** A party signing an MOU, or an award winner: an organization on Matchday (organizationId) or a named one. */
export class SessionPartyInput {
  @ApiProperty({ enum: PartyRole, enumName: 'PartyRole' })
  @IsEnum(PartyRole)
  role!: PartyRole;

  @ApiPropertyOptional({ format: 'uuid', description: 'An organization on Matchday; leave out for a named party' })
  @IsOptional()
  @IsUUID()
  organizationId?: string | null;

  @ApiPropertyOptional({ example: 'Cosmetic Valley', description: 'A party that is not on Matchday; leave out for an organization' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string | null;

  @ApiPropertyOptional({ example: 'FR', description: 'ISO 3166-1 alpha-2' })
  @IsOptional()
  @Transform(upperCase)
  @IsISO31661Alpha2()
  country?: string | null;

  @ApiPropertyOptional({ example: 'Best regulation-free special zone', description: 'Required for award winners, only for them' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  awardTitle?: string | null;
}

export class CreateSessionDto {
  @ApiPropertyOptional({ example: '개막식', description: 'Korean title; give this or titleEn, or both' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  titleKo?: string | null;

  @ApiPropertyOptional({ example: 'Opening ceremony', description: 'English title; give this or titleKo, or both' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  titleEn?: string | null;

  @ApiProperty({ enum: SessionKind, enumName: 'SessionKind' })
  @IsEnum(SessionKind)
  kind!: SessionKind;

  @ApiPropertyOptional({ format: 'uuid', description: 'A room of this event' })
  @IsOptional()
  @IsUUID()
  roomId?: string | null;

  @ApiProperty({ example: '2023-11-08T10:00', description: TIME_DESCRIPTION })
  @IsString()
  @MaxLength(40)
  startsAt!: string;

  @ApiProperty({ example: '2023-11-08T11:00', description: TIME_DESCRIPTION })
  @IsString()
  @MaxLength(40)
  endsAt!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  description?: string | null;

  @ApiPropertyOptional({ example: 'Part 2', description: 'Track or part of the programme' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  track?: string | null;

  @ApiPropertyOptional({ enum: SessionVisibility, enumName: 'SessionVisibility', default: SessionVisibility.Public })
  @MayBeOmitted()
  @IsEnum(SessionVisibility)
  visibility?: SessionVisibility;

  @ApiPropertyOptional({ example: 120, description: 'Seats for registration; null or left out: no limit' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100000)
  capacity?: number | null;

  @ApiPropertyOptional({ default: false, description: 'When full, further registrations join a waitlist instead of being refused' })
  @MayBeOmitted()
  @IsBoolean()
  waitlistEnabled?: boolean;

  @ApiPropertyOptional({ type: [SessionSpeakerInput], description: 'Speakers in programme order' })
  @MayBeOmitted()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SessionSpeakerInput)
  speakers?: SessionSpeakerInput[];

  @ApiPropertyOptional({ type: [SessionPartyInput], description: 'MOU signatories and award winners' })
  @MayBeOmitted()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => SessionPartyInput)
  parties?: SessionPartyInput[];
}

/**
 * Every field may be left out; null clears only the optional ones (a title, room, description, track, capacity),
 * never kind, times, visibility or the waitlist switch. Speakers and parties are replaced with PUT.
 */
export class UpdateSessionDto extends PartialType(OmitType(CreateSessionDto, ['speakers', 'parties'] as const), {
  skipNullProperties: false,
}) {}

export class ReplaceSpeakersDto {
  @ApiProperty({ type: [SessionSpeakerInput], description: 'The whole list, in programme order' })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SessionSpeakerInput)
  speakers!: SessionSpeakerInput[];
}

export class ReplacePartiesDto {
  @ApiProperty({ type: [SessionPartyInput], description: 'The whole list, in the order to show' })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => SessionPartyInput)
  parties!: SessionPartyInput[];
}

export class ListSessionsQuery {
  @ApiPropertyOptional({ example: '2023-11-08', description: 'Sessions running on this calendar day in the event zone' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'day must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  day?: string;

  @ApiPropertyOptional({ example: 'Part 2' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  track?: string;

  @ApiPropertyOptional({ enum: SessionKind, enumName: 'SessionKind' })
  @IsOptional()
  @IsEnum(SessionKind)
  kind?: SessionKind;
}

export class SpeakerResponse {
  @ApiProperty({ format: 'uuid', nullable: true, description: 'Null for a guest' }) userId!: string | null;
  @ApiProperty({ description: "The member's name, or the guest's" }) name!: string;
  @ApiProperty({ nullable: true }) affiliation!: string | null;

  static from(speaker: { userId: string | null; guestName: string | null; affiliation: string | null }, memberName: string | undefined): SpeakerResponse {
    return { userId: speaker.userId, name: speaker.guestName ?? memberName ?? '', affiliation: speaker.affiliation };
  }
}

export class PartyResponse {
  @ApiProperty({ enum: PartyRole, enumName: 'PartyRole' }) role!: PartyRole;
  @ApiProperty({ format: 'uuid', nullable: true, description: 'Set for an organization on Matchday' }) organizationId!: string | null;
  @ApiProperty({ nullable: true, description: "The named party's name, or the organization's" }) name!: string | null;
  @ApiProperty({ nullable: true, example: 'FR' }) country!: string | null;
  @ApiProperty({ nullable: true, description: 'For award winners' }) awardTitle!: string | null;

  static from(party: SessionParty, organizationNames: ReadonlyMap<string, string>): PartyResponse {
    return {
      role: party.role,
      organizationId: party.organizationId,
      name: party.name ?? (party.organizationId ? (organizationNames.get(party.organizationId) ?? null) : null),
      country: party.country,
      awardTitle: party.awardTitle,
    };
  }
}

/** When a session runs, as instants and on the event's wall clock. */
export class SessionSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ nullable: true }) titleKo!: string | null;
  @ApiProperty({ nullable: true }) titleEn!: string | null;
  @ApiProperty({ enum: SessionKind, enumName: 'SessionKind' }) kind!: SessionKind;
  @ApiProperty({ example: '2023-11-08T01:00:00.000Z' }) startsAt!: Date;
  @ApiProperty({ example: '2023-11-08T02:00:00.000Z' }) endsAt!: Date;
  @ApiProperty({ example: '2023-11-08T10:00:00+09:00', description: 'startsAt on the wall clock of the event zone' }) startsAtLocal!: string;
  @ApiProperty({ example: '2023-11-08T11:00:00+09:00', description: 'endsAt on the wall clock of the event zone' }) endsAtLocal!: string;
  @ApiProperty({ example: 'Asia/Seoul', description: "The event's zone" }) timeZone!: string;

  static from(session: AgendaSession, timeZone: string): SessionSummaryResponse {
    return {
      id: session.id,
      eventId: session.eventId,
      titleKo: session.titleKo,
      titleEn: session.titleEn,
      kind: session.kind,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      startsAtLocal: toZonedIso(session.startsAt, timeZone),
      endsAtLocal: toZonedIso(session.endsAt, timeZone),
      timeZone,
    };
  }
}

export class SessionResponse extends SessionSummaryResponse {
  @ApiProperty({ format: 'uuid', nullable: true }) roomId!: string | null;
  @ApiProperty({ nullable: true }) description!: string | null;
  @ApiProperty({ nullable: true, example: 'Part 2' }) track!: string | null;
  @ApiProperty({ enum: SessionVisibility, enumName: 'SessionVisibility' }) visibility!: SessionVisibility;
  @ApiProperty({ nullable: true, description: 'Seats; null: no limit' }) capacity!: number | null;
  @ApiProperty({ description: 'Seats taken' }) registeredCount!: number;
  @ApiProperty({ nullable: true, description: 'Seats left; null: no limit' }) seatsLeft!: number | null;
  @ApiProperty() waitlistEnabled!: boolean;
  @ApiProperty({ type: [SpeakerResponse] }) speakers!: SpeakerResponse[];
  @ApiProperty({ type: [PartyResponse] }) parties!: PartyResponse[];
  @ApiProperty({ enum: RegistrationStatus, enumName: 'RegistrationStatus', nullable: true, description: 'Yours; null if none' })
  myRegistration!: RegistrationStatus | null;

  static fromParts(
    session: AgendaSession,
    timeZone: string,
    speakers: SpeakerResponse[],
    parties: PartyResponse[],
    myRegistration: RegistrationStatus | null,
  ): SessionResponse {
    return {
      ...SessionSummaryResponse.from(session, timeZone),
      roomId: session.roomId,
      description: session.description,
      track: session.track,
      visibility: session.visibility,
      capacity: session.capacity,
      registeredCount: session.registeredCount,
      seatsLeft: session.capacity === null ? null : Math.max(0, session.capacity - session.registeredCount),
      waitlistEnabled: session.waitlistEnabled,
      speakers,
      parties,
      myRegistration,
    };
  }
}

export class AgreementResponse {
  @ApiProperty({ type: SessionSummaryResponse }) session!: SessionSummaryResponse;
  @ApiProperty({ type: [PartyResponse] }) signatories!: PartyResponse[];

  static from(
    session: AgendaSession,
    timeZone: string,
    parties: SessionParty[],
    organizationNames: ReadonlyMap<string, string>,
  ): AgreementResponse {
    return {
      session: SessionSummaryResponse.from(session, timeZone),
      signatories: parties.filter((party) => party.role === PartyRole.Signatory).map((party) => PartyResponse.from(party, organizationNames)),
    };
  }
}

export class AwardResponse {
  @ApiProperty({ type: SessionSummaryResponse }) session!: SessionSummaryResponse;
  @ApiProperty({ type: [PartyResponse] }) winners!: PartyResponse[];

  static from(
    session: AgendaSession,
    timeZone: string,
    parties: SessionParty[],
    organizationNames: ReadonlyMap<string, string>,
  ): AwardResponse {
    return {
      session: SessionSummaryResponse.from(session, timeZone),
      winners: parties.filter((party) => party.role === PartyRole.AwardWinner).map((party) => PartyResponse.from(party, organizationNames)),
    };
  }
}

export class AgreementsAndAwardsResponse {
  @ApiProperty({ type: [AgreementResponse], description: 'MOU signing sessions and any session with signatories, in time order' })
  agreements!: AgreementResponse[];

  @ApiProperty({ type: [AwardResponse], description: 'Award ceremonies and any session with winners, in time order' })
  awards!: AwardResponse[];
}
