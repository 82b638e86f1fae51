import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { INestApplicationContext } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { ParsedMail } from 'mailparser';
import { DataSource, QueryRunner } from 'typeorm';
import { queryRows } from '../../src/common/database-queries';
import { NotificationJob, deliveryJobId, deliveryJobOptions } from '../../src/notifications/notification-jobs';
import { NotificationOutbox } from '../../src/notifications/notification-outbox.service';
import { NotificationReconciler } from '../../src/notifications/notification-reconciler.service';
import { bullOptions } from '../../src/queues/bull-connection';
import { QueueName } from '../../src/queues/queue-name';
import {
  bookMeeting,
  createSoonWorld,
  FAST_NOTIFICATIONS,
  installRefusals,
  meetingRows,
  NotificationRow,
  offsetDueIn,
  refuse,
  setOffsets,
  SoonWorld,
  stopRefusing,
} from '../support/notification-fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { eventually, startInProcessWorker, startWorkerProcess } from '../support/test-worker';

const reminderTo = (world: SoonWorld, address: string) => (mail: ParsedMail) =>
  address === world.host.email ? (mail.subject ?? '').startsWith('Reminder') : (mail.subject ?? '').includes('[알림]');

/**
 * How one send is decided, against stale and duplicated jobs, racing workers, a cancel in the middle, jobs woken
 * early and a database that refuses writes at the worst moment (a trigger refuses chosen status changes). Api and
 * worker in this process; reminder "minutes" are seconds.
 */
describe('notifications: one send, decided once', () => {
  let testApp: TestApp;
  let worker: INestApplicationContext;
  let queue: Queue;
  let dataSource: DataSource;

  before(async () => {
    testApp = await startTestApp(FAST_NOTIFICATIONS);
    worker = await startInProcessWorker(testApp.config);
    queue = new Queue(QueueName.Notifications, bullOptions(testApp.config));
    dataSource = testApp.app.get(DataSource);
    await installRefusals(dataSource);
  });
  after(async () => {
    await queue.close();
    await worker.close();
    await testApp.close();
  });

  /** A confirmed meeting whose reminders (one offset) are due `seconds` from now, synced into BullMQ. */
  async function meetingWithReminderIn(seconds: number): Promise<{ world: SoonWorld; meetingId: string; reminders: NotificationRow[] }> {
    const world = await createSoonWorld(testApp, seconds + 40);
    await setOffsets(testApp, world, [offsetDueIn(world.startsAt, seconds)]);
    const meetingId = await bookMeeting(testApp, world);
    let reminders: NotificationRow[] = [];
    await eventually('the reminders are synced', async () => {
      reminders = (await meetingRows(testApp, meetingId)).filter((row) => row.kind === 'meeting_reminder');
      return reminders.length === 2 && reminders.every((row) => row.syncedRevision === row.revision);
    });
    return { world, meetingId, reminders };
  }

  async function reminder(meetingId: string, recipientUserId: string): Promise<NotificationRow> {
    return (await meetingRows(testApp, meetingId)).find((row) => row.kind === 'meeting_reminder' && row.recipientUserId === recipientUserId)!;
  }

  /** Locks rows as a transaction in flight would, until `release`. */
  async function lockRows(ids: string[]): Promise<QueryRunner> {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await runner.query('SELECT id FROM notifications WHERE id = ANY($1::uuid[]) FOR UPDATE', [ids]);
    return runner;
  }

  /** Waits until `count` claims (`pending -> sending`) wait on a lock: their jobs wake at `dueAt`, give or take 20 s. */
  async function claimsWaiting(count: number, dueAt: Date): Promise<void> {
    await eventually(
      `${count} claims waiting on the lock`,
      async () => {
        const [{ waiting }] = await dataSource.query(
          `SELECT count(*)::int AS waiting FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%SET status = ''sending''%'`,
        );
        return waiting >= count;
      },
      Math.max(0, dueAt.getTime() - Date.now()) + 20_000,
    );
  }

  async function finishedJob(jobId: string): Promise<Job> {
    let job: Job | undefined;
    await eventually(`job ${jobId} finished`, async () => {
      job = await queue.getJob(jobId);
      return job?.finishedOn !== undefined;
    });
    return job!;
  }

  it('sends nothing for a stale job: an old revision, a meeting that moved or was cancelled without a new job', async () => {
    const [moved, cancelled] = await Promise.all([meetingWithReminderIn(6), meetingWithReminderIn(6)]);
    // A job of a revision the row has left behind (as after a move whose old job could not be removed): nothing.
    const hostReminder = moved.reminders.find((row) => row.recipientUserId === moved.world.host.id)!;
    await queue.add(NotificationJob.Deliver, { notificationId: hostReminder.id, revision: hostReminder.revision - 1 }, { jobId: `stale-${hostReminder.id}` });
    assert.equal((await finishedJob(`stale-${hostReminder.id}`)).returnvalue, 'stale');
    // The meetings change behind the outbox's back, so the reminders' jobs wake to a meeting that no longer stands as
    // they announced it: one moved five minutes later, the other cancelled.
    await dataSource.query(`UPDATE meetings SET starts_at = starts_at + interval '5 minutes', ends_at = ends_at + interval '5 minutes' WHERE id = $1`, [moved.meetingId]);
    await dataSource.query(`UPDATE meetings SET status = 'cancelled', cancelled_at = now() WHERE id = $1`, [cancelled.meetingId]);
    await eventually('both meetings’ reminders were skipped', async () => {
      const rows = [...(await meetingRows(testApp, moved.meetingId)), ...(await meetingRows(testApp, cancelled.meetingId))].filter((row) => row.kind === 'meeting_reminder');
      return rows.every((row) => row.status === 'skipped');
    }, 20_000);
    for (const row of (await meetingRows(testApp, moved.meetingId)).filter((candidate) => candidate.kind === 'meeting_reminder')) assert.equal(row.lastError, 'the meeting moved');
    for (const row of (await meetingRows(testApp, cancelled.meetingId)).filter((candidate) => candidate.kind === 'meeting_reminder')) assert.equal(row.lastError, 'the meeting is cancelled');
    for (const { world } of [moved, cancelled]) {
      assert.equal(testApp.mail.messagesTo(world.host.email).filter(reminderTo(world, world.host.email)).length, 0);
      assert.equal(testApp.mail.messagesTo(world.guest.email).filter(reminderTo(world, world.guest.email)).length, 0);
    }
  });

  it('sends one email when duplicated jobs in two workers claim the same reminder at the same moment', async () => {
    // A second worker, in its own process (two in-process workers would share passport's global strategies).
    const second = await startWorkerProcess(testApp.config);
    try {
      await eventually('both workers take notification jobs', async () => (await queue.getWorkers()).length >= 2, 20_000);
      // Due well after the setup, so the lock below is surely taken before the jobs wake, even on a loaded machine.
      const { world, meetingId, reminders } = await meetingWithReminderIn(20);
      // Two more jobs per reminder under other ids (as a duplicated or stalled-and-retried job would be), due with it.
      for (const row of reminders) {
        for (const copy of [1, 2]) {
          await queue.add(NotificationJob.Deliver, { notificationId: row.id, revision: row.revision }, {
            ...deliveryJobOptions(testApp.config),
            jobId: `copy-${copy}-${row.id}`,
            delay: Math.max(0, row.dueAt.getTime() - Date.now()),
          });
        }
      }
      // Held until all six jobs wait on the rows' lock, then let go at once.
      const lock = await lockRows(reminders.map((row) => row.id));
      try {
        await claimsWaiting(6, reminders[0].dueAt);
      } finally {
        await lock.commitTransaction();
        await lock.release();
      }
      await testApp.mail.waitForCount(world.host.email, 1, 10_000, reminderTo(world, world.host.email));
      await testApp.mail.waitForCount(world.guest.email, 1, 10_000, reminderTo(world, world.guest.email));
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.equal(testApp.mail.messagesTo(world.host.email).filter(reminderTo(world, world.host.email)).length, 1);
      assert.equal(testApp.mail.messagesTo(world.guest.email).filter(reminderTo(world, world.guest.email)).length, 1);
      for (const row of (await meetingRows(testApp, meetingId)).filter((candidate) => candidate.kind === 'meeting_reminder')) {
        assert.equal(row.status, 'sent');
        assert.equal(row.attempts, 1, 'one claim won');
      }
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  });

  it('sends no reminder when the cancel commits after the checks read the meeting as confirmed, before the claim', async () => {
    // Due well after the setup, so the cancel's lock below is surely taken before the jobs wake.
    const { world, meetingId, reminders } = await meetingWithReminderIn(20);
    // The cancel's transaction is in flight: it has touched the reminder rows. The jobs wake, read the meeting (still
    // confirmed: the cancel has not committed) and wait to claim.
    const cancel = await lockRows(reminders.map((row) => row.id));
    try {
      await claimsWaiting(2, reminders[0].dueAt);
      // The rest of the cancel, as the consultations module writes it: the meeting, and the outbox in the same transaction.
      const [meeting] = await queryRows<{ startsAt: Date; endsAt: Date; version: number }>(
        cancel.manager,
        `UPDATE meetings SET status = 'cancelled', cancelled_at = now() WHERE id = $1 RETURNING starts_at AS "startsAt", ends_at AS "endsAt", version`,
        [meetingId],
      );
      await testApp.app.get(NotificationOutbox).meetingChanged(cancel.manager, {
        change: 'cancelled',
        meetingId,
        eventId: world.eventId,
        hostUserId: world.host.id,
        guestUserId: world.guest.id,
        startsAt: meeting.startsAt,
        endsAt: meeting.endsAt,
        version: meeting.version,
        status: 'cancelled',
        onSite: false,
        reason: null,
      });
      await cancel.commitTransaction();
    } finally {
      if (cancel.isTransactionActive) await cancel.rollbackTransaction();
      await cancel.release();
    }
    await testApp.mail.waitForCount(world.guest.email, 1, 10_000, (mail) => /취소/.test(mail.subject ?? ''));
    await testApp.mail.waitForCount(world.host.email, 1, 10_000, (mail) => (mail.subject ?? '').startsWith('Cancelled'));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(testApp.mail.messagesTo(world.host.email).filter(reminderTo(world, world.host.email)).length, 0);
    assert.equal(testApp.mail.messagesTo(world.guest.email).filter(reminderTo(world, world.guest.email)).length, 0);
    for (const row of (await meetingRows(testApp, meetingId)).filter((candidate) => candidate.kind === 'meeting_reminder')) assert.equal(row.status, 'cancelled');
  });

  it('sends no reminder when the meeting is cancelled (through the api) while the job is still checking it', async () => {
    // Due well after the setup, so the table is surely locked before the jobs wake.
    const { world, meetingId, reminders } = await meetingWithReminderIn(20);
    // The jobs read the meeting (confirmed), then stall on a slow read (the other party's zone: the table is locked).
    const slow = dataSource.createQueryRunner();
    await slow.connect();
    await slow.startTransaction();
    try {
      await slow.query('LOCK TABLE travel_time_zones IN ACCESS EXCLUSIVE MODE');
      // Well past the reminders' time (they cannot finish without that read), both are held up there.
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, reminders[0].dueAt.getTime() - Date.now()) + 1500));
      await eventually(
        'both reminder jobs are held up after reading the meeting',
        async () => {
          const [{ waiting }] = await dataSource.query(
            `SELECT count(*)::int AS waiting FROM pg_stat_activity
              WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%travel_time_zones%'`,
          );
          return waiting >= 2;
        },
        20_000,
      );
      const cancelled = await testApp.http().post(`/events/${world.eventId}/meetings/${meetingId}/cancel`).set(world.host.auth).send({ reason: 'Flight cancelled' });
      assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
    } finally {
      await slow.commitTransaction();
      await slow.release();
    }
    await testApp.mail.waitForCount(world.guest.email, 1, 10_000, (mail) => /취소/.test(mail.subject ?? ''));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(testApp.mail.messagesTo(world.host.email).filter(reminderTo(world, world.host.email)).length, 0);
    assert.equal(testApp.mail.messagesTo(world.guest.email).filter(reminderTo(world, world.guest.email)).length, 0);
    for (const row of (await meetingRows(testApp, meetingId)).filter((candidate) => candidate.kind === 'meeting_reminder')) assert.equal(row.status, 'cancelled');
  });

  it('lets a claimed reminder go out when the meeting is cancelled mid-send, records it as sent, and the cancel does not wait for it', async () => {
    const { world, meetingId } = await meetingWithReminderIn(5);
    testApp.mail.hold(world.host.email);
    try {
      // The SMTP server has the host's reminder and has not answered: the send was decided before the cancel.
      await testApp.mail.waitForCount(world.host.email, 1, 20_000, reminderTo(world, world.host.email));
      const started = Date.now();
      const cancelled = await testApp.http().post(`/events/${world.eventId}/meetings/${meetingId}/cancel`).set(world.host.auth).send({});
      assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
      // The send is held until the end of this block, so a cancel that waited for it would not answer at all; the bound
      // only has to be far below the test's timeout, and leaves room for a slow machine.
      assert.ok(Date.now() - started < 15_000, 'the cancel did not wait for the send');
      assert.equal((await reminder(meetingId, world.host.id)).status, 'sending');
    } finally {
      testApp.mail.release();
    }
    await eventually('the reminder is recorded as sent', async () => (await reminder(meetingId, world.host.id)).status === 'sent');
    await testApp.mail.waitForCount(world.host.email, 1, 10_000, (mail) => (mail.subject ?? '').startsWith('Cancelled'));
    assert.equal(testApp.mail.messagesTo(world.host.email).filter(reminderTo(world, world.host.email)).length, 1);
  });

  it('puts a job woken before its time (promoted from the dashboard) back to wait, and sends nothing early', async () => {
    const { world, reminders } = await meetingWithReminderIn(60);
    const row = reminders.find((candidate) => candidate.recipientUserId === world.host.id)!;
    const job = (await queue.getJob(deliveryJobId(row.id, row.revision)))!;
    await job.promote();
    await eventually('the job ran and went back to wait', async () => {
      const current = (await queue.getJob(deliveryJobId(row.id, row.revision)))!;
      return (current.attemptsStarted ?? 0) >= 1 && (await current.getState()) === 'delayed';
    });
    const current = (await queue.getJob(deliveryJobId(row.id, row.revision)))!;
    assert.ok(Math.abs(current.timestamp + (current.delay ?? 0) - row.dueAt.getTime()) < 2000, 'due again when the reminder is');
    const [stored] = await dataSource.query('SELECT status::text AS status, attempts FROM notifications WHERE id = $1', [row.id]);
    assert.deepEqual(stored, { status: 'pending', attempts: 0 });
    assert.equal(testApp.mail.messagesTo(world.host.email).filter(reminderTo(world, world.host.email)).length, 0);
  });

  it('does not send twice when the send went out but recording it failed for a while', async () => {
    const { world, meetingId, reminders } = await meetingWithReminderIn(5);
    const row = reminders.find((candidate) => candidate.recipientUserId === world.host.id)!;
    await refuse(dataSource, row.id, 'sending', 'sent', 2);
    await testApp.mail.waitForCount(world.host.email, 1, 20_000, reminderTo(world, world.host.email));
    await eventually('the send is recorded in the end', async () => (await reminder(meetingId, world.host.id)).status === 'sent');
    // Past BullMQ's retry delays: no second email.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    assert.equal(testApp.mail.messagesTo(world.host.email).filter(reminderTo(world, world.host.email)).length, 1);
    assert.equal((await reminder(meetingId, world.host.id)).attempts, 1);
  });

  it('marks a reminder failed, for the organizer to see, when the database refused every claim of its job', async () => {
    const { world, meetingId, reminders } = await meetingWithReminderIn(4);
    const row = reminders.find((candidate) => candidate.recipientUserId === world.host.id)!;
    await refuse(dataSource, row.id, 'pending', 'sending');
    await eventually('the reminder is failed', async () => (await reminder(meetingId, world.host.id)).status === 'failed', 20_000);
    assert.match((await reminder(meetingId, world.host.id)).lastError ?? '', /refused pending -> sending/);
    const deliveries = await testApp.http().get(`/events/${world.eventId}/notification-deliveries`).set(world.organizer.auth);
    assert.deepEqual(
      deliveries.body.map((delivery: { id: string }) => delivery.id),
      [row.id],
    );
    assert.equal(testApp.mail.messagesTo(world.host.email).filter(reminderTo(world, world.host.email)).length, 0);
    await stopRefusing(dataSource);
  });

  it('gives a pending reminder whose job failed for good a new job, and it arrives once', async () => {
    const { world, meetingId, reminders } = await meetingWithReminderIn(4);
    const row = reminders.find((candidate) => candidate.recipientUserId === world.guest.id)!;
    // The database refuses the claim and marking it failed too: the job fails for good, the row stays pending.
    await refuse(dataSource, row.id, 'pending', 'sending');
    await refuse(dataSource, row.id, 'pending', 'failed');
    await eventually('the job failed for good', async () => (await queue.getJob(deliveryJobId(row.id, row.revision)))?.finishedOn !== undefined, 20_000);
    assert.equal(await queue.getJobState(deliveryJobId(row.id, row.revision)), 'failed');
    assert.equal((await reminder(meetingId, world.guest.id)).status, 'pending');
    await stopRefusing(dataSource);
    // The reconciliation finds it overdue with a finished job: a new revision, a new job, the reminder.
    await testApp.mail.waitForCount(world.guest.email, 1, 20_000, reminderTo(world, world.guest.email));
    await eventually('the reminder is sent', async () => (await reminder(meetingId, world.guest.id)).status === 'sent');
    const sent = await reminder(meetingId, world.guest.id);
    assert.ok(sent.revision > row.revision);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    assert.equal(testApp.mail.messagesTo(world.guest.email).filter(reminderTo(world, world.guest.email)).length, 1);
  });

  it('finishes a reconciliation over reminders due at instants finer than a millisecond', async () => {
    const { meetingId, reminders } = await meetingWithReminderIn(6);
    // PostgreSQL keeps microseconds, JavaScript dates do not: the reconciliation's paging must not meet these rows again.
    await dataSource.query(`UPDATE notifications SET due_at = date_trunc('milliseconds', due_at) + interval '123 microseconds' WHERE meeting_id = $1`, [meetingId]);
    const reconciler = worker.get(NotificationReconciler);
    const report = await Promise.race([
      reconciler.reconcile(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the reconciliation did not finish within 10 s')), 10_000)),
    ]);
    // Each row once (the old paging met the same rows thousands of times, until they were sent).
    const pending = reminders.filter((row) => row.status === 'pending').length;
    assert.ok(report.requeued >= pending && report.requeued < pending + 20, JSON.stringify(report));
    for (const row of reminders.filter((candidate) => candidate.status === 'pending')) {
      assert.ok(await queue.getJob(deliveryJobId(row.id, row.revision)), `the job of ${row.id} is there`);
    }
  });
});
