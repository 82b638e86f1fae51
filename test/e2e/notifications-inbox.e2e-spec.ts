import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { INestApplicationContext } from '@nestjs/common';
import { DateTime } from 'luxon';
import { ParsedMail } from 'mailparser';
import { DataSource } from 'typeorm';
import { Actor, actorFrom, assertProblem, registerActor } from '../support/actors';
import { bookMeeting, createSoonWorld, FAST_NOTIFICATIONS, meetingRows, setOffsets } from '../support/notification-fixtures';
import { createRoundRow } from '../support/consultation-fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { eventually, startInProcessWorker } from '../support/test-worker';

interface NotificationBody {
  id: string;
  kind: string;
  title: string;
  meetingId: string | null;
  readAt: string | null;
}

const subject = (pattern: RegExp) => (mail: ParsedMail) => pattern.test(mail.subject ?? '');

/** In-app notifications, mutes, request notices, failed deliveries, the time-derived notices and the queue dashboard. */
describe('notifications: in the app, muted, failed, derived', () => {
  let testApp: TestApp;
  let worker: INestApplicationContext;
  let dataSource: DataSource;

  before(async () => {
    testApp = await startTestApp(FAST_NOTIFICATIONS);
    worker = await startInProcessWorker(testApp.config);
    dataSource = testApp.app.get(DataSource);
  });
  after(async () => {
    await worker.close();
    await testApp.close();
  });

  async function inbox(actor: Actor, query: Record<string, string> = {}): Promise<{ items: NotificationBody[]; unreadCount: number }> {
    const response = await testApp.http().get('/me/notifications').query(query).set(actor.auth);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    return response.body;
  }

  it('lists what happened in the reader’s language, counts the unread, and marks one or all read', async () => {
    const world = await createSoonWorld(testApp, 3600);
    const meetingId = await bookMeeting(testApp, world);
    const list = await inbox(world.guest);
    // The confirmation is due now; the reminders are not due yet, so they are not listed.
    assert.deepEqual(
      list.items.map((item) => [item.kind, item.title, item.meetingId]),
      [['meeting_confirmed', '미팅 확정', meetingId]],
    );
    assert.equal(list.unreadCount, 1);
    const hostList = await inbox(world.host);
    assert.equal(hostList.items[0].title, 'Meeting confirmed');

    const read = await testApp.http().post(`/me/notifications/${list.items[0].id}/read`).set(world.guest.auth);
    assert.equal(read.status, 200);
    assert.ok(read.body.readAt);
    assert.equal((await testApp.http().get('/me/notifications/unread-count').set(world.guest.auth)).body.unreadCount, 0);
    // Someone else's notification is not found, for the reader as for anyone.
    assertProblem(await testApp.http().post(`/me/notifications/${list.items[0].id}/read`).set(world.host.auth), 404, 'not_found');
    assertProblem(await testApp.http().post('/me/notifications/not-an-id/read').set(world.host.auth), 404, 'not_found');

    const all = await testApp.http().post('/me/notifications/read-all').set(world.host.auth);
    assert.deepEqual(all.body, { marked: 1 });
    assert.equal((await inbox(world.host, { unread: 'true' })).items.length, 0);
    assertProblem(await testApp.http().get('/me/notifications'), 401, 'unauthenticated');
  });

  it('sends nothing of a muted kind, but a cancellation always', async () => {
    const world = await createSoonWorld(testApp, 3600);
    const muted = await testApp.http().put('/me/notification-settings').set(world.guest.auth).send({ mutedKinds: ['meeting_confirmed', 'meeting_reminder'] });
    assert.equal(muted.status, 200, JSON.stringify(muted.body));
    assert.deepEqual(muted.body, { mutedKinds: ['meeting_confirmed', 'meeting_reminder'].sort(), alwaysSent: ['meeting_cancelled'] });
    assertProblem(await testApp.http().put('/me/notification-settings').set(world.guest.auth).send({ mutedKinds: ['meeting_cancelled'] }), 400, 'validation_failed');
    assertProblem(await testApp.http().put('/me/notification-settings').set(world.guest.auth).send({ mutedKinds: ['no_such_kind'] }), 400, 'validation_failed');

    const meetingId = await bookMeeting(testApp, world);
    await testApp.mail.waitForCount(world.host.email, 1, 10_000, subject(/^Confirmed/));
    await eventually('the guest’s confirmation is skipped', async () =>
      (await meetingRows(testApp, meetingId)).some((row) => row.kind === 'meeting_confirmed' && row.recipientUserId === world.guest.id && row.status === 'skipped'),
    );
    assert.equal(testApp.mail.messagesTo(world.guest.email).length, 0);
    assert.equal((await inbox(world.guest)).items.length, 0);

    await testApp.http().post(`/events/${world.eventId}/meetings/${meetingId}/cancel`).set(world.host.auth).send({});
    const [cancelled] = await testApp.mail.waitForCount(world.guest.email, 1, 10_000, subject(/취소/));
    assert.match(cancelled.subject ?? '', /Ellen Park/);
  });

  it('tells the person asked of a request, and the asker of the answer', async () => {
    const world = await createSoonWorld(testApp, 3600);
    const sent = await testApp
      .http()
      .post(`/events/${world.eventId}/consultation-rounds/${world.round.id}/requests`)
      .set(world.guest.auth)
      .send({ toUserId: world.host.id, message: 'We would love to show you our assay.' });
    assert.equal(sent.status, 201, JSON.stringify(sent.body));
    const [received] = await testApp.mail.waitForCount(world.host.email, 1, 10_000, subject(/Meeting request received/));
    assert.match(received.text ?? '', /We would love to show you our assay/);
    const declined = await testApp
      .http()
      .post(`/events/${world.eventId}/meeting-requests/${sent.body.id}/decline`)
      .set(world.host.auth)
      .send({ reason: 'Outside our focus' });
    assert.equal(declined.status, 200, JSON.stringify(declined.body));
    const [answer] = await testApp.mail.waitForCount(world.guest.email, 1, 10_000, subject(/거절/));
    assert.match(answer.text ?? '', /Outside our focus/);
    assert.deepEqual(
      (await inbox(world.guest)).items.map((item) => item.kind),
      ['request_declined'],
    );
  });

  it('retries a failing delivery with backoff, then shows it to the organizer as failed', async () => {
    const world = await createSoonWorld(testApp, 3600);
    testApp.mail.refuse(world.host.email);
    const meetingId = await bookMeeting(testApp, world);
    await eventually('the host’s confirmation failed', async () =>
      (await meetingRows(testApp, meetingId)).some((row) => row.kind === 'meeting_confirmed' && row.recipientUserId === world.host.id && row.status === 'failed'),
    );
    const row = (await meetingRows(testApp, meetingId)).find((candidate) => candidate.kind === 'meeting_confirmed' && candidate.recipientUserId === world.host.id)!;
    assert.equal(row.attempts, 2);
    assert.match(row.lastError ?? '', /550|Mailbox unavailable/);
    await testApp.mail.waitForCount(world.guest.email, 1, 10_000, subject(/확정/));
    const deliveries = await testApp.http().get(`/events/${world.eventId}/notification-deliveries`).set(world.organizer.auth);
    assert.equal(deliveries.status, 200);
    assert.deepEqual(
      deliveries.body.map((delivery: { id: string; status: string; recipient: { email: string } }) => [delivery.id, delivery.status, delivery.recipient.email]),
      [[row.id, 'failed', world.host.email]],
    );
    const one = await testApp.http().get(`/events/${world.eventId}/notification-deliveries/${row.id}`).set(world.organizer.auth);
    assert.equal(one.body.attempts, 2);
    const sentList = await testApp.http().get(`/events/${world.eventId}/notification-deliveries`).query({ status: 'sent' }).set(world.organizer.auth);
    assert.ok(sentList.body.some((delivery: { recipient: { email: string } }) => delivery.recipient.email === world.guest.email));
  });

  it('reminds speakers and registrants of sessions, and plans the 08:00 digest in each person’s zone', async () => {
    const world = await createSoonWorld(testApp, 26 * 3600);
    await bookMeeting(testApp, world);
    const startsAt = new Date(Math.ceil((Date.now() + 60_000) / 60_000) * 60_000);
    const [session] = await dataSource.query(
      `INSERT INTO agenda_sessions (event_id, title_ko, title_en, kind, starts_at, ends_at) VALUES ($1, '개막식', 'Opening ceremony', 'opening_ceremony', $2, $3) RETURNING id`,
      [world.eventId, startsAt, new Date(startsAt.getTime() + 30 * 60_000)],
    );
    await dataSource.query(`INSERT INTO session_registrations (session_id, user_id, status) VALUES ($1, $2, 'registered')`, [session.id, world.guest.id]);
    await setOffsets(testApp, world, [Math.round((startsAt.getTime() - Date.now()) / 1000) - 6]);
    const [reminder] = await testApp.mail.waitForCount(world.guest.email, 1, 25_000, subject(/세션 알림/));
    assert.match(reminder.subject ?? '', /개막식/);

    const digests: Array<{ dueAt: Date; payload: { date: string; timeZone: string } }> = await dataSource.query(
      `SELECT due_at AS "dueAt", payload FROM notifications WHERE recipient_user_id = $1 AND kind = 'daily_digest'`,
      [world.guest.id],
    );
    const meetingDay = DateTime.fromJSDate(world.startsAt, { zone: 'Asia/Seoul' }).toISODate()!;
    const digest = digests.find((row) => row.payload.date === meetingDay);
    assert.ok(digest, JSON.stringify(digests));
    assert.equal(digest.payload.timeZone, 'Asia/Seoul');
    assert.equal(digest.dueAt.getTime(), DateTime.fromISO(`${meetingDay}T08:00`, { zone: 'Asia/Seoul' }).toMillis());
  });

  it('announces booking windows, expired requests and outcome prompts from the reconciliation', async () => {
    const world = await createSoonWorld(testApp, 3600);
    // Booking opens in two minutes and closes in ten: both notices are due within their lead time, so at once.
    const opensAt = new Date(Date.now() + 120_000);
    const closesAt = new Date(Date.now() + 600_000);
    const later = await createRoundRow(testApp, world.eventId, world.programmeId, { name: 'Round 4: follow-up', bookingOpensAt: opensAt, bookingClosesAt: closesAt });
    const [opening] = await testApp.mail.waitForCount(world.guest.email, 1, 15_000, subject(/예약 곧 시작/));
    assert.match(opening.text ?? '', /Round 4: follow-up/);
    await testApp.mail.waitForCount(world.host.email, 1, 15_000, subject(/Booking opens soon/));
    await testApp.mail.waitForCount(world.host.email, 1, 15_000, subject(/Booking closes soon/));

    // A request left pending when booking closed: the asker hears it expired.
    const sent = await testApp
      .http()
      .post(`/events/${world.eventId}/consultation-rounds/${world.round.id}/requests`)
      .set(world.guest.auth)
      .send({ toUserId: world.host.id });
    assert.equal(sent.status, 201, JSON.stringify(sent.body));
    await dataSource.query(`UPDATE consultation_rounds SET booking_opens_at = now() - interval '2 days', booking_closes_at = now() - interval '1 second' WHERE id = $1`, [world.round.id]);
    await testApp.mail.waitForCount(world.guest.email, 1, 15_000, subject(/요청 만료/));

    // A held meeting: its host is asked for the outcome when it ends.
    const meetingWorld = await createSoonWorld(testApp, 60);
    const meetingId = await bookMeeting(testApp, meetingWorld);
    const checkedIn = await testApp.http().post(`/events/${meetingWorld.eventId}/meetings/${meetingId}/check-in`).set(meetingWorld.host.auth);
    assert.equal(checkedIn.status, 200, JSON.stringify(checkedIn.body));
    await eventually('an outcome prompt is planned for the end of the meeting', async () =>
      (await meetingRows(testApp, meetingId)).some(
        (row) => row.kind === 'outcome_prompt' && row.recipientUserId === meetingWorld.host.id && row.dueAt.getTime() === meetingWorld.startsAt.getTime() + 5 * 60_000,
      ),
    );
    assert.ok(later.id);
  });

  it('shows the queue dashboard to platform admins only', async () => {
    const person = await registerActor(testApp);
    assertProblem(await testApp.http().get('/admin/queues'), 401, 'unauthenticated');
    assertProblem(await testApp.http().get('/admin/queues').set(person.auth), 404, 'route_not_found');
    // Its API and pages below it too, however the address is spelled.
    for (const path of ['/admin/queues/api/queues', '/admin/queues/api/redis/stats', '/admin/queues/queue/notifications', '/admin/%71ueues/api/queues']) {
      const refused = await testApp.http().get(path);
      assertProblem(refused, 401, 'unauthenticated');
      assert.equal(refused.body.instance, path);
      assertProblem(await testApp.http().get(path).set(person.auth), 404, 'route_not_found');
    }
    assertProblem(await testApp.http().put('/admin/queues/api/queues/pause'), 401, 'unauthenticated');
    await dataSource.query('UPDATE users SET is_platform_admin = true WHERE id = $1', [person.id]);
    const login = await testApp.http().post('/auth/login').send({ email: person.email, password: person.password });
    const admin = actorFrom(login.body, person.password);
    const page = await testApp.http().get('/admin/queues').set(admin.auth);
    assert.equal(page.status, 200);
    assert.match(page.headers['content-type'] ?? '', /text\/html/);
    const queues = await testApp.http().get('/admin/queues/api/queues').set(admin.auth);
    assert.equal(queues.status, 200);
    assert.ok(queues.body.queues.some((queue: { name: string }) => queue.name === 'notifications'));
    // A browser opens it once with the token in the address; a cookie keeps it for the dashboard's own calls.
    const entry = await testApp.http().get('/admin/queues').query({ accessToken: admin.accessToken });
    assert.equal(entry.status, 303);
    assert.ok(entry.headers['x-request-id']);
    const cookie = String(entry.headers['set-cookie']);
    assert.match(cookie, /HttpOnly/);
    assert.equal((await testApp.http().get('/admin/queues/api/queues').set('Cookie', cookie.split(';')[0])).status, 200);
  });
});
