import { DomainError, ValidationError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { calendarDatesToInstants } from '../common/time/calendar-dates';
import { parseZonedTime } from '../common/time/zoned-time';

/** The longest range a calendar view answers for: a year, leap day included. */
export const MAX_RANGE_DAYS = 366;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export interface InstantRange {
  from: Date;
  to: Date;
}

/**
 * A range as people give it: each end a calendar date (`to` inclusive: 2023-04-19 to 2023-04-21 is three days), an
 * instant with an offset, or a wall-clock time; dates and wall-clock times are read in `zone`. The end must come after
 * the start, at most MAX_RANGE_DAYS later; otherwise a 400 naming the field.
 */
export function parseCalendarRange(from: string, to: string, zone: string): InstantRange {
  const start = readEnd(from, zone, 'from', 'start');
  const end = readEnd(to, zone, 'to', 'end');
  if (end <= start) {
    throw new DomainError(ErrorCode.InvalidDateRange, `to (${end.toISOString()}) must come after from (${start.toISOString()})`, [
      { field: 'to', messages: ['to must come after from'] },
    ]);
  }
  if (end.getTime() - start.getTime() > MAX_RANGE_DAYS * 24 * 3_600_000) {
    throw new DomainError(ErrorCode.RangeTooLong, `A calendar covers at most ${MAX_RANGE_DAYS} days`, [
      { field: 'to', messages: [`to must be at most ${MAX_RANGE_DAYS} days after from`] },
    ]);
  }
  return { from: start, to: end };
}

function readEnd(value: string, zone: string, field: string, side: 'start' | 'end'): Date {
  if (DATE_ONLY.test(value)) {
    const parsed = parseZonedTime(`${value}T00:00`, 'UTC');
    if (!parsed.ok) throw new ValidationError([{ field, messages: [`${field} is not a valid date`] }]);
    const day = calendarDatesToInstants(value, value, zone);
    return side === 'start' ? day.startsAt : day.endsAt;
  }
  const parsed = parseZonedTime(value, zone);
  if (!parsed.ok) throw new ValidationError([{ field, messages: [`${field} ${parsed.reason}; or give a date YYYY-MM-DD`] }]);
  return parsed.instant;
}
