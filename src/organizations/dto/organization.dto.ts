import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsEnum,
  IsInt,
  IsISO31661Alpha2,
  IsISO4217CurrencyCode,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { MayBeOmitted } from '../../common/validation/may-be-omitted';
import { Organization } from '../organization.entity';
import { CompanyStage, InvestorType, OrganizationKind, OrganizationRole } from '../organization.enums';

/** bigint columns, read back as JS numbers: keep amounts where a number is exact. */
const MAX_AMOUNT = Number.MAX_SAFE_INTEGER;

const upperCase = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.toUpperCase() : value);

export class CreateOrganizationDto {
  @ApiProperty({ example: 'Bio Ventures Co.' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: OrganizationKind, enumName: 'OrganizationKind' })
  @IsEnum(OrganizationKind)
  kind!: OrganizationKind;

  @ApiPropertyOptional({ enum: InvestorType, enumName: 'InvestorType', description: 'Only for investors' })
  @IsOptional()
  @IsEnum(InvestorType)
  investorType?: InvestorType | null;

  @ApiPropertyOptional({ type: [String], example: ['bio', 'cosmetics'] })
  @MayBeOmitted()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  sectors?: string[];

  @ApiPropertyOptional({ enum: CompanyStage, enumName: 'CompanyStage' })
  @IsOptional()
  @IsEnum(CompanyStage)
  stage?: CompanyStage | null;

  @ApiPropertyOptional({ example: 'KR', description: 'ISO 3166-1 alpha-2' })
  @IsOptional()
  @Transform(upperCase)
  @IsISO31661Alpha2()
  country?: string | null;

  @ApiPropertyOptional({ example: 'https://example.com' })
  @IsOptional()
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] })
  website?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string | null;

  @ApiPropertyOptional({ example: 'https://example.com/deck.pdf' })
  @IsOptional()
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] })
  pitchDeckUrl?: string | null;

  @ApiPropertyOptional({ example: 100_000_000, description: 'Smallest ticket, in ticketCurrency units' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT)
  ticketMin?: number | null;

  @ApiPropertyOptional({ example: 2_000_000_000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT)
  ticketMax?: number | null;

  @ApiPropertyOptional({ example: 'KRW', description: 'ISO 4217' })
  @IsOptional()
  @Transform(upperCase)
  @IsISO4217CurrencyCode()
  ticketCurrency?: string | null;

  @ApiPropertyOptional({ type: [String], example: ['bio-health', 'mobility'] })
  @MayBeOmitted()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  focusSectors?: string[];

  @ApiPropertyOptional({ enum: CompanyStage, enumName: 'CompanyStage', isArray: true })
  @MayBeOmitted()
  @IsArray()
  @IsEnum(CompanyStage, { each: true })
  focusStages?: CompanyStage[];
}

/** Every field may be left out; name, kind and the lists may not be set to null (see MayBeOmitted). */
export class UpdateOrganizationDto extends PartialType(CreateOrganizationDto, { skipNullProperties: false }) {}

export class AddOrganizationMemberDto {
  @ApiProperty({ example: 'colleague@example.com', description: 'Email of an existing Matchday account' })
  @IsEmail()
  email!: string;

  @ApiProperty({ enum: OrganizationRole, enumName: 'OrganizationRole' })
  @IsEnum(OrganizationRole)
  role!: OrganizationRole;
}

export class UpdateOrganizationMemberDto {
  @ApiProperty({ enum: OrganizationRole, enumName: 'OrganizationRole' })
  @IsEnum(OrganizationRole)
  role!: OrganizationRole;
}

export class OrganizationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: OrganizationKind, enumName: 'OrganizationKind' }) kind!: OrganizationKind;
  @ApiProperty({ enum: InvestorType, enumName: 'InvestorType', nullable: true }) investorType!: InvestorType | null;
  @ApiProperty({ type: [String] }) sectors!: string[];
  @ApiProperty({ enum: CompanyStage, enumName: 'CompanyStage', nullable: true }) stage!: CompanyStage | null;
  @ApiProperty({ nullable: true }) country!: string | null;
  @ApiProperty({ nullable: true }) website!: string | null;
  @ApiProperty({ nullable: true }) description!: string | null;
  @ApiProperty({ nullable: true }) pitchDeckUrl!: string | null;
  @ApiProperty({ nullable: true }) ticketMin!: number | null;
  @ApiProperty({ nullable: true }) ticketMax!: number | null;
  @ApiProperty({ nullable: true }) ticketCurrency!: string | null;
  @ApiProperty({ type: [String] }) focusSectors!: string[];
  @ApiProperty({ enum: CompanyStage, enumName: 'CompanyStage', isArray: true }) focusStages!: CompanyStage[];
  @ApiProperty({ enum: OrganizationRole, enumName: 'OrganizationRole', nullable: true, description: 'Your role, if you are a member' })
  myRole!: OrganizationRole | null;

  static from(organization: Organization, myRole: OrganizationRole | null): OrganizationResponse {
    return {
      id: organization.id,
      name: organization.name,
      kind: organization.kind,
      investorType: organization.investorType,
      sectors: organization.sectors,
      stage: organization.stage,
      country: organization.country,
      website: organization.website,
      description: organization.description,
      pitchDeckUrl: organization.pitchDeckUrl,
      ticketMin: organization.ticketMin,
      ticketMax: organization.ticketMax,
      ticketCurrency: organization.ticketCurrency,
      focusSectors: organization.focusSectors,
      focusStages: organization.focusStages,
      myRole,
    };
  }
}

export class OrganizationMemberResponse {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: OrganizationRole, enumName: 'OrganizationRole' }) role!: OrganizationRole;
  @ApiProperty() joinedAt!: Date;
}
