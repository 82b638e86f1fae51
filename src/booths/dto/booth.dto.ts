import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
} from 'class-validator';
import { MayBeOmitted } from '../../common/validation/may-be-omitted';
import { Booth } from '../booth.entity';
import { isValidBoothCode, MAX_BOOTH_CODE_LENGTH, normalizeBoothCode } from '../booth-codes';
import { BoothStatus } from '../booth.enums';
import { trimmed } from './pavilion.dto';

/** The statuses an organizer sets by hand; `assigned` follows from assigning an exhibitor. */
export const SETTABLE_BOOTH_STATUSES = [BoothStatus.Available, BoothStatus.OnHold] as const;
export type SettableBoothStatus = (typeof SETTABLE_BOOTH_STATUSES)[number];

const normalizedCode = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? normalizeBoothCode(value) : value);

function IsBoothCode(): PropertyDecorator {
  return ValidateBy({
    name: 'isBoothCode',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isValidBoothCode(value),
      defaultMessage: () =>
        `code must be letters and digits joined by single "-", "." or "/", at most ${MAX_BOOTH_CODE_LENGTH} characters (e.g. C-07)`,
    },
  });
}

export class CreateBoothDto {
  @ApiProperty({ format: 'uuid', description: 'A pavilion of this event' })
  @IsUUID()
  pavilionId!: string;

  @ApiProperty({ example: 'C-07', description: 'Unique within the event; stored upper-case' })
  @Transform(normalizedCode)
  @IsString()
  @IsBoothCode()
  code!: string;

  @ApiPropertyOptional({ example: '3x3 m shell scheme', description: 'Size or type' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  boothType?: string | null;

  @ApiPropertyOptional({ enum: SETTABLE_BOOTH_STATUSES, default: BoothStatus.Available })
  @MayBeOmitted()
  @IsIn(SETTABLE_BOOTH_STATUSES)
  status?: SettableBoothStatus;
}

/** Every field may be left out; null clears boothType only. An assigned booth keeps its status until unassigned. */
export class UpdateBoothDto extends PartialType(CreateBoothDto, { skipNullProperties: false }) {}

export class CreateBoothBatchDto {
  @ApiProperty({ format: 'uuid', description: 'A pavilion of this event' })
  @IsUUID()
  pavilionId!: string;

  @ApiProperty({ example: 'C-', description: 'Put before each number (may be empty)' })
  @IsString()
  @MaxLength(MAX_BOOTH_CODE_LENGTH)
  prefix!: string;

  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(0)
  @Max(99_999)
  from!: number;

  @ApiProperty({ example: 20, description: 'Inclusive; at most 500 booths per batch' })
  @IsInt()
  @Min(0)
  @Max(99_999)
  to!: number;

  @ApiPropertyOptional({ example: 2, default: 2, description: 'Zero-pad numbers to this many digits' })
  @MayBeOmitted()
  @IsInt()
  @Min(1)
  @Max(5)
  digits?: number;

  @ApiPropertyOptional({ example: '3x3 m shell scheme' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  boothType?: string | null;
}

export class ListBoothsQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  pavilionId?: string;

  @ApiPropertyOptional({ enum: BoothStatus, enumName: 'BoothStatus' })
  @IsOptional()
  @IsIn(Object.values(BoothStatus))
  status?: BoothStatus;
}

export class AssignBoothDto {
  @ApiProperty({ format: 'uuid', description: 'An accepted exhibitor application of this event' })
  @IsUUID()
  applicationId!: string;
}

export class UpdateBoothProfileDto {
  @ApiPropertyOptional({ example: '천연 화장품 브랜드 / Natural cosmetics brand' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string | null;

  @ApiPropertyOptional({ type: [String], example: ['Vegan sun cream', '비건 선크림'] })
  @MayBeOmitted()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(200, { each: true })
  products?: string[];

  @ApiPropertyOptional({ type: [String], example: ['https://example.com'] })
  @MayBeOmitted()
  @IsArray()
  @ArrayMaxSize(10)
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] }, { each: true })
  @MaxLength(500, { each: true })
  links?: string[];

  @ApiPropertyOptional({ type: [String], example: ['Kim Minji', 'Lee Jun'], description: 'Who is at the booth' })
  @MayBeOmitted()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(100, { each: true })
  staffOnDuty?: string[];
}

export class BoothResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ format: 'uuid' }) pavilionId!: string;
  @ApiProperty({ example: 'C-07' }) code!: string;
  @ApiProperty({ nullable: true, example: '3x3 m shell scheme' }) boothType!: string | null;
  @ApiProperty({ enum: BoothStatus, enumName: 'BoothStatus' }) status!: BoothStatus;
  @ApiProperty({ format: 'uuid', nullable: true, description: 'The exhibitor application holding it' }) applicationId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, description: 'The exhibiting organization' }) organizationId!: string | null;
  @ApiProperty({ nullable: true }) description!: string | null;
  @ApiProperty({ type: [String] }) products!: string[];
  @ApiProperty({ type: [String] }) links!: string[];
  @ApiProperty({ type: [String] }) staffOnDuty!: string[];
  @ApiProperty() updatedAt!: Date;

  static from(booth: Booth): BoothResponse {
    return {
      id: booth.id,
      eventId: booth.eventId,
      pavilionId: booth.pavilionId,
      code: booth.code,
      boothType: booth.boothType,
      status: booth.status,
      applicationId: booth.applicationId,
      organizationId: booth.organizationId,
      description: booth.description,
      products: booth.products,
      links: booth.links,
      staffOnDuty: booth.staffOnDuty,
      updatedAt: booth.updatedAt,
    };
  }
}
