import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { NotificationOutbox } from '../../src/notifications/notification-outbox.service';
import { NotificationRelay } from '../../src/notifications/notification-relay.service';
import { bullOptions } from '../../src/queues/bull-connection';
import { QueueName } from '../../src/queues/queue-name';
import { SmtpSink } from '../support/smtp-sink';
import { createTestDatabase, databaseUrl, dropTestDatabase } from '../support/test-database';
import { startWorkerProcess } from '../support/test-worker';
import { out, percentile } from './bench-support';

/**
 * `npm run bench:reminders`: printed figures, not a test. A scratch database cloned from the test template, its own
 * Redis key prefix, an SMTP server on loopback; everything it made is removed at the end.
 *
 *   1. Schedule: 20,000 meetings' reminders written through the outbox (one transaction per meeting, as bookings do)
 *      and moved into BullMQ by the relay; then 5,000 rescheduled and 2,000 cancelled the same way. Enqueue throughput
 *      against the floor (the same number of plain Queue.addBulk jobs), and the delayed jobs in Redis compared, id for
 *      id, with the pending rows PostgreSQL says are due.
 *   2. Delivery: 2,000 reminders due within the same minute, sent by the real worker to the SMTP server; lateness
 *      (arrival at the server minus due time) p50/p99, duplicates and misses counted at the server.
 *   3. The same 2,000 all due at one instant (a burst): what one worker's send rate makes of the lateness.
 */

const MEETINGS = Number(process.env.BENCH_MEETINGS ?? 20_000);
const RESCHEDULE = Number(process.env.BENCH_RESCHEDULE ?? 5_000);
const CANCEL = Number(process.env.BENCH_CANCEL ?? 2_000);
const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 2_000);
const CONCURRENCY = 16;
const HOSTS = 200;
const GUESTS = 100;



async function runBounded<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<number> {
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const item = items[next];
        next += 1;
        await work(item);
      }
    }),
  );
  return performance.now() - started;
}

interface MeetingRef {
  id: string;
  hostId: string;
  guestId: string;
  startsAt: Date;
}

/** People, an event with a programme and an online round, and `count` confirmed meetings, by SQL. */
async function seedMeetings(dataSource: DataSource, count: number, startsAt: (index: number) => Date, people: { hosts: number; guests: number }): Promise<{ eventId: string; meetings: MeetingRef[] }> {
  const tag = randomBytes(4).toString('hex');
  const [event] = await dataSource.query(
    `INSERT INTO events (slug, name, time_zone, starts_on, ends_on, status) VALUES ($1, 'Reminder bench', 'America/New_York', current_date, current_date + 30, 'published') RETURNING id`,
    [`reminder-bench-${tag}`],
  );
  const [programme] = await dataSource.query(`INSERT INTO consultation_programmes (event_id, name) VALUES ($1, 'Bench') RETURNING id`, [event.id]);
  const [round] = await dataSource.query(
    `INSERT INTO consultation_rounds (programme_id, event_id, position, name, mode, time_zone, slot_minutes, booking_opens_at, booking_closes_at, confirmation)
     VALUES ($1, $2, 1, 'Bench round', 'online', 'America/New_York', 30, now() - interval '1 day', now() + interval '30 days', 'instant') RETURNING id`,
    [programme.id, event.id],
  );
  const users = async (side: string, total: number, zone: string, language: string): Promise<string[]> =>
    (
      await dataSource.query(
        `INSERT INTO users (email, password_hash, name, language, time_zone)
         SELECT format('bench-%s-%s-%s@bench.test', $1::text, $2::text, g), 'no-login', format('%s %s', $2::text, g), $4::language, $5
           FROM generate_series(1, $3::int) AS g ORDER BY g RETURNING id`,
        [tag, side, total, language, zone],
      )
    ).map((row: { id: string }) => row.id);
  const hosts = await users('host', people.hosts, 'America/New_York', 'en');
  const guests = await users('guest', people.guests, 'Asia/Seoul', 'ko');
  const meetings: MeetingRef[] = Array.from({ length: count }, (_, index) => ({
    id: randomUUID(),
    hostId: hosts[index % hosts.length],
    guestId: guests[(index + Math.floor(index / hosts.length)) % guests.length],
    startsAt: startsAt(index),
  }));
  for (let start = 0; start < meetings.length; start += 5000) {
    const batch = meetings.slice(start, start + 5000);
    await dataSource.query(
      `INSERT INTO meetings (id, event_id, round_id, host_user_id, guest_user_id, starts_at, ends_at, status, version, created_by_id)
       SELECT m.id, $1, $2, m.host, m.guest, m.starts_at, m.starts_at + interval '30 minutes', 'confirmed', 1, m.guest
         FROM unnest($3::uuid[], $4::uuid[], $5::uuid[], $6::timestamptz[]) AS m(id, host, guest, starts_at)`,
      [event.id, round.id, batch.map((m) => m.id), batch.map((m) => m.hostId), batch.map((m) => m.guestId), batch.map((m) => m.startsAt)],
    );
  }
  return { eventId: event.id, meetings };
}

/** The outbox write a booking, a reschedule or a cancel makes, each in its own transaction. */
async function writeThroughOutbox(dataSource: DataSource, outbox: NotificationOutbox, eventId: string, meetings: MeetingRef[], change: 'booked' | 'rescheduled' | 'cancelled', version: number): Promise<number> {
  return runBounded(meetings, CONCURRENCY, async (meeting) => {
    await dataSource.transaction(async (manager) => {
      if (change === 'rescheduled') {
        await manager.query(`UPDATE meetings SET starts_at = $2, ends_at = $2::timestamptz + interval '30 minutes', version = $3 WHERE id = $1`, [meeting.id, meeting.startsAt, version]);
      } else if (change === 'cancelled') {
        await manager.query(`UPDATE meetings SET status = 'cancelled', cancelled_at = now() WHERE id = $1`, [meeting.id]);
      }
      await outbox.meetingChanged(manager, {
        change,
        meetingId: meeting.id,
        eventId,
        hostUserId: meeting.hostId,
        guestUserId: meeting.guestId,
        startsAt: meeting.startsAt,
        endsAt: new Date(meeting.startsAt.getTime() + 30 * 60_000),
        version,
        status: change === 'cancelled' ? 'cancelled' : 'confirmed',
        onSite: false,
      });
    });
  });
}

async function schedulingRun(config: AppConfig, dataSource: DataSource): Promise<boolean> {
  out(`1. Schedule reminders for ${MEETINGS.toLocaleString('en')} meetings, reschedule ${RESCHEDULE.toLocaleString('en')}, cancel ${CANCEL.toLocaleString('en')}`);
  const queue = new Queue(QueueName.Notifications, bullOptions(config));
  const floorQueue = new Queue('bench-floor', bullOptions(config));
  const outbox = new NotificationOutbox(config);
  const relay = new NotificationRelay(dataSource, queue, config);
  try {
    const base = Date.now() + 3 * 24 * 3600_000;
    const { eventId, meetings } = await seedMeetings(dataSource, MEETINGS, (index) => new Date(base + index * 60_000), { hosts: HOSTS, guests: GUESTS });
    // Confirmation notices are due at once (the worker is not running here): only reminders are delayed jobs.
    const outboxMs = await writeThroughOutbox(dataSource, outbox, eventId, meetings, 'booked', 1);
    const [{ reminders }] = await dataSource.query(`SELECT count(*)::int AS reminders FROM notifications WHERE kind = 'meeting_reminder'`);
    let started = performance.now();
    const relayed = await relay.drain();
    const relayMs = performance.now() - started;
    const relayRate = relayed / (relayMs / 1000);
    out(`   outbox: ${MEETINGS.toLocaleString('en')} booking transactions in ${(outboxMs / 1000).toFixed(1)} s (${(MEETINGS / (outboxMs / 1000)).toFixed(0)}/s), ${reminders.toLocaleString('en')} reminder rows`);
    out(`   relay: ${relayed.toLocaleString('en')} rows into BullMQ in ${(relayMs / 1000).toFixed(2)} s = ${relayRate.toFixed(0)} jobs/s`);

    // The floor: as many plain delayed jobs, added with Queue.addBulk in batches of the relay's size.
    const floorJobs = Array.from({ length: relayed }, (_, index) => ({
      name: 'deliver',
      data: { notificationId: randomUUID(), revision: 1 },
      opts: { jobId: `floor-${index}`, delay: 3 * 24 * 3600_000, removeOnComplete: true },
    }));
    started = performance.now();
    for (let start = 0; start < floorJobs.length; start += 1000) await floorQueue.addBulk(floorJobs.slice(start, start + 1000));
    const floorMs = performance.now() - started;
    const floorRate = relayed / (floorMs / 1000);
    out(`   floor (plain Queue.addBulk): ${relayed.toLocaleString('en')} jobs in ${(floorMs / 1000).toFixed(2)} s = ${floorRate.toFixed(0)} jobs/s`);
    out(`   relay / floor = ${(relayRate / floorRate).toFixed(2)} (target >= 0.5)`);
    // The same with three addBulk calls in flight, as the relay keeps three batches in flight.
    await floorQueue.obliterate({ force: true });
    const batches = Array.from({ length: Math.ceil(floorJobs.length / 1000) }, (_, index) => floorJobs.slice(index * 1000, (index + 1) * 1000));
    const parallelMs = await runBounded(batches, 3, async (batch) => {
      await floorQueue.addBulk(batch);
    });
    const parallelRate = relayed / (parallelMs / 1000);
    out(`   floor with 3 addBulk in flight: ${parallelRate.toFixed(0)} jobs/s; relay / that = ${(relayRate / parallelRate).toFixed(2)}`);

    const moved = meetings.slice(0, RESCHEDULE).map((meeting) => ({ ...meeting, startsAt: new Date(meeting.startsAt.getTime() + 3600_000) }));
    const rescheduleMs = await writeThroughOutbox(dataSource, outbox, eventId, moved, 'rescheduled', 2);
    started = performance.now();
    const relayedMoves = await relay.drain();
    out(`   reschedule ${RESCHEDULE.toLocaleString('en')}: outbox ${(rescheduleMs / 1000).toFixed(1)} s, relay ${relayedMoves.toLocaleString('en')} rows (old job removed, new added) in ${((performance.now() - started) / 1000).toFixed(2)} s`);
    const cancelled = meetings.slice(MEETINGS - CANCEL);
    const cancelMs = await writeThroughOutbox(dataSource, outbox, eventId, cancelled, 'cancelled', 1);
    started = performance.now();
    const relayedCancels = await relay.drain();
    out(`   cancel ${CANCEL.toLocaleString('en')}: outbox ${(cancelMs / 1000).toFixed(1)} s, relay ${relayedCancels.toLocaleString('en')} rows in ${((performance.now() - started) / 1000).toFixed(2)} s`);

    const due: Array<{ jobId: string }> = await dataSource.query(`SELECT id || '.r' || revision AS "jobId" FROM notifications WHERE status = 'pending' AND due_at > now()`);
    const redis = new Redis(config.REDIS_URL);
    const delayed = await redis.zrange(`${config.REDIS_KEY_PREFIX}:bull:${QueueName.Notifications}:delayed`, 0, -1);
    redis.disconnect();
    const expected = new Set(due.map((row) => row.jobId));
    const inRedis = new Set(delayed);
    const missing = [...expected].filter((id) => !inRedis.has(id)).length;
    const extra = [...inRedis].filter((id) => !expected.has(id)).length;
    const equal = missing === 0 && extra === 0;
    out(`   PostgreSQL pending and due later: ${expected.size.toLocaleString('en')}; Redis delayed jobs: ${inRedis.size.toLocaleString('en')}; missing ${missing}, extra ${extra}: ${equal ? 'EQUAL' : 'DIFFERENT'}`);
    await dataSource.query('DELETE FROM notifications');
    await dataSource.query('DELETE FROM meetings');
    await queue.obliterate({ force: true });
    await floorQueue.obliterate({ force: true });
    return equal;
  } finally {
    await queue.close();
    await floorQueue.close();
  }
}

async function deliveryRun(config: AppConfig, dataSource: DataSource, sink: SmtpSink, spreadMs: number, title: string): Promise<boolean> {
  out();
  out(title);
  sink.messages.length = 0;
  sink.arrivals.length = 0;
  // Reminder "minutes" are seconds here: one offset of 60 s; starts spread over `spreadMs`, the first reminder due
  // 90 s from now (setup and the worker's start come first).
  const firstDue = Date.now() + 90_000;
  const meetingCount = DELIVERIES / 2;
  const { eventId, meetings } = await seedMeetings(dataSource, meetingCount, (index) => new Date(firstDue + 60_000 + Math.floor((index * spreadMs) / meetingCount)), {
    hosts: meetingCount,
    guests: meetingCount,
  });
  await dataSource.query(`INSERT INTO event_notification_settings (event_id, reminder_offsets_minutes, on_site_offsets_minutes) VALUES ($1, '{60}', '{}')`, [eventId]);
  await writeThroughOutbox(dataSource, new NotificationOutbox(config), eventId, meetings, 'booked', 1);
  // Only the reminders are measured: the confirmations the bookings also wrote are taken out.
  await dataSource.query(`DELETE FROM notifications WHERE kind <> 'meeting_reminder'`);
  const rows: Array<{ id: string; dueAt: Date }> = await dataSource.query(`SELECT id, due_at AS "dueAt" FROM notifications WHERE status = 'pending'`);
  const dueOf = new Map(rows.map((row) => [row.id, row.dueAt.getTime()]));
  const spread = (Math.max(...dueOf.values()) - Math.min(...dueOf.values())) / 1000;
  out(`   ${rows.length.toLocaleString('en')} reminders due over ${spread.toFixed(0)} s, the first in ${((Math.min(...dueOf.values()) - Date.now()) / 1000).toFixed(0)} s`);
  // The real worker process (dist/src/worker.js), as deployed; the SMTP server stays in this process.
  const worker = await startWorkerProcess(config);
  try {
    const deadline = Math.max(...dueOf.values()) + 60_000;
    while (sink.messages.length < rows.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    await new Promise((resolve) => setTimeout(resolve, 3000));
  } finally {
    worker.child.kill('SIGTERM');
    await worker.exited;
  }
  // Where the time goes: from due to the job's start (BullMQ), and the job's own run (claim, checks, SMTP, mark sent).
  const queue = new Queue(QueueName.Notifications, bullOptions(config));
  const completed = await queue.getCompleted(0, -1);
  await queue.obliterate({ force: true });
  await queue.close();
  const started = completed.map((job) => (job.processedOn ?? 0) - dueOf.get((job.data as { notificationId: string }).notificationId)!).sort((a, b) => a - b);
  const running = completed.map((job) => (job.finishedOn ?? 0) - (job.processedOn ?? 0)).sort((a, b) => a - b);
  out(`   jobs started after due: p50 ${percentile(started, 0.5).toFixed(0)} ms, p99 ${percentile(started, 0.99).toFixed(0)} ms; each job ran p50 ${percentile(running, 0.5).toFixed(0)} ms, p99 ${percentile(running, 0.99).toFixed(0)} ms`);
  const seen = new Map<string, number>();
  const lateness: number[] = [];
  sink.messages.forEach((mail, index) => {
    const id = /^<?([0-9a-f-]{36})\.r\d+@/.exec(mail.messageId ?? '')?.[1];
    if (!id || !dueOf.has(id)) return;
    seen.set(id, (seen.get(id) ?? 0) + 1);
    if (seen.get(id) === 1) lateness.push(sink.arrivals[index] - dueOf.get(id)!);
  });
  const duplicates = [...seen.values()].reduce((sum, count) => sum + count - 1, 0);
  const misses = rows.length - seen.size;
  const sorted = lateness.sort((a, b) => a - b);
  const p99 = percentile(sorted, 0.99);
  out(`   delivered ${seen.size.toLocaleString('en')}, duplicates ${duplicates}, misses ${misses}`);
  out(`   lateness at the SMTP server: p50 ${percentile(sorted, 0.5).toFixed(0)} ms, p99 ${p99.toFixed(0)} ms, max ${sorted[sorted.length - 1]?.toFixed(0)} ms (target p99 < 1000 ms)`);
  await dataSource.query('DELETE FROM notifications');
  await dataSource.query('DELETE FROM meetings');
  return duplicates === 0 && misses === 0;
}

async function main(): Promise<void> {
  const database = await createTestDatabase();
  const sink = new SmtpSink();
  const smtpUrl = await sink.start();
  const prefix = `matchday-bench-${randomBytes(4).toString('hex')}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: databaseUrl(database),
    DATABASE_AUTO_CREATE: 'false',
    DATABASE_MIGRATE_ON_START: 'false',
    REDIS_KEY_PREFIX: prefix,
    SMTP_URL: smtpUrl,
    NOTIFICATION_OFFSET_UNIT_SECONDS: '1',
    NOTIFICATION_RELAY_POLL_MS: '200',
    NOTIFICATION_WORKER_CONCURRENCY: process.env.BENCH_WORKER_CONCURRENCY ?? '20',
  });
  const dataSource = new DataSource(dataSourceOptions(config));
  await dataSource.initialize();
  let ok = false;
  try {
    const equal = await schedulingRun(config, dataSource);
    const exact = await deliveryRun(
      config,
      dataSource,
      sink,
      60_000,
      `2. ${DELIVERIES.toLocaleString('en')} reminders due within the same minute, through the worker to an SMTP server on loopback`,
    );
    const burst = await deliveryRun(config, dataSource, sink, 0, `3. The harder case: ${DELIVERIES.toLocaleString('en')} reminders due at the same instant`);
    ok = equal && exact && burst;
  } finally {
    await dataSource.destroy();
    await sink.stop();
    await dropTestDatabase(database);
    const redis = new Redis(config.REDIS_URL);
    try {
      const stream = redis.scanStream({ match: `${prefix}:*`, count: 1000 });
      for await (const keys of stream as AsyncIterable<string[]>) if (keys.length > 0) await redis.del(...keys);
    } finally {
      redis.disconnect();
    }
  }
  out();
  out(ok ? 'Redis equals PostgreSQL; every reminder arrived exactly once.' : 'MISMATCH: see above.');
  process.exitCode = ok ? 0 : 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
