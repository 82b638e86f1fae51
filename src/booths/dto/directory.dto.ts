import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { Pavilion } from '../pavilion.entity';
import { PavilionResponse, trimmed } from './pavilion.dto';

export class DirectoryQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only exhibitors with a booth in this pavilion' })
  @IsOptional()
  @IsUUID()
  pavilionId?: string;

  @ApiPropertyOptional({ example: 'cosmetics', description: 'Only exhibitors in this sector (case-insensitive)' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(60)
  sector?: string;

  @ApiPropertyOptional({
    example: '화장품',
    description: 'Korean or English words, matched (also approximately) against names, sectors, descriptions and products',
  })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  search?: string;
}

export class DirectoryBoothResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'C-07' }) code!: string;
  @ApiProperty({ format: 'uuid' }) pavilionId!: string;
  @ApiProperty({ nullable: true }) boothType!: string | null;
  @ApiProperty({ nullable: true }) description!: string | null;
  @ApiProperty({ type: [String] }) products!: string[];
  @ApiProperty({ type: [String] }) links!: string[];

  static from(row: DirectoryBoothRow): DirectoryBoothResponse {
    return {
      id: row.id,
      code: row.code,
      pavilionId: row.pavilionId,
      boothType: row.boothType,
      description: row.description,
      products: row.products,
      links: row.links,
    };
  }
}

export class DirectoryExhibitorResponse {
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty({ example: 'Jeju Botanics' }) name!: string;
  @ApiProperty({ type: [String] }) sectors!: string[];
  @ApiProperty({ type: [String], description: 'Products named in the application' }) products!: string[];
  @ApiProperty({ type: [DirectoryBoothResponse], description: 'Its booths (within the pavilion filtered on, if any)' })
  booths!: DirectoryBoothResponse[];

  static from(row: DirectoryExhibitorRow): DirectoryExhibitorResponse {
    return {
      organizationId: row.organizationId,
      name: row.name,
      sectors: row.sectors,
      products: row.products,
      booths: row.booths.map((booth) => DirectoryBoothResponse.from(booth)),
    };
  }
}

export class DirectoryResponse {
  @ApiProperty({ type: [PavilionResponse] }) pavilions!: PavilionResponse[];
  @ApiProperty({ type: [DirectoryExhibitorResponse] }) exhibitors!: DirectoryExhibitorResponse[];

  static from(pavilions: Pavilion[], exhibitors: DirectoryExhibitorRow[]): DirectoryResponse {
    return {
      pavilions: pavilions.map((pavilion) => PavilionResponse.from(pavilion)),
      exhibitors: exhibitors.map((row) => DirectoryExhibitorResponse.from(row)),
    };
  }
}

/** A booth as the directory query builds it (json_build_object keys). */
export interface DirectoryBoothRow {
  id: string;
  code: string;
  pavilionId: string;
  boothType: string | null;
  description: string | null;
  products: string[];
  links: string[];
}

export interface DirectoryExhibitorRow {
  organizationId: string;
  name: string;
  sectors: string[];
  products: string[];
  booths: DirectoryBoothRow[];
}
