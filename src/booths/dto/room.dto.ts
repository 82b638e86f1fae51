import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { RoomKind } from '../booth.enums';
import { Room } from '../room.entity';
import { trimmed } from './pavilion.dto';

export class CreateRoomDto {
  @ApiPropertyOptional({ example: '2F' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(20)
  floor?: string | null;

  @ApiProperty({ example: '프레스룸' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  nameKo!: string;

  @ApiProperty({ example: 'Press room', description: 'Unique within the event' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  nameEn!: string;

  @ApiProperty({ enum: RoomKind, enumName: 'RoomKind' })
  @IsEnum(RoomKind)
  kind!: RoomKind;

  @ApiPropertyOptional({ example: 40, description: 'People it holds; null when it does not matter' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  capacity?: number | null;
}

/** Every field may be left out; null clears floor and capacity only. */
export class UpdateRoomDto extends PartialType(CreateRoomDto, { skipNullProperties: false }) {}

export class RoomResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ nullable: true, example: '2F' }) floor!: string | null;
  @ApiProperty({ example: '프레스룸' }) nameKo!: string;
  @ApiProperty({ example: 'Press room' }) nameEn!: string;
  @ApiProperty({ enum: RoomKind, enumName: 'RoomKind' }) kind!: RoomKind;
  @ApiProperty({ nullable: true }) capacity!: number | null;

  static from(room: Room): RoomResponse {
    return {
      id: room.id,
      eventId: room.eventId,
      floor: room.floor,
      nameKo: room.nameKo,
      nameEn: room.nameEn,
      kind: room.kind,
      capacity: room.capacity,
    };
  }
}
