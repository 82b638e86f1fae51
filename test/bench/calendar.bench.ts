import 'reflect-metadata';
import { ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { JwtService } from '@nestjs/jwt';
import { Redis } from 'ioredis';
import { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { AuthSession } from '../../src/auth/auth-session.entity';
import { AuthService } from '../../src/auth/auth.service';
import { RefreshToken } from '../../src/auth/refresh-token.entity';
import { CalendarFeedToken } from '../../src/calendars/calendar-feed-token.entity';
import { CalendarFeedsService } from '../../src/calendars/calendar-feeds.service';
import { CalendarReads } from '../../src/calendars/calendar-reads.service';
import { CalendarViewsService } from '../../src/calendars/calendar-views.service';
import { MeetingInvitations } from '../../src/calendars/meeting-invitations.service';
import { AuthenticatedUser } from '../../src/common/http/authenticated-user';
import { generateSecretToken, hashSecretToken } from '../../src/common/secret-token';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { ConsultationAccessService } from '../../src/consultations/consultation-access.service';
import { ConsultationRound } from '../../src/consultations/consultation-round.entity';
import { Meeting } from '../../src/consultations/meeting.entity';
import { ProgrammeParticipant } from '../../src/consultations/programme-participant.entity';
import { RoundCatalog } from '../../src/consultations/round-catalog.service';
import { RoundLocation } from '../../src/consultations/round-location.entity';
import { RoundWindow } from '../../src/consultations/round-window.entity';
import { buildSlotGrid, Slot } from '../../src/consultations/scheduling/slot-grid';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { EventAccessService } from '../../src/events/event-access.service';
import { EventMembership } from '../../src/events/event-membership.entity';
import { Event } from '../../src/events/event.entity';
import { PersonZones } from '../../src/users/person-zones.service';
import { User } from '../../src/users/user.entity';
import { UsersService } from '../../src/users/users.service';
import { createTestDatabase, databaseUrl, dropTestDatabase } from '../support/test-database';
import { freePort } from '../support/free-port';
import { out, percentile, seededRandom } from './bench-support';

/**
 * `npm run bench:calendar`: calendar reads under load, printed, not asserted as a test. Starts the built API in a
 * child process on a scratch database cloned from the test template, writes with SQL an event of 2,000 meetings (an
 * online round on Seoul's clock and a main day in Boston at 50 tables), sessions, closed slots and a feed link per
 * person (and BENCH_BACKGROUND_EVENTS more events like it, with their own people, that nobody reads), then 200 concurrent readers mix calendar views and ICS feeds over loopback for BENCH_SECONDS, twice: first
 * each sending its next request as soon as the last is answered (saturation: the most the machine serves), then each
 * pausing BENCH_THINK_MS on average between reads. Prints p50/p99 and requests per second against the 100 ms target,
 * then EXPLAIN (ANALYZE, BUFFERS) of every statement behind each kind of read (sign-in check, access checks, people's
 * zones, calendar reads, the feed link), captured from the services themselves as they run one read of that kind.
 */

const READERS = Number(process.env.BENCH_READERS ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
/** Second run: the same readers pause between reads, as people and calendar apps do (exponential, this mean). */
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 2000);
/** Events besides the one read, each as large, so the database is not just the event under test. */
const BACKGROUND_EVENTS = Number(process.env.BENCH_BACKGROUND_EVENTS ?? 19);
const TARGET_P99_MS = 100;
const HOSTS = 50;
const GUESTS = 300;
const SLOTS_PER_ROUND = 20;
const POOL_SIZE = 20;

interface Person {
  id: string;
  /** The session the access token names. */
  sessionId: string;
  token: string;
  feed: string;
}

interface Answer {
  status: number;
  ms: number;
  etag?: string;
}

/** Kinds of read and their share of the mix: what people and their calendar apps do most, organizers less. */
const MIX: Array<{ kind: string; share: number }> = [
  { kind: 'feed', share: 0.35 },
  { kind: 'feed 304', share: 0.1 },
  { kind: 'my calendar', share: 0.35 },
  { kind: 'meeting .ics', share: 0.1 },
  { kind: 'participant calendar', share: 0.07 },
  { kind: 'location schedule', share: 0.03 },
];

function auth(person: Person): Record<string, string> {
  return { authorization: `Bearer ${person.token}` };
}




function latencies(values: number[]): { p50: number; p99: number; text: string } {
  const sorted = [...values].sort((a, b) => a - b);
  const p50 = percentile(sorted, 0.5);
  const p99 = percentile(sorted, 0.99);
  return { p50, p99, text: `p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${(sorted.at(-1) ?? 0).toFixed(1)} ms` };
}

class Api {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: READERS + 8 });

  constructor(private readonly port: number) {}

  /** Reused sockets the server had just closed (its keep-alive timeout is 5 s, shorter than a long pause). */
  retries = 0;

  /** A GET, sent again once if the reused socket turns out closed; the time counts from the first try. */
  async get(path: string, headers: Record<string, string> = {}): Promise<Answer> {
    const started = performance.now();
    try {
      return await this.send(path, headers, started);
    } catch (error) {
      if (!['ECONNRESET', 'EPIPE'].includes((error as { code?: string }).code ?? '')) throw error;
      this.retries += 1;
      return this.send(path, headers, started);
    }
  }

  private send(path: string, headers: Record<string, string>, started: number): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const call = httpRequest({ host: '127.0.0.1', port: this.port, method: 'GET', path, agent: this.agent, headers }, (response) => {
        response.on('data', () => undefined);
        response.on('end', () => resolve({ status: response.statusCode ?? 0, ms: performance.now() - started, etag: response.headers.etag }));
        response.on('error', reject);
      });
      call.on('error', reject);
      call.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** People with live sessions and feed links, written with SQL. */
async function people(pool: Pool, jwt: JwtService, group: string, count: number, eventId: string, role: string, zone: string): Promise<Person[]> {
  const users: Array<{ id: string }> = (
    await pool.query(
      `INSERT INTO users (email, password_hash, name, language, time_zone)
       SELECT format('bench-%s-%s@bench.test', $1::text, g), 'no-login', format('%s %s', $1::text, g), 'en', $3
         FROM generate_series(1, $2::int) AS g ORDER BY g RETURNING id`,
      [group, count, zone],
    )
  ).rows;
  const ids = users.map((user) => user.id);
  const sessions: Array<{ id: string; user_id: string }> = (await pool.query('INSERT INTO auth_sessions (user_id) SELECT unnest($1::uuid[]) RETURNING id, user_id', [ids])).rows;
  await pool.query(`INSERT INTO event_memberships (event_id, user_id, roles) SELECT $1, unnest($2::uuid[]), ARRAY[$3::event_role]`, [eventId, ids, role]);
  const feeds = ids.map(() => generateSecretToken());
  await pool.query('INSERT INTO calendar_feed_tokens (user_id, token_hash) SELECT unnest($1::uuid[]), unnest($2::text[])', [ids, feeds.map(hashSecretToken)]);
  const sessionOf = new Map(sessions.map((session) => [session.user_id, session.id]));
  return ids.map((id, index) => ({
    id,
    sessionId: sessionOf.get(id)!,
    token: jwt.sign({ sub: id, sid: sessionOf.get(id), adm: false }),
    feed: `/calendar-feeds/${feeds[index]}.ics`,
  }));
}

interface World {
  eventId: string;
  organizer: Person;
  hosts: Person[];
  guests: Person[];
  meetingIds: string[];
}

/**
 * The event: 50 investors in Boston, 300 founders in Seoul, 20 slots in each of two rounds, every investor busy in
 * every slot (2,000 meetings: most confirmed, some requested, some cancelled, some moved or confirmed later so their
 * SEQUENCE is above 0), sessions the investors speak at and the founders signed up for, a few closed slots, and the
 * founders' travel time zones (Seoul until 25 April, Boston for 26 to 29 April).
 */
async function writeWorld(pool: Pool, jwt: JwtService, label: string): Promise<World> {
  const [{ id: eventId }] = (
    await pool.query(
      `INSERT INTO events (slug, name, time_zone, starts_on, ends_on, status, venue_name)
       VALUES ($1, 'Calendar bench', 'America/New_York', '2023-04-27', '2023-04-28', 'published', 'Boston') RETURNING id`,
      [`bench-calendar-${label}`],
    )
  ).rows;
  const [{ id: programmeId }] = (await pool.query(`INSERT INTO consultation_programmes (event_id, name) VALUES ($1, 'Bench programme') RETURNING id`, [eventId])).rows;
  const [organizer] = await people(pool, jwt, `${label}-organizer`, 1, eventId, 'organizer', 'Asia/Seoul');
  const hosts = await people(pool, jwt, `${label}-host`, HOSTS, eventId, 'investor', 'America/New_York');
  const guests = await people(pool, jwt, `${label}-guest`, GUESTS, eventId, 'startup', 'Asia/Seoul');
  const organizations: Array<{ id: string }> = (
    await pool.query(`INSERT INTO organizations (name, kind, country) SELECT format('Company %s', g), 'startup', 'KR' FROM generate_series(1, $1::int) g RETURNING id`, [HOSTS + GUESTS])
  ).rows;
  await pool.query(
    `INSERT INTO programme_participants (programme_id, user_id, side, organization_id) SELECT $1, unnest($2::uuid[]), unnest($3::participant_side[]), unnest($4::uuid[])`,
    [programmeId, [...hosts, ...guests].map((person) => person.id), [...hosts.map(() => 'host'), ...guests.map(() => 'guest')], organizations.map((row) => row.id)],
  );
  const rounds = [
    { position: 1, mode: 'online', zone: 'Asia/Seoul', windows: ['2023-04-19', '2023-04-20'].map((date) => ({ date, startsAtTime: '20:00', endsAtTime: '23:20' })) },
    { position: 3, mode: 'on_site', zone: 'America/New_York', windows: [{ date: '2023-04-28', startsAtTime: '09:00', endsAtTime: '15:40' }] },
  ];
  const meetings: Array<Record<string, unknown>> = [];
  const random = seededRandom(20230428);
  for (const round of rounds) {
    const [{ id: roundId }] = (
      await pool.query(
        `INSERT INTO consultation_rounds (programme_id, event_id, position, name, mode, time_zone, slot_minutes, gap_minutes, booking_opens_at, booking_closes_at,
                                          video_link_rule, video_link_template)
         VALUES ($1, $2, $3, $4, $5, $6, 20, 0, now() - interval '1 day', now() + interval '30 days', $7, $8) RETURNING id`,
        [programmeId, eventId, round.position, `Round ${round.position}`, round.mode, round.zone, round.mode === 'online' ? 'template' : null, round.mode === 'online' ? 'https://meet.bench/{meetingId}' : null],
      )
    ).rows;
    for (const window of round.windows) {
      await pool.query('INSERT INTO round_windows (round_id, date, starts_at_time, ends_at_time) VALUES ($1, $2, $3, $4)', [roundId, window.date, window.startsAtTime, window.endsAtTime]);
    }
    const tables: string[] =
      round.mode === 'on_site'
        ? (await pool.query(`INSERT INTO round_locations (round_id, name, key, kind) SELECT $1, format('Table %s', g), format('table %s', g), 'table' FROM generate_series(1, $2::int) g RETURNING id`, [roundId, HOSTS])).rows.map(
            (row: { id: string }) => row.id,
          )
        : [];
    const grid: Slot[] = buildSlotGrid({ timeZone: round.zone, slotMinutes: 20, gapMinutes: 0, windows: round.windows }).slice(0, SLOTS_PER_ROUND);
    grid.forEach((slot, s) => {
      for (let h = 0; h < HOSTS; h += 1) {
        const roll = random();
        meetings.push({
          round_id: roundId,
          host: hosts[h].id,
          // Every founder of a slot is different: they meet at most one investor at a time.
          guest: guests[(h + HOSTS * (s % (GUESTS / HOSTS))) % GUESTS].id,
          starts_at: slot.startsAt.toISOString(),
          ends_at: slot.endsAt.toISOString(),
          status: roll < 0.05 ? 'cancelled' : roll < 0.15 ? 'requested' : 'confirmed',
          location_id: tables[h] ?? null,
          changes: roll < 0.05 ? 1 : roll < 0.15 ? 0 : Math.floor(random() * 3),
        });
      }
    });
  }
  const meetingIds: string[] = (
    await pool.query(
      `INSERT INTO meetings (event_id, round_id, host_user_id, guest_user_id, starts_at, ends_at, status, location_id, location_key, video_link, cancelled_at, created_by_id)
       SELECT $2, r.round_id, r.host, r.guest, r.starts_at, r.ends_at, r.status::meeting_status, r.location_id, (SELECT l.key FROM round_locations l WHERE l.id = r.location_id),
              CASE WHEN r.location_id IS NULL THEN 'https://meet.bench/' || gen_random_uuid() END,
              CASE WHEN r.status = 'cancelled' THEN now() - interval '2 days' END, r.host
         FROM jsonb_to_recordset($1::jsonb) AS r(round_id uuid, host uuid, guest uuid, starts_at timestamptz, ends_at timestamptz, status text, location_id uuid)
       RETURNING id`,
      [JSON.stringify(meetings), eventId],
    )
  ).rows.map((row: { id: string }) => row.id);
  await pool.query(
    `INSERT INTO meeting_attendees (meeting_id, user_id, starts_at, ends_at, status)
     SELECT m.id, person.user_id, m.starts_at, m.ends_at, m.status FROM meetings m CROSS JOIN LATERAL (VALUES (m.host_user_id), (m.guest_user_id)) AS person(user_id)
      WHERE m.event_id = $1`,
    [eventId],
  );
  await pool.query(
    `INSERT INTO meeting_history (meeting_id, action, actor_user_id, status, version, starts_at, ends_at, location_id)
     SELECT m.id, CASE WHEN step = 0 THEN 'booked' WHEN m.status = 'cancelled' THEN 'cancelled' ELSE 'rescheduled' END::meeting_action,
            m.host_user_id, m.status, 1, m.starts_at, m.ends_at, m.location_id
       FROM meetings m JOIN unnest($2::uuid[], $3::int[]) AS c(id, changes) ON c.id = m.id CROSS JOIN LATERAL generate_series(0, c.changes) AS step
      WHERE m.event_id = $1`,
    [eventId, meetingIds, meetings.map((meeting) => meeting.changes)],
  );
  // Sessions: each investor speaks at one of ten, each founder holds a seat in one.
  const [{ id: roomId }] = (await pool.query(`INSERT INTO rooms (event_id, name_ko, name_en, kind) VALUES ($1, '홀', 'Hall', 'conference_room') RETURNING id`, [eventId])).rows;
  const sessionIds: string[] = (
    await pool.query(
      `INSERT INTO agenda_sessions (event_id, title_en, kind, room_id, starts_at, ends_at)
       SELECT $1, format('Session %s', g), 'lecture', CASE WHEN g = 1 THEN $2::uuid END,
              timestamptz '2023-04-27 09:00-04' + (g - 1) * interval '1 hour', timestamptz '2023-04-27 09:50-04' + (g - 1) * interval '1 hour'
         FROM generate_series(1, 10) g RETURNING id`,
      [eventId, roomId],
    )
  ).rows.map((row: { id: string }) => row.id);
  await pool.query(
    `INSERT INTO session_speakers (session_id, starts_at, ends_at, user_id)
     SELECT s.id, s.starts_at, s.ends_at, h.user_id FROM unnest($1::uuid[]) WITH ORDINALITY AS h(user_id, n) JOIN agenda_sessions s ON s.id = ($2::uuid[])[1 + (h.n::int % 10)]`,
    [hosts.map((host) => host.id), sessionIds],
  );
  await pool.query(
    `INSERT INTO session_registrations (session_id, user_id, status)
     SELECT ($2::uuid[])[1 + (g.n::int % 10)], g.user_id, 'registered' FROM unnest($1::uuid[]) WITH ORDINALITY AS g(user_id, n)`,
    [guests.map((guest) => guest.id), sessionIds],
  );
  await pool.query(
    `INSERT INTO unavailable_slots (round_id, user_id, starts_at)
     SELECT DISTINCT m.round_id, m.guest_user_id, m.starts_at + interval '2 hours' FROM meetings m WHERE m.event_id = $1 AND m.status = 'cancelled'
     ON CONFLICT DO NOTHING`,
    [eventId],
  );
  await pool.query(
    `INSERT INTO travel_time_zones (user_id, time_zone, starts_on, ends_on)
     SELECT g.user_id, z.time_zone, z.starts_on::date, z.ends_on::date
       FROM unnest($1::uuid[]) AS g(user_id)
      CROSS JOIN (VALUES ('Asia/Seoul', '2023-04-01', '2023-04-25'), ('America/New_York', '2023-04-26', '2023-04-29')) AS z(time_zone, starts_on, ends_on)`,
    [guests.map((guest) => guest.id)],
  );
  return { eventId, organizer, hosts, guests, meetingIds };
}

interface Statement {
  sql: string;
  parameters: unknown[];
}

/**
 * Collects what the DataSource's connections are asked to run while `capturing` is set: the SQL of the services as they
 * really run it, whether through TypeORM or straight on the pg client (named prepared statements).
 */
class StatementCapture {
  capturing: Statement[] | null = null;
  private readonly watched = new WeakSet<PoolClient>();

  /** Wraps `query` of every client the pool hands out (once per client). */
  attach(pool: Pool): void {
    pool.on('acquire', (client) => {
      if (this.watched.has(client)) return;
      this.watched.add(client);
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
        this.record(args[0], args[1]);
        return query(...args);
      };
    });
  }

  private record(first: unknown, second: unknown): void {
    if (!this.capturing) return;
    const config = typeof first === 'string' ? { text: first, values: second } : (first as { text: string; values?: unknown });
    if (!/^\s*(SELECT|WITH)\b/i.test(config.text)) return;
    this.capturing.push({ sql: config.text, parameters: Array.isArray(config.values) ? config.values : [] });
  }
}

/** The services behind the calendar routes, wired by hand on a DataSource whose statements are captured. */
interface CalendarServices {
  auth: AuthService;
  zones: PersonZones;
  reads: CalendarReads;
  views: CalendarViewsService;
  feeds: CalendarFeedsService;
  invitations: MeetingInvitations;
}

function calendarServices(dataSource: DataSource, config: AppConfig, jwt: JwtService): CalendarServices {
  const reads = new CalendarReads(dataSource);
  const zones = new PersonZones(dataSource);
  const eventAccess = new EventAccessService(dataSource.getRepository(Event), dataSource.getRepository(EventMembership));
  const catalog = new RoundCatalog(
    dataSource.getRepository(ConsultationRound),
    dataSource.getRepository(RoundWindow),
    dataSource.getRepository(RoundLocation),
    dataSource.getRepository(ProgrammeParticipant),
  );
  const consultationAccess = new ConsultationAccessService(eventAccess, catalog, dataSource.getRepository(Meeting));
  const users = new UsersService(dataSource.getRepository(User));
  return {
    auth: new AuthService(users, jwt, config, dataSource, dataSource.getRepository(AuthSession), dataSource.getRepository(RefreshToken)),
    zones,
    reads,
    views: new CalendarViewsService(reads, zones, eventAccess, consultationAccess),
    feeds: new CalendarFeedsService(dataSource, dataSource.getRepository(CalendarFeedToken), reads, config),
    invitations: new MeetingInvitations(reads, users, consultationAccess, config),
  };
}

/** The statements a call sends through the capturing DataSource, with their parameters. */
async function capturedSql(capture: StatementCapture, call: () => Promise<unknown>): Promise<Statement[]> {
  const captured: Statement[] = [];
  capture.capturing = captured;
  try {
    await call();
  } finally {
    capture.capturing = null;
  }
  return captured;
}

async function explain(pool: Pool, capture: StatementCapture, title: string, call: () => Promise<unknown>): Promise<void> {
  const statements = await capturedSql(capture, call);
  for (const [index, { sql, parameters }] of statements.entries()) {
    const plan = (await pool.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${sql}`, parameters)).rows.map((row: { 'QUERY PLAN': string }) => row['QUERY PLAN']);
    out(`-- ${title}${statements.length > 1 ? ` (statement ${index + 1} of ${statements.length})` : ''}`);
    out(`   ${sql.replace(/\s+/g, ' ').trim().slice(0, 160)}${sql.length > 160 ? ' …' : ''}`);
    for (const line of plan) out(`   ${line}`);
    out();
  }
}

async function main(): Promise<void> {
  const baseConfig = loadConfig();
  const database = await createTestDatabase();
  const url = databaseUrl(database);
  const secret = randomBytes(32).toString('hex');
  const prefix = `matchday-bench-${randomBytes(6).toString('hex')}`;
  const pool = new Pool({ connectionString: url, max: POOL_SIZE });
  const capture = new StatementCapture();
  const captured = new DataSource(dataSourceOptions({ DATABASE_URL: url, DATABASE_POOL_SIZE: 4 }));
  let server: ChildProcess | undefined;
  let api: Api | undefined;
  try {
    const port = await freePort();
    server = fork(join(__dirname, 'booking-bench-server.js'), [], {
      // e.g. BENCH_API_NODE_ARGS="--cpu-prof --cpu-prof-dir=prof" to profile the API while it serves.
      execArgv: (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean),
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        PORT: String(port),
        DATABASE_URL: url,
        DATABASE_AUTO_CREATE: 'false',
        DATABASE_MIGRATE_ON_START: 'false',
        REDIS_KEY_PREFIX: prefix,
        JWT_ACCESS_SECRET: secret,
        MAIL_OUTBOX_DIRECTORY: join(tmpdir(), prefix),
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the API did not start within 60 s')), 60_000);
      server!.once('message', () => {
        clearTimeout(timer);
        resolve();
      });
      server!.once('exit', (code) => reject(new Error(`the API exited with code ${code}`)));
    });
    api = new Api(port);
    const jwt = new JwtService({ secret, signOptions: { expiresIn: 3600, algorithm: 'HS256' } });
    const world = await writeWorld(pool, jwt, 'main');
    // Other events of the same shape and size, with people of their own, so the tables hold what a platform in use
    // holds and the plans below are the plans of a database that is not tiny.
    for (let index = 1; index <= BACKGROUND_EVENTS; index += 1) await writeWorld(pool, jwt, `other-${index}`);
    await pool.query('ANALYZE');
    const [{ meetings, cancelled, everywhere, people: everyone }] = (
      await pool.query(
        `SELECT count(*) FILTER (WHERE event_id = $1)::int AS meetings, count(*) FILTER (WHERE event_id = $1 AND status = 'cancelled')::int AS cancelled,
                count(*)::int AS everywhere, (SELECT count(*)::int FROM users) AS people
           FROM meetings`,
        [world.eventId],
      )
    ).rows;
    out(`Matchday calendar bench: API in its own process on 127.0.0.1:${port}, database ${database}`);
    out(`Node ${process.version}; one event with ${meetings} meetings (${cancelled} cancelled), ${HOSTS} investors, ${GUESTS} founders, 10 sessions`);
    out(`the database also holds ${BACKGROUND_EVENTS} other events like it: ${everywhere} meetings and ${everyone} people in all`);
    out(`${READERS} concurrent readers, each sending its next request when the last is answered, for ${SECONDS} s`);
    const load = loadavg();
    out(`machine load average before (1, 5, 15 min): ${load.map((value) => value.toFixed(2)).join(', ')} on ${cpus().length} cores`);
    out();

    const etags = new Map<string, string>();
    const random = seededRandom(42);
    const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
    const anyone = [...world.hosts, ...world.guests];
    const requestFor = (kind: string): { path: string; headers: Record<string, string> } => {
      const person = pick(anyone);
      switch (kind) {
        case 'feed':
          return { path: person.feed, headers: {} };
        case 'feed 304':
          return { path: person.feed, headers: etags.has(person.feed) ? { 'if-none-match': etags.get(person.feed)! } : {} };
        case 'my calendar':
          return { path: '/me/calendar?from=2023-04-19&to=2023-04-30', headers: auth(person) };
        case 'meeting .ics':
          return { path: `/events/${world.eventId}/meetings/${pick(world.meetingIds)}/ics`, headers: auth(world.organizer) };
        case 'participant calendar':
          return { path: `/events/${world.eventId}/participants/${person.id}/calendar?from=2023-04-19&to=2023-04-30`, headers: auth(world.organizer) };
        default:
          return { path: `/events/${world.eventId}/location-schedule?date=2023-04-28`, headers: auth(world.organizer) };
      }
    };
    const nextKind = (): string => {
      let roll = random();
      for (const entry of MIX) {
        roll -= entry.share;
        if (roll < 0) return entry.kind;
      }
      return MIX[0].kind;
    };

    const run = async (seconds: number, thinkMs: number): Promise<{ results: Array<{ kind: string; status: number; ms: number }>; wallMs: number }> => {
      const results: Array<{ kind: string; status: number; ms: number }> = [];
      const started = performance.now();
      const deadline = started + seconds * 1000;
      await Promise.all(
        Array.from({ length: READERS }, async () => {
          while (performance.now() < deadline) {
            const pause = Math.min(-Math.log(1 - random()) * thinkMs, deadline - performance.now());
            if (thinkMs > 0 && pause > 0) await new Promise((resolve) => setTimeout(resolve, pause));
            if (performance.now() >= deadline) break;
            const kind = nextKind();
            const { path, headers } = requestFor(kind);
            const answer = await api!.get(path, headers);
            if (answer.etag && kind.startsWith('feed')) etags.set(path, answer.etag);
            results.push({ kind, status: answer.status, ms: answer.ms });
          }
        }),
      );
      return { results, wallMs: performance.now() - started };
    };

    const report = (title: string, { results, wallMs }: { results: Array<{ kind: string; status: number; ms: number }>; wallMs: number }): void => {
      const all = latencies(results.map((result) => result.ms));
      const statuses: Record<string, number> = {};
      for (const result of results) statuses[result.status] = (statuses[result.status] ?? 0) + 1;
      out(title);
      out(`   ${results.length} reads in ${(wallMs / 1000).toFixed(1)} s = ${((results.length / wallMs) * 1000).toFixed(0)} requests/s; answers ${JSON.stringify(statuses)}`);
      out(`   latency ${all.text}; target p99 < ${TARGET_P99_MS} ms: ${all.p99 < TARGET_P99_MS ? 'met' : `MISSED by ${(all.p99 - TARGET_P99_MS).toFixed(0)} ms`}`);
      for (const { kind } of MIX) {
        const mine = results.filter((result) => result.kind === kind);
        if (mine.length > 0) out(`   ${kind.padEnd(22)} ${String(mine.length).padStart(6)} reads, ${latencies(mine.map((result) => result.ms)).text}`);
      }
      out(`   requests sent again on a socket the server had closed: ${api!.retries}; machine load average after (1, 5, 15 min): ${loadavg().map((value) => value.toFixed(2)).join(', ')}`);
      api!.retries = 0;
      out();
    };

    await run(Math.min(5, SECONDS), 0);
    report(`1. Saturation: ${READERS} readers back to back`, await run(SECONDS, 0));
    report(`2. ${READERS} readers pausing ${THINK_MS} ms on average between reads`, await run(SECONDS, THINK_MS));

    // One reader alone: the cost of each read without a queue in front of it.
    out('One reader alone (20 of each, no concurrency):');
    for (const { kind } of MIX) {
      const solo: number[] = [];
      for (let index = 0; index < 20; index += 1) {
        const { path, headers } = requestFor(kind);
        solo.push((await api.get(path, headers)).ms);
      }
      out(`   ${kind.padEnd(22)} ${latencies(solo).text}`);
    }
    out();

    out('Query plans (EXPLAIN ANALYZE, BUFFERS) of every statement behind one read of each kind, captured from the services:');
    await captured.initialize();
    capture.attach((captured.driver as PostgresDriver).master as Pool);
    const services = calendarServices(captured, baseConfig, jwt);
    const host = world.hosts[7];
    const guest = world.guests[42];
    const signedIn = (person: Person): AuthenticatedUser => ({ id: person.id, sessionId: person.sessionId, isPlatformAdmin: false });
    const organizer = signedIn(world.organizer);
    const range = { from: '2023-04-19', to: '2023-04-30' };
    await explain(pool, capture, 'the sign-in check of every request with a sign-in header (AuthService.authenticate)', () =>
      services.auth.authenticate({ sub: guest.id, sid: guest.sessionId, adm: false }),
    );
    await explain(pool, capture, 'my calendar, a founder with travel time zones (PersonZones, then CalendarReads, then the other parties’ zones)', () =>
      services.views.mine(signedIn(guest), range),
    );
    await explain(pool, capture, "an investor's feed by its link (the token's owner, then meetings with cancellations of 30 days, and sessions)", () =>
      services.feeds.feed(host.feed.replace('/calendar-feeds/', '').replace('.ics', ''), undefined),
    );
    await explain(pool, capture, "a participant's calendar for the organizer (organizer check, membership check, then as my calendar)", () =>
      services.views.participant(organizer, world.eventId, host.id, range),
    );
    await explain(pool, capture, "one meeting's .ics for the organizer (meeting access check, the meeting, the people)", () =>
      services.invitations.download(organizer, world.eventId, world.meetingIds[1234]),
    );
    await explain(pool, capture, 'the main day at every table (organizer check, then the location schedule)', () =>
      services.views.locationSchedule(organizer, world.eventId, { date: '2023-04-28' }),
    );
  } finally {
    api?.close();
    if (captured.isInitialized) await captured.destroy();
    await pool.end();
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once('exit', resolve));
      server.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (server.exitCode === null) server.kill('SIGKILL');
    }
    // BENCH_KEEP_DATABASE=1 leaves the scratch database for a closer look with psql.
    if (process.env.BENCH_KEEP_DATABASE === '1') out(`kept database ${database}`);
    else await dropTestDatabase(database);
    const redis = new Redis(baseConfig.REDIS_URL);
    try {
      for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 500 }) as AsyncIterable<string[]>) {
        if (keys.length > 0) await redis.del(...keys);
      }
    } finally {
      redis.disconnect();
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
