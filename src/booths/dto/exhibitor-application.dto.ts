import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { MayBeOmitted } from '../../common/validation/may-be-omitted';
import { ApplicationStatus } from '../booth.enums';
import { Booth } from '../booth.entity';
import { ExhibitorApplication, TeamMember } from '../exhibitor-application.entity';

export enum ApplicationDecision {
  Accept = 'accept',
  Reject = 'reject',
  Waitlist = 'waitlist',
}

export class TeamMemberDto {
  @ApiProperty({ example: 'Kim Minji' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @ApiPropertyOptional({ example: 'CEO' })
  @MayBeOmitted()
  @IsString()
  @MaxLength(100)
  title?: string;
}

export class CreateExhibitorApplicationDto {
  @ApiProperty({ format: 'uuid', description: 'The organization that would exhibit; you must be one of its members' })
  @IsUUID()
  organizationId!: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Pavilions of this event, most wanted first' })
  @MayBeOmitted()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsUUID(undefined, { each: true })
  preferredPavilionIds?: string[];

  @ApiProperty({ example: 'Vegan sun care made from Jeju botanicals' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  pitch!: string;

  @ApiPropertyOptional({ type: [String], example: ['비건 선크림', 'Vegan sun cream'] })
  @MayBeOmitted()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(200, { each: true })
  products?: string[];

  @ApiPropertyOptional({ type: [TeamMemberDto] })
  @MayBeOmitted()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => TeamMemberDto)
  teamMembers?: TeamMemberDto[];
}

/** The applicant's changes while the application is submitted or waitlisted; null is refused for every field. */
export class UpdateExhibitorApplicationDto extends PartialType(OmitType(CreateExhibitorApplicationDto, ['organizationId'] as const), {
  skipNullProperties: false,
}) {}

export class ListExhibitorApplicationsQuery {
  @ApiPropertyOptional({ enum: ApplicationStatus, enumName: 'ApplicationStatus' })
  @IsOptional()
  @IsEnum(ApplicationStatus)
  status?: ApplicationStatus;
}

export class ApplicationDecisionDto {
  @ApiProperty({ enum: ApplicationDecision, enumName: 'ApplicationDecision' })
  @IsEnum(ApplicationDecision)
  decision!: ApplicationDecision;

  @ApiPropertyOptional({ description: 'Shown to the applicant; required to reject' })
  @ValidateIf((dto: ApplicationDecisionDto) => dto.decision === ApplicationDecision.Reject || dto.reason !== undefined)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason?: string;

  @ApiPropertyOptional({ example: 1, description: 'Booths the exhibitor may hold (accept only; default: unchanged, initially 1)' })
  @ValidateIf((dto: ApplicationDecisionDto) => dto.boothAllowance !== undefined)
  @IsInt()
  @Min(1)
  @Max(50)
  boothAllowance?: number;
}

export class TeamMemberResponse {
  @ApiProperty() name!: string;
  @ApiPropertyOptional() title?: string;

  static from(member: TeamMember): TeamMemberResponse {
    return { name: member.name, ...(member.title !== undefined ? { title: member.title } : {}) };
  }
}

export class ApplicationBoothResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'C-07' }) code!: string;
  @ApiProperty({ format: 'uuid' }) pavilionId!: string;

  static from(booth: Booth): ApplicationBoothResponse {
    return { id: booth.id, code: booth.code, pavilionId: booth.pavilionId };
  }
}

export class ExhibitorApplicationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty({ description: "The organization's name when it applied" }) exhibitorName!: string;
  @ApiProperty({ type: [String] }) sectors!: string[];
  @ApiProperty({ type: [String], format: 'uuid' }) preferredPavilionIds!: string[];
  @ApiProperty() pitch!: string;
  @ApiProperty({ type: [String] }) products!: string[];
  @ApiProperty({ type: [TeamMemberResponse] }) teamMembers!: TeamMemberResponse[];
  @ApiProperty({ enum: ApplicationStatus, enumName: 'ApplicationStatus' }) status!: ApplicationStatus;
  @ApiProperty({ nullable: true, description: 'Why it was rejected or waitlisted' }) decisionReason!: string | null;
  @ApiProperty({ nullable: true }) decidedAt!: Date | null;
  @ApiProperty({ description: 'Booths the exhibitor may hold' }) boothAllowance!: number;
  @ApiProperty({ type: [ApplicationBoothResponse], description: 'Booths assigned to it' }) booths!: ApplicationBoothResponse[];
  @ApiProperty({ format: 'uuid' }) appliedById!: string;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;

  static from(application: ExhibitorApplication, booths: Booth[]): ExhibitorApplicationResponse {
    return {
      id: application.id,
      eventId: application.eventId,
      organizationId: application.organizationId,
      exhibitorName: application.exhibitorName,
      sectors: application.sectors,
      preferredPavilionIds: application.preferredPavilionIds,
      pitch: application.pitch,
      products: application.products,
      teamMembers: application.teamMembers.map((member) => TeamMemberResponse.from(member)),
      status: application.status,
      decisionReason: application.decisionReason,
      decidedAt: application.decidedAt,
      boothAllowance: application.boothAllowance,
      booths: booths.map((booth) => ApplicationBoothResponse.from(booth)),
      appliedById: application.appliedById,
      createdAt: application.createdAt,
      updatedAt: application.updatedAt,
    };
  }
}
