import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import ICAL from 'ical.js';
import { ParsedMail } from 'mailparser';
import { DataSource } from 'typeorm';
import { bullOptions } from '../../src/queues/bull-connection';
import { QueueName } from '../../src/queues/queue-name';
import { deliveryJobId } from '../../src/notifications/notification-jobs';
import { formatInstant } from '../../src/notifications/notification-messages';
import { Language } from '../../src/users/language';
import { assertProblem, registerActor } from '../support/actors';
import { bookMeeting, createSoonWorld, FAST_NOTIFICATIONS, meetingRows, NotificationRow, setOffsets } from '../support/notification-fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { eventually, startInProcessWorker } from '../support/test-worker';

function withSubject(pattern: RegExp): (mail: ParsedMail) => boolean {
  return (mail) => pattern.test(mail.subject ?? '');
}

/**
 * Reminders and notices through the outbox, the relay, BullMQ and a real SMTP server on loopback, with the api and a
 * worker in this process. Reminder "minutes" are seconds here (NOTIFICATION_OFFSET_UNIT_SECONDS=1).
 */
describe('notifications: reminders and notices', () => {
  let testApp: TestApp;
  let worker: INestApplicationContext;
  let queue: Queue;
  let dataSource: DataSource;

  before(async () => {
    testApp = await startTestApp(FAST_NOTIFICATIONS);
    worker = await startInProcessWorker(testApp.config);
    queue = new Queue(QueueName.Notifications, bullOptions(testApp.config));
    dataSource = testApp.app.get(DataSource);
  });
  after(async () => {
    await queue.close();
    await worker.close();
    await testApp.close();
  });

  async function synced(meetingId: string): Promise<NotificationRow[]> {
    let rows: NotificationRow[] = [];
    await eventually('the relay synced the meeting rows', async () => {
      rows = await meetingRows(testApp, meetingId);
      return rows.length > 0 && rows.every((row) => row.syncedRevision === row.revision || row.status !== 'pending');
    });
    return rows;
  }

  it('writes the reminders of a new meeting with the event offsets, and the relay makes one delayed job per reminder', async () => {
    const world = await createSoonWorld(testApp, 3600, { mode: 'on_site', locations: 1 });
    const meetingId = await bookMeeting(testApp, world);
    const rows = await synced(meetingId);
    const reminders = rows.filter((row) => row.kind === 'meeting_reminder');
    // 1440 s, 60 s and (on site) 10 s before, for both people; the booking was confirmed at once, so both hear it.
    assert.deepEqual(reminders.map((row) => [row.recipientUserId === world.host.id ? 'host' : 'guest', row.offsetMinutes]).sort(), [
      ['guest', 10],
      ['guest', 1440],
      ['guest', 60],
      ['host', 10],
      ['host', 1440],
      ['host', 60],
    ]);
    assert.deepEqual(rows.filter((row) => row.kind === 'meeting_confirmed').length, 2);
    for (const row of reminders) {
      assert.equal(row.status, 'pending');
      assert.equal(row.dueAt.getTime(), world.startsAt.getTime() - row.offsetMinutes! * 1000);
      const job = await queue.getJob(deliveryJobId(row.id, row.revision));
      assert.ok(job, `a job for reminder ${row.offsetMinutes}`);
      assert.equal(await job.getState(), 'delayed');
      assert.ok(Math.abs(job.timestamp + (job.delay ?? 0) - row.dueAt.getTime()) < 1500, 'the job is due when the reminder is');
      assert.deepEqual(job.data, { notificationId: row.id, revision: row.revision });
    }
  });

  it('moves the reminders when the meeting is rescheduled: same rows, a new revision, the old jobs gone', async () => {
    const world = await createSoonWorld(testApp, 3600);
    const meetingId = await bookMeeting(testApp, world);
    const original = (await synced(meetingId)).filter((row) => row.kind === 'meeting_reminder');
    const later = new Date(world.startsAt.getTime() + 10 * 60_000);
    const response = await testApp
      .http()
      .post(`/events/${world.eventId}/meetings/${meetingId}/reschedule`)
      .set(world.guest.auth)
      .send({ startsAt: later.toISOString() });
    assert.equal(response.status, 200, JSON.stringify(response.body));
    const rows = await synced(meetingId);
    const moved = rows.filter((row) => row.kind === 'meeting_reminder');
    assert.deepEqual(moved.map((row) => row.id).sort(), original.map((row) => row.id).sort());
    for (const row of moved) {
      const old = original.find((candidate) => candidate.id === row.id)!;
      assert.equal(row.revision, old.revision + 1);
      assert.equal(row.dueAt.getTime(), later.getTime() - row.offsetMinutes! * 1000);
      assert.equal(await queue.getJob(deliveryJobId(row.id, old.revision)), undefined, 'the old job is gone');
      const job = await queue.getJob(deliveryJobId(row.id, row.revision));
      assert.ok(job && Math.abs(job.timestamp + (job.delay ?? 0) - row.dueAt.getTime()) < 1500);
    }
    // Both hear of the move, with the old and the new time.
    const notices = await testApp.mail.waitForCount(world.host.email, 1, 10_000, withSubject(/^Rescheduled/));
    assert.match(notices[0].text ?? '', new RegExp(formatInstant(world.startsAt, 'America/New_York', Language.English).replace(/[()]/g, '.')));
    assert.match(notices[0].text ?? '', new RegExp(formatInstant(later, 'America/New_York', Language.English).replace(/[()]/g, '.')));
    const korean = await testApp.mail.waitForCount(world.guest.email, 1, 10_000, withSubject(/일정 변경/));
    assert.match(korean[0].text ?? '', new RegExp(formatInstant(later, 'Asia/Seoul', Language.Korean).replace(/[()]/g, '.')));
  });

  it("rewrites the reminders of the event's meetings to come when the organizer changes the offsets", async () => {
    const world = await createSoonWorld(testApp, 3600);
    const meetingId = await bookMeeting(testApp, world);
    const original = (await synced(meetingId)).filter((row) => row.kind === 'meeting_reminder');
    await setOffsets(testApp, world, [60, 30]);
    const rows = (await synced(meetingId)).filter((row) => row.kind === 'meeting_reminder');
    const byOffset = (offset: number) => rows.filter((row) => row.offsetMinutes === offset);
    assert.deepEqual(byOffset(1440).map((row) => row.status), ['cancelled', 'cancelled']);
    assert.deepEqual(byOffset(60).map((row) => row.status), ['pending', 'pending']);
    assert.deepEqual(byOffset(30).map((row) => row.status), ['pending', 'pending']);
    for (const row of byOffset(1440)) {
      const earlier = original.find((candidate) => candidate.id === row.id)!;
      assert.equal(await queue.getJob(deliveryJobId(row.id, earlier.revision)), undefined, 'the dropped reminder has no job');
    }
    for (const row of byOffset(30)) {
      assert.equal(row.dueAt.getTime(), world.startsAt.getTime() - 30_000);
      assert.ok(await queue.getJob(deliveryJobId(row.id, row.revision)));
    }
    // Back to the defaults: the 24-hour reminders come back as they were.
    await setOffsets(testApp, world, [1440, 60]);
    const restored = (await synced(meetingId)).filter((row) => row.kind === 'meeting_reminder' && row.offsetMinutes === 1440);
    assert.deepEqual(restored.map((row) => row.status), ['pending', 'pending']);
  });

  it('removes the reminders of a cancelled meeting: no job left, nothing sent but the cancellation', async () => {
    const world = await createSoonWorld(testApp, 60);
    await setOffsets(testApp, world, [Math.round((world.startsAt.getTime() - Date.now()) / 1000) - 6]);
    const meetingId = await bookMeeting(testApp, world);
    const rows = await synced(meetingId);
    const reminders = rows.filter((row) => row.kind === 'meeting_reminder');
    assert.equal(reminders.length, 2);
    const response = await testApp.http().post(`/events/${world.eventId}/meetings/${meetingId}/cancel`).set(world.host.auth).send({ reason: 'Flight delayed' });
    assert.equal(response.status, 200, JSON.stringify(response.body));
    const withdrawn = await synced(meetingId);
    for (const reminder of reminders) {
      const row = withdrawn.find((candidate) => candidate.id === reminder.id)!;
      assert.equal(row.status, 'cancelled');
      assert.equal(await queue.getJob(deliveryJobId(row.id, reminder.revision)), undefined);
    }
    const cancellations = await testApp.mail.waitForCount(world.guest.email, 1, 10_000, withSubject(/취소/));
    assert.match(cancellations[0].text ?? '', /Flight delayed/);
    // It carries METHOD:CANCEL for the same UID, so the guest's calendar drops the meeting.
    const [cancelPart] = cancellations[0].attachments.filter((part) => part.contentType.startsWith('text/calendar'));
    assert.ok(cancelPart, 'the cancellation carries the calendar object');
    const cancelCalendar = new ICAL.Component(ICAL.parse(cancelPart.content.toString('utf8')));
    assert.equal(cancelCalendar.getFirstPropertyValue('method'), 'CANCEL');
    const cancelledEvent = cancelCalendar.getFirstSubcomponent('vevent')!;
    assert.equal(cancelledEvent.getFirstPropertyValue('uid'), `${meetingId}@matchday`);
    assert.equal(cancelledEvent.getFirstPropertyValue('status'), 'CANCELLED');
    assert.ok(Number(cancelledEvent.getFirstPropertyValue('sequence')) >= 1);
    // Past the reminders' time: none came.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, reminders[0].dueAt.getTime() - Date.now()) + 1500));
    assert.equal(testApp.mail.messagesTo(world.guest.email).filter(withSubject(/\[알림\]/)).length, 0);
    assert.equal(testApp.mail.messagesTo(world.host.email).filter(withSubject(/^Reminder/)).length, 0);
  });

  it('delivers a reminder once to each side, in their language, with both zones, and an ICS part when attached', async () => {
    const world = await createSoonWorld(testApp, 60);
    await setOffsets(testApp, world, [Math.round((world.startsAt.getTime() - Date.now()) / 1000) - 8]);
    const meetingId = await bookMeeting(testApp, world);
    const [hostMail] = await testApp.mail.waitForCount(world.host.email, 1, 20_000, withSubject(/^Reminder/));
    const [guestMail] = await testApp.mail.waitForCount(world.guest.email, 1, 20_000, withSubject(/\[알림\]/));
    const boston = formatInstant(world.startsAt, 'America/New_York', Language.English);
    const seoulForHost = formatInstant(world.startsAt, 'Asia/Seoul', Language.English);
    assert.ok(hostMail.text?.includes(`Your time: ${boston}`), hostMail.text);
    assert.ok(hostMail.text?.includes(`김민지's time: ${seoulForHost}`), hostMail.text);
    assert.ok(guestMail.text?.includes(`내 시간: ${formatInstant(world.startsAt, 'Asia/Seoul', Language.Korean)}`), guestMail.text);
    assert.ok(guestMail.text?.includes(formatInstant(world.startsAt, 'America/New_York', Language.Korean)), guestMail.text);
    assert.match(guestMail.text ?? '', /https:\/\/meet\.example\.com\/matchday-/);
    // The confirmation carries the meeting as a calendar invitation (METHOD:REQUEST) with its stable UID, at its instant.
    const invitations = [...testApp.mail.messagesTo(world.host.email), ...testApp.mail.messagesTo(world.guest.email)].flatMap((mail) =>
      mail.attachments.filter((part) => part.contentType.startsWith('text/calendar')).map((part) => new ICAL.Component(ICAL.parse(part.content.toString('utf8')))),
    );
    assert.ok(invitations.length >= 1, 'a confirmation with its invitation');
    for (const calendar of invitations) {
      assert.equal(calendar.getFirstPropertyValue('method'), 'REQUEST');
      const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
      assert.equal(event.uid, `${meetingId}@matchday`);
      assert.equal(event.sequence, 0);
      assert.equal(event.startDate.toJSDate().toISOString(), world.startsAt.toISOString());
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(testApp.mail.messagesTo(world.host.email).filter(withSubject(/^Reminder/)).length, 1, 'exactly once');
    assert.equal(testApp.mail.messagesTo(world.guest.email).filter(withSubject(/\[알림\]/)).length, 1, 'exactly once');
    const sent = (await meetingRows(testApp, meetingId)).filter((row) => row.kind === 'meeting_reminder');
    assert.deepEqual(sent.map((row) => row.status), ['sent', 'sent']);
  });

  it('writes nothing for a booking that fails and rolls back', async () => {
    const world = await createSoonWorld(testApp, 3600);
    await bookMeeting(testApp, world);
    const other = await registerActor(testApp);
    const [{ count: countBefore }] = await dataSource.query('SELECT count(*)::int AS count FROM notifications WHERE event_id = $1', [world.eventId]);
    // The host is taken at that time: the booking is refused and its transaction rolled back.
    await dataSource.query(`INSERT INTO programme_participants (programme_id, user_id, side) VALUES ($1, $2, 'guest')`, [world.programmeId, other.id]);
    await dataSource.query(`INSERT INTO event_memberships (event_id, user_id, roles) VALUES ($1, $2, ARRAY['startup']::event_role[])`, [world.eventId, other.id]);
    const refused = await testApp
      .http()
      .post(`/events/${world.eventId}/consultation-rounds/${world.round.id}/bookings`)
      .set(other.auth)
      .send({ hostUserId: world.host.id, startsAt: world.startsAt.toISOString() });
    assertProblem(refused, 409, 'person_double_booked');
    const [{ count: countAfter }] = await dataSource.query('SELECT count(*)::int AS count FROM notifications WHERE event_id = $1', [world.eventId]);
    assert.equal(countAfter, countBefore);
  });
});
