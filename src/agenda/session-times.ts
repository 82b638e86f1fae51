import { DomainError, ValidationError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { calendarDatesToInstants } from '../common/time/calendar-dates';
import { parseZonedTime } from '../common/time/zoned-time';

export interface EventCalendar {
  timeZone: string;
  startsOn: string;
  endsOn: string;
}

export interface SessionTimes {
  startsAt: Date;
  endsAt: Date;
}

/**
 * The instants a session runs, from times entered in the event's zone (or with an explicit offset). On update,
 * a field left out keeps the session's current value. Refuses a skipped wall-clock time, an end not after the start,
 * and a session reaching outside the event's days (in the event zone).
 */
export function resolveSessionTimes(
  input: { startsAt?: string; endsAt?: string },
  current: SessionTimes | null,
  event: EventCalendar,
): SessionTimes {
  const startsAt = readTime('startsAt', input.startsAt, current?.startsAt, event.timeZone);
  const endsAt = readTime('endsAt', input.endsAt, current?.endsAt, event.timeZone);
  if (endsAt.getTime() <= startsAt.getTime()) {
    throw new DomainError(ErrorCode.InvalidDateRange, 'The session must end after it starts', [
      { field: 'endsAt', messages: ['endsAt must be after startsAt'] },
    ]);
  }
  const days = calendarDatesToInstants(event.startsOn, event.endsOn, event.timeZone);
  const fields = [
    ...(startsAt < days.startsAt || startsAt >= days.endsAt ? [{ field: 'startsAt', messages: ['startsAt must fall on a day of the event'] }] : []),
    ...(endsAt > days.endsAt || endsAt <= days.startsAt ? [{ field: 'endsAt', messages: ['endsAt must fall on a day of the event'] }] : []),
  ];
  if (fields.length > 0) {
    throw new DomainError(
      ErrorCode.SessionOutsideEvent,
      `Sessions must lie within the event, ${event.startsOn} to ${event.endsOn} in ${event.timeZone}`,
      fields,
    );
  }
  return { startsAt, endsAt };
}

function readTime(field: string, value: string | undefined, current: Date | undefined, zone: string): Date {
  if (value === undefined) {
    if (current) return current;
    throw new ValidationError([{ field, messages: [`${field} is required`] }]);
  }
  const parsed = parseZonedTime(value, zone);
  if (!parsed.ok) throw new ValidationError([{ field, messages: [`${field} ${parsed.reason}`] }]);
  return parsed.instant;
}
