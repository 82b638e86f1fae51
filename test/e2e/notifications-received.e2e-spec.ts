import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { INestApplicationContext } from '@nestjs/common';
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { ParsedMail } from 'mailparser';
import { DataSource } from 'typeorm';
import { MeetingExpiry } from '../../src/consultations/meeting-expiry.service';
import { formatInstant } from '../../src/notifications/notification-messages';
import { Language } from '../../src/users/language';
import { Actor } from '../support/actors';
import {
  bookMeeting,
  createSoonWorld,
  FAST_NOTIFICATIONS,
  meetingRows,
  NotificationRow,
  offsetDueIn,
  rescheduleMeeting,
  setOffsets,
  SoonWorld,
} from '../support/notification-fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { eventually, startInProcessWorker } from '../support/test-worker';

const subject = (pattern: RegExp) => (mail: ParsedMail) => pattern.test(mail.subject ?? '');
const HOST_REMINDER = subject(/^Reminder/);
const GUEST_REMINDER = subject(/\[알림\]/);
const FIVE_MINUTES = 5 * 60_000;

/** Reads one calendar part of a mail. */
function calendarOf(mail: ParsedMail): ICAL.Component {
  const [part] = mail.attachments.filter((attachment) => attachment.contentType.startsWith('text/calendar'));
  assert.ok(part, `a calendar part in "${mail.subject}"`);
  return new ICAL.Component(ICAL.parse(part.content.toString('utf8')));
}

/**
 * What people actually receive after meetings, offsets and zones change: reminders at the meeting's current time,
 * digests, outcome prompts, request answers and session reminders for speakers. Api and worker in this process;
 * reminder "minutes" are seconds.
 */
describe('notifications: what arrives after changes', () => {
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

  async function reminders(meetingId: string): Promise<NotificationRow[]> {
    return (await meetingRows(testApp, meetingId)).filter((row) => row.kind === 'meeting_reminder');
  }

  async function inboxKinds(actor: Actor): Promise<string[]> {
    const response = await testApp.http().get('/me/notifications').set(actor.auth);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    return response.body.items.map((item: { kind: string }) => item.kind);
  }

  it('sends the reminders at the new time after a reschedule, and the move as METHOD:REQUEST with a raised SEQUENCE', async () => {
    const world = await createSoonWorld(testApp, 60);
    const early = world.startsAt;
    const late = new Date(early.getTime() + FIVE_MINUTES);
    const offset = offsetDueIn(early, 14);
    await setOffsets(testApp, world, [offset]);
    const meetingId = await bookMeeting(testApp, world, late);
    const [confirmation] = await testApp.mail.waitForCount(world.host.email, 1, 10_000, subject(/^Confirmed/));
    await rescheduleMeeting(testApp, world, meetingId, early);
    const dueAt = early.getTime() - offset * 1000;
    const [hostMail] = await testApp.mail.waitForCount(world.host.email, 1, 30_000, HOST_REMINDER);
    const [guestMail] = await testApp.mail.waitForCount(world.guest.email, 1, 30_000, GUEST_REMINDER);
    const arrived = testApp.mail.arrivals[testApp.mail.messages.indexOf(hostMail)];
    assert.ok(arrived >= dueAt - 1000, `not before the new time (${arrived - dueAt} ms)`);
    assert.ok(hostMail.text?.includes(`Your time: ${formatInstant(early, 'America/New_York', Language.English)}`), hostMail.text);
    assert.ok(guestMail.text?.includes(`내 시간: ${formatInstant(early, 'Asia/Seoul', Language.Korean)}`), guestMail.text);
    // The move itself: the calendar object of the same UID, its start moved, SEQUENCE above the confirmation's.
    const [moved] = await testApp.mail.waitForCount(world.host.email, 1, 10_000, subject(/^Rescheduled/));
    const confirmedCalendar = calendarOf(confirmation);
    const movedCalendar = calendarOf(moved);
    assert.equal(movedCalendar.getFirstPropertyValue('method'), 'REQUEST');
    const beforeEvent = new ICAL.Event(confirmedCalendar.getFirstSubcomponent('vevent')!);
    const afterEvent = new ICAL.Event(movedCalendar.getFirstSubcomponent('vevent')!);
    assert.equal(afterEvent.uid, `${meetingId}@matchday`);
    assert.equal(afterEvent.uid, beforeEvent.uid);
    assert.ok(afterEvent.sequence > beforeEvent.sequence, `SEQUENCE ${afterEvent.sequence} after ${beforeEvent.sequence}`);
    assert.equal(afterEvent.startDate.toJSDate().toISOString(), early.toISOString());
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(testApp.mail.messagesTo(world.host.email).filter(HOST_REMINDER).length, 1);
    assert.equal(testApp.mail.messagesTo(world.guest.email).filter(GUEST_REMINDER).length, 1);
  });

  it('brings back a dropped offset at the meeting’s current time: off, on, off, rescheduled, on', async () => {
    const world = await createSoonWorld(testApp, 60);
    const early = world.startsAt;
    const late = new Date(early.getTime() + 2 * FIVE_MINUTES);
    // Always on: a week before (in the past, so skipped). Toggled: due 25 s from now once the meeting is early.
    const always = 10_080;
    const toggled = offsetDueIn(early, 25);
    await setOffsets(testApp, world, [always, toggled]);
    const meetingId = await bookMeeting(testApp, world, late);
    await setOffsets(testApp, world, [always]);
    await setOffsets(testApp, world, [always, toggled]);
    await setOffsets(testApp, world, [always]);
    await rescheduleMeeting(testApp, world, meetingId, early);
    await setOffsets(testApp, world, [always, toggled]);
    const revived = (await reminders(meetingId)).filter((row) => row.offsetMinutes === toggled);
    assert.deepEqual(revived.map((row) => row.status), ['pending', 'pending']);
    for (const row of revived) assert.equal(row.dueAt.getTime(), early.getTime() - toggled * 1000);
    const [hostMail] = await testApp.mail.waitForCount(world.host.email, 1, 40_000, HOST_REMINDER);
    assert.ok(hostMail.text?.includes(`Your time: ${formatInstant(early, 'America/New_York', Language.English)}`), hostMail.text);
    await testApp.mail.waitForCount(world.guest.email, 1, 10_000, GUEST_REMINDER);
    await eventually('both revived reminders are recorded as sent', async () =>
      (await reminders(meetingId)).filter((row) => row.offsetMinutes === toggled).every((row) => row.status === 'sent'),
    );
  });

  it('keeps a reminder that went out when a reschedule puts its new time in the past', async () => {
    const world = await createSoonWorld(testApp, 60);
    const early = world.startsAt;
    const late = new Date(early.getTime() + FIVE_MINUTES);
    const offset = offsetDueIn(late, 8);
    await setOffsets(testApp, world, [offset]);
    const meetingId = await bookMeeting(testApp, world, late);
    await testApp.mail.waitForCount(world.host.email, 1, 30_000, HOST_REMINDER);
    await testApp.mail.waitForCount(world.guest.email, 1, 30_000, GUEST_REMINDER);
    await eventually('both reminders are recorded as sent', async () => (await reminders(meetingId)).every((row) => row.status === 'sent'));
    // Five minutes earlier: this reminder's time is now long past.
    await rescheduleMeeting(testApp, world, meetingId, early);
    const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM notifications WHERE meeting_id = $1 AND kind = 'meeting_reminder' AND status = 'sent' AND sent_at IS NOT NULL`, [meetingId]);
    assert.equal(count, 2);
    assert.ok((await inboxKinds(world.guest)).includes('meeting_reminder'), 'still in the guest’s notifications');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(testApp.mail.messagesTo(world.host.email).filter(HOST_REMINDER).length, 1);
  });

  it('reminds a session’s speaker and registrant, and withdraws the reminders of an offset the organizer dropped', async () => {
    const world = await createSoonWorld(testApp, 3600);
    const startsAt = new Date(Math.ceil((Date.now() + 60_000) / 60_000) * 60_000);
    const endsAt = new Date(startsAt.getTime() + 30 * 60_000);
    const [session] = await dataSource.query(
      `INSERT INTO agenda_sessions (event_id, title_ko, title_en, kind, starts_at, ends_at) VALUES ($1, '기조연설', 'Keynote', 'keynote', $2, $3) RETURNING id`,
      [world.eventId, startsAt, endsAt],
    );
    await dataSource.query(`INSERT INTO session_speakers (session_id, starts_at, ends_at, user_id) VALUES ($1, $2, $3, $4)`, [session.id, startsAt, endsAt, world.host.id]);
    await dataSource.query(`INSERT INTO session_registrations (session_id, user_id, status) VALUES ($1, $2, 'registered')`, [session.id, world.guest.id]);
    const sessionRows = async (): Promise<Array<{ id: string; recipientUserId: string; offsetMinutes: number; status: string }>> =>
      dataSource.query(
        `SELECT id, recipient_user_id AS "recipientUserId", offset_minutes AS "offsetMinutes", status::text AS status FROM notifications WHERE session_id = $1 ORDER BY offset_minutes, recipient_user_id`,
        [session.id],
      );
    // First due in 40 s; the reconciliation writes its reminders.
    const dropped = offsetDueIn(startsAt, 40);
    await setOffsets(testApp, world, [dropped]);
    await eventually('the session reminders are written', async () => (await sessionRows()).filter((row) => row.offsetMinutes === dropped && row.status === 'pending').length === 2);
    // The organizer moves to one due in 20 s (room for the reconciliation to write it on a loaded machine): the first
    // ones are withdrawn with the change, the new ones written.
    const kept = offsetDueIn(startsAt, 20);
    await setOffsets(testApp, world, [kept]);
    assert.deepEqual(
      (await sessionRows()).filter((row) => row.offsetMinutes === dropped).map((row) => row.status),
      ['cancelled', 'cancelled'],
    );
    const [speakerMail] = await testApp.mail.waitForCount(world.host.email, 1, 30_000, subject(/^Session reminder: Keynote/));
    assert.ok(speakerMail.text?.includes(`Your time: ${formatInstant(startsAt, 'America/New_York', Language.English)}`), speakerMail.text);
    await testApp.mail.waitForCount(world.guest.email, 1, 30_000, subject(/세션 알림: 기조연설/));
    // Past the dropped offset's time: nothing more came.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, startsAt.getTime() - dropped * 1000 - Date.now()) + 2000));
    assert.equal(testApp.mail.messagesTo(world.host.email).filter(subject(/^Session reminder/)).length, 1);
    assert.equal(testApp.mail.messagesTo(world.guest.email).filter(subject(/세션 알림/)).length, 1);
    assert.deepEqual(
      (await sessionRows()).map((row) => [row.offsetMinutes, row.status]),
      [
        [dropped, 'cancelled'],
        [dropped, 'cancelled'],
        [kept, 'sent'],
        [kept, 'sent'],
      ],
    );
  });

  it('tells the asker their request was accepted', async () => {
    const world = await createSoonWorld(testApp, 3600);
    const sent = await testApp.http().post(`/events/${world.eventId}/consultation-rounds/${world.round.id}/requests`).set(world.guest.auth).send({ toUserId: world.host.id });
    assert.equal(sent.status, 201, JSON.stringify(sent.body));
    const accepted = await testApp.http().post(`/events/${world.eventId}/meeting-requests/${sent.body.id}/accept`).set(world.host.auth);
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
    const [mail] = await testApp.mail.waitForCount(world.guest.email, 1, 10_000, subject(/미팅 요청 수락됨/));
    assert.match(mail.subject ?? '', /Ellen Park/);
    assert.match(mail.text ?? '', /Harbor Ventures/);
    assert.ok((await inboxKinds(world.guest)).includes('request_accepted'));
  });

  /** A booking of the world's round that waits for the host, and a way to close booking and expire it. */
  async function waitingBooking(world: SoonWorld): Promise<{ meetingId: string; expire: () => Promise<void> }> {
    await dataSource.query(`UPDATE consultation_rounds SET confirmation = 'host_accepts' WHERE id = $1`, [world.round.id]);
    const meetingId = await bookMeeting(testApp, world);
    const expire = async () => {
      await dataSource.query(`UPDATE consultation_rounds SET booking_opens_at = now() - interval '2 days', booking_closes_at = now() WHERE id = $1`, [world.round.id]);
      assert.deepEqual(await testApp.app.get(MeetingExpiry).expireClosedBookings({ roundId: world.round.id }), [meetingId]);
    };
    return { meetingId, expire };
  }

  it('tells both sides, each in their language, that a booking expired waiting for the host: no cancellation, no calendar', async () => {
    const world = await createSoonWorld(testApp, 3600);
    const { expire } = await waitingBooking(world);
    await expire();

    const [korean] = await testApp.mail.waitForCount(world.guest.email, 1, 10_000, subject(/\[만료\]/));
    assert.match(korean.subject ?? '', /Ellen Park님과의 미팅 요청/);
    assert.match(korean.text ?? '', /예약 마감 전까지 확정되지 않아 예약 요청이 만료되었습니다/);
    assert.doesNotMatch(korean.text ?? '', /expired|사유/);
    assert.equal(korean.attachments.filter((attachment) => attachment.contentType.startsWith('text/calendar')).length, 0);
    const [english] = await testApp.mail.waitForCount(world.host.email, 1, 10_000, subject(/^Expired: booking with 김민지/));
    assert.match(english.text ?? '', /Booking for this round closed before the booking was confirmed, so it has expired\./);
    assert.doesNotMatch(english.text ?? '', /Reason:/);
    assert.ok((await inboxKinds(world.guest)).includes('request_expired'));
    assert.ok(!(await inboxKinds(world.host)).includes('meeting_cancelled'));
    assert.equal(testApp.mail.messagesTo(world.host.email).filter(subject(/^Cancelled/)).length, 0);
  });

  it('takes a rescheduled booking that expired waiting for the host out of both calendars (METHOD:CANCEL)', async () => {
    const world = await createSoonWorld(testApp, 3600);
    const { meetingId, expire } = await waitingBooking(world);
    const moved = await testApp
      .http()
      .post(`/events/${world.eventId}/meetings/${meetingId}/reschedule`)
      .set(world.guest.auth)
      .send({ startsAt: new Date(world.startsAt.getTime() + FIVE_MINUTES).toISOString() });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    await expire();

    for (const [address, pattern] of [[world.guest.email, /\[만료\]/], [world.host.email, /^Expired/]] as const) {
      const [mail] = await testApp.mail.waitForCount(address, 1, 10_000, subject(pattern));
      const calendar = calendarOf(mail);
      assert.equal(calendar.getFirstPropertyValue('method'), 'CANCEL');
      assert.ok(calendar.getFirstSubcomponent('vevent'), 'the meeting’s event, to remove');
    }
  });

  it('sends the daily digest of the day’s meetings in the reader’s zone and language', async () => {
    // The guest is somewhere it is past 08:00 but still today, so today's digest is due: the reconciliation plans
    // none (its time has passed) and the test writes it, due now, as the reconciliation would have at 08:00.
    const zone = ['Asia/Seoul', 'Europe/London', 'America/New_York', 'America/Los_Angeles', 'Asia/Kolkata', 'Pacific/Auckland'].find((candidate) => {
      const local = DateTime.now().setZone(candidate);
      return local.hour >= 9 && local.hour < 22;
    })!;
    const world = await createSoonWorld(testApp, 60);
    await dataSource.query('UPDATE users SET time_zone = $2 WHERE id = $1', [world.guest.id, zone]);
    await bookMeeting(testApp, world);
    const date = DateTime.fromJSDate(world.startsAt, { zone }).toISODate()!;
    await dataSource.query(
      `INSERT INTO notifications (recipient_user_id, kind, payload, due_at, dedupe_key) VALUES ($1, 'daily_digest', $2, now(), $3)`,
      [world.guest.id, JSON.stringify({ date, timeZone: zone }), `daily-digest:${world.guest.id}:${date}`],
    );
    const [digest] = await testApp.mail.waitForCount(world.guest.email, 1, 10_000, subject(/^오늘의 일정/));
    assert.equal(digest.subject, `오늘의 일정: ${date}`);
    assert.ok(digest.text?.includes(`${DateTime.fromJSDate(world.startsAt, { zone }).toFormat('HH:mm')}  `), digest.text);
    assert.match(digest.text ?? '', /Ellen Park/);
  });

  it('asks the host for the outcome once a held meeting has ended', async () => {
    const world = await createSoonWorld(testApp, 60);
    const meetingId = await bookMeeting(testApp, world);
    const checkedIn = await testApp.http().post(`/events/${world.eventId}/meetings/${meetingId}/check-in`).set(world.host.auth);
    assert.equal(checkedIn.status, 200, JSON.stringify(checkedIn.body));
    // The meeting as if held a few minutes ago (five minutes are too long to wait for).
    await dataSource.query(`UPDATE meetings SET starts_at = now() - interval '6 minutes', ends_at = now() - interval '1 minute' WHERE id = $1`, [meetingId]);
    const [prompt] = await testApp.mail.waitForCount(world.host.email, 1, 15_000, subject(/^How did your meeting with 김민지 go\?/));
    assert.ok(prompt);
    assert.equal(testApp.mail.messagesTo(world.guest.email).filter(subject(/미팅 결과/)).length, 0);
    await eventually('the prompt is recorded as sent', async () => (await meetingRows(testApp, meetingId)).some((row) => row.kind === 'outcome_prompt' && row.status === 'sent'));
  });

  it('moves a planned digest when the person’s zone changes', async () => {
    const world: SoonWorld = await createSoonWorld(testApp, 26 * 3600);
    await bookMeeting(testApp, world);
    const digests = async (): Promise<Array<{ id: string; dueAt: Date; revision: number; payload: { date: string; timeZone: string } }>> =>
      dataSource.query(`SELECT id, due_at AS "dueAt", revision, payload FROM notifications WHERE recipient_user_id = $1 AND kind = 'daily_digest' AND status = 'pending'`, [world.guest.id]);
    const seoulDate = DateTime.fromJSDate(world.startsAt, { zone: 'Asia/Seoul' }).toISODate()!;
    let planned: Awaited<ReturnType<typeof digests>>[number] | undefined;
    await eventually('the Seoul digest is planned', async () => {
      planned = (await digests()).find((row) => row.payload.date === seoulDate);
      return planned !== undefined;
    });
    await dataSource.query(`UPDATE users SET time_zone = 'Asia/Shanghai' WHERE id = $1`, [world.guest.id]);
    const shanghaiDate = DateTime.fromJSDate(world.startsAt, { zone: 'Asia/Shanghai' }).toISODate()!;
    const due = DateTime.fromISO(`${shanghaiDate}T08:00`, { zone: 'Asia/Shanghai' }).toMillis();
    let moved: Awaited<ReturnType<typeof digests>>[number] | undefined;
    await eventually('the digest is planned in Shanghai', async () => {
      moved = (await digests()).find((row) => row.payload.date === shanghaiDate && row.payload.timeZone === 'Asia/Shanghai');
      return moved !== undefined;
    });
    assert.equal(moved!.dueAt.getTime(), due);
    if (shanghaiDate === seoulDate) {
      assert.equal(moved!.id, planned!.id, 'the same row, moved');
      assert.ok(moved!.revision > planned!.revision);
    }
  });
});
