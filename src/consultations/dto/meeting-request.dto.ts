import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsEnum, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { MayBeOmitted } from '../../common/validation/may-be-omitted';
import { ParticipantSide, RequestStatus } from '../consultation.enums';
import { MeetingOrganizationResponse } from './meeting.dto';

const trimmed = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export class CreateMeetingRequestDto {
  @ApiProperty({ format: 'uuid', description: 'The host (when a guest asks) or the guest (when a host asks)' })
  @IsUUID()
  toUserId!: string;

  @ApiPropertyOptional({ example: 'We build battery recycling robots; we would value your view on our Series A', nullable: true })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(2000)
  message?: string | null;

  @ApiPropertyOptional({ minimum: 1, maximum: 5, default: 3, description: '1 is the most wanted' })
  @MayBeOmitted()
  @IsInt()
  @Min(1)
  @Max(5)
  priority?: number;
}

export class DeclineMeetingRequestDto {
  @ApiPropertyOptional({ example: 'Outside our investment focus', nullable: true })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason?: string | null;
}

export class PlaceMeetingRequestDto {
  @ApiProperty({ example: '2023-04-28T09:00:00-04:00', description: 'A slot free for both people' })
  @IsString()
  @MaxLength(40)
  startsAt!: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'On-site rounds: a location of the round' })
  @IsOptional()
  @IsUUID()
  locationId?: string | null;
}

export class ListMeetingRequestsQuery {
  @ApiPropertyOptional({ enum: ['sent', 'received'], description: 'Only the requests you sent, or those sent to you' })
  @IsOptional()
  @IsIn(['sent', 'received'])
  box?: 'sent' | 'received';

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  roundId?: string;

  @ApiPropertyOptional({ enum: RequestStatus, enumName: 'RequestStatus' })
  @IsOptional()
  @IsEnum(RequestStatus)
  status?: RequestStatus;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class MeetingRequestPartyResponse {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: MeetingOrganizationResponse, nullable: true }) organization!: MeetingOrganizationResponse | null;
}

export class MeetingRequestResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ format: 'uuid' }) roundId!: string;
  @ApiProperty({ enum: RequestStatus, enumName: 'RequestStatus', description: 'A pending request of a closed round reads as expired' })
  status!: RequestStatus;
  @ApiProperty({ enum: ParticipantSide, enumName: 'ParticipantSide', description: 'Which side asked' }) initiatedBy!: ParticipantSide;
  @ApiProperty({ enum: ['sent', 'received'], nullable: true, description: 'Relative to you; null for an organizer who is neither side' })
  direction!: 'sent' | 'received' | null;
  @ApiProperty({ type: MeetingRequestPartyResponse }) host!: MeetingRequestPartyResponse;
  @ApiProperty({ type: MeetingRequestPartyResponse }) guest!: MeetingRequestPartyResponse;
  @ApiProperty({ nullable: true }) message!: string | null;
  @ApiProperty({ minimum: 1, maximum: 5 }) priority!: number;
  @ApiProperty({ nullable: true }) declineReason!: string | null;
  @ApiProperty({ nullable: true }) respondedAt!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, description: 'Once placed in a slot' }) meetingId!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}
