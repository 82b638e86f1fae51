import { EntityManager } from 'typeorm';
import { BoothStatus } from '../booths/booth.enums';
import { parseZonedTime } from '../common/time/zoned-time';
import { DEMO_ORGANIZATIONS } from './demo-data';
import {
  DEMO_APPLICATION_STATUS,
  DEMO_EXHIBITORS,
  DEMO_FLOOR_EVENT_SLUG,
  DEMO_PAVILIONS,
  DEMO_ROOMS,
  DEMO_SESSIONS,
} from './demo-floor-data';

type UserIds = Map<string, string>;

/** Pavilions, rooms, booths and exhibitors of K-Global Cluster 2023; ON CONFLICT DO NOTHING keeps it idempotent. */
export async function seedExpoFloor(manager: EntityManager, userIds: UserIds): Promise<void> {
  const eventId = await eventIdOf(manager);
  const pavilionIds = new Map<string, string>();
  for (const [index, pavilion] of DEMO_PAVILIONS.entries()) {
    await manager.query(
      `INSERT INTO pavilions (event_id, floor, name_ko, name_en, theme, sort_order) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (event_id, name_en) DO NOTHING`,
      [eventId, pavilion.floor, pavilion.nameKo, pavilion.nameEn, pavilion.theme, index],
    );
    const [{ id }] = await manager.query('SELECT id FROM pavilions WHERE event_id = $1 AND name_en = $2', [eventId, pavilion.nameEn]);
    pavilionIds.set(pavilion.nameEn, id);
    // e.g. C-01 to C-16, all at once.
    await manager.query(
      `INSERT INTO booths (event_id, pavilion_id, code, booth_type)
       SELECT $1, $2, $3 || lpad(number::text, 2, '0'), '3x3 m shell scheme' FROM generate_series(1, $4::int) AS number
       ON CONFLICT (event_id, code) DO NOTHING`,
      [eventId, id, pavilion.boothPrefix, pavilion.boothCount],
    );
  }
  for (const room of DEMO_ROOMS) {
    await manager.query(
      `INSERT INTO rooms (event_id, floor, name_ko, name_en, kind, capacity) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (event_id, name_en) DO NOTHING`,
      [eventId, room.floor, room.nameKo, room.nameEn, room.kind, room.capacity],
    );
  }
  for (const exhibitor of DEMO_EXHIBITORS) {
    const organization = DEMO_ORGANIZATIONS.find((candidate) => candidate.id === exhibitor.organizationId)!;
    const inserted: Array<{ id: string }> = await manager.query(
      `INSERT INTO exhibitor_applications (event_id, organization_id, exhibitor_name, sectors, preferred_pavilion_ids, pitch,
                                           products, status, decided_at, booth_allowance, assigned_booth_count, applied_by_id)
       VALUES ($1, $2, $3, $4, ARRAY[$5::uuid], $6, $7, $8, '2023-10-20T09:00:00+09:00', 1, 1, $9)
       ON CONFLICT (event_id, organization_id) DO NOTHING RETURNING id`,
      [
        eventId,
        organization.id,
        organization.name,
        organization.sectors,
        pavilionIds.get(exhibitor.pavilionNameEn),
        exhibitor.pitch,
        exhibitor.products,
        DEMO_APPLICATION_STATUS,
        userIds.get(exhibitor.appliedByEmail),
      ],
    );
    if (inserted.length === 0) continue;
    await manager.query(
      `UPDATE booths SET status = $1, application_id = $2, organization_id = $3, description = $4, products = $5, staff_on_duty = $6
        WHERE event_id = $7 AND code = $8 AND application_id IS NULL`,
      [BoothStatus.Assigned, inserted[0].id, organization.id, exhibitor.description, exhibitor.products, exhibitor.staffOnDuty, eventId, exhibitor.boothCode],
    );
  }
}

/** The opening, the award ceremonies, the two MOU signings and a members' networking session. */
export async function seedProgramme(manager: EntityManager, userIds: UserIds): Promise<void> {
  const eventId = await eventIdOf(manager);
  for (const session of DEMO_SESSIONS) {
    const [room] = session.roomNameEn
      ? await manager.query('SELECT id FROM rooms WHERE event_id = $1 AND name_en = $2', [eventId, session.roomNameEn])
      : [null];
    await manager.query(
      `INSERT INTO agenda_sessions (id, event_id, title_ko, title_en, kind, room_id, starts_at, ends_at, description, visibility, capacity)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (id) DO NOTHING`,
      [
        session.id,
        eventId,
        session.titleKo,
        session.titleEn,
        session.kind,
        room?.id ?? null,
        seoulTime(session.startsAt),
        seoulTime(session.endsAt),
        session.description,
        session.visibility,
        session.capacity,
      ],
    );
    for (const [index, speaker] of session.speakers.entries()) {
      await manager.query(
        `INSERT INTO session_speakers (id, session_id, starts_at, ends_at, user_id, guest_name, affiliation, sort_order)
         SELECT $1, id, starts_at, ends_at, $3, $4, $5, $6 FROM agenda_sessions WHERE id = $2 ON CONFLICT (id) DO NOTHING`,
        [speaker.id, session.id, speaker.email ? userIds.get(speaker.email) : null, speaker.guestName ?? null, speaker.affiliation ?? null, index],
      );
    }
    for (const [index, party] of session.parties.entries()) {
      await manager.query(
        `INSERT INTO session_parties (id, session_id, role, organization_id, name, country, award_title, sort_order)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
        [party.id, session.id, party.role, party.organizationId ?? null, party.name ?? null, party.country ?? null, party.awardTitle ?? null, index],
      );
    }
  }
}

async function eventIdOf(manager: EntityManager): Promise<string> {
  const [{ id }] = await manager.query('SELECT id FROM events WHERE slug = $1', [DEMO_FLOOR_EVENT_SLUG]);
  return id;
}

function seoulTime(wallClock: string): Date {
  const parsed = parseZonedTime(wallClock, 'Asia/Seoul');
  if (!parsed.ok) throw new Error(`Demo time ${wallClock} ${parsed.reason}`);
  return parsed.instant;
}
