import { DateTime } from 'luxon';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** A change of a zone's UTC offset: at `at`, clocks go from `offsetFrom` to `offsetTo` minutes east of UTC. */
export interface OffsetChange {
  at: Date;
  offsetFrom: number;
  offsetTo: number;
  daylight: boolean;
  name: string | null;
}

function offsetAt(zone: string, millis: number): number {
  return DateTime.fromMillis(millis, { zone }).offset;
}

/**
 * The offset changes of `zone` between two instants, from the tz database the runtime carries (so a rule change is
 * picked up with Node's ICU data, not frozen into a copied table). Scans day by day, then narrows each change to the
 * minute.
 */
export function offsetChanges(zone: string, from: Date, to: Date): OffsetChange[] {
  const changes: OffsetChange[] = [];
  let previous = offsetAt(zone, from.getTime());
  for (let dayStart = from.getTime(); dayStart < to.getTime(); dayStart += DAY) {
    const dayEnd = Math.min(dayStart + DAY, to.getTime());
    const offset = offsetAt(zone, dayEnd);
    if (offset === previous) continue;
    let low = dayStart;
    let high = dayEnd;
    while (high - low > MINUTE) {
      const middle = low + Math.floor((high - low) / MINUTE / 2) * MINUTE;
      if (offsetAt(zone, middle) === previous) low = middle;
      else high = middle;
    }
    const after = DateTime.fromMillis(high, { zone });
    changes.push({ at: new Date(high), offsetFrom: previous, offsetTo: offset, daylight: after.isInDST, name: after.offsetNameShort });
    previous = offset;
  }
  return changes;
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  return `${sign}${String(Math.floor(absolute / 60)).padStart(2, '0')}${String(absolute % 60).padStart(2, '0')}`;
}

/** The local wall time of an instant under a fixed offset, as an RFC 5545 DATE-TIME without zone. */
function localStamp(at: Date, offsetMinutes: number): string {
  return DateTime.fromMillis(at.getTime(), { zone: 'utc' }).plus({ minutes: offsetMinutes }).toFormat("yyyyMMdd'T'HHmmss");
}

/** Abbreviations such as EST or KST; ICU spells zones without one as "GMT+9", which says nothing TZOFFSETTO does not. */
function abbreviation(name: string | null): string {
  return name && !/^(GMT|UTC)([+-]|$)/.test(name) ? name : '';
}

function observance(daylight: boolean, start: string, offsetFrom: number, offsetTo: number, name: string | null): string[] {
  const kind = daylight ? 'DAYLIGHT' : 'STANDARD';
  const tzname = abbreviation(name);
  return [
    `BEGIN:${kind}`,
    `DTSTART:${start}`,
    `TZOFFSETFROM:${formatOffset(offsetFrom)}`,
    `TZOFFSETTO:${formatOffset(offsetTo)}`,
    ...(tzname ? [`TZNAME:${tzname}`] : []),
    `END:${kind}`,
  ];
}

/**
 * An RFC 5545 VTIMEZONE for `zone` valid from 1 January of the first year to the end of the last year (UTC): the
 * offset in force at the start, then one observance per change, each with its exact onset. Explicit onsets instead
 * of yearly rules, so past rule changes come out right.
 */
export function vtimezone(zone: string, firstYear: number, lastYear: number): string {
  const from = new Date(Date.UTC(firstYear, 0, 1));
  const to = new Date(Date.UTC(lastYear + 1, 0, 1));
  const start = DateTime.fromJSDate(from, { zone });
  const initial = start.offset;
  const lines = [
    'BEGIN:VTIMEZONE',
    `TZID:${zone}`,
    `X-LIC-LOCATION:${zone}`,
    ...observance(start.isInDST, localStamp(from, initial), initial, initial, start.offsetNameShort),
    ...offsetChanges(zone, from, to).flatMap((change) =>
      observance(change.daylight, localStamp(change.at, change.offsetFrom), change.offsetFrom, change.offsetTo, change.name),
    ),
    'END:VTIMEZONE',
  ];
  return lines.join('\r\n');
}
