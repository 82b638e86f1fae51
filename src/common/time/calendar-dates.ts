import { DateTime } from 'luxon';

/**
 * The instants an inclusive range of calendar dates covers in a zone: from midnight of the first day to midnight
 * after the last (so a day of 23 or 25 hours at a DST change comes out right).
 */
export function calendarDatesToInstants(firstDate: string, lastDate: string, timeZone: string): { startsAt: Date; endsAt: Date } {
  const startsAt = DateTime.fromISO(firstDate, { zone: timeZone }).startOf('day');
  const endsAt = DateTime.fromISO(lastDate, { zone: timeZone }).plus({ days: 1 }).startOf('day');
  return { startsAt: startsAt.toJSDate(), endsAt: endsAt.toJSDate() };
}

/** Today's calendar date in a zone, e.g. for "is the event over there yet". */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return DateTime.fromJSDate(now, { zone: timeZone }).toISODate()!;
}
