import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';
import { MeetingStatus } from '../../consultations/consultation.enums';
import { CalendarOrganizationResponse } from './calendar.dto';

export class LocationScheduleQuery {
  @ApiProperty({ example: '2023-04-28', description: 'A calendar day in the event zone' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  date!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only the tables, rooms and booths of this round (agenda rooms left out)' })
  @IsOptional()
  @IsUUID()
  roundId?: string;
}

export class LocationPersonResponse {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: CalendarOrganizationResponse, nullable: true }) organization!: CalendarOrganizationResponse | null;
}

/** What happens at a place, when: a meeting (host and guest) or an agenda session. */
export class LocationBookingResponse {
  @ApiProperty({ enum: ['meeting', 'session'] }) type!: 'meeting' | 'session';
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '2023-04-28T13:00:00.000Z' }) startsAt!: string;
  @ApiProperty({ example: '2023-04-28T13:30:00.000Z' }) endsAt!: string;
  @ApiProperty({ example: '2023-04-28T09:00:00-04:00', description: 'On the event clock' }) startsAtLocal!: string;
  @ApiProperty({ example: '2023-04-28T09:30:00-04:00', description: 'On the event clock' }) endsAtLocal!: string;
  @ApiProperty({ example: 'Round 3: main consultation', description: 'The round of a meeting, the title of a session' }) title!: string;
  @ApiProperty({ enum: MeetingStatus, enumName: 'MeetingStatus', nullable: true, description: 'Meetings' }) status!: MeetingStatus | null;
  @ApiProperty({ type: LocationPersonResponse, nullable: true, description: 'Meetings' }) host!: LocationPersonResponse | null;
  @ApiProperty({ type: LocationPersonResponse, nullable: true, description: 'Meetings' }) guest!: LocationPersonResponse | null;
}

export class LocationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Table 7' }) name!: string;
  @ApiProperty({ enum: ['table', 'room', 'booth'] }) kind!: string;
  @ApiProperty({ enum: ['round_location', 'agenda_room'], description: 'A place of a consultation round, or a room of the venue' }) source!: string;
  @ApiProperty({ format: 'uuid', nullable: true }) roundId!: string | null;
  @ApiProperty({ nullable: true }) roundName!: string | null;
  @ApiProperty({ type: [LocationBookingResponse], description: 'In time order' }) bookings!: LocationBookingResponse[];
}

export class LocationScheduleResponse {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: '2023-04-28' }) date!: string;
  @ApiProperty({ example: 'America/New_York', description: 'The event zone the day is read in' }) timeZone!: string;
  @ApiProperty({ example: '2023-04-28T04:00:00.000Z' }) from!: string;
  @ApiProperty({ example: '2023-04-29T04:00:00.000Z' }) to!: string;
  @ApiProperty({ type: [LocationResponse], description: 'Places with something on that day, by kind and name' }) locations!: LocationResponse[];
}
