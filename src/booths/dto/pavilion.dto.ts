import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { MayBeOmitted } from '../../common/validation/may-be-omitted';
import { Pavilion } from '../pavilion.entity';

export const trimmed = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export class CreatePavilionDto {
  @ApiPropertyOptional({ example: '1F', description: 'As signposted at the venue' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(20)
  floor?: string | null;

  @ApiProperty({ example: '코스메틱관' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  nameKo!: string;

  @ApiProperty({ example: 'Cosmetics pavilion', description: 'Unique within the event' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  nameEn!: string;

  @ApiPropertyOptional({ example: 'K-beauty and cosmetics' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  theme?: string | null;

  @ApiPropertyOptional({ example: 0, default: 0, description: 'Position in listings, lowest first' })
  @MayBeOmitted()
  @IsInt()
  @Min(0)
  @Max(10_000)
  sortOrder?: number;
}

/** Every field may be left out; null clears floor and theme only. */
export class UpdatePavilionDto extends PartialType(CreatePavilionDto, { skipNullProperties: false }) {}

export class PavilionResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ nullable: true, example: '1F' }) floor!: string | null;
  @ApiProperty({ example: '코스메틱관' }) nameKo!: string;
  @ApiProperty({ example: 'Cosmetics pavilion' }) nameEn!: string;
  @ApiProperty({ nullable: true }) theme!: string | null;
  @ApiProperty() sortOrder!: number;

  static from(pavilion: Pavilion): PavilionResponse {
    return {
      id: pavilion.id,
      eventId: pavilion.eventId,
      floor: pavilion.floor,
      nameKo: pavilion.nameKo,
      nameEn: pavilion.nameEn,
      theme: pavilion.theme,
      sortOrder: pavilion.sortOrder,
    };
  }
}
