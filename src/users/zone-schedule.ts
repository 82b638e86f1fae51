import { calendarDatesToInstants } from '../common/time/calendar-dates';

/** A travel range as stored: a zone for an inclusive run of calendar days in that zone (null: open). */
export interface ZoneRange {
  timeZone: string;
  startsOn: string | null;
  endsOn: string | null;
}

interface Span {
  timeZone: string;
  startsAt: number;
  endsAt: number;
}

/** The instants a range covers: from midnight of its first day to midnight after its last, in its own zone. */
export function rangeInstants(range: ZoneRange): { startsAt: Date | null; endsAt: Date | null } {
  return {
    startsAt: range.startsOn === null ? null : calendarDatesToInstants(range.startsOn, range.startsOn, range.timeZone).startsAt,
    endsAt: range.endsOn === null ? null : calendarDatesToInstants(range.endsOn, range.endsOn, range.timeZone).endsAt,
  };
}

/**
 * One person's time zone over time: their travel ranges over their profile zone. Two ranges on consecutive days in
 * zones far apart can cover the same instant (the 27th begins in Seoul 13 hours before it does in Boston); the range
 * that began later wins there, and an instant no range covers is in the profile zone.
 */
export class ZoneSchedule {
  private readonly spans: Span[];

  constructor(
    readonly homeZone: string,
    private readonly ranges: ZoneRange[],
  ) {
    this.spans = ranges
      .map((range) => {
        const { startsAt, endsAt } = rangeInstants(range);
        return { timeZone: range.timeZone, startsAt: startsAt?.getTime() ?? -Infinity, endsAt: endsAt?.getTime() ?? Infinity };
      })
      .sort((first, second) => second.startsAt - first.startsAt);
  }

  /** The zone in force at an instant. */
  zoneAt(instant: Date): string {
    const at = instant.getTime();
    return this.spans.find((span) => span.startsAt <= at && at < span.endsAt)?.timeZone ?? this.homeZone;
  }

  /**
   * The zone in force on a calendar date (YYYY-MM-DD): the range whose days include it (a person's ranges never share
   * a day), else the profile zone. What a date a person types means to them, e.g. the ends of a calendar range.
   */
  zoneOn(date: string): string {
    const range = this.ranges.find((candidate) => (candidate.startsOn === null || candidate.startsOn <= date) && (candidate.endsOn === null || date <= candidate.endsOn));
    return range?.timeZone ?? this.homeZone;
  }
}
