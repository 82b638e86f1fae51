import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsEnum,
  IsISO8601,
  IsOptional,
  IsString,
  IsTimeZone,
  isUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateBy,
  ValidateIf,
} from 'class-validator';
import { PageQuery } from '../../common/http/page-query';
import { calendarDatesToInstants } from '../../common/time/calendar-dates';
import { EventRole, EventStatus } from '../event.enums';
import { Event } from '../event.entity';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const trimmed = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

/** Path words under /events/ that are routes of their own, not slugs. */
const RESERVED_SLUGS = new Set(['mine']);

/**
 * Slugs an event cannot have: route words (GET /events/mine would never reach the event) and uuid-shaped ones
 * (GET /events/:idOrSlug would read them as an id).
 */
export function isReservedSlug(slug: string): boolean {
  return RESERVED_SLUGS.has(slug) || isUUID(slug);
}

function IsNotReservedSlug(): PropertyDecorator {
  return ValidateBy({
    name: 'isNotReservedSlug',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || !isReservedSlug(value),
      defaultMessage: () => 'slug is reserved; choose another',
    },
  });
}

/** Optional, but not nullable: absent is fine, null is validated (and rejected) like any other value. */
const IsOptionalNotNull = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined);

export class CreateEventDto {
  @ApiProperty({ example: 'K-Global Cluster 2023' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ example: 'k-global-cluster-2023', description: 'Lower-case words joined by hyphens; derived from the name when omitted' })
  @IsOptionalNotNull()
  @IsString()
  @IsNotReservedSlug()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'slug must be lower-case letters and digits joined by single hyphens' })
  @MaxLength(80)
  slug?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  description?: string | null;

  @ApiPropertyOptional({ example: 'S-Factory' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  venueName?: string | null;

  @ApiPropertyOptional({ example: 'Seongsu-dong, Seongdong-gu, Seoul' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  venueAddress?: string | null;

  @ApiProperty({ example: 'Asia/Seoul', description: 'IANA zone of the venue' })
  @IsTimeZone()
  timeZone!: string;

  @ApiProperty({ example: '2023-11-08', description: 'First day, a calendar date in the event zone' })
  @Matches(DATE_ONLY, { message: 'startsOn must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  startsOn!: string;

  @ApiProperty({ example: '2023-11-10', description: 'Last day (inclusive)' })
  @Matches(DATE_ONLY, { message: 'endsOn must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  endsOn!: string;

  @ApiPropertyOptional({ enum: EventStatus, enumName: 'EventStatus', default: EventStatus.Draft })
  @IsOptionalNotNull()
  @IsEnum(EventStatus)
  status?: EventStatus;
}

/** Every field optional; null clears only the nullable ones (description, venue), never name, dates or zone. */
export class UpdateEventDto extends PartialType(CreateEventDto, { skipNullProperties: false }) {}

/** Search looks in the name, venue and description; 20 events a page unless `limit` says otherwise. */
export class ListEventsQuery extends PageQuery {}

export class EventResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() slug!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true }) description!: string | null;
  @ApiProperty({ nullable: true }) venueName!: string | null;
  @ApiProperty({ nullable: true }) venueAddress!: string | null;
  @ApiProperty({ example: 'Asia/Seoul' }) timeZone!: string;
  @ApiProperty({ example: '2023-11-08' }) startsOn!: string;
  @ApiProperty({ example: '2023-11-10' }) endsOn!: string;
  @ApiProperty({ description: 'Midnight of the first day in the event zone, as an instant' }) startsAt!: Date;
  @ApiProperty({ description: 'Midnight after the last day in the event zone, as an instant' }) endsAt!: Date;
  @ApiProperty({ enum: EventStatus, enumName: 'EventStatus' }) status!: EventStatus;
  @ApiProperty({ enum: EventRole, enumName: 'EventRole', isArray: true, description: 'Your roles here (empty if none)' })
  myRoles!: EventRole[];

  static from(event: Event, myRoles: EventRole[]): EventResponse {
    return {
      id: event.id,
      slug: event.slug,
      name: event.name,
      description: event.description,
      venueName: event.venueName,
      venueAddress: event.venueAddress,
      timeZone: event.timeZone,
      startsOn: event.startsOn,
      endsOn: event.endsOn,
      ...calendarDatesToInstants(event.startsOn, event.endsOn, event.timeZone),
      status: event.status,
      myRoles,
    };
  }
}

export class EventListResponse {
  @ApiProperty({ type: [EventResponse] }) items!: EventResponse[];
  @ApiProperty() total!: number;
}
