import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEnum, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { ParticipantSide } from '../consultation.enums';
import { ConsultationProgramme } from '../consultation-programme.entity';
import { ProgrammeParticipant } from '../programme-participant.entity';

const trimmed = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export class CreateProgrammeDto {
  @ApiProperty({ example: 'Boston investment consultation', description: 'The programme as participants know it' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ example: '15 startups meet 38 VCs in four rounds', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  description?: string | null;
}

/** Either field may be left out; null clears the description, never the name. */
export class UpdateProgrammeDto extends PartialType(CreateProgrammeDto, { skipNullProperties: false }) {}

/** Counts and the caller's own place in the programme. */
export interface ProgrammeFacts {
  hostCount: number;
  guestCount: number;
  roundCount: number;
  mySide: ParticipantSide | null;
}

export class ProgrammeResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: 'Boston investment consultation' }) name!: string;
  @ApiProperty({ nullable: true }) description!: string | null;
  @ApiProperty({ description: 'Investors and experts taking part' }) hostCount!: number;
  @ApiProperty({ description: 'Startups taking part' }) guestCount!: number;
  @ApiProperty() roundCount!: number;
  @ApiProperty({ enum: ParticipantSide, enumName: 'ParticipantSide', nullable: true, description: 'Your side; null if you organize only' })
  mySide!: ParticipantSide | null;
  @ApiProperty() createdAt!: Date;

  static from(programme: ConsultationProgramme, facts: ProgrammeFacts): ProgrammeResponse {
    return {
      id: programme.id,
      eventId: programme.eventId,
      name: programme.name,
      description: programme.description,
      hostCount: facts.hostCount,
      guestCount: facts.guestCount,
      roundCount: facts.roundCount,
      mySide: facts.mySide,
      createdAt: programme.createdAt,
    };
  }
}

export class AddParticipantDto {
  @ApiProperty({ format: 'uuid', description: 'A member of the event: investor or expert for a host, startup for a guest' })
  @IsUUID()
  userId!: string;

  @ApiProperty({ enum: ParticipantSide, enumName: 'ParticipantSide', description: 'host: holds consultations; guest: comes to them' })
  @IsEnum(ParticipantSide)
  side!: ParticipantSide;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'The company the person meets for; they must belong to it' })
  @IsOptional()
  @IsUUID()
  organizationId?: string | null;

  @ApiPropertyOptional({ example: 'patent', nullable: true, description: 'For experts: patent, labour, marketing, technology, investment...' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  expertise?: string | null;
}

export class ParticipantResponse {
  @ApiProperty({ format: 'uuid' }) programmeId!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ParticipantSide, enumName: 'ParticipantSide' }) side!: ParticipantSide;
  @ApiProperty({ format: 'uuid', nullable: true }) organizationId!: string | null;
  @ApiProperty({ nullable: true }) organizationName!: string | null;
  @ApiProperty({ nullable: true }) expertise!: string | null;
  @ApiProperty({ nullable: true, description: "A host's own video link; shown to organizers and the host only" }) videoLink!: string | null;
  @ApiProperty() createdAt!: Date;

  static from(participant: ProgrammeParticipant, name: string, organizationName: string | null, showVideoLink: boolean): ParticipantResponse {
    return {
      programmeId: participant.programmeId,
      userId: participant.userId,
      name,
      side: participant.side,
      organizationId: participant.organizationId,
      organizationName,
      expertise: participant.expertise,
      videoLink: showVideoLink ? participant.videoLink : null,
      createdAt: participant.createdAt,
    };
  }
}
