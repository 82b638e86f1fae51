import { DataSource } from 'typeorm';
import { locationKeySql } from '../../src/consultations/round-location.entity';
import { Actor, createEvent, registerActor } from './actors';
import { TestApp } from './test-app';

/**
 * Consultation programmes, rounds and participants written straight into the test database (for suites that test
 * what comes after: requests, meetings, notes, outcomes). Additive: add options, do not change what they mean.
 */

export interface RoundWindowFixture {
  date: string;
  startsAtTime: string;
  endsAtTime: string;
}

export interface RoundLocationFixture {
  name: string;
  kind?: 'table' | 'room' | 'booth';
  hostUserId?: string | null;
}

export interface RoundFixtureOptions {
  name?: string;
  position?: number;
  mode?: 'online' | 'on_site';
  timeZone?: string;
  slotMinutes?: number;
  gapMinutes?: number;
  windows?: RoundWindowFixture[];
  bookingOpensAt?: Date | string;
  bookingClosesAt?: Date | string;
  initiator?: 'guest' | 'host' | 'both';
  confirmation?: 'host_accepts' | 'instant' | 'organizer_schedules';
  maxRequestsPerGuest?: number | null;
  maxMeetingsPerHost?: number | null;
  maxMeetingsPerPair?: number;
  eligibility?: 'open' | 'met_in_source_round' | 'follow_up_from_source_round';
  eligibilitySourceRoundId?: string | null;
  videoLinkRule?: 'template' | 'host_entered' | null;
  videoLinkTemplate?: string | null;
  locations?: RoundLocationFixture[];
}

export interface RoundFixture {
  id: string;
  programmeId: string;
  eventId: string;
  /** Location ids in the order given. */
  locationIds: string[];
}

function dataSourceOf(testApp: TestApp): DataSource {
  return testApp.app.get(DataSource);
}

export async function createProgrammeRow(testApp: TestApp, eventId: string, name = 'Boston investment consultation'): Promise<string> {
  const [row] = await dataSourceOf(testApp).query('INSERT INTO consultation_programmes (event_id, name) VALUES ($1, $2) RETURNING id', [eventId, name]);
  return row.id;
}

let positions = 0;

/**
 * A round; by default the Boston main consultation day: 28 April 2023, 09:00-12:00 New York time, 30-minute slots,
 * on site without locations, booking open now, guests book, hosts accept.
 */
export async function createRoundRow(testApp: TestApp, eventId: string, programmeId: string, options: RoundFixtureOptions = {}): Promise<RoundFixture> {
  const dataSource = dataSourceOf(testApp);
  positions += 1;
  const [round] = await dataSource.query(
    `INSERT INTO consultation_rounds (programme_id, event_id, position, name, mode, time_zone, slot_minutes, gap_minutes,
       booking_opens_at, booking_closes_at, initiator, confirmation, max_requests_per_guest, max_meetings_per_host,
       max_meetings_per_pair, eligibility, eligibility_source_round_id, video_link_rule, video_link_template)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) RETURNING id`,
    [
      programmeId,
      eventId,
      options.position ?? positions,
      options.name ?? 'Round 3: main consultation',
      options.mode ?? 'on_site',
      options.timeZone ?? 'America/New_York',
      options.slotMinutes ?? 30,
      options.gapMinutes ?? 0,
      options.bookingOpensAt ?? new Date(Date.now() - 24 * 3600_000),
      options.bookingClosesAt ?? new Date(Date.now() + 30 * 24 * 3600_000),
      options.initiator ?? 'guest',
      options.confirmation ?? 'host_accepts',
      options.maxRequestsPerGuest ?? null,
      options.maxMeetingsPerHost ?? null,
      options.maxMeetingsPerPair ?? 1,
      options.eligibility ?? 'open',
      options.eligibilitySourceRoundId ?? null,
      options.videoLinkRule ?? null,
      options.videoLinkTemplate ?? null,
    ],
  );
  for (const window of options.windows ?? [{ date: '2023-04-28', startsAtTime: '09:00', endsAtTime: '12:00' }]) {
    await dataSource.query('INSERT INTO round_windows (round_id, date, starts_at_time, ends_at_time) VALUES ($1, $2, $3, $4)', [
      round.id,
      window.date,
      window.startsAtTime,
      window.endsAtTime,
    ]);
  }
  const locationIds: string[] = [];
  for (const location of options.locations ?? []) {
    const [row] = await dataSource.query(`INSERT INTO round_locations (round_id, name, key, kind, host_user_id) VALUES ($1, $2, ${locationKeySql('$2::text')}, $3, $4) RETURNING id`, [
      round.id,
      location.name,
      location.kind ?? 'table',
      location.hostUserId ?? null,
    ]);
    locationIds.push(row.id);
  }
  return { id: round.id, programmeId, eventId, locationIds };
}

/** Gives a person an event role (adding to any they hold), as an accepted invitation would. */
export async function addEventRoleRow(testApp: TestApp, eventId: string, userId: string, role: string): Promise<void> {
  await dataSourceOf(testApp).query(
    `INSERT INTO event_memberships (event_id, user_id, roles) VALUES ($1, $2, ARRAY[$3]::event_role[])
     ON CONFLICT (event_id, user_id) DO UPDATE
       SET roles = CASE WHEN $3::event_role = ANY(event_memberships.roles) THEN event_memberships.roles
                        ELSE event_memberships.roles || $3::event_role END`,
    [eventId, userId, role],
  );
}

export interface ParticipantFixtureOptions {
  organizationId?: string | null;
  expertise?: string | null;
  videoLink?: string | null;
  /** The event role to give as well (default: investor for hosts, startup for guests; null: none). */
  eventRole?: string | null;
}

/** A host or guest of the programme, made a member of the event in the matching role. */
export async function addParticipantRow(
  testApp: TestApp,
  eventId: string,
  programmeId: string,
  userId: string,
  side: 'host' | 'guest',
  options: ParticipantFixtureOptions = {},
): Promise<void> {
  await dataSourceOf(testApp).query(
    `INSERT INTO programme_participants (programme_id, user_id, side, organization_id, expertise, video_link) VALUES ($1, $2, $3, $4, $5, $6)`,
    [programmeId, userId, side, options.organizationId ?? null, options.expertise ?? null, options.videoLink ?? null],
  );
  const role = options.eventRole === undefined ? (side === 'host' ? 'investor' : 'startup') : options.eventRole;
  if (role) await addEventRoleRow(testApp, eventId, userId, role);
}

/** Closes a slot for a person (an unavailable slot). */
export async function closeSlotRow(testApp: TestApp, roundId: string, userId: string, startsAt: Date | string): Promise<void> {
  await dataSourceOf(testApp).query('INSERT INTO unavailable_slots (round_id, user_id, starts_at) VALUES ($1, $2, $3)', [roundId, userId, startsAt]);
}

/** An organization row (for the company a participant meets for). */
export async function createOrganizationRow(testApp: TestApp, name: string, kind = 'startup'): Promise<string> {
  const [row] = await dataSourceOf(testApp).query(
    `INSERT INTO organizations (name, kind, country) VALUES ($1, $2, 'KR') RETURNING id`,
    [name, kind],
  );
  return row.id;
}

export interface ConsultationWorld {
  organizer: Actor;
  eventId: string;
  programmeId: string;
}

/** An organizer, a published event (Boston, 27-28 April 2023) and a programme in it. */
export async function createConsultationWorld(testApp: TestApp, eventOverrides: Record<string, unknown> = {}): Promise<ConsultationWorld> {
  const organizer = await registerActor(testApp, { name: 'KOTRA organizer', timeZone: 'Asia/Seoul' });
  const event = await createEvent(testApp, organizer, {
    name: 'Boston investment consultation day',
    timeZone: 'America/New_York',
    startsOn: '2023-04-27',
    endsOn: '2023-04-28',
    ...eventOverrides,
  });
  const programmeId = await createProgrammeRow(testApp, event.id);
  return { organizer, eventId: event.id, programmeId };
}

export interface PersonFixtureOptions extends ParticipantFixtureOptions {
  name?: string;
  timeZone?: string;
  /** Creates an organization of this name for the participant to meet for. */
  organizationName?: string;
}

/** A new person, registered and added to the programme on `side`. */
export async function addParticipant(testApp: TestApp, world: ConsultationWorld, side: 'host' | 'guest', options: PersonFixtureOptions = {}): Promise<Actor> {
  const actor = await registerActor(testApp, {
    name: options.name ?? (side === 'host' ? 'Investor' : 'Startup founder'),
    timeZone: options.timeZone ?? (side === 'host' ? 'America/New_York' : 'Asia/Seoul'),
  });
  const organizationId =
    options.organizationId ?? (options.organizationName ? await createOrganizationRow(testApp, options.organizationName, side === 'host' ? 'investor' : 'startup') : null);
  await addParticipantRow(testApp, world.eventId, world.programmeId, actor.id, side, { ...options, organizationId });
  return actor;
}
