import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEnum, IsInt, IsISO4217CurrencyCode, IsOptional, Max, Min } from 'class-validator';
import { InterestLevel, MeetingStatus, NextStep } from '../consultation.enums';
import { Meeting } from '../meeting.entity';
import { MeetingOutcome } from '../meeting-outcome.entity';

const upperCase = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.toUpperCase() : value);

/** The host's record of a held meeting. PUT replaces it; amount and currency come together or not at all. */
export class WriteMeetingOutcomeDto {
  @ApiProperty({ enum: InterestLevel, enumName: 'InterestLevel' })
  @IsEnum(InterestLevel)
  interestLevel!: InterestLevel;

  @ApiProperty({ enum: NextStep, enumName: 'NextStep' })
  @IsEnum(NextStep)
  nextStep!: NextStep;

  @ApiPropertyOptional({ example: 3_000_000_000, description: 'Investment under discussion, in whole units of currency', nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  amount?: number | null;

  @ApiPropertyOptional({ example: 'KRW', description: 'ISO 4217; required with amount, only with it', nullable: true })
  @IsOptional()
  @Transform(upperCase)
  @IsISO4217CurrencyCode()
  currency?: string | null;
}

export class MeetingOutcomeResponse {
  @ApiProperty({ format: 'uuid' }) meetingId!: string;
  @ApiProperty({ enum: InterestLevel, enumName: 'InterestLevel' }) interestLevel!: InterestLevel;
  @ApiProperty({ enum: NextStep, enumName: 'NextStep' }) nextStep!: NextStep;
  @ApiProperty({ nullable: true, example: 3_000_000_000 }) amount!: number | null;
  @ApiProperty({ nullable: true, example: 'KRW' }) currency!: string | null;
  @ApiProperty({ format: 'uuid' }) recordedById!: string;
  @ApiProperty() updatedAt!: Date;

  static from(outcome: MeetingOutcome): MeetingOutcomeResponse {
    return {
      meetingId: outcome.meetingId,
      interestLevel: outcome.interestLevel,
      nextStep: outcome.nextStep,
      amount: outcome.amount,
      currency: outcome.currency,
      recordedById: outcome.recordedById,
      updatedAt: outcome.updatedAt,
    };
  }
}

/** A meeting after check-in or a no-show: its status and when the pair was checked in. */
export class MeetingAttendanceResponse {
  @ApiProperty({ format: 'uuid' }) meetingId!: string;
  @ApiProperty({ enum: MeetingStatus, enumName: 'MeetingStatus' }) status!: MeetingStatus;
  @ApiProperty() startsAt!: Date;
  @ApiProperty() endsAt!: Date;
  @ApiProperty({ nullable: true, description: 'When the pair was checked in; null for a no-show' }) checkedInAt!: Date | null;

  static from(meeting: Pick<Meeting, 'id' | 'status' | 'startsAt' | 'endsAt' | 'checkedInAt'>): MeetingAttendanceResponse {
    return { meetingId: meeting.id, status: meeting.status, startsAt: meeting.startsAt, endsAt: meeting.endsAt, checkedInAt: meeting.checkedInAt };
  }
}
