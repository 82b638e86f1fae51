import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsEmail, IsEnum, IsOptional } from 'class-validator';
import { RegisterUserDto } from '../../users/dto/user.dto';
import { Language } from '../../users/language';
import { EventRole } from '../event.enums';

export enum InvitationStatus {
  Pending = 'pending',
  Accepted = 'accepted',
  Revoked = 'revoked',
  Expired = 'expired',
}

export class CreateInvitationDto {
  @ApiProperty({ example: 'partner@vc.example' })
  @IsEmail()
  email!: string;

  @ApiProperty({ enum: EventRole, enumName: 'EventRole' })
  @IsEnum(EventRole)
  role!: EventRole;

  @ApiPropertyOptional({ enum: Language, enumName: 'Language', description: "Language of the email; default: the invitee's, else yours" })
  @IsOptional()
  @IsEnum(Language)
  language?: Language;
}

export class RegisterWithInvitationDto extends OmitType(RegisterUserDto, ['email'] as const) {}

export class InvitationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: EventRole, enumName: 'EventRole' }) role!: EventRole;
  @ApiProperty({ enum: Language, enumName: 'Language' }) language!: Language;
  @ApiProperty({ enum: InvitationStatus, enumName: 'InvitationStatus' }) status!: InvitationStatus;
  @ApiProperty() expiresAt!: Date;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ nullable: true }) acceptedAt!: Date | null;
}

export class CreatedInvitationResponse extends InvitationResponse {
  @ApiProperty({ description: 'Shown once; also sent by email' }) token!: string;
  @ApiProperty({ example: 'http://localhost:3000/invitations/abc' }) acceptUrl!: string;
}

export class InvitationEventSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() slug!: string;
  @ApiProperty() name!: string;
  @ApiProperty() startsOn!: string;
  @ApiProperty() endsOn!: string;
  @ApiProperty() timeZone!: string;
}

export class InvitationPreviewResponse {
  @ApiProperty({ type: InvitationEventSummary }) event!: InvitationEventSummary;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: EventRole, enumName: 'EventRole' }) role!: EventRole;
  @ApiProperty() expiresAt!: Date;
  @ApiProperty({ description: 'Whether to sign in (true) or register (false) to accept' }) accountExists!: boolean;
}
