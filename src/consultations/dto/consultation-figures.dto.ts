import { ApiProperty } from '@nestjs/swagger';

/** Requests sent, and bookings a host or guest made that waited for the other side to confirm (requests too). */
export class RequestFigures {
  @ApiProperty({ description: 'Requests sent, and bookings that waited for the other side to confirm them' }) total!: number;
  @ApiProperty({ description: 'Accepted, including those already placed in a slot' }) accepted!: number;
  @ApiProperty() declined!: number;
  @ApiProperty({ description: 'Left unanswered until the booking window closed' }) expired!: number;
  @ApiProperty() pending!: number;
  @ApiProperty() withdrawn!: number;
  @ApiProperty({
    nullable: true,
    example: 0.6667,
    description: 'accepted / (accepted + declined + expired), to 4 decimals; null while none has been decided',
  })
  acceptanceRate!: number | null;
}

export class MeetingFigures {
  @ApiProperty() total!: number;
  @ApiProperty({ description: 'Booked, waiting for the host to accept' }) requested!: number;
  @ApiProperty({ description: 'Confirmed and not yet checked in' }) confirmed!: number;
  @ApiProperty() held!: number;
  @ApiProperty() noShow!: number;
  @ApiProperty() cancelled!: number;
}

export class OutcomeFigures {
  @ApiProperty({ description: 'Held meetings whose host recorded an outcome' }) recorded!: number;
  @ApiProperty() highInterest!: number;
  @ApiProperty() followUpMeetings!: number;
  @ApiProperty() dueDiligence!: number;
  @ApiProperty() termSheets!: number;
  @ApiProperty() passes!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    example: { KRW: 84_500_000_000, USD: 2_500_000 },
    description: 'Investment under discussion: the sum of outcome amounts per ISO 4217 currency',
  })
  investmentUnderDiscussion!: Record<string, number>;
}

/** Organizers' figures for a round or a programme; never anyone's private notes. */
export class ConsultationFiguresResponse {
  @ApiProperty({ type: RequestFigures }) requests!: RequestFigures;
  @ApiProperty({ type: MeetingFigures }) meetings!: MeetingFigures;
  @ApiProperty({ type: OutcomeFigures }) outcomes!: OutcomeFigures;
}

export class RoundFiguresResponse extends ConsultationFiguresResponse {
  @ApiProperty({ format: 'uuid' }) roundId!: string;
  @ApiProperty({ example: 3 }) position!: number;
  @ApiProperty({ example: 'Round 3: main consultation' }) name!: string;
}

export class ProgrammeFiguresResponse extends ConsultationFiguresResponse {
  @ApiProperty({ format: 'uuid' }) programmeId!: string;
  @ApiProperty({ example: 'Boston investment consultation' }) name!: string;
  @ApiProperty({ type: [RoundFiguresResponse], description: 'The same figures per round, in round order' })
  rounds!: RoundFiguresResponse[];
}
