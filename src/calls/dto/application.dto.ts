import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  ValidationOptions,
} from 'class-validator';
import { MayBeOmitted } from '../../common/validation/may-be-omitted';
import { CallApplicationStatus, CallDecision } from '../call.enums';
import { OrganizationRefResponse } from './call.dto';

const trimmed = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

/** The longest text answer taken. */
export const MAX_ANSWER_LENGTH = 5000;

/** An answer's value: text up to MAX_ANSWER_LENGTH characters, or a finite number (what each question takes is checked later). */
function IsAnswerValue(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isAnswerValue',
      validator: {
        validate: (value: unknown) =>
          (typeof value === 'string' && value.length <= MAX_ANSWER_LENGTH) || (typeof value === 'number' && Number.isFinite(value)),
        defaultMessage: () => `value must be text of at most ${MAX_ANSWER_LENGTH} characters or a number`,
      },
    },
    options,
  );
}

/** For OpenAPI: an answer is text (text, choice and link questions) or a number. */
const ANSWER_VALUE_SCHEMA = { oneOf: [{ type: 'string' }, { type: 'number' }] };

export class AnswerInput {
  @ApiProperty({ format: 'uuid', description: 'A question of this call' })
  @IsUUID()
  questionId!: string;

  @ApiProperty({ ...ANSWER_VALUE_SCHEMA, nullable: true, description: 'null removes the answer' })
  @ValidateIf((_object, value) => value !== null)
  @IsAnswerValue()
  value!: string | number | null;
}

export class CreateCallApplicationDto {
  @ApiProperty({ format: 'uuid', description: 'The startup applying; you must be one of its members' })
  @IsUUID()
  organizationId!: string;

  @ApiPropertyOptional({ type: [AnswerInput] })
  @MayBeOmitted()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AnswerInput)
  answers?: AnswerInput[];
}

export class UpdateCallApplicationDto {
  @ApiProperty({ type: [AnswerInput], description: 'Answers to set (null removes one); answers not named stay as they are' })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AnswerInput)
  answers!: AnswerInput[];
}

export class CallDecisionDto {
  @ApiProperty({ enum: CallDecision, enumName: 'CallDecision' })
  @IsEnum(CallDecision)
  decision!: CallDecision;

  @ApiPropertyOptional({
    example: 'Congratulations: see you at the award ceremony on 8 November',
    nullable: true,
    description: 'Shown to the applicant once published. Left out, the note given with an earlier decision stays; null removes it',
  })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  note?: string | null;

  @ApiPropertyOptional({ default: false, description: 'Select even though every place is taken (otherwise that is a 409)' })
  @MayBeOmitted()
  @IsBoolean()
  overPlaces?: boolean;

  @ApiPropertyOptional({ default: false, description: "Let the applicant read the reviewers' comments (without names) once published" })
  @MayBeOmitted()
  @IsBoolean()
  shareReviewComments?: boolean;
}

export class ScoreInput {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  criterionId!: string;

  @ApiProperty({ example: 8, description: "From 1 to the criterion's maxScore" })
  @IsInt()
  score!: number;
}

export class ReviewDto {
  @ApiProperty({ type: [ScoreInput], description: 'One score for every criterion of the call' })
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => ScoreInput)
  scores!: ScoreInput[];

  @ApiPropertyOptional({ example: 'Strong prototype; the clinical evidence is thin.', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  comment?: string | null;
}

export class ListCallApplicationsQuery {
  @ApiPropertyOptional({ enum: CallApplicationStatus, enumName: 'CallApplicationStatus' })
  @IsOptional()
  @IsEnum(CallApplicationStatus)
  status?: CallApplicationStatus;
}

export class AnswerResponse {
  @ApiProperty({ format: 'uuid' }) questionId!: string;
  @ApiProperty(ANSWER_VALUE_SCHEMA) value!: string | number;
}

export class ScoreResponse {
  @ApiProperty({ format: 'uuid' }) criterionId!: string;
  @ApiProperty() score!: number;
  @ApiProperty() maxScore!: number;
}

export class ReviewerRefResponse {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() name!: string;
}

export class ReviewResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty({ type: ReviewerRefResponse }) reviewer!: ReviewerRefResponse;
  @ApiProperty({ type: [ScoreResponse] }) scores!: ScoreResponse[];
  @ApiProperty({ description: 'Sum of the scores' }) total!: number;
  @ApiProperty({ nullable: true }) comment!: string | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class AssignedReviewerResponse extends ReviewerRefResponse {
  @ApiProperty() reviewed!: boolean;
}

export class CallApplicationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) callId!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ type: OrganizationRefResponse }) organization!: OrganizationRefResponse;
  @ApiProperty({ enum: CallApplicationStatus, enumName: 'CallApplicationStatus' }) status!: CallApplicationStatus;
  @ApiProperty({ type: [AnswerResponse] }) answers!: AnswerResponse[];
  @ApiProperty({ nullable: true }) submittedAt!: Date | null;
  @ApiProperty({ nullable: true }) withdrawnAt!: Date | null;
  @ApiProperty({
    enum: CallDecision,
    enumName: 'CallDecision',
    nullable: true,
    description: 'For the applicant (and reviewers) only once the results are published; organizers and hosts always',
  })
  decision!: CallDecision | null;
  @ApiProperty({ nullable: true, description: 'Shown with the decision' }) decisionNote!: string | null;
  @ApiProperty({ nullable: true }) decidedAt!: Date | null;
  @ApiProperty({ description: "Organizers and hosts: whether the applicant may read the reviewers' comments" }) reviewCommentsShared!: boolean;
  @ApiProperty({
    type: [String],
    nullable: true,
    description: "The reviewers' comments, without names: for the applicant once published, and only if shared; else null",
  })
  reviewComments!: string[] | null;
  @ApiProperty({ type: [AssignedReviewerResponse], nullable: true, description: 'Organizers and hosts only' })
  reviewers!: AssignedReviewerResponse[] | null;
  @ApiProperty({ type: ReviewResponse, nullable: true, description: 'Your own review, when you are an assigned reviewer' })
  myReview!: ReviewResponse | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}
