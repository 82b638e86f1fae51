import { DateTime } from 'luxon';

export interface GridWindow {
  /** Calendar date in the round's zone, "2023-04-28". */
  date: string;
  /** Wall-clock start and end in the round's zone, "09:00" or "09:00:00". */
  startsAtTime: string;
  endsAtTime: string;
}

export interface GridRules {
  timeZone: string;
  slotMinutes: number;
  gapMinutes: number;
  windows: GridWindow[];
}

export interface Slot {
  startsAt: Date;
  endsAt: Date;
}

/**
 * The slots of a round, in time order: each window is cut into slots of `slotMinutes` with `gapMinutes` between,
 * starting on the window's wall-clock start in the round's zone. Durations are real minutes, so a window across a
 * DST change keeps its slots the stated length, and the same grid shown in Seoul and in Boston is the same instants.
 */
export function buildSlotGrid(rules: GridRules): Slot[] {
  // Zone arithmetic is costly and every booking needs its round's grid: remember grids by their exact rules.
  const key = JSON.stringify([rules.timeZone, rules.slotMinutes, rules.gapMinutes, rules.windows.map((window) => [window.date, window.startsAtTime, window.endsAtTime])]);
  const known = gridCache.get(key);
  if (known) return known.map((slot) => ({ ...slot }));
  const grid = computeSlotGrid(rules);
  if (gridCache.size >= GRID_CACHE_SIZE) gridCache.delete(gridCache.keys().next().value!);
  gridCache.set(key, grid);
  return grid.map((slot) => ({ ...slot }));
}

const GRID_CACHE_SIZE = 256;
const gridCache = new Map<string, Slot[]>();

function computeSlotGrid(rules: GridRules): Slot[] {
  const slots: Slot[] = [];
  for (const window of rules.windows) {
    const start = DateTime.fromISO(`${window.date}T${window.startsAtTime}`, { zone: rules.timeZone });
    const end = DateTime.fromISO(`${window.date}T${window.endsAtTime}`, { zone: rules.timeZone });
    if (!start.isValid || !end.isValid) continue;
    for (let cursor = start; cursor.plus({ minutes: rules.slotMinutes }) <= end; cursor = cursor.plus({ minutes: rules.slotMinutes + rules.gapMinutes })) {
      slots.push({ startsAt: cursor.toJSDate(), endsAt: cursor.plus({ minutes: rules.slotMinutes }).toJSDate() });
    }
  }
  return slots.sort((first, second) => first.startsAt.getTime() - second.startsAt.getTime());
}

/** The grid slot starting at `startsAt`, if there is one (a booking must name a real slot). */
export function findSlot(grid: Slot[], startsAt: Date): Slot | undefined {
  return grid.find((slot) => slot.startsAt.getTime() === startsAt.getTime());
}

/** Whether two intervals share any time (touching ends do not). */
export function overlaps(first: Slot, second: Slot): boolean {
  return first.startsAt < second.endsAt && second.startsAt < first.endsAt;
}
