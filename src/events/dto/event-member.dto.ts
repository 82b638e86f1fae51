import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, ArrayUnique, IsArray, IsEnum } from 'class-validator';
import { EventRole } from '../event.enums';

export class UpdateEventMemberDto {
  @ApiProperty({ enum: EventRole, enumName: 'EventRole', isArray: true, example: ['investor'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsEnum(EventRole, { each: true })
  roles!: EventRole[];
}

export class EventMemberResponse {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional({ description: 'Shown to organizers only' }) email?: string;
  @ApiProperty({ example: 'America/New_York' }) timeZone!: string;
  @ApiProperty({ enum: EventRole, enumName: 'EventRole', isArray: true }) roles!: EventRole[];
  @ApiProperty() joinedAt!: Date;
}
