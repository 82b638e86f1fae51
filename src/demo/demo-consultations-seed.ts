import { EntityManager } from 'typeorm';
import { EventRole } from '../events/event.enums';
import { InvestorType, OrganizationKind, OrganizationRole } from '../organizations/organization.enums';
import { ParticipantSide } from '../consultations/consultation.enums';
import { locationKeySql } from '../consultations/round-location.entity';
import {
  BOSTON_EVENT_SLUG,
  BOSTON_PROGRAMME_ID,
  buildBostonConsultation,
  DEMO_ROUNDS,
  DEMO_STARTUPS,
  DEMO_VCS,
  DemoAccount,
} from './demo-consultations-data';

const ORGANIZER_EMAIL = 'organizer@matchday.demo';

/**
 * The Boston investment consultation (seed 001) on the existing Boston event: 15 startups and 38 VCs with their
 * accounts, companies and memberships, the programme and its four rounds, and the requests, meetings (with their
 * attendees and history), outcomes and a few private notes of all four rounds. Every statement writes all its rows at once (jsonb_to_recordset), with fixed
 * ids or natural keys and ON CONFLICT DO NOTHING, so a second run changes nothing.
 */
export async function seedBostonConsultation(manager: EntityManager, passwordHash: string): Promise<void> {
  const [event]: Array<{ id: string }> = await manager.query('SELECT id FROM events WHERE slug = $1', [BOSTON_EVENT_SLUG]);
  if (!event) return;
  const eventId = event.id;
  const accounts: DemoAccount[] = [...DEMO_STARTUPS, ...DEMO_VCS];

  await manager.query(
    `INSERT INTO users (email, password_hash, name, language, time_zone)
     SELECT r.email, $2, r.name, r.language::language, r.time_zone
       FROM jsonb_to_recordset($1::jsonb) AS r(email text, name text, language text, time_zone text)
     ON CONFLICT (email) DO NOTHING`,
    [json(accounts.map((account) => ({ email: account.email, name: account.name, language: account.language, time_zone: account.timeZone }))), passwordHash],
  );
  const idRows: Array<{ id: string; email: string }> = await manager.query('SELECT id, email FROM users WHERE email = ANY($1)', [
    [...accounts.map((account) => account.email), ORGANIZER_EMAIL],
  ]);
  const userId = new Map(idRows.map((row) => [row.email, row.id]));
  const startupUser = (index: number): string => userId.get(DEMO_STARTUPS[index].email)!;
  const vcUser = (index: number): string => userId.get(DEMO_VCS[index].email)!;

  const organizations = [
    ...DEMO_STARTUPS.map((startup) => ({
      id: startup.organizationId,
      name: startup.organizationName,
      kind: OrganizationKind.Startup,
      investor_type: null,
      sectors: startup.sectors,
      stage: startup.stage,
      country: 'KR',
      description: `Korean startup in the Boston delegation (${startup.sectors.join(', ')}). Invented for the demo.`,
      ticket_min: null,
      ticket_max: null,
      ticket_currency: null,
      focus_sectors: [],
    })),
    ...DEMO_VCS.map((vc) => ({
      id: vc.organizationId,
      name: vc.organizationName,
      kind: OrganizationKind.Investor,
      investor_type: InvestorType.VentureCapital,
      sectors: [],
      stage: null,
      country: vc.country,
      description: `${vc.country === 'US' ? 'Boston-area' : 'Korean'} venture capital fund at the Korea-US investment consultation. Invented for the demo.`,
      ticket_min: vc.ticketMin,
      ticket_max: vc.ticketMax,
      ticket_currency: vc.currency,
      focus_sectors: vc.focusSectors,
    })),
  ];
  await manager.query(
    `INSERT INTO organizations (id, name, kind, investor_type, sectors, stage, country, description, ticket_min, ticket_max,
                                ticket_currency, focus_sectors)
     SELECT r.id, r.name, r.kind::organization_kind, r.investor_type::investor_type, ARRAY(SELECT jsonb_array_elements_text(r.sectors)),
            r.stage::company_stage, r.country, r.description, r.ticket_min, r.ticket_max, r.ticket_currency,
            ARRAY(SELECT jsonb_array_elements_text(r.focus_sectors))
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, name text, kind text, investor_type text, sectors jsonb, stage text, country text,
                                                description text, ticket_min bigint, ticket_max bigint, ticket_currency text, focus_sectors jsonb)
     ON CONFLICT (id) DO NOTHING`,
    [json(organizations)],
  );
  await manager.query(
    `INSERT INTO organization_members (organization_id, user_id, role)
     SELECT r.organization_id, r.user_id, $2 FROM jsonb_to_recordset($1::jsonb) AS r(organization_id uuid, user_id uuid)
     ON CONFLICT DO NOTHING`,
    [json(accounts.map((account) => ({ organization_id: account.organizationId, user_id: userId.get(account.email) }))), OrganizationRole.Owner],
  );
  const sides = [
    ...DEMO_STARTUPS.map((startup) => ({ user_id: userId.get(startup.email), role: EventRole.Startup, side: ParticipantSide.Guest, organization_id: startup.organizationId })),
    ...DEMO_VCS.map((vc) => ({ user_id: userId.get(vc.email), role: EventRole.Investor, side: ParticipantSide.Host, organization_id: vc.organizationId })),
  ];
  await manager.query(
    `INSERT INTO event_memberships (event_id, user_id, roles)
     SELECT $2, r.user_id, ARRAY[r.role::event_role] FROM jsonb_to_recordset($1::jsonb) AS r(user_id uuid, role text)
     ON CONFLICT DO NOTHING`,
    [json(sides), eventId],
  );

  await manager.query(
    `INSERT INTO consultation_programmes (id, event_id, name, description) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING`,
    [
      BOSTON_PROGRAMME_ID,
      eventId,
      'Boston investment consultation',
      '1:1 consultations between 15 Korean startups and 38 VCs in four rounds: video before departure, pre-consultation, ' +
        'the main day in Boston and a follow-up.',
    ],
  );
  await manager.query(
    `INSERT INTO programme_participants (programme_id, user_id, side, organization_id)
     SELECT $2, r.user_id, r.side::participant_side, r.organization_id
       FROM jsonb_to_recordset($1::jsonb) AS r(user_id uuid, side text, organization_id uuid)
     ON CONFLICT DO NOTHING`,
    [json(sides), BOSTON_PROGRAMME_ID],
  );
  // In position order, so the follow-up round's source (round 3) is written before it.
  await manager.query(
    `INSERT INTO consultation_rounds (id, programme_id, event_id, position, name, mode, time_zone, slot_minutes, gap_minutes,
                                      booking_opens_at, booking_closes_at, confirmation, max_meetings_per_pair, eligibility,
                                      eligibility_source_round_id, video_link_rule, video_link_template)
     SELECT r.id, $2, $3, r.position, r.name, r.mode::round_mode, r.time_zone, r.slot_minutes, r.gap_minutes, r.booking_opens_at,
            r.booking_closes_at, r.confirmation::confirmation_rule, r.max_meetings_per_pair, r.eligibility::eligibility,
            r.eligibility_source_round_id, r.video_link_rule::video_link_rule, r.video_link_template
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, position int, name text, mode text, time_zone text, slot_minutes int,
                                                gap_minutes int, booking_opens_at timestamptz, booking_closes_at timestamptz,
                                                confirmation text, max_meetings_per_pair int, eligibility text,
                                                eligibility_source_round_id uuid, video_link_rule text, video_link_template text)
     ORDER BY r.position
     ON CONFLICT (id) DO NOTHING`,
    [
      json(
        DEMO_ROUNDS.map((round) => ({
          id: round.id,
          position: round.position,
          name: round.name,
          mode: round.mode,
          time_zone: round.timeZone,
          slot_minutes: round.slotMinutes,
          gap_minutes: round.gapMinutes,
          booking_opens_at: round.bookingOpensAt,
          booking_closes_at: round.bookingClosesAt,
          confirmation: round.confirmation,
          max_meetings_per_pair: round.maxMeetingsPerPair,
          eligibility: round.eligibility,
          eligibility_source_round_id: round.eligibilitySourceRoundId,
          video_link_rule: round.videoLinkRule,
          video_link_template: round.videoLinkTemplate,
        })),
      ),
      BOSTON_PROGRAMME_ID,
      eventId,
    ],
  );
  await manager.query(
    `INSERT INTO round_windows (id, round_id, date, starts_at_time, ends_at_time)
     SELECT r.id, r.round_id, r.date, r.starts_at_time, r.ends_at_time
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, round_id uuid, date date, starts_at_time time, ends_at_time time)
     ON CONFLICT (id) DO NOTHING`,
    [json(DEMO_ROUNDS.flatMap((round) => round.windows.map((window) => ({ id: window.id, round_id: round.id, date: window.date, starts_at_time: window.startsAtTime, ends_at_time: window.endsAtTime }))))],
  );
  await manager.query(
    `INSERT INTO round_locations (id, round_id, name, key, kind)
     SELECT r.id, r.round_id, r.name, ${locationKeySql('r.name')}, r.kind::location_kind
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, round_id uuid, name text, kind text)
     ON CONFLICT DO NOTHING`,
    [json(DEMO_ROUNDS.flatMap((round) => round.locations.map((location) => ({ id: location.id, round_id: round.id, name: location.name, kind: location.kind }))))],
  );

  const { meetings, requests, outcomes, notes } = buildBostonConsultation();
  // Each meeting with both attendee rows and its history, or not at all, in one statement. A meeting whose people
  // have been booked at that time in the demo since is left out whole (their attendee rows would be refused); one
  // whose table is taken since, or that is there already, is skipped by ON CONFLICT DO NOTHING (which, without a
  // target, covers the exclusion constraints too), and so gets no attendee or history rows a second time. Seeded
  // meetings never clash with one another (buildBostonConsultation), and if they did the statement would fail.
  // History as the API would have written it: booked (as the placement of its accepted request, so confirmed, by the
  // startup), then checked in by the host, marked a no-show by the host, or cancelled by the startup.
  await manager.query(
    `WITH candidate AS (
       SELECT r.* FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, round_id uuid, host uuid, guest uuid, request_id uuid, starts_at timestamptz,
                                                         ends_at timestamptz, status text, location_id uuid, video_link text)
        WHERE r.status = 'cancelled'
           OR NOT EXISTS (SELECT 1 FROM meeting_attendees a
                           WHERE a.user_id IN (r.host, r.guest) AND a.status <> 'cancelled'
                             AND tstzrange(a.starts_at, a.ends_at) && tstzrange(r.starts_at, r.ends_at))
     ), inserted AS (
       INSERT INTO meetings (id, event_id, round_id, host_user_id, guest_user_id, request_id, starts_at, ends_at, status, location_id,
                             location_key, video_link, checked_in_at, cancelled_at, cancelled_by_id, cancellation_reason, created_by_id, created_at)
       SELECT r.id, $2, r.round_id, r.host, r.guest, r.request_id, r.starts_at, r.ends_at, r.status::meeting_status, r.location_id,
              (SELECT l.key FROM round_locations l WHERE l.id = r.location_id), r.video_link,
              CASE WHEN r.status = 'held' THEN r.starts_at + interval '2 minutes' END,
              CASE WHEN r.status = 'cancelled' THEN r.starts_at - interval '1 day' END,
              CASE WHEN r.status = 'cancelled' THEN r.guest END,
              CASE WHEN r.status = 'cancelled' THEN 'Schedule conflict on our side; sorry.' END,
              r.guest, r.starts_at - interval '10 days'
         FROM candidate r
       ON CONFLICT DO NOTHING
       RETURNING id, host_user_id, guest_user_id, starts_at, ends_at, status, version, location_id, checked_in_at, cancelled_at,
                 cancelled_by_id, cancellation_reason, created_by_id, created_at
     ), attendees AS (
       INSERT INTO meeting_attendees (meeting_id, user_id, starts_at, ends_at, status)
       SELECT m.id, person.user_id, m.starts_at, m.ends_at, m.status
         FROM inserted m CROSS JOIN LATERAL (VALUES (m.host_user_id), (m.guest_user_id)) AS person(user_id)
     )
     INSERT INTO meeting_history (meeting_id, action, actor_user_id, status, version, starts_at, ends_at, location_id, reason, created_at)
     SELECT m.id, entry.action::meeting_action, entry.actor, entry.status::meeting_status, m.version, m.starts_at, m.ends_at, m.location_id,
            entry.reason, entry.at
       FROM inserted m
      CROSS JOIN LATERAL (
        SELECT 'booked' AS action, m.created_by_id AS actor, 'confirmed' AS status, NULL::text AS reason, m.created_at AS at
        UNION ALL SELECT 'held', m.host_user_id, 'held', NULL, m.checked_in_at WHERE m.status = 'held'
        UNION ALL SELECT 'no_show', m.host_user_id, 'no_show', NULL, m.starts_at + interval '15 minutes' WHERE m.status = 'no_show'
        UNION ALL SELECT 'cancelled', m.cancelled_by_id, 'cancelled', m.cancellation_reason, m.cancelled_at WHERE m.status = 'cancelled'
      ) AS entry`,
    [
      json(
        meetings.map((meeting) => ({
          id: meeting.id,
          round_id: meeting.roundId,
          host: vcUser(meeting.vc),
          guest: startupUser(meeting.startup),
          request_id: meeting.requestId,
          starts_at: meeting.startsAt,
          ends_at: meeting.endsAt,
          status: meeting.status,
          location_id: meeting.locationId,
          video_link: meeting.videoLink,
        })),
      ),
      eventId,
    ],
  );
  // What the seeded meetings took of the rounds' caps, counted as booking counts them (MeetingPlacementService), so
  // bookings made in the demo afterwards meet the same limits.
  await manager.query(
    `INSERT INTO round_quotas (round_id, subject, used)
     SELECT round_id, subject, count(*)::int FROM (
       SELECT m.round_id, 'host-meetings:' || m.host_user_id AS subject FROM meetings m JOIN consultation_rounds r ON r.id = m.round_id
        WHERE m.id = ANY($1::uuid[]) AND m.status <> 'cancelled' AND r.max_meetings_per_host IS NOT NULL
       UNION ALL
       SELECT round_id, 'pair:' || host_user_id || ':' || guest_user_id FROM meetings WHERE id = ANY($1::uuid[]) AND status <> 'cancelled'
     ) AS taken GROUP BY round_id, subject
     ON CONFLICT DO NOTHING`,
    [meetings.map((meeting) => meeting.id)],
  );
  await manager.query(
    `INSERT INTO meeting_requests (id, round_id, event_id, host_user_id, guest_user_id, initiated_by, priority, status, responded_at,
                                   meeting_id, created_at, updated_at)
     SELECT r.id, r.round_id, $2, r.host, r.guest, 'guest', r.priority, r.status::request_status,
            CASE WHEN r.status IN ('scheduled', 'declined') THEN r.created_at + interval '1 day' END,
            r.meeting_id, r.created_at, r.created_at
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, round_id uuid, host uuid, guest uuid, priority int, status text,
                                                meeting_id uuid, created_at timestamptz)
     ON CONFLICT DO NOTHING`,
    [
      json(
        requests.map((request) => ({
          id: request.id,
          round_id: request.roundId,
          host: vcUser(request.vc),
          guest: startupUser(request.startup),
          priority: request.priority,
          status: request.status,
          meeting_id: request.meetingId,
          created_at: request.createdAt,
        })),
      ),
      eventId,
    ],
  );
  await manager.query(
    `INSERT INTO meeting_outcomes (meeting_id, interest_level, next_step, amount, currency, recorded_by_id, updated_at)
     SELECT r.meeting_id, r.interest_level::interest_level, r.next_step::next_step, r.amount, r.currency, m.host_user_id,
            m.ends_at + interval '1 hour'
       FROM jsonb_to_recordset($1::jsonb) AS r(meeting_id uuid, interest_level text, next_step text, amount bigint, currency text)
       JOIN meetings m ON m.id = r.meeting_id
     ON CONFLICT DO NOTHING`,
    [json(outcomes.map((outcome) => ({ meeting_id: outcome.meetingId, interest_level: outcome.interestLevel, next_step: outcome.nextStep, amount: outcome.amount, currency: outcome.currency })))],
  );
  await manager.query(
    `INSERT INTO meeting_notes (meeting_id, author_user_id, body, rating, updated_at)
     SELECT r.meeting_id, r.author, r.body, r.rating, m.ends_at + interval '30 minutes'
       FROM jsonb_to_recordset($1::jsonb) AS r(meeting_id uuid, author uuid, body text, rating int)
       JOIN meetings m ON m.id = r.meeting_id
     ON CONFLICT DO NOTHING`,
    [
      json(
        notes.map((note) => ({
          meeting_id: note.meetingId,
          author: 'vc' in note.author ? vcUser(note.author.vc) : startupUser(note.author.startup),
          body: note.body,
          rating: note.rating,
        })),
      ),
    ],
  );
}

function json(rows: unknown[]): string {
  return JSON.stringify(rows);
}
