import 'reflect-metadata';
import { ChildProcess, fork } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { JwtService } from '@nestjs/jwt';
import { Redis } from 'ioredis';
import { Pool, PoolClient, QueryResult } from 'pg';
import { EntityManager } from 'typeorm';
import { loadConfig } from '../../src/config/app-config';
import { INSERT_MEETING_SQL, pairMeetingsSubject, slotLockKey } from '../../src/consultations/meeting-placement.service';
import { buildSlotGrid } from '../../src/consultations/scheduling/slot-grid';
import { NotificationOutbox } from '../../src/notifications/notification-outbox.service';
import { createTestDatabase, databaseUrl, dropTestDatabase } from '../support/test-database';
import { freePort } from '../support/free-port';
import { cpuLine, cpuSnapshot, median, out, percentile, seededRandom } from './bench-support';

/**
 * `npm run bench:booking` (after `npx tsc -p tsconfig.json`): booking throughput and latency, printed, not asserted
 * as a test. Starts the built API in a child process on a scratch database cloned from the test template, talks
 * HTTP on loopback only, and removes everything it made at the end.
 *
 *   1. Rush: one host with 20 open slots; 500 startups try to book at once. Exactly 20 bookings, every other answer
 *      409, no 5xx.
 *   2. Floor: the same contention as plain SQL (the statements the placement runs: the taken-slot read, then the
 *      transaction) through a pg Pool of the app's size, without HTTP or Nest. App / floor should be >= 0.5.
 *   3. Mix: 10,000 random concurrent book, cancel and reschedule calls across 50 hosts and 300 startups, then one
 *      query proving no person and no location is in two overlapping active meetings.
 */

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const RUSH_STARTUPS = 500;
const RUSH_SLOTS = 20;
const MIX_OPERATIONS = Number(process.env.BENCH_MIX_OPERATIONS ?? 10_000);
const MIX_HOSTS = 50;
const MIX_STARTUPS = 300;
/** PostgreSQL connections in all: the API replicas share them out (DATABASE_POOL_SIZE each), the floor gets as many. */
const POOL_SIZE = Number(process.env.BENCH_POOL_SIZE ?? 20);
/**
 * API processes, the client spreading calls over them as a load balancer would (the api is stateless). One by default:
 * on two cores shared with PostgreSQL and the client, a second replica measured slower, not faster.
 */
const API_REPLICAS = Number(process.env.BENCH_API_REPLICAS ?? 1);
const TARGET_RATIO = 0.5;
/** Rushes (and floor a runs) measured, each on a fresh round; the medians are compared. */
const RUSH_RUNS = Number(process.env.BENCH_RUSH_RUNS ?? 5);
/** Calls made before anything is measured, to the API and to the floor each. */
const WARM_UP_ATTEMPTS = Number(process.env.BENCH_WARM_UP ?? 3_000);
const TARGET_P99_MS = 250;

const FLOOR_OUTBOX = new NotificationOutbox(loadConfig());

interface Answer {
  status: number;
  body: { id?: string; code?: string };
  ms: number;
}

interface RushRun {
  answers: Answer[];
  wallMs: number;
  rate: number;
  booked: number;
  cpu: string;
}

interface Person {
  id: string;
  token: string;
}

interface RoundRef {
  id: string;
  slots: string[];
}



/** The day of a run's fresh round: one month for each kind of run, a day for each run. */
function dayOf(month: number, run: number): string {
  return `2023-${String(month).padStart(2, '0')}-${String(run + 1).padStart(2, '0')}`;
}

/** Runs `work` for each item with at most `limit` in flight; returns the wall time in ms. */
async function runBounded<T>(items: T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<number> {
  const started = performance.now();
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      await work(items[index], index);
    }
  });
  await Promise.all(lanes);
  return performance.now() - started;
}


function latencyLine(latencies: number[]): { p50: number; p99: number; text: string } {
  if (latencies.length === 0) return { p50: 0, p99: 0, text: 'no calls' };
  const sorted = [...latencies].sort((a, b) => a - b);
  const p50 = percentile(sorted, 0.5);
  const p99 = percentile(sorted, 0.99);
  return { p50, p99, text: `p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms` };
}

function countBy<T>(values: T[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[String(value)] = (counts[String(value)] ?? 0) + 1;
  return counts;
}

class Api {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY + 8 });
  private next = 0;

  /** Calls go to the ports in turn. */
  constructor(private readonly ports: number[]) {}

  get(path: string, token: string): Promise<Answer> {
    return this.send('GET', path, token, undefined, {});
  }

  post(path: string, token: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    return this.send('POST', path, token, body, headers);
  }

  private send(method: string, path: string, token: string, body: unknown, headers: Record<string, string>): Promise<Answer> {
    const payload = body === undefined ? '' : JSON.stringify(body);
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const call = httpRequest(
        {
          host: '127.0.0.1',
          port: this.ports[this.next++ % this.ports.length],
          method,
          path,
          agent: this.agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), authorization: `Bearer ${token}`, ...headers },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: Answer['body'] = {};
            try {
              parsed = text ? JSON.parse(text) : {};
            } catch {
              parsed = {};
            }
            resolve({ status: response.statusCode ?? 0, body: parsed, ms: performance.now() - started });
          });
          response.on('error', reject);
        },
      );
      call.on('error', reject);
      call.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Everything the three runs need, written with SQL: people with live sessions, the event, programme and rounds. */
class Setup {
  constructor(
    private readonly pool: Pool,
    private readonly jwt: JwtService,
  ) {}

  async people(group: string, count: number, eventId: string, role: 'startup' | 'investor'): Promise<Person[]> {
    const users: Array<{ id: string }> = (
      await this.pool.query(
        `INSERT INTO users (email, password_hash, name, language, time_zone)
         SELECT format('bench-%s-%s@bench.test', $1::text, g), 'no-login', format('%s %s', $1::text, g), 'en', 'America/New_York'
           FROM generate_series(1, $2::int) AS g ORDER BY g RETURNING id`,
        [group, count],
      )
    ).rows;
    const ids = users.map((user) => user.id);
    const sessions: Array<{ id: string; user_id: string }> = (
      await this.pool.query('INSERT INTO auth_sessions (user_id) SELECT unnest($1::uuid[]) RETURNING id, user_id', [ids])
    ).rows;
    await this.pool.query(`INSERT INTO event_memberships (event_id, user_id, roles) SELECT $1, unnest($2::uuid[]), ARRAY[$3::event_role]`, [eventId, ids, role]);
    const sessionOf = new Map(sessions.map((session) => [session.user_id, session.id]));
    return ids.map((id) => ({ id, token: this.jwt.sign({ sub: id, sid: sessionOf.get(id), adm: false }) }));
  }

  async participants(programmeId: string, people: Person[], side: 'host' | 'guest'): Promise<void> {
    await this.pool.query('INSERT INTO programme_participants (programme_id, user_id, side) SELECT $1, unnest($2::uuid[]), $3', [
      programmeId,
      people.map((person) => person.id),
      side,
    ]);
  }

  /** An online round confirming bookings at once, one window on `date`, booking open now. */
  async round(eventId: string, programmeId: string, position: number, date: string, startsAtTime: string, endsAtTime: string, slotMinutes: number): Promise<RoundRef> {
    const [{ id }] = (
      await this.pool.query(
        `INSERT INTO consultation_rounds (programme_id, event_id, position, name, mode, time_zone, slot_minutes, gap_minutes,
                                          booking_opens_at, booking_closes_at, initiator, confirmation, max_meetings_per_pair)
         VALUES ($1, $2, $3, $4, 'online', 'America/New_York', $5, 0, now() - interval '1 day', now() + interval '30 days', 'guest', 'instant', 1)
         RETURNING id`,
        [programmeId, eventId, position, `Bench round ${position}`, slotMinutes],
      )
    ).rows;
    await this.pool.query('INSERT INTO round_windows (round_id, date, starts_at_time, ends_at_time) VALUES ($1, $2, $3, $4)', [id, date, startsAtTime, endsAtTime]);
    const slots = buildSlotGrid({ timeZone: 'America/New_York', slotMinutes, gapMinutes: 0, windows: [{ date, startsAtTime, endsAtTime }] });
    return { id, slots: slots.map((slot) => slot.startsAt.toISOString()) };
  }
}

/** A statement as the API sends its hot ones: named, so each connection parses and plans it once. */
function prepared(runner: Pool | PoolClient, sql: string, values: unknown[]): Promise<QueryResult> {
  return runner.query({ name: `floor_${createHash('sha256').update(sql).digest('hex').slice(0, 32)}`, text: sql, values });
}

/**
 * The booking as plain SQL: the transaction the API's placement commits, statement for statement (idempotency record;
 * slot locks, the meeting with both attendees, the quota and history in one statement; the notifications outbox; the
 * stored answer), the constraints deciding.
 * With `preRead`, first the read the API uses to refuse a slot either person already holds without a transaction.
 */
async function floorBooking(
  pool: Pool,
  roundId: string,
  programmeId: string,
  eventId: string,
  hostId: string,
  guestId: string,
  startsAt: string,
  slotMinutes: number,
  preRead: boolean,
): Promise<boolean> {
  const endsAt = new Date(Date.parse(startsAt) + slotMinutes * 60_000).toISOString();
  const key = randomUUID();
  // The API's read also looks up the caller's Idempotency-Key record in the same statement.
  const clash = !preRead ? { rows: [{ clash: null }] } : await prepared(pool,
    `SELECT (SELECT user_id FROM meeting_attendees
              WHERE user_id = ANY($1::uuid[]) AND status <> 'cancelled' AND tstzrange(starts_at, ends_at) && tstzrange($2, $3)
              ORDER BY user_id = $4 DESC LIMIT 1) AS clash,
            (SELECT json_build_object('fingerprint', request_fingerprint, 'status', response_status, 'body', response_body)
               FROM idempotency_records WHERE user_id = $5 AND key = $6) AS earlier`,
    [[hostId, guestId], startsAt, endsAt, hostId, guestId, key],
  );
  if (clash.rows[0].clash !== null) return false;
  const client: PoolClient = await pool.connect();
  const meetingId = randomUUID();
  try {
    await client.query('BEGIN');
    await prepared(client, 'INSERT INTO idempotency_records (user_id, key, request_fingerprint) VALUES ($1, $2, $3) ON CONFLICT (user_id, key) DO NOTHING RETURNING key', [guestId, key, 'floor']);
    // The API's one statement for the meeting: slot locks, meeting, attendees, the pair's quota (the bench's rounds do
    // not cap hosts, so hosts are not counted), the history entry.
    const [firstKey, secondKey] = [slotLockKey(hostId, new Date(startsAt)), slotLockKey(guestId, new Date(startsAt))].sort();
    const pairSubject = pairMeetingsSubject(hostId, guestId);
    const written = await prepared(client, INSERT_MEETING_SQL, [
      meetingId, eventId, roundId, hostId, guestId, null, startsAt, endsAt, 'confirmed', null, null, guestId, null, 1, programmeId,
      firstKey, secondKey, pairSubject, 1, null, null, null, null, null,
    ]);
    const [row] = written.rows;
    // The bench changes no round and removes nobody: either would be a broken setup, not a refusal.
    if (!row.roundUnchanged || row.createdAt === null) throw new Error('floor booking inserted nothing: the round changed or a person left the programme');
    if (!row.quotasTaken.includes(pairSubject)) throw new Error('cap reached');
    // The notifications outbox: the one statement the booking adds for its reminders and confirmations.
    await FLOOR_OUTBOX.meetingChanged({ queryRunner: { connect: async () => client } } as unknown as EntityManager, {
      change: 'booked',
      meetingId,
      eventId,
      hostUserId: hostId,
      guestUserId: guestId,
      startsAt: new Date(startsAt),
      endsAt: new Date(endsAt),
      version: 1,
      status: 'confirmed',
      onSite: false,
    });
    await prepared(client, 'UPDATE idempotency_records SET response_status = 201, response_body = $3::jsonb WHERE user_id = $1 AND key = $2', [guestId, key, JSON.stringify({ id: meetingId })]);
    await client.query('COMMIT');
    return true;
  } catch (error) {
    await client.query('ROLLBACK');
    const code = (error as { code?: string }).code;
    if (code === '23P01' || (error as Error).message === 'cap reached') return false;
    throw error;
  } finally {
    client.release();
  }
}

/** Active meetings sharing a person or a location at overlapping times: must be none. One query. */
const OVERLAP_SQL = `
  WITH active AS (SELECT * FROM meetings WHERE status <> 'cancelled' AND round_id = $1),
  people AS (
    SELECT id, host_user_id AS person, starts_at, ends_at FROM active
    UNION ALL SELECT id, guest_user_id, starts_at, ends_at FROM active
  )
  SELECT (SELECT count(*)::int FROM people a JOIN people b
            ON a.person = b.person AND a.id < b.id AND tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)) AS person_overlaps,
         (SELECT count(*)::int FROM active a JOIN active b
            ON a.location_id = b.location_id AND a.id < b.id AND tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)) AS location_overlaps,
         (SELECT count(*)::int FROM active) AS active_meetings,
         (SELECT count(*)::int FROM meetings WHERE round_id = $1 AND status = 'cancelled') AS cancelled_meetings,
         (SELECT count(*)::int FROM meeting_attendees t JOIN meetings m ON m.id = t.meeting_id
           WHERE m.round_id = $1 AND (t.starts_at, t.ends_at, t.status) IS DISTINCT FROM (m.starts_at, m.ends_at, m.status)) AS attendee_mismatches`;

async function main(): Promise<void> {
  const benchStarted = performance.now();
  const baseConfig = loadConfig();
  const database = await createTestDatabase();
  const url = databaseUrl(database);
  const secret = randomBytes(32).toString('hex');
  const prefix = `matchday-bench-${randomBytes(6).toString('hex')}`;
  const pool = new Pool({ connectionString: url, max: POOL_SIZE });
  const servers: ChildProcess[] = [];
  let api: Api | undefined;
  let failed = false;
  try {
    const ports: number[] = [];
    for (let replica = 0; replica < API_REPLICAS; replica += 1) {
      const port = await freePort();
      const server = fork(join(__dirname, 'booking-bench-server.js'), [], {
        env: {
          ...process.env,
          NODE_ENV: 'test',
          LOG_LEVEL: 'silent',
          PORT: String(port),
          DATABASE_URL: url,
          DATABASE_POOL_SIZE: String(Math.max(1, Math.floor(POOL_SIZE / API_REPLICAS))),
          DATABASE_AUTO_CREATE: 'false',
          DATABASE_MIGRATE_ON_START: 'false',
          REDIS_KEY_PREFIX: prefix,
          JWT_ACCESS_SECRET: secret,
          MAIL_OUTBOX_DIRECTORY: join(tmpdir(), prefix),
        },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        // e.g. BENCH_API_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/profiles" to profile the API under load.
        execArgv: (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean),
      });
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the API did not start within 60 s')), 60_000);
        server.once('message', () => {
          clearTimeout(timer);
          resolve();
        });
        server.once('exit', (code) => reject(new Error(`the API exited with code ${code}`)));
      });
      ports.push(port);
    }
    api = new Api(ports);
    const apiPids = servers.map((server) => server.pid!);

    const setup = new Setup(pool, new JwtService({ secret, signOptions: { expiresIn: 3600, algorithm: 'HS256' } }));
    const [{ id: eventId }] = (
      await pool.query(
        `INSERT INTO events (slug, name, time_zone, starts_on, ends_on, status) VALUES ('bench-boston', 'Booking bench', 'America/New_York', '2023-04-26', '2023-05-01', 'published') RETURNING id`,
      )
    ).rows;
    const [{ id: programmeId }] = (await pool.query(`INSERT INTO consultation_programmes (event_id, name) VALUES ($1, 'Bench programme') RETURNING id`, [eventId])).rows;
    const rushStartups = await setup.people('rush-startup', RUSH_STARTUPS, eventId, 'startup');
    const [warmHost, rushHost, floorHost] = await setup.people('rush-host', 3, eventId, 'investor');
    const mixHosts = await setup.people('mix-host', MIX_HOSTS, eventId, 'investor');
    const mixStartups = await setup.people('mix-startup', MIX_STARTUPS, eventId, 'startup');
    await setup.participants(programmeId, [...rushStartups, ...mixStartups], 'guest');
    await setup.participants(programmeId, [warmHost, rushHost, floorHost, ...mixHosts], 'host');
    // 20 slots of 30 minutes, 09:00-19:00 in Boston; a day each so the runs never touch one another.
    const warmRound = await setup.round(eventId, programmeId, 1, '2023-04-26', '09:00', '19:00', 30);
    const floorRound = await setup.round(eventId, programmeId, 3, '2023-04-29', '09:00', '19:00', 30);
    const floorReadRound = await setup.round(eventId, programmeId, 6, '2023-04-30', '09:00', '19:00', 30);
    // 24 slots of 20 minutes for the mix.
    const mixRound = await setup.round(eventId, programmeId, 4, '2023-05-01', '09:00', '17:00', 20);
    // 20 slots for one-at-a-time bookings: the cost of a booking with nobody in the way.
    const soloRound = await setup.round(eventId, programmeId, 5, '2023-04-27', '09:00', '19:00', 30);
    const bookings = (round: RoundRef): string => `/events/${eventId}/consultation-rounds/${round.id}/bookings`;

    out(`Matchday booking bench: the API as ${API_REPLICAS} replica process(es) on 127.0.0.1:${ports.join(', ')}, database ${database}, ${CONCURRENCY} requests in flight at most`);
    out(`Node ${process.version}, ${baseConfig.NODE_ENV} config, ${POOL_SIZE} PostgreSQL connections for the API (${Math.max(1, Math.floor(POOL_SIZE / API_REPLICAS))} a replica) and for the floor; ${WARM_UP_ATTEMPTS} warm-up attempts each for the API and the floor`);
    out();

    // Warm-up: the same route on another host and day, so the rush measures a warm process as a server that has been
    // up a while is (V8 needs a few thousand calls to settle: cold, a booking costs the API twice the CPU), and the
    // floor's code on its own round likewise.
    const warmUpCalls = Array.from({ length: WARM_UP_ATTEMPTS }, (_, index) => rushStartups[index % rushStartups.length]);
    await runBounded(warmUpCalls, CONCURRENCY, async (startup, index) => {
      await api!.post(bookings(warmRound), startup.token, { hostUserId: warmHost.id, startsAt: warmRound.slots[index % RUSH_SLOTS] }, { 'idempotency-key': randomUUID() });
    });
    const floorWarmRound = await setup.round(eventId, programmeId, 7, '2023-05-09', '09:00', '19:00', 30);
    await runBounded(warmUpCalls, CONCURRENCY, async (startup, index) => {
      await floorBooking(pool, floorWarmRound.id, programmeId, eventId, floorHost.id, startup.id, floorWarmRound.slots[index % RUSH_SLOTS], 30, index % 2 === 0);
    });

    // 0. One at a time: no contention, no concurrency.
    const solo: Answer[] = [];
    for (const [index, startup] of rushStartups.slice(200, 200 + RUSH_SLOTS).entries()) {
      solo.push(await api.post(bookings(soloRound), startup.token, { hostUserId: warmHost.id, startsAt: soloRound.slots[index] }, { 'idempotency-key': randomUUID() }));
    }
    out(`0. One at a time: ${RUSH_SLOTS} bookings in a row, answers ${JSON.stringify(countBy(solo.map((answer) => answer.status)))}; latency ${latencyLine(solo.map((answer) => answer.ms)).text}`);
    const load = loadavg();
    out(`   machine load average (1, 5, 15 min): ${load.map((value) => value.toFixed(1)).join(', ')} on ${cpus().length} cores`);
    out();

    // The API's own ceiling on this machine: the same number of calls that do no booking at all.
    const ceiling = async (path: string) => {
      const answers: Answer[] = [];
      const wallMs = await runBounded(rushStartups, CONCURRENCY, async (startup) => {
        answers.push(await api!.get(path, startup.token));
      });
      return `${((RUSH_STARTUPS / wallMs) * 1000).toFixed(0)} calls/s, answers ${JSON.stringify(countBy(answers.map((answer) => answer.status)))}, latency ${latencyLine(answers.map((answer) => answer.ms)).text}`;
    };
    out(`   ceiling of the API for ${RUSH_STARTUPS} calls, ${CONCURRENCY} in flight, no booking:`);
    out(`     GET /health (no sign-in, no database): ${await ceiling('/health')}`);
    out(`     GET /me (sign-in check and one read):  ${await ceiling('/me')}`);
    out();

    // 1. Rush, RUSH_RUNS times on fresh rounds: one run lasts under a second here, at the mercy of one garbage
    // collection or scheduler hiccup, so each run is printed and the median is the figure.
    const rushRun = async (through: Api, pids: number[], month: number, run: number, firstPosition: number): Promise<RushRun> => {
      const round = await setup.round(eventId, programmeId, firstPosition + run, dayOf(month, run), '09:00', '19:00', 30);
      const answers: Answer[] = [];
      const before = cpuSnapshot(pids);
      const wallMs = await runBounded(rushStartups, CONCURRENCY, async (startup, index) => {
        answers.push(
          await through.post(bookings(round), startup.token, { hostUserId: rushHost.id, startsAt: round.slots[index % RUSH_SLOTS] }, { 'idempotency-key': randomUUID() }),
        );
      });
      const cpu = cpuLine(before, pids, RUSH_STARTUPS);
      const [{ count: booked }] = (await pool.query(`SELECT count(*)::int AS count FROM meetings WHERE round_id = $1 AND status <> 'cancelled'`, [round.id])).rows;
      return { answers, wallMs, rate: (RUSH_STARTUPS / wallMs) * 1000, booked, cpu };
    };
    const rushRuns = async (through: Api, pids: number[], month: number, firstPosition: number): Promise<RushRun[]> => {
      const runs: RushRun[] = [];
      for (let run = 0; run < RUSH_RUNS; run += 1) runs.push(await rushRun(through, pids, month, run, firstPosition));
      return runs;
    };
    const printRuns = (runs: RushRun[]): { rate: number; p99: number; ok: boolean } => {
      let ok = true;
      for (const [index, run] of runs.entries()) {
        const statuses = countBy(run.answers.map((answer) => answer.status));
        const codes = countBy(run.answers.filter((answer) => answer.status === 409).map((answer) => answer.body.code));
        const serverErrors = run.answers.filter((answer) => answer.status >= 500).length;
        const runOk = statuses['201'] === RUSH_SLOTS && statuses['409'] === RUSH_STARTUPS - RUSH_SLOTS && serverErrors === 0 && run.booked === RUSH_SLOTS;
        ok &&= runOk;
        out(`   run ${index + 1}: answers ${JSON.stringify(statuses)}, 409 codes ${JSON.stringify(codes)}, meetings ${run.booked} (${runOk ? 'OK' : 'FAILED'}); ${run.rate.toFixed(0)} attempts/s; ${latencyLine(run.answers.map((answer) => answer.ms)).text}`);
        out(`          ${run.cpu}`);
      }
      const rate = median(runs.map((run) => run.rate));
      const pooled = latencyLine(runs.flatMap((run) => run.answers.map((answer) => answer.ms)));
      out(`   ${ok ? 'OK' : 'FAILED'}: in every run exactly ${RUSH_SLOTS} bookings, every other answer 409, zero 5xx`);
      out(`   median ${rate.toFixed(0)} attempts/s; latency over all ${runs.length * RUSH_STARTUPS} attempts ${pooled.text}`);
      return { rate, p99: pooled.p99, ok };
    };

    // 2. Floor: the same contention, the same transaction, no HTTP and no Nest; then with the API's refusing read.
    const runFloor = async (round: RoundRef, host: Person, preRead: boolean) => {
      const latencies: number[] = [];
      let booked = 0;
      const before = cpuSnapshot([]);
      const wallMs = await runBounded(rushStartups, CONCURRENCY, async (startup, index) => {
        const started = performance.now();
        if (await floorBooking(pool, round.id, programmeId, eventId, host.id, startup.id, round.slots[index % RUSH_SLOTS], 30, preRead)) booked += 1;
        latencies.push(performance.now() - started);
      });
      const cpu = cpuLine(before, [], RUSH_STARTUPS).replace('API 0.00 ms, ', '').replace('bench client', 'SQL client');
      return { booked, wallMs, rate: (RUSH_STARTUPS / wallMs) * 1000, latency: latencyLine(latencies), cpu };
    };
    type FloorRun = Awaited<ReturnType<typeof runFloor>>;

    // The rush and the two floors run in turn, run by run, so a slow or a fast spell of this shared machine falls on
    // all three alike rather than on one of them; they are printed apart.
    const rushRunList: RushRun[] = [];
    const floorRuns: FloorRun[] = [];
    const readFloorRuns: FloorRun[] = [];
    for (let run = 0; run < RUSH_RUNS; run += 1) {
      rushRunList.push(await rushRun(api, apiPids, 6, run, 100));
      floorRuns.push(await runFloor(run === 0 ? floorRound : await setup.round(eventId, programmeId, 200 + run, dayOf(7, run), '09:00', '19:00', 30), floorHost, false));
      readFloorRuns.push(await runFloor(run === 0 ? floorReadRound : await setup.round(eventId, programmeId, 250 + run, dayOf(9, run), '09:00', '19:00', 30), floorHost, true));
    }

    out(`1. Rush: ${RUSH_STARTUPS} startups book one host's ${RUSH_SLOTS} slots through the API, ${RUSH_RUNS} runs on fresh rounds (in turn with the floor's runs)`);
    const rush = printRuns(rushRunList);
    out();
    failed ||= !rush.ok;

    const printFloorRuns = (runs: FloorRun[]): number => {
      for (const [run, floor] of runs.entries()) {
        out(`   run ${run + 1}: ${floor.booked} booked, ${RUSH_STARTUPS - floor.booked} refused; ${floor.rate.toFixed(0)} attempts/s; latency ${floor.latency.text}`);
        out(`          ${floor.cpu}`);
      }
      const rate = median(runs.map((floor) => floor.rate));
      out(`   median ${rate.toFixed(0)} attempts/s`);
      return rate;
    };
    out(`2. Floor: the same ${RUSH_STARTUPS} attempts as plain SQL (pg Pool of ${POOL_SIZE})`);
    out(`   a. the booking transaction for every attempt, the constraints deciding (the target's floor), ${RUSH_RUNS} runs:`);
    const floorRate = printFloorRuns(floorRuns);
    out(`   b. the same with the API's refusing read first (a taken slot costs one SELECT, no transaction), ${RUSH_RUNS} runs:`);
    const readFloorRate = printFloorRuns(readFloorRuns);
    const pairedRatios = rushRunList.map((run, index) => run.rate / floorRuns[index].rate);
    out(`   app / floor a run by run: ${pairedRatios.map((value) => value.toFixed(2)).join(', ')} (median ${median(pairedRatios).toFixed(2)})`);
    const ratio = rush.rate / floorRate;
    out(`   app / floor a = ${ratio.toFixed(2)} (medians; target >= ${TARGET_RATIO}: ${ratio >= TARGET_RATIO ? 'met' : 'MISSED'}); app / floor b = ${(rush.rate / readFloorRate).toFixed(2)} (medians)`);
    out(`   app p99 ${rush.p99.toFixed(1)} ms over all runs (target < ${TARGET_P99_MS} ms: ${rush.p99 < TARGET_P99_MS ? 'met' : 'MISSED'})`);
    if (API_REPLICAS > 1) {
      // The same rush against one replica alone, for comparison: one Node.js process, one core.
      out(`   the rush against one replica alone:`);
      const single = new Api([ports[0]]);
      const alone = printRuns(await rushRuns(single, [apiPids[0]], 8, 300));
      single.close();
      out(`   one replica: app / floor a = ${(alone.rate / floorRate).toFixed(2)}`);
      failed ||= !alone.ok;
    }
    out();

    // 2c. The same rush with fewer and with all 500 in flight: the rate is the machine's, the latency follows it.
    const sweepLevels = [16, RUSH_STARTUPS].filter((level) => level !== CONCURRENCY);
    out(`2c. The rush and floor a at other numbers of calls in flight (fresh rounds each):`);
    for (const [index, level] of sweepLevels.entries()) {
      const appRound = await setup.round(eventId, programmeId, 10 + 2 * index, `2023-05-0${2 + 2 * index}`, '09:00', '19:00', 30);
      const sqlRound = await setup.round(eventId, programmeId, 11 + 2 * index, `2023-05-0${3 + 2 * index}`, '09:00', '19:00', 30);
      const answers: Answer[] = [];
      const appMs = await runBounded(rushStartups, level, async (startup, position) => {
        answers.push(
          await api!.post(bookings(appRound), startup.token, { hostUserId: rushHost.id, startsAt: appRound.slots[position % RUSH_SLOTS] }, { 'idempotency-key': randomUUID() }),
        );
      });
      const sqlLatencies: number[] = [];
      const sqlMs = await runBounded(rushStartups, level, async (startup, position) => {
        const started = performance.now();
        await floorBooking(pool, sqlRound.id, programmeId, eventId, floorHost.id, startup.id, sqlRound.slots[position % RUSH_SLOTS], 30, false);
        sqlLatencies.push(performance.now() - started);
      });
      const appRate = (RUSH_STARTUPS / appMs) * 1000;
      const sqlRate = (RUSH_STARTUPS / sqlMs) * 1000;
      const booked = answers.filter((answer) => answer.status === 201).length;
      const serverErrors = answers.filter((answer) => answer.status >= 500).length;
      out(`   ${String(level).padStart(3)} in flight: app ${appRate.toFixed(0)} attempts/s (${booked} booked, ${serverErrors} 5xx), ${latencyLine(answers.map((answer) => answer.ms)).text}`);
      out(`                 floor a ${sqlRate.toFixed(0)} attempts/s, ${latencyLine(sqlLatencies).text}; app / floor a = ${(appRate / sqlRate).toFixed(2)}`);
      failed ||= booked !== RUSH_SLOTS || serverErrors > 0;
    }
    out();

    // 3. Mix.
    const random = seededRandom(20230428);
    const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
    const active = new Map<string, Person>();
    const plan = Array.from({ length: MIX_OPERATIONS }, () => random());
    const results: Array<{ kind: string; status: number; ms: number }> = [];
    const mixMs = await runBounded(plan, CONCURRENCY, async (roll) => {
      const known = [...active.keys()];
      if (known.length < 100 || roll < 0.55) {
        const guest = pick(mixStartups);
        const answer = await api!.post(bookings(mixRound), guest.token, { hostUserId: pick(mixHosts).id, startsAt: pick(mixRound.slots) }, { 'idempotency-key': randomUUID() });
        if (answer.status === 201 && answer.body.id) active.set(answer.body.id, guest);
        results.push({ kind: 'book', status: answer.status, ms: answer.ms });
      } else if (roll < 0.775) {
        const meetingId = pick(known);
        const guest = active.get(meetingId)!;
        const answer = await api!.post(`/events/${eventId}/meetings/${meetingId}/cancel`, guest.token, { reason: 'bench' });
        if (answer.status === 200) active.delete(meetingId);
        results.push({ kind: 'cancel', status: answer.status, ms: answer.ms });
      } else {
        const meetingId = pick(known);
        const guest = active.get(meetingId)!;
        const answer = await api!.post(`/events/${eventId}/meetings/${meetingId}/reschedule`, guest.token, { startsAt: pick(mixRound.slots) });
        results.push({ kind: 'reschedule', status: answer.status, ms: answer.ms });
      }
    });
    const [proof] = (await pool.query(OVERLAP_SQL, [mixRound.id])).rows;
    const mixServerErrors = results.filter((result) => result.status >= 500).length;
    const mixLatency = latencyLine(results.map((result) => result.ms));
    const mixOk = proof.person_overlaps === 0 && proof.location_overlaps === 0 && proof.attendee_mismatches === 0 && mixServerErrors === 0;
    out(`3. Mix: ${MIX_OPERATIONS} random book / cancel / reschedule calls, ${MIX_HOSTS} hosts x ${MIX_STARTUPS} startups, ${mixRound.slots.length} slots`);
    for (const kind of ['book', 'cancel', 'reschedule']) {
      const mine = results.filter((result) => result.kind === kind);
      out(`   ${kind.padEnd(10)} ${String(mine.length).padStart(5)} calls, answers ${JSON.stringify(countBy(mine.map((result) => result.status)))}`);
    }
    out(`   ${mixMs.toFixed(0)} ms wall, ${((MIX_OPERATIONS / mixMs) * 1000).toFixed(0)} calls/s; latency ${mixLatency.text}; 5xx: ${mixServerErrors}`);
    out(
      `   afterwards: ${proof.active_meetings} active and ${proof.cancelled_meetings} cancelled meetings; overlapping active meetings: ` +
        `${proof.person_overlaps} for a person, ${proof.location_overlaps} for a location; attendee rows out of step: ${proof.attendee_mismatches}`,
    );
    out(`   ${mixOk ? 'OK' : 'FAILED'}: no double booking, zero 5xx`);
    out();
    failed ||= !mixOk;
    out(`Bench wall time ${((performance.now() - benchStarted) / 1000).toFixed(1)} s`);
  } finally {
    api?.close();
    await pool.end();
    await Promise.all(
      servers
        .filter((server) => server.exitCode === null)
        .map(async (server) => {
          const exited = new Promise((resolve) => server.once('exit', resolve));
          server.kill('SIGTERM');
          await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
          if (server.exitCode === null) server.kill('SIGKILL');
        }),
    );
    await dropTestDatabase(database);
    const redis = new Redis(baseConfig.REDIS_URL);
    try {
      for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 500 }) as AsyncIterable<string[]>) {
        if (keys.length > 0) await redis.del(...keys);
      }
    } finally {
      redis.disconnect();
    }
  }
  if (failed) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
