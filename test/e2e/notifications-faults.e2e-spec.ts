import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { ParsedMail } from 'mailparser';
import { loadConfig } from '../../src/config/app-config';
import { bullOptions } from '../../src/queues/bull-connection';
import { QueueName } from '../../src/queues/queue-name';
import { deliveryJobId } from '../../src/notifications/notification-jobs';
import { bookMeeting, createSoonWorld, FAST_NOTIFICATIONS, meetingRows, setOffsets, SoonWorld } from '../support/notification-fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { configEnvironment, eventually, startWorkerProcess, WorkerProcess } from '../support/test-worker';

/**
 * Faults, with the worker in a child process: killed mid-send, Redis flushed, down while reminders came due, and
 * stopped with SIGTERM while sending. This file alone uses Redis database 7, which it flushes.
 */
const REDIS_URL = 'redis://127.0.0.1:6379/7';

async function kill(process: WorkerProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<number | null> {
  process.child.kill(signal);
  return process.exited;
}

const subject = (pattern: RegExp) => (mail: ParsedMail) => pattern.test(mail.subject ?? '');

describe('notifications: exactly once through faults', () => {
  let testApp: TestApp;
  let queue: Queue;
  let redis: Redis;
  const workers: WorkerProcess[] = [];

  before(async () => {
    testApp = await startTestApp({ ...FAST_NOTIFICATIONS, REDIS_URL });
    queue = new Queue(QueueName.Notifications, bullOptions(testApp.config));
    redis = new Redis(REDIS_URL);
  });
  // Each test starts its own workers; none outlives its test, even a failed one.
  afterEach(async () => {
    for (const running of workers.splice(0)) {
      if (running.child.exitCode === null && running.child.signalCode === null) running.child.kill('SIGKILL');
      await running.exited;
    }
  });
  after(async () => {
    await queue.close();
    redis.disconnect();
    await testApp.close();
  });

  async function startWorker(): Promise<WorkerProcess> {
    const started = await startWorkerProcess(testApp.config);
    workers.push(started);
    return started;
  }

  /** A meeting whose reminder (one offset) is due `dueInSeconds` from now. */
  async function meetingWithReminderIn(dueInSeconds: number): Promise<{ world: SoonWorld; meetingId: string; dueAt: Date }> {
    const world = await createSoonWorld(testApp, dueInSeconds + 40);
    const offset = Math.round((world.startsAt.getTime() - Date.now()) / 1000) - dueInSeconds;
    await setOffsets(testApp, world, [offset]);
    const meetingId = await bookMeeting(testApp, world);
    return { world, meetingId, dueAt: new Date(world.startsAt.getTime() - offset * 1000) };
  }

  it('loses nothing committed while no worker runs: the relay sends it once one starts', async () => {
    const world = await createSoonWorld(testApp, 3600);
    const meetingId = await bookMeeting(testApp, world);
    const rows = await meetingRows(testApp, meetingId);
    assert.ok(rows.length > 0 && rows.every((row) => row.syncedRevision === null || row.status === 'skipped'), 'nothing enqueued yet');
    const running = await startWorker();
    await testApp.mail.waitForCount(world.host.email, 1, 20_000, subject(/^Confirmed/));
    await testApp.mail.waitForCount(world.guest.email, 1, 20_000, subject(/\[확정\]/));
    await kill(running, 'SIGTERM');
  });

  it('sends one email when the worker is killed in the middle of sending it, and shows the send as failed', async () => {
    const first = await startWorker();
    const world = await createSoonWorld(testApp, 3600);
    testApp.mail.hold(world.host.email);
    const meetingId = await bookMeeting(testApp, world);
    // The SMTP server has the whole message and has not answered yet: the worker is mid-send. (The guest's
    // confirmation, not held, is let through and recorded first, so only the host's send is cut short.)
    await testApp.mail.waitForCount(world.host.email, 1, 20_000, subject(/^Confirmed/));
    await eventually('the guest’s confirmation is recorded as sent', async () =>
      (await meetingRows(testApp, meetingId)).some((row) => row.kind === 'meeting_confirmed' && row.recipientUserId === world.guest.id && row.status === 'sent'),
    );
    await kill(first);
    testApp.mail.release();
    await startWorker();
    await eventually(
      'the interrupted send is marked failed after its lease',
      async () => (await meetingRows(testApp, meetingId)).some((row) => row.kind === 'meeting_confirmed' && row.recipientUserId === world.host.id && row.status === 'failed'),
      20_000,
    );
    // Give a stalled retry every chance to send again: it must not.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    assert.equal(testApp.mail.messagesTo(world.host.email).filter(subject(/^Confirmed/)).length, 1);
    assert.equal(testApp.mail.messagesTo(world.guest.email).filter(subject(/\[확정\]/)).length, 1);
    const failed = (await meetingRows(testApp, meetingId)).find((row) => row.kind === 'meeting_confirmed' && row.recipientUserId === world.host.id)!;
    assert.match(failed.lastError ?? '', /interrupted while sending/);
    const deliveries = await testApp.http().get(`/events/${world.eventId}/notification-deliveries`).set(world.organizer.auth);
    assert.equal(deliveries.status, 200);
    assert.deepEqual(
      deliveries.body.map((delivery: { id: string }) => delivery.id),
      [failed.id],
    );
  });

  it('restores every pending reminder after Redis is flushed, and they arrive', async () => {
    const running = await startWorker();
    const { world, meetingId } = await meetingWithReminderIn(12);
    await eventually('the reminder jobs are in Redis', async () => {
      const rows = (await meetingRows(testApp, meetingId)).filter((row) => row.kind === 'meeting_reminder');
      const jobs = await Promise.all(rows.map((row) => queue.getJob(deliveryJobId(row.id, row.revision))));
      return rows.length === 2 && jobs.every((job) => job !== undefined);
    });
    // Flushed and counted in one MULTI: the worker's reconciliation may put jobs back a moment after the flush.
    const [, [, delayedAfterFlush]] = (await redis.multi().flushdb().zcard(`${testApp.config.REDIS_KEY_PREFIX}:bull:${QueueName.Notifications}:delayed`).exec())!;
    assert.equal(delayedAfterFlush, 0);
    await eventually('reconciliation put the reminder jobs back', async () => {
      const rows = (await meetingRows(testApp, meetingId)).filter((row) => row.kind === 'meeting_reminder');
      const jobs = await Promise.all(rows.map((row) => queue.getJob(deliveryJobId(row.id, row.revision))));
      return jobs.every((job) => job !== undefined) || rows.every((row) => row.status === 'sent');
    }, 30_000);
    await testApp.mail.waitForCount(world.host.email, 1, 30_000, subject(/^Reminder/));
    await testApp.mail.waitForCount(world.guest.email, 1, 30_000, subject(/\[알림\]/));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(testApp.mail.messagesTo(world.host.email).filter(subject(/^Reminder/)).length, 1);
    assert.equal(testApp.mail.messagesTo(world.guest.email).filter(subject(/\[알림\]/)).length, 1);
    await kill(running, 'SIGTERM');
  });

  it('sends what came due while the worker was down, once it is back', async () => {
    const first = await startWorker();
    const { world, meetingId, dueAt } = await meetingWithReminderIn(6);
    await eventually('the reminders are synced', async () =>
      (await meetingRows(testApp, meetingId)).filter((row) => row.kind === 'meeting_reminder' && row.syncedRevision === row.revision).length === 2,
    );
    await kill(first);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, dueAt.getTime() - Date.now()) + 1000));
    assert.equal(testApp.mail.messagesTo(world.host.email).filter(subject(/^Reminder/)).length, 0, 'nothing went out while the worker was down');
    const second = await startWorker();
    await testApp.mail.waitForCount(world.host.email, 1, 30_000, subject(/^Reminder/));
    await testApp.mail.waitForCount(world.guest.email, 1, 30_000, subject(/\[알림\]/));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(testApp.mail.messagesTo(world.host.email).filter(subject(/^Reminder/)).length, 1);
    await kill(second, 'SIGTERM');
  });

  it('finishes the running send on SIGTERM, then exits cleanly within the bound', async () => {
    const running = await startWorker();
    const world = await createSoonWorld(testApp, 3600);
    testApp.mail.hold(world.host.email);
    const meetingId = await bookMeeting(testApp, world);
    await testApp.mail.waitForCount(world.host.email, 1, 20_000, subject(/^Confirmed/));
    running.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.equal(running.child.exitCode, null, 'still finishing the send');
    testApp.mail.release();
    const started = Date.now();
    assert.equal(await running.exited, 0);
    assert.ok(Date.now() - started < 10_000);
    const row = (await meetingRows(testApp, meetingId)).find((candidate) => candidate.kind === 'meeting_confirmed' && candidate.recipientUserId === world.host.id)!;
    assert.equal(row.status, 'sent');
  });

  it('exits with code 1 when the running send outlasts the shutdown bound, and the cut-short send is never sent again', async () => {
    const running = await startWorkerProcess(loadConfig({ ...configEnvironment(testApp.config), WORKER_SHUTDOWN_TIMEOUT_SECONDS: '2' }));
    workers.push(running);
    const world = await createSoonWorld(testApp, 3600);
    testApp.mail.hold(world.host.email);
    try {
      const meetingId = await bookMeeting(testApp, world);
      await testApp.mail.waitForCount(world.host.email, 1, 20_000, subject(/^Confirmed/));
      const stopping = Date.now();
      running.child.kill('SIGTERM');
      // The SMTP server never answers: the bound runs out.
      assert.equal(await running.exited, 1);
      const took = Date.now() - stopping;
      assert.ok(took >= 1500 && took < 8000, `exited after ${took} ms`);
      testApp.mail.release();
      // Another worker's reconciliation marks the cut-short send failed after its lease; it is not sent again.
      await startWorker();
      await eventually(
        'the cut-short send is marked failed',
        async () => (await meetingRows(testApp, meetingId)).some((row) => row.kind === 'meeting_confirmed' && row.recipientUserId === world.host.id && row.status === 'failed'),
        // A reconciliation the stopped worker left running is taken over once its lock lapses (about 10 s).
        45_000,
      );
      await new Promise((resolve) => setTimeout(resolve, 2000));
      assert.equal(testApp.mail.messagesTo(world.host.email).filter(subject(/^Confirmed/)).length, 1);
    } finally {
      testApp.mail.release();
    }
  });
});
