import { EntityManager } from 'typeorm';
import { MeetingStatus, ParticipantSide } from '../consultations/consultation.enums';
import { buildSlotGrid } from '../consultations/scheduling/slot-grid';
import { BOSTON_EVENT_SLUG, BOSTON_PROGRAMME_ID, buildBostonConsultation, DEMO_ROUNDS, DEMO_STARTUPS, demoConsultationId } from './demo-consultations-data';

/** Emily Carter, the Boston VC of the demo logins, and her fund. */
export const BOSTON_INVESTOR_EMAIL = 'partner@charlesriver.demo';
const BOSTON_INVESTOR_ORGANIZATION_ID = '6f0e2a4c-0000-4000-8000-000000000005';
/** Kim Seojun (NeuroBridge Therapeutics), who flies to Boston for the pre-consultation and the main day. */
const TRAVELLING_FOUNDER = 0;

const CALENDAR_MEETING = 9;
const TRAVEL_RANGE = 10;

/** Emily's consultations: two video calls in Seoul evenings (her mornings), two at tables on the main day. */
const PLAN = [
  { round: 0, slot: 0 },
  { round: 0, slot: 5 },
  { round: 2, slot: 3 },
  { round: 2, slot: 6 },
];

/**
 * A calendar worth subscribing to for the demo's Boston investor: she joins the Boston programme as a host with four
 * confirmed meetings (round 1 online on Seoul's clock, round 3 at a table on 28 April in Boston), each with a startup
 * and a table free at that time; and one Seoul founder gets a Boston travel time zone for 26 to 29 April. Fixed ids and
 * ON CONFLICT DO NOTHING: a second run changes nothing.
 */
export async function seedBostonInvestorCalendar(manager: EntityManager): Promise<void> {
  const [event]: Array<{ id: string }> = await manager.query('SELECT id FROM events WHERE slug = $1', [BOSTON_EVENT_SLUG]);
  const [investor]: Array<{ id: string }> = await manager.query('SELECT id FROM users WHERE email = $1', [BOSTON_INVESTOR_EMAIL]);
  if (!event || !investor) return;
  await manager.query(
    `INSERT INTO programme_participants (programme_id, user_id, side, organization_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
    [BOSTON_PROGRAMME_ID, investor.id, ParticipantSide.Host, BOSTON_INVESTOR_ORGANIZATION_ID],
  );

  const { meetings } = buildBostonConsultation();
  const emails = DEMO_STARTUPS.map((startup) => startup.email);
  const startupRows: Array<{ id: string; email: string }> = await manager.query('SELECT id, email FROM users WHERE email = ANY($1)', [emails]);
  const startupUser = new Map(startupRows.map((row) => [emails.indexOf(row.email), row.id]));
  for (const [index, { round: roundIndex, slot: slotIndex }] of PLAN.entries()) {
    const round = DEMO_ROUNDS[roundIndex];
    const slot = buildSlotGrid(round)[slotIndex];
    const taken = meetings.filter((meeting) => meeting.roundId === round.id && meeting.startsAt.getTime() === slot.startsAt.getTime());
    const startup = DEMO_STARTUPS.findIndex((_, candidate) => !taken.some((meeting) => meeting.startup === candidate) && startupUser.has(candidate));
    const location = round.locations.find((candidate) => !taken.some((meeting) => meeting.locationId === candidate.id)) ?? null;
    if (startup < 0) continue;
    const id = demoConsultationId(CALENDAR_MEETING, index + 1);
    const guestId = startupUser.get(startup)!;
    // Only while both people are still free then: people may have booked in the demo since.
    await manager.query(
      `INSERT INTO meetings (id, event_id, round_id, host_user_id, guest_user_id, starts_at, ends_at, status, location_id, location_key, video_link, created_by_id, created_at)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, (SELECT key FROM round_locations WHERE id = $9), $10, $4, $6::timestamptz - interval '10 days'
        WHERE NOT EXISTS (SELECT 1 FROM meeting_attendees a WHERE a.user_id IN ($4, $5) AND a.status <> 'cancelled'
                           AND tstzrange(a.starts_at, a.ends_at) && tstzrange($6, $7))
       ON CONFLICT DO NOTHING`,
      [
        id,
        event.id,
        round.id,
        investor.id,
        guestId,
        slot.startsAt,
        slot.endsAt,
        MeetingStatus.Confirmed,
        round.locations.length > 0 ? location?.id ?? null : null,
        round.videoLinkTemplate ? round.videoLinkTemplate.replace('{meetingId}', id) : null,
      ],
    );
    await manager.query(
      `INSERT INTO meeting_attendees (meeting_id, user_id, starts_at, ends_at, status)
       SELECT m.id, person.user_id, m.starts_at, m.ends_at, m.status
         FROM meetings m CROSS JOIN LATERAL (VALUES (m.host_user_id), (m.guest_user_id)) AS person(user_id)
        WHERE m.id = $1
       ON CONFLICT DO NOTHING`,
      [id],
    );
    await manager.query(
      `INSERT INTO round_quotas (round_id, subject, used)
       SELECT m.round_id, s.subject, 1 FROM meetings m JOIN consultation_rounds r ON r.id = m.round_id
              CROSS JOIN LATERAL (VALUES ('host-meetings:' || m.host_user_id), ('pair:' || m.host_user_id || ':' || m.guest_user_id)) AS s(subject)
        WHERE m.id = $1 AND (r.max_meetings_per_host IS NOT NULL OR s.subject LIKE 'pair:%')
       ON CONFLICT (round_id, subject) DO UPDATE SET used = round_quotas.used + 1
        WHERE NOT EXISTS (SELECT 1 FROM meeting_history h WHERE h.meeting_id = $1)`,
      [id],
    );
    await manager.query(
      `INSERT INTO meeting_history (id, meeting_id, action, actor_user_id, status, version, starts_at, ends_at, location_id)
       SELECT $2, m.id, 'booked', m.host_user_id, m.status, 1, m.starts_at, m.ends_at, m.location_id FROM meetings m WHERE m.id = $1
       ON CONFLICT DO NOTHING`,
      [id, demoConsultationId(CALENDAR_MEETING, 100 + index + 1)],
    );
  }

  await manager.query(
    `INSERT INTO travel_time_zones (id, user_id, time_zone, starts_on, ends_on)
     SELECT $1, id, 'America/New_York', '2023-04-26', '2023-04-29' FROM users WHERE email = $2
     ON CONFLICT DO NOTHING`,
    [demoConsultationId(TRAVEL_RANGE, 1), DEMO_STARTUPS[TRAVELLING_FOUNDER].email],
  );
}
