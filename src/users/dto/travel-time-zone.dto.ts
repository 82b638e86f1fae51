import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsISO8601, IsOptional, IsTimeZone, Matches, ValidateNested } from 'class-validator';
import { TravelTimeZone } from '../travel-time-zone.entity';
import { rangeInstants } from '../zone-schedule';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export class TravelTimeZoneDto {
  @ApiProperty({ example: 'America/New_York', description: 'IANA zone you are in for these days' })
  @IsTimeZone()
  timeZone!: string;

  @ApiPropertyOptional({ example: '2023-04-27', nullable: true, description: 'First day, a calendar date in that zone; null or left out: since always' })
  @IsOptional()
  @Matches(DATE_ONLY, { message: 'startsOn must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  startsOn?: string | null;

  @ApiPropertyOptional({ example: '2023-04-29', nullable: true, description: 'Last day (inclusive); null or left out: until further notice' })
  @IsOptional()
  @Matches(DATE_ONLY, { message: 'endsOn must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  endsOn?: string | null;
}

export class ReplaceTravelTimeZonesDto {
  @ApiProperty({ type: [TravelTimeZoneDto], description: 'Every range you travel in; replaces your list. No two may share a day.' })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => TravelTimeZoneDto)
  ranges!: TravelTimeZoneDto[];
}

export class TravelTimeZoneResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'America/New_York' }) timeZone!: string;
  @ApiProperty({ example: '2023-04-27', nullable: true }) startsOn!: string | null;
  @ApiProperty({ example: '2023-04-29', nullable: true }) endsOn!: string | null;
  @ApiProperty({ example: '2023-04-27T04:00:00.000Z', nullable: true, description: 'Midnight of the first day in that zone (null: open)' })
  startsAt!: string | null;
  @ApiProperty({ example: '2023-04-30T04:00:00.000Z', nullable: true, description: 'Midnight after the last day in that zone (null: open)' })
  endsAt!: string | null;

  static from(range: TravelTimeZone): TravelTimeZoneResponse {
    const { startsAt, endsAt } = rangeInstants(range);
    return {
      id: range.id,
      timeZone: range.timeZone,
      startsOn: range.startsOn,
      endsOn: range.endsOn,
      startsAt: startsAt?.toISOString() ?? null,
      endsAt: endsAt?.toISOString() ?? null,
    };
  }
}
