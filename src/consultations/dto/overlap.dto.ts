import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches } from 'class-validator';

const CLOCK = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

export class OverlapsQuery {
  @ApiProperty({ format: 'uuid', description: 'A host or guest of the programme (typically the investor or expert)' })
  @IsUUID()
  userId!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The second person; left out: you, if you take part in the programme. Organizers may leave it out to get the slots inside one person’s hours.',
  })
  @IsOptional()
  @IsUUID()
  withUserId?: string;

  @ApiPropertyOptional({ example: '08:00', default: '08:00', description: 'Start of working hours, on each person’s own clock' })
  @IsOptional()
  @Matches(CLOCK, { message: 'workFrom must be a time HH:mm' })
  workFrom?: string;

  @ApiPropertyOptional({ example: '20:00', default: '20:00', description: 'End of working hours (24:00 allowed)' })
  @IsOptional()
  @Matches(CLOCK, { message: 'workTo must be a time HH:mm' })
  workTo?: string;
}

export class OverlapPersonClockResponse {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ example: 'America/New_York', description: 'The zone this person is in then (travel time zone, else profile)' }) timeZone!: string;
  @ApiProperty({ example: '2023-04-19T07:00:00-04:00' }) startsAtLocal!: string;
  @ApiProperty({ example: '2023-04-19T07:30:00-04:00' }) endsAtLocal!: string;
  @ApiProperty({ description: 'No meeting, agenda session or closed slot of theirs at that time' }) free!: boolean;
}

export class OverlapSlotResponse {
  @ApiProperty({ example: '2023-04-19T11:00:00.000Z' }) startsAt!: string;
  @ApiProperty({ example: '2023-04-19T11:30:00.000Z' }) endsAt!: string;
  @ApiProperty({ example: '2023-04-19T20:00:00+09:00', description: "On the round's clock" }) startsAtRoundLocal!: string;
  @ApiProperty({ type: [OverlapPersonClockResponse] }) people!: OverlapPersonClockResponse[];
  @ApiProperty({ description: 'Everyone is free: the slot can be booked by these two' }) free!: boolean;
}

export class OverlapPersonResponse {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() name!: string;
}

export class OverlapsResponse {
  @ApiProperty({ format: 'uuid' }) roundId!: string;
  @ApiProperty({ example: 'Asia/Seoul', description: "The round's zone" }) timeZone!: string;
  @ApiProperty({ example: '08:00' }) workFrom!: string;
  @ApiProperty({ example: '20:00' }) workTo!: string;
  @ApiProperty({ type: [OverlapPersonResponse] }) people!: OverlapPersonResponse[];
  @ApiProperty({ type: [OverlapSlotResponse], description: "The round's slots inside everyone's working hours, in time order" }) slots!: OverlapSlotResponse[];
}
