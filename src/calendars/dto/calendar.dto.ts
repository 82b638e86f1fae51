import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsTimeZone, MaxLength } from 'class-validator';
import { LocationKind, MeetingStatus, ParticipantSide, RoundMode } from '../../consultations/consultation.enums';

const RANGE_END =
  'A calendar date YYYY-MM-DD (whole day; `to` is included), an instant with an offset, or a wall-clock time; dates and ' +
  'wall-clock times are read in `timeZone`, else (your calendar) in the zone you are in on that date (travel time zone, ' +
  'else profile zone) or (a participant’s calendar) in the event zone. At most 366 days.';

export class CalendarQuery {
  @ApiProperty({ example: '2023-04-19', description: RANGE_END })
  @IsString()
  @MaxLength(40)
  from!: string;

  @ApiProperty({ example: '2023-04-30', description: RANGE_END })
  @IsString()
  @MaxLength(40)
  to!: string;

  @ApiPropertyOptional({
    example: 'Asia/Seoul',
    description: 'Show every time on this clock; left out, each item is shown in the zone the person is in at that moment (travel time zones over the profile zone)',
  })
  @IsOptional()
  @IsString()
  @IsTimeZone()
  timeZone?: string;
}

export class CalendarOrganizationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Charles River Ventures' }) name!: string;
}

/** A person of a meeting and the meeting's times on their clock (the zone they are in then). */
export class CalendarPartyResponse {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ enum: ParticipantSide, enumName: 'ParticipantSide' }) side!: ParticipantSide;
  @ApiProperty() name!: string;
  @ApiProperty({ type: CalendarOrganizationResponse, nullable: true }) organization!: CalendarOrganizationResponse | null;
  @ApiProperty({ example: 'America/New_York', description: 'The zone this person is in at the start (travel time zone, else profile)' }) timeZone!: string;
  @ApiProperty({ example: '2023-04-28T09:00:00-04:00' }) startsAtLocal!: string;
  @ApiProperty({ example: '2023-04-28T09:30:00-04:00' }) endsAtLocal!: string;
}

export class CalendarRoundResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Round 3: main consultation' }) name!: string;
  @ApiProperty() position!: number;
  @ApiProperty({ enum: RoundMode, enumName: 'RoundMode' }) mode!: RoundMode;
  @ApiProperty({ example: 'America/New_York' }) timeZone!: string;
}

export class CalendarLocationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Table 7' }) name!: string;
  @ApiProperty({ enum: LocationKind, enumName: 'LocationKind' }) kind!: LocationKind;
}

/** Where an item is shown: its instants, and its wall-clock times on the calendar's clock. */
export class CalendarTimesResponse {
  @ApiProperty({ example: '2023-04-28T13:00:00.000Z' }) startsAt!: string;
  @ApiProperty({ example: '2023-04-28T13:30:00.000Z' }) endsAt!: string;
  @ApiProperty({ example: 'America/New_York', description: 'The clock of startsAtLocal and endsAtLocal' }) timeZone!: string;
  @ApiProperty({ example: '2023-04-28T09:00:00-04:00' }) startsAtLocal!: string;
  @ApiProperty({ example: '2023-04-28T09:30:00-04:00' }) endsAtLocal!: string;
}

export class CalendarMeetingResponse extends CalendarTimesResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty() eventName!: string;
  @ApiProperty({ type: CalendarRoundResponse }) round!: CalendarRoundResponse;
  @ApiProperty({ enum: MeetingStatus, enumName: 'MeetingStatus' }) status!: MeetingStatus;
  @ApiProperty({ description: 'Changes since booking (the ICS SEQUENCE): confirmations, reschedules, cancellation, attendance' }) sequence!: number;
  @ApiProperty({ example: '2023-04-28T09:00:00-04:00', description: 'The start in the round zone' }) startsAtRoundLocal!: string;
  @ApiProperty({ type: CalendarPartyResponse, description: 'The calendar owner on this meeting, with the times on their clock' }) person!: CalendarPartyResponse;
  @ApiProperty({ type: CalendarPartyResponse, description: 'The person they meet, with the times on that person’s clock' }) otherParty!: CalendarPartyResponse;
  @ApiProperty({ type: CalendarLocationResponse, nullable: true, description: 'On-site meetings' }) location!: CalendarLocationResponse | null;
  @ApiProperty({ nullable: true, description: 'Online meetings' }) videoLink!: string | null;
  @ApiProperty({ nullable: true }) cancelledAt!: string | null;
}

export class CalendarRoomResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '세미나실' }) nameKo!: string;
  @ApiProperty({ example: 'Seminar room' }) nameEn!: string;
}

export class CalendarSessionResponse extends CalendarTimesResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty() eventName!: string;
  @ApiProperty({ nullable: true }) titleKo!: string | null;
  @ApiProperty({ nullable: true }) titleEn!: string | null;
  @ApiProperty({ example: 'roundtable' }) kind!: string;
  @ApiProperty({ enum: ['speaker', 'registered', 'waitlisted'], description: 'Speaking, holding a seat, or on the waitlist' }) part!: string;
  @ApiProperty({ type: CalendarRoomResponse, nullable: true }) room!: CalendarRoomResponse | null;
  @ApiProperty({ example: '2023-04-28T14:00:00-04:00', description: 'The start in the event zone' }) startsAtEventLocal!: string;
}

export class CalendarBlockedSlotResponse extends CalendarTimesResponse {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty() eventName!: string;
  @ApiProperty({ format: 'uuid' }) roundId!: string;
  @ApiProperty() roundName!: string;
}

export class CalendarResponse {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ example: '2023-04-18T15:00:00.000Z' }) from!: string;
  @ApiProperty({ example: '2023-04-30T15:00:00.000Z' }) to!: string;
  @ApiProperty({
    example: 'Asia/Seoul',
    nullable: true,
    description: 'The zone `from` was read in: timeZone if asked, else the zone in force on that date (your calendar) or the event zone (a participant’s); null for an instant with an offset',
  })
  fromTimeZone!: string | null;
  @ApiProperty({ example: 'America/New_York', nullable: true, description: 'The zone `to` was read in, as for fromTimeZone' })
  toTimeZone!: string | null;
  @ApiProperty({ example: 'Asia/Seoul', nullable: true, description: 'The clock asked for; null: each item on the zone the person is in then' })
  timeZone!: string | null;
  @ApiProperty({ type: [CalendarMeetingResponse], description: 'Meetings of every status, in time order' }) meetings!: CalendarMeetingResponse[];
  @ApiProperty({ type: [CalendarSessionResponse] }) sessions!: CalendarSessionResponse[];
  @ApiProperty({ type: [CalendarBlockedSlotResponse], description: 'Slots the person closed in consultation rounds' }) blockedSlots!: CalendarBlockedSlotResponse[];
}
