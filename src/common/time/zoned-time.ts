import { DateTime } from 'luxon';

/** A time that carries its own offset (Z or ±hh:mm) and so names an instant without a zone. */
export const HAS_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;

export type ZonedTimeResult = { ok: true; instant: Date } | { ok: false; reason: string };

/**
 * Reads a time as people enter it for an event: either an ISO 8601 instant with an offset
 * ("2023-04-28T09:00:00-04:00"), or a wall-clock time without one ("2023-04-28T09:00"), which is taken in `zone`.
 * A wall-clock time that does not exist there (skipped by a DST change) is refused rather than silently moved;
 * one that occurs twice means the first.
 */
export function parseZonedTime(value: string, zone: string): ZonedTimeResult {
  // Remembered like the answers below: a booking rush sends the same few slot starts over and over.
  const key = `${zone}|${value}`;
  let answer = parsedCache.get(key);
  if (answer === undefined) {
    answer = parseUncached(value, zone);
    if (parsedCache.size >= ZONED_CACHE_SIZE) parsedCache.clear();
    parsedCache.set(key, answer);
  }
  // A Date is mutable: each caller gets its own.
  return answer.ok ? { ok: true, instant: new Date(answer.instant.getTime()) } : answer;
}

function parseUncached(value: string, zone: string): ZonedTimeResult {
  if (HAS_OFFSET.test(value)) {
    const instant = DateTime.fromISO(value, { setZone: true });
    return instant.isValid ? { ok: true, instant: instant.toJSDate() } : { ok: false, reason: 'is not a valid ISO 8601 time' };
  }
  if (!LOCAL_DATE_TIME.test(value)) return { ok: false, reason: 'must be ISO 8601, e.g. 2023-11-08T10:00 or 2023-11-08T01:00:00Z' };
  const local = DateTime.fromISO(value, { zone });
  if (!local.isValid) return { ok: false, reason: 'is not a valid date and time' };
  // Luxon moves a skipped wall-clock time forward; writing it back shows whether that happened.
  if (local.toFormat("yyyy-MM-dd'T'HH:mm") !== value.slice(0, 16)) {
    return { ok: false, reason: `does not exist in ${zone} (the clocks skip it for daylight saving time)` };
  }
  // A wall-clock time that occurs twice (the clocks go back over it) means its first occurrence, as in RFC 5545.
  const first = local.getPossibleOffsets().reduce((earliest, candidate) => (candidate.toMillis() < earliest.toMillis() ? candidate : earliest));
  return { ok: true, instant: first.toJSDate() };
}

/**
 * Zone arithmetic goes through Intl and is costly, and calendars show the same few slot starts over and over: answers
 * are remembered by zone and instant (they never change), up to a bound.
 */
const ZONED_CACHE_SIZE = 20_000;
const zonedIsoCache = new Map<string, string>();
const ambiguousCache = new Map<string, boolean>();
const parsedCache = new Map<string, ZonedTimeResult>();

function remembered<T>(cache: Map<string, T>, instant: Date, zone: string, work: () => T): T {
  const key = `${zone}|${instant.getTime()}`;
  let answer = cache.get(key);
  if (answer === undefined) {
    answer = work();
    if (cache.size >= ZONED_CACHE_SIZE) cache.clear();
    cache.set(key, answer);
  }
  return answer;
}

/** The wall-clock time of an instant in a zone, e.g. "2023-11-08T10:00:00+09:00". */
export function toZonedIso(instant: Date, zone: string): string {
  return remembered(zonedIsoCache, instant, zone, () => DateTime.fromJSDate(instant, { zone }).toISO({ suppressMilliseconds: true })!);
}

/**
 * Whether an instant's wall-clock time in a zone occurs twice, on either pass through the time the clocks go back over
 * (01:30 EDT and 01:30 EST on 5 November 2023 in New York), whatever the size of the change.
 */
export function isAmbiguousWallClock(instant: Date, zone: string): boolean {
  return remembered(ambiguousCache, instant, zone, () => DateTime.fromJSDate(instant, { zone }).getPossibleOffsets().length > 1);
}
