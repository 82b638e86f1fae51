import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { MayBeOmitted } from '../../common/validation/may-be-omitted';

const trimmed = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export class CreatePitchSessionDto {
  @ApiProperty({ format: 'uuid', description: 'An agenda session of this event, of kind ir_pitch' })
  @IsUUID()
  agendaSessionId!: string;

  @ApiProperty({ format: 'uuid', description: 'An IR pitch call of this event, whose selected applications pitch' })
  @IsUUID()
  callId!: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'A consultation round of this event: where "want to meet" sends requests' })
  @IsOptional()
  @IsUUID()
  consultationRoundId?: string | null;

  @ApiPropertyOptional({ default: 7, minimum: 1, maximum: 120 })
  @MayBeOmitted()
  @IsInt()
  @Min(1)
  @Max(120)
  pitchMinutes?: number;

  @ApiPropertyOptional({ default: 3, minimum: 0, maximum: 120, description: 'Questions and answers after each pitch' })
  @MayBeOmitted()
  @IsInt()
  @Min(0)
  @Max(120)
  qaMinutes?: number;
}

export class UpdatePitchSessionDto {
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'null unlinks the round' })
  @IsOptional()
  @IsUUID()
  consultationRoundId?: string | null;

  @ApiPropertyOptional({ minimum: 1, maximum: 120 })
  @MayBeOmitted()
  @IsInt()
  @Min(1)
  @Max(120)
  pitchMinutes?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 120 })
  @MayBeOmitted()
  @IsInt()
  @Min(0)
  @Max(120)
  qaMinutes?: number;
}

export class RunningOrderDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Selected applications of the call, in pitching order (the whole order: pitches left out are removed)',
  })
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID(undefined, { each: true })
  applicationIds!: string[];
}

export class RatePitchDto {
  @ApiProperty({ minimum: 1, maximum: 5, example: 4 })
  @IsInt()
  @Min(1)
  @Max(5)
  score!: number;

  @ApiPropertyOptional({ nullable: true, description: 'Your own note; nobody else reads it' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

export class WantToMeetDto {
  @ApiPropertyOptional({ nullable: true, description: 'The message of the meeting request (default: a line naming the pitch)' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  message?: string | null;
}

export class PitchStartupResponse {
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty() name!: string;
}

export class PitchSlotResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() position!: number;
  @ApiProperty({ type: PitchStartupResponse }) startup!: PitchStartupResponse;
  @ApiProperty({ example: '2023-04-28T10:00:00-04:00', description: 'In the event zone' }) startsAt!: string;
  @ApiProperty({ example: '2023-04-28T10:07:00-04:00', description: 'End of the pitch, start of the questions' }) pitchEndsAt!: string;
  @ApiProperty({ example: '2023-04-28T10:10:00-04:00' }) endsAt!: string;
  @ApiProperty({ nullable: true, minimum: 1, maximum: 5, description: 'Your rating (investors)' }) myRating!: number | null;
  @ApiProperty({ description: 'You asked to meet this startup' }) iWantToMeet!: boolean;
}

export class PitchSessionResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ format: 'uuid' }) agendaSessionId!: string;
  @ApiProperty({ nullable: true }) title!: string | null;
  @ApiProperty({ format: 'uuid' }) callId!: string;
  @ApiProperty({ format: 'uuid', nullable: true }) consultationRoundId!: string | null;
  @ApiProperty() pitchMinutes!: number;
  @ApiProperty() qaMinutes!: number;
  @ApiProperty({ description: 'In the event zone' }) startsAt!: string;
  @ApiProperty({ description: 'In the event zone' }) endsAt!: string;
  @ApiProperty({ description: 'The running order runs past the end of the agenda session (it was shortened since)' }) overruns!: boolean;
  @ApiProperty({ type: [PitchSlotResponse] }) slots!: PitchSlotResponse[];
}

export class PitchRatingResponse {
  @ApiProperty({ format: 'uuid' }) pitchSlotId!: string;
  @ApiProperty() score!: number;
  @ApiProperty({ nullable: true }) note!: string | null;
  @ApiProperty() updatedAt!: Date;
}

export class PitchInterestResponse {
  @ApiProperty({ format: 'uuid' }) pitchSlotId!: string;
  @ApiProperty({ format: 'uuid', nullable: true, description: 'The meeting request it sent (null if that request was since deleted)' })
  meetingRequestId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true }) roundId!: string | null;
  @ApiProperty({ description: 'False when you had already asked: nothing new was sent' }) created!: boolean;
  @ApiProperty() createdAt!: Date;
}

export class PitchInterestFiguresResponse {
  @ApiProperty({ format: 'uuid' }) pitchSlotId!: string;
  @ApiProperty() position!: number;
  @ApiProperty({ type: PitchStartupResponse }) startup!: PitchStartupResponse;
  @ApiProperty({ description: 'Investors who asked to meet' }) wantToMeet!: number;
  @ApiProperty() ratingCount!: number;
  @ApiProperty({ nullable: true, description: 'Average rating, to two decimals' }) averageRating!: number | null;
}
