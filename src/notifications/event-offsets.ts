import { EntityManager } from 'typeorm';
import { queryRows } from '../common/database-queries';
import { DEFAULT_ON_SITE_OFFSETS_MINUTES, DEFAULT_REMINDER_OFFSETS_MINUTES } from './notification.enums';

/** How many minutes before its meetings and sessions an event reminds people, and further before on-site meetings. */
export interface EventOffsets {
  reminder: readonly number[];
  onSite: readonly number[];
}

/** Each event's offsets: those its organizers set, or the defaults for an event that never set them. */
export async function offsetsOfEvents(manager: EntityManager, eventIds: readonly string[]): Promise<Map<string, EventOffsets>> {
  const ids = [...new Set(eventIds)];
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ eventId: string; reminder: number[]; onSite: number[] }>(
    manager,
    `SELECT event_id AS "eventId", reminder_offsets_minutes AS reminder, on_site_offsets_minutes AS "onSite"
       FROM event_notification_settings WHERE event_id = ANY($1::uuid[])`,
    [ids],
  );
  const set = new Map(rows.map((row) => [row.eventId, row]));
  return new Map(
    ids.map((id) => [id, { reminder: set.get(id)?.reminder ?? DEFAULT_REMINDER_OFFSETS_MINUTES, onSite: set.get(id)?.onSite ?? DEFAULT_ON_SITE_OFFSETS_MINUTES }]),
  );
}

export async function offsetsOfEvent(manager: EntityManager, eventId: string): Promise<EventOffsets> {
  return (await offsetsOfEvents(manager, [eventId])).get(eventId)!;
}
