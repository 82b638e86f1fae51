import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEnum, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { MayBeOmitted } from '../../common/validation/may-be-omitted';
import { CollaborationStage } from '../collaboration.enums';

const trimmed = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CreateCollaborationDto {
  @ApiProperty({ format: 'uuid', description: 'A selected application of a challenge whose results are published' })
  @IsUUID()
  applicationId!: string;

  @ApiPropertyOptional({ example: 'Smart UV-dose meter in L\'Oréal stores', description: "Default: the startup's name and the challenge's title" })
  @MayBeOmitted()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({ example: '2023-11-08', description: 'When matching began (default: today in the event zone)' })
  @MayBeOmitted()
  @Matches(DATE, { message: 'startedOn must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  startedOn?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  note?: string | null;
}

export class MoveStageDto {
  @ApiProperty({ enum: CollaborationStage, enumName: 'CollaborationStage', description: 'Forward only; dropped from any stage not ended' })
  @IsEnum(CollaborationStage)
  stage!: CollaborationStage;

  @ApiPropertyOptional({ example: '2024-02-01', description: 'The day it entered the stage (default: today in the event zone)' })
  @MayBeOmitted()
  @Matches(DATE, { message: 'on must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  on?: string;

  @ApiPropertyOptional({ nullable: true, example: 'Prototype passed the lab test in Clichy' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  note?: string | null;
}

export class ListCollaborationsQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the projects of this host company' })
  @IsOptional()
  @IsUUID()
  hostOrganizationId?: string;

  @ApiPropertyOptional({ enum: CollaborationStage, enumName: 'CollaborationStage' })
  @IsOptional()
  @IsEnum(CollaborationStage)
  stage?: CollaborationStage;
}

export class CollaborationPartyResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class StageEntryResponse {
  @ApiProperty({ enum: CollaborationStage, enumName: 'CollaborationStage' }) stage!: CollaborationStage;
  @ApiProperty({ example: '2023-11-08' }) enteredOn!: string;
  @ApiProperty({ nullable: true }) note!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true }) recordedById!: string | null;
  @ApiProperty() createdAt!: Date;
}

export class CollaborationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ format: 'uuid' }) callId!: string;
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty({ type: CollaborationPartyResponse }) host!: CollaborationPartyResponse;
  @ApiProperty({ type: CollaborationPartyResponse }) startup!: CollaborationPartyResponse;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: CollaborationStage, enumName: 'CollaborationStage' }) stage!: CollaborationStage;
  @ApiProperty({ example: '2024-02-01', description: 'The day the current stage began' }) stageSince!: string;
  @ApiProperty({ type: [StageEntryResponse], description: 'Every stage it went through, oldest first' }) history!: StageEntryResponse[];
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}
