import { DomainError, ValidationError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { calendarDatesToInstants } from '../common/time/calendar-dates';
import { HAS_OFFSET, parseZonedTime } from '../common/time/zoned-time';

/** The longest range a calendar view answers for: a year, leap day included. */
export const MAX_RANGE_DAYS = 366;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export interface InstantRange {
  from: Date;
  to: Date;
}

/** A range with the zone each end was read in (null: an instant with an offset, read without one). */
export interface CalendarRange extends InstantRange {
  fromZone: string | null;
  toZone: string | null;
}

/** The zone to read a calendar date in: one zone for every date, or one per date (e.g. a person's travel time zones). */
export type RangeZone = string | ((date: string) => string);

/**
 * A range as people give it: each end a calendar date (`to` inclusive: 2023-04-19 to 2023-04-21 is three days), an
 * instant with an offset, or a wall-clock time; dates and wall-clock times are read in `zone`, or in the zone it gives
 * for their date. The end must come after the start, at most MAX_RANGE_DAYS later; otherwise a 400 naming the field.
 */
export function parseCalendarRange(from: string, to: string, zone: RangeZone): CalendarRange {
  const zoneOn = typeof zone === 'string' ? () => zone : zone;
  const start = readEnd(from, zoneOn, 'from', 'start');
  const end = readEnd(to, zoneOn, 'to', 'end');
  if (end.instant <= start.instant) {
    throw new DomainError(ErrorCode.InvalidDateRange, `to (${end.instant.toISOString()}) must come after from (${start.instant.toISOString()})`, [
      { field: 'to', messages: ['to must come after from'] },
    ]);
  }
  if (end.instant.getTime() - start.instant.getTime() > MAX_RANGE_DAYS * 24 * 3_600_000) {
    throw new DomainError(ErrorCode.RangeTooLong, `A calendar covers at most ${MAX_RANGE_DAYS} days`, [
      { field: 'to', messages: [`to must be at most ${MAX_RANGE_DAYS} days after from`] },
    ]);
  }
  return { from: start.instant, to: end.instant, fromZone: start.zone, toZone: end.zone };
}

function readEnd(value: string, zoneOn: (date: string) => string, field: string, side: 'start' | 'end'): { instant: Date; zone: string | null } {
  if (DATE_ONLY.test(value)) {
    const parsed = parseZonedTime(`${value}T00:00`, 'UTC');
    if (!parsed.ok) throw new ValidationError([{ field, messages: [`${field} is not a valid date`] }]);
    const zone = zoneOn(value);
    const day = calendarDatesToInstants(value, value, zone);
    return { instant: side === 'start' ? day.startsAt : day.endsAt, zone };
  }
  // A wall-clock time is read in the zone of its date; an instant with an offset needs none.
  const zone = HAS_OFFSET.test(value) ? null : zoneOn(value.slice(0, 10));
  const parsed = parseZonedTime(value, zone ?? 'UTC');
  if (!parsed.ok) throw new ValidationError([{ field, messages: [`${field} ${parsed.reason}; or give a date YYYY-MM-DD`] }]);
  return { instant: parsed.instant, zone };
}
