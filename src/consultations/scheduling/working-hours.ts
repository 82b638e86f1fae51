import { DateTime } from 'luxon';
import { Slot } from './slot-grid';

/** Working hours as minutes after local midnight: 08:00-20:00 is { from: 480, to: 1200 }; `to` may be 1440 (24:00). */
export interface WorkingHours {
  from: number;
  to: number;
}

export const DEFAULT_WORKING_HOURS = { from: '08:00', to: '20:00' } as const;

const CLOCK = /^(\d{2}):(\d{2})$/;

/** "08:30" as minutes after midnight; "24:00" is the end of the day. Null when it is not such a time. */
export function clockMinutes(value: string): number | null {
  const match = CLOCK.exec(value);
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return Number(match[2]) < 60 && minutes <= 24 * 60 ? minutes : null;
}

/**
 * Whether a slot lies inside the working hours on the wall clock of `zone`, the zone the person is in then. A slot
 * running past local midnight is outside, unless it ends exactly at midnight and the hours run to 24:00.
 */
export function withinWorkingHours(slot: Slot, zone: string, hours: WorkingHours): boolean {
  const start = DateTime.fromJSDate(slot.startsAt, { zone });
  const end = DateTime.fromJSDate(slot.endsAt, { zone });
  const startMinutes = start.hour * 60 + start.minute;
  const sameDay = end.toISODate() === start.toISODate();
  const endsAtMidnight = !sameDay && end.hour === 0 && end.minute === 0 && end.startOf('day').minus({ days: 1 }).toISODate() === start.toISODate();
  if (!sameDay && !endsAtMidnight) return false;
  const endMinutes = sameDay ? end.hour * 60 + end.minute : 24 * 60;
  return startMinutes >= hours.from && endMinutes <= hours.to;
}
