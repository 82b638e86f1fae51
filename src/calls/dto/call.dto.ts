import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { MayBeOmitted } from '../../common/validation/may-be-omitted';
import { CallDecision, CallKind, QuestionKind } from '../call.enums';

const trimmed = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

const TIME_DESCRIPTION =
  'A wall-clock time in the event zone ("2023-09-30T18:00") or an instant with an offset ("2023-09-30T09:00:00Z")';

export class CallQuestionInput {
  @ApiProperty({ enum: QuestionKind, enumName: 'QuestionKind' })
  @IsEnum(QuestionKind)
  kind!: QuestionKind;

  @ApiProperty({ example: 'What does your technology do for beauty?' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  prompt!: string;

  @ApiPropertyOptional({ default: true })
  @MayBeOmitted()
  @IsBoolean()
  required?: boolean;

  @ApiPropertyOptional({ type: [String], example: ['Digital device', 'Advanced material', 'Generative AI'], description: 'Choice questions only' })
  @MayBeOmitted()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(200, { each: true })
  choices?: string[];

  @ApiPropertyOptional({ example: 0, description: 'Number questions only: the smallest answer accepted' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  minValue?: number | null;

  @ApiPropertyOptional({ example: 1000, description: 'Number questions only: the largest answer accepted' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  maxValue?: number | null;
}

export class CallCriterionInput {
  @ApiProperty({ example: 'Innovation' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ example: 'How new the technology is for the beauty market' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @ApiProperty({ example: 10, minimum: 1, maximum: 100, description: 'Scores go from 1 to this' })
  @IsInt()
  @Min(1)
  @Max(100)
  maxScore!: number;
}

export class CreateCallDto {
  @ApiProperty({ enum: CallKind, enumName: 'CallKind' })
  @IsEnum(CallKind)
  kind!: CallKind;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Challenges only: the company running it, not a startup (you must be its member unless you organize the event); it cannot apply to its own challenge',
  })
  @IsOptional()
  @IsUUID()
  hostOrganizationId?: string | null;

  @ApiProperty({ example: "L'Oréal Big Bang open innovation 2023" })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title!: string;

  @ApiPropertyOptional({ example: 'Beauty-tech startups: digital devices, advanced materials, generative AI' })
  @MayBeOmitted()
  @IsString()
  @MaxLength(20000)
  description?: string;

  @ApiPropertyOptional({ example: 'Korean startups under 7 years old with a working prototype' })
  @MayBeOmitted()
  @IsString()
  @MaxLength(5000)
  eligibility?: string;

  @ApiProperty({ example: '2023-09-01T09:00', description: TIME_DESCRIPTION })
  @IsString()
  @MaxLength(40)
  opensAt!: string;

  @ApiProperty({ example: '2023-09-30T18:00', description: TIME_DESCRIPTION })
  @IsString()
  @MaxLength(40)
  closesAt!: string;

  @ApiProperty({ example: 2, description: 'How many applications the organizer means to select' })
  @IsInt()
  @Min(1)
  @Max(10000)
  places!: number;

  @ApiPropertyOptional({ type: [CallQuestionInput], description: 'The application form, in order' })
  @MayBeOmitted()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => CallQuestionInput)
  questions?: CallQuestionInput[];

  @ApiPropertyOptional({ type: [CallCriterionInput], description: 'What reviewers score, in order' })
  @MayBeOmitted()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => CallCriterionInput)
  criteria?: CallCriterionInput[];
}

/**
 * Every field may be left out. Questions and criteria are replaced as a whole, and only while no answer (for
 * questions) or score (for criteria) refers to them; lowering places below the selections already made is refused.
 */
export class UpdateCallDto {
  @ApiPropertyOptional()
  @MayBeOmitted()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional()
  @MayBeOmitted()
  @IsString()
  @MaxLength(20000)
  description?: string;

  @ApiPropertyOptional()
  @MayBeOmitted()
  @IsString()
  @MaxLength(5000)
  eligibility?: string;

  @ApiPropertyOptional({ description: `${TIME_DESCRIPTION}; fixed once the results are published (409 results_published)` })
  @MayBeOmitted()
  @IsString()
  @MaxLength(40)
  opensAt?: string;

  @ApiPropertyOptional({ description: `${TIME_DESCRIPTION}; a time already past closes the call now; fixed once the results are published (409 results_published)` })
  @MayBeOmitted()
  @IsString()
  @MaxLength(40)
  closesAt?: string;

  @ApiPropertyOptional()
  @MayBeOmitted()
  @IsInt()
  @Min(1)
  @Max(10000)
  places?: number;

  @ApiPropertyOptional({ type: [CallQuestionInput] })
  @MayBeOmitted()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => CallQuestionInput)
  questions?: CallQuestionInput[];

  @ApiPropertyOptional({ type: [CallCriterionInput] })
  @MayBeOmitted()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => CallCriterionInput)
  criteria?: CallCriterionInput[];
}

export class ListCallsQuery {
  @ApiPropertyOptional({ enum: CallKind, enumName: 'CallKind' })
  @IsOptional()
  @IsEnum(CallKind)
  kind?: CallKind;
}

export class AssignReviewerDto {
  @ApiProperty({ format: 'uuid', description: 'A member of the event, not of any applying organization named here' })
  @IsUUID()
  reviewerUserId!: string;

  @ApiProperty({ type: [String], format: 'uuid', description: 'Submitted applications of this call' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsUUID(undefined, { each: true })
  applicationIds!: string[];
}

export class QuestionResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() position!: number;
  @ApiProperty({ enum: QuestionKind, enumName: 'QuestionKind' }) kind!: QuestionKind;
  @ApiProperty() prompt!: string;
  @ApiProperty() required!: boolean;
  @ApiProperty({ type: [String] }) choices!: string[];
  @ApiProperty({ nullable: true }) minValue!: number | null;
  @ApiProperty({ nullable: true }) maxValue!: number | null;
}

export class CriterionResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() position!: number;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true }) description!: string | null;
  @ApiProperty({ description: 'Scores go from 1 to this' }) maxScore!: number;
}

export class OrganizationRefResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

/** Applicants per place: what the press calls the competition ratio (경쟁률), e.g. 17:1. */
export class CompetitionResponse {
  @ApiProperty({
    description: 'Submitted applications; drafts do not count, nor applications withdrawn before the call closed (one withdrawn later still counts, so the ratio stays put after the close)',
  })
  applicants!: number;
  @ApiProperty() places!: number;
  @ApiProperty({ example: 17, description: 'Applicants per place, to two decimals' }) ratio!: number;
  @ApiProperty({ example: '17:1' }) label!: string;
}

export class CallResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ enum: CallKind, enumName: 'CallKind' }) kind!: CallKind;
  @ApiProperty({ type: OrganizationRefResponse, nullable: true, description: 'The company running a challenge' })
  hostOrganization!: OrganizationRefResponse | null;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty() eligibility!: string;
  @ApiProperty({ example: '2023-09-01T09:00:00+09:00', description: 'In the event zone' }) opensAt!: string;
  @ApiProperty({ example: '2023-09-30T18:00:00+09:00', description: 'In the event zone' }) closesAt!: string;
  @ApiProperty({ description: 'Taking applications right now' }) isOpen!: boolean;
  @ApiProperty() places!: number;
  @ApiProperty({ type: CompetitionResponse }) competition!: CompetitionResponse;
  @ApiProperty({ nullable: true, description: 'When applicants could first see the decisions' }) resultsPublishedAt!: Date | null;
  @ApiProperty({ type: [QuestionResponse] }) questions!: QuestionResponse[];
  @ApiProperty({ type: [CriterionResponse] }) criteria!: CriterionResponse[];
  @ApiProperty({ description: 'You organize the event or belong to the host company: you see every application and decide' })
  canManage!: boolean;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class RankedCriterionResponse {
  @ApiProperty({ format: 'uuid' }) criterionId!: string;
  @ApiProperty({ nullable: true, description: 'Average score on this criterion; null before any review' }) average!: number | null;
}

export class RankingEntryResponse {
  @ApiProperty({ nullable: true, description: '1 for the best average; ties share a rank; null without reviews' }) rank!: number | null;
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty({ type: OrganizationRefResponse }) organization!: OrganizationRefResponse;
  @ApiProperty() reviewCount!: number;
  @ApiProperty({ description: 'Reviewers assigned' }) assignedCount!: number;
  @ApiProperty({ nullable: true, description: "Average of the reviews' totals (sum of their criterion scores)" }) average!: number | null;
  @ApiProperty({ nullable: true, description: 'Population standard deviation of those totals' }) standardDeviation!: number | null;
  @ApiProperty({ nullable: true }) lowest!: number | null;
  @ApiProperty({ nullable: true }) highest!: number | null;
  @ApiProperty({ type: [RankedCriterionResponse] }) criteria!: RankedCriterionResponse[];
  @ApiProperty({ enum: CallDecision, enumName: 'CallDecision', nullable: true }) decision!: CallDecision | null;
}

export class RankingResponse {
  @ApiProperty({ description: 'The highest total a review can give (sum of the criteria scales)' }) maxTotal!: number;
  @ApiProperty({ type: CompetitionResponse }) competition!: CompetitionResponse;
  @ApiProperty({ description: 'Applications selected so far' }) selected!: number;
  @ApiProperty({ type: [RankingEntryResponse], description: 'Submitted applications, best average first' }) entries!: RankingEntryResponse[];
}

export class AssignmentResponse {
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty({ format: 'uuid' }) reviewerUserId!: string;
  @ApiProperty() createdAt!: Date;
}
