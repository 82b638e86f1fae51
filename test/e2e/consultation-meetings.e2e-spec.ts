import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { Actor, assertProblem, registerActor } from '../support/actors';
import {
  addEventRoleRow,
  addParticipant,
  closeSlotRow,
  ConsultationWorld,
  createConsultationWorld,
  createProgrammeRow,
  createRoundRow,
  RoundFixtureOptions,
} from '../support/consultation-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

interface PartyBody {
  userId: string;
  side: string;
  name: string;
  organization: { id: string; name: string } | null;
  timeZone: string;
  startsAtLocal: string;
}

interface MeetingBody {
  id: string;
  status: string;
  version: number;
  startsAt: string;
  endsAt: string;
  startsAtRoundLocal: string;
  yourSide: string | null;
  otherParty: PartyBody | null;
  host: PartyBody;
  guest: PartyBody;
  round: { id: string; name: string; mode: string; timeZone: string };
  location: { id: string; name: string } | null;
  videoLink: string | null;
  message: string | null;
  requestId: string | null;
  cancellation: { reason: string | null; byUserId: string | null } | null;
}

/** 09:00 New York on the Boston day, and the slots after it (30 minutes each by default). */
const NINE = '2023-04-28T09:00:00-04:00';
const NINE_THIRTY = '2023-04-28T09:30:00-04:00';
const TEN = '2023-04-28T10:00:00-04:00';

/**
 * Scenario B: the Boston investment consultation day. Startups (guests, on Seoul time) book investors (hosts, on
 * Boston time) in rounds; the database keeps everyone out of two meetings at once, caps hold, and every change is
 * recorded.
 */
describe('consultations: booking and the meeting lifecycle', () => {
  let testApp: TestApp;
  let dataSource: DataSource;

  before(async () => {
    testApp = await startTestApp();
    dataSource = testApp.app.get(DataSource);
  });
  after(async () => {
    await testApp.close();
  });

  async function round(world: ConsultationWorld, options: RoundFixtureOptions = {}) {
    return createRoundRow(testApp, world.eventId, world.programmeId, options);
  }

  function book(actor: Actor, world: ConsultationWorld, roundId: string, body: Record<string, unknown>, key?: string) {
    const call = testApp.http().post(`/events/${world.eventId}/consultation-rounds/${roundId}/bookings`).set(actor.auth);
    if (key) call.set('Idempotency-Key', key);
    return call.send(body);
  }

  function organizerBook(world: ConsultationWorld, roundId: string, body: Record<string, unknown>) {
    return testApp.http().post(`/events/${world.eventId}/consultation-rounds/${roundId}/meetings`).set(world.organizer.auth).send(body);
  }

  function meetingAction(actor: Actor, world: ConsultationWorld, meetingId: string, action: string, body: Record<string, unknown> = {}) {
    return testApp.http().post(`/events/${world.eventId}/meetings/${meetingId}/${action}`).set(actor.auth).send(body);
  }

  async function counts(roundId: string): Promise<{ meetings: number; attendees: number; history: number }> {
    const [row] = await dataSource.query(
      `SELECT (SELECT count(*)::int FROM meetings WHERE round_id = $1) AS meetings,
              (SELECT count(*)::int FROM meeting_attendees a JOIN meetings m ON m.id = a.meeting_id WHERE m.round_id = $1) AS attendees,
              (SELECT count(*)::int FROM meeting_history h JOIN meetings m ON m.id = h.meeting_id WHERE m.round_id = $1) AS history`,
      [roundId],
    );
    return row;
  }

  /** Every row of the event's meetings, their people, history, quotas, idempotency records and notifications. */
  async function eventRows(eventId: string): Promise<unknown> {
    const meetings = 'SELECT id FROM meetings WHERE event_id = $1';
    return {
      meetings: await dataSource.query('SELECT * FROM meetings WHERE event_id = $1 ORDER BY id', [eventId]),
      attendees: await dataSource.query(`SELECT * FROM meeting_attendees WHERE meeting_id IN (${meetings}) ORDER BY meeting_id, user_id`, [eventId]),
      history: await dataSource.query(`SELECT * FROM meeting_history WHERE meeting_id IN (${meetings}) ORDER BY id`, [eventId]),
      quotas: await dataSource.query('SELECT * FROM round_quotas WHERE round_id IN (SELECT id FROM consultation_rounds WHERE event_id = $1) ORDER BY round_id, subject', [eventId]),
      idempotency: await dataSource.query(
        'SELECT * FROM idempotency_records WHERE user_id IN (SELECT user_id FROM event_memberships WHERE event_id = $1) ORDER BY user_id, key',
        [eventId],
      ),
      notifications: await dataSource.query('SELECT id, kind::text, status::text, revision FROM notifications WHERE event_id = $1 ORDER BY id', [eventId]),
    };
  }

  async function quota(roundId: string, subject: string): Promise<number | null> {
    const [row] = await dataSource.query('SELECT used FROM round_quotas WHERE round_id = $1 AND subject = $2', [roundId, subject]);
    return row ? row.used : null;
  }

  it('a startup books an investor: requested until the host confirms, shown on both clocks, recorded', async () => {
    const world = await createConsultationWorld(testApp);
    const host = await addParticipant(testApp, world, 'host', { name: 'Boston Seed Partner', organizationName: 'Boston Seed Partners' });
    const guest = await addParticipant(testApp, world, 'guest', { name: 'Founder Kim', organizationName: 'Haneul Robotics' });
    const main = await round(world, { confirmation: 'host_accepts' });

    const booked = await book(guest, world, main.id, { hostUserId: host.id, startsAt: NINE, message: 'Series A, battery recycling' });
    assert.equal(booked.status, 201, JSON.stringify(booked.body));
    const meeting = booked.body as MeetingBody;
    assert.equal(meeting.status, 'requested');
    assert.equal(meeting.version, 1);
    assert.equal(meeting.startsAt, '2023-04-28T13:00:00.000Z');
    assert.equal(meeting.startsAtRoundLocal, '2023-04-28T09:00:00-04:00');
    assert.equal(meeting.yourSide, 'guest');
    assert.equal(meeting.otherParty?.name, 'Boston Seed Partner');
    assert.equal(meeting.otherParty?.organization?.name, 'Boston Seed Partners');
    assert.equal(meeting.host.startsAtLocal, '2023-04-28T09:00:00-04:00');
    assert.equal(meeting.guest.startsAtLocal, '2023-04-28T22:00:00+09:00');
    assert.equal(meeting.guest.organization?.name, 'Haneul Robotics');
    assert.equal(meeting.message, 'Series A, battery recycling');
    assert.equal(meeting.round.id, main.id);
    assert.deepEqual(await counts(main.id), { meetings: 1, attendees: 2, history: 1 });
    assert.equal(await quota(main.id, `pair:${host.id}:${guest.id}`), 1);

    // The host sees the startup as the other party; the guest may not confirm their own booking.
    const seen = await testApp.http().get(`/events/${world.eventId}/meetings/${meeting.id}`).set(host.auth);
    assert.equal(seen.status, 200);
    assert.equal(seen.body.yourSide, 'host');
    assert.equal(seen.body.otherParty.name, 'Founder Kim');
    assertProblem(await meetingAction(guest, world, meeting.id, 'confirm'), 403, 'forbidden');

    const confirmed = await meetingAction(host, world, meeting.id, 'confirm');
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    assert.equal(confirmed.body.status, 'confirmed');
    assertProblem(await meetingAction(host, world, meeting.id, 'confirm'), 409, 'meeting_not_active');
    const attendees = await dataSource.query('SELECT status::text AS status FROM meeting_attendees WHERE meeting_id = $1', [meeting.id]);
    assert.deepEqual(attendees.map((row: { status: string }) => row.status), ['confirmed', 'confirmed']);
    const history = await dataSource.query('SELECT action::text AS action, actor_user_id AS actor FROM meeting_history WHERE meeting_id = $1 ORDER BY created_at', [
      meeting.id,
    ]);
    assert.deepEqual(history, [
      { action: 'booked', actor: guest.id },
      { action: 'confirmed', actor: host.id },
    ]);

    // Lists: each side sees it; the organizer sees all and filters.
    const mine = await testApp.http().get(`/events/${world.eventId}/meetings`).set(guest.auth);
    assert.deepEqual(mine.body.map((item: MeetingBody) => item.id), [meeting.id]);
    const organizerList = await testApp.http().get(`/events/${world.eventId}/meetings?hostUserId=${host.id}&status=confirmed`).set(world.organizer.auth);
    assert.equal(organizerList.status, 200);
    assert.deepEqual(organizerList.body.map((item: MeetingBody) => item.id), [meeting.id]);
    assert.equal(organizerList.body[0].yourSide, null);
    assert.equal(organizerList.body[0].otherParty, null);
  });

  it('the host declines a requested meeting by cancelling it with a reason; the slot and the quotas come back', async () => {
    const world = await createConsultationWorld(testApp);
    const host = await addParticipant(testApp, world, 'host');
    const guest = await addParticipant(testApp, world, 'guest');
    const other = await addParticipant(testApp, world, 'guest');
    const main = await round(world);
    const booked = await book(guest, world, main.id, { hostUserId: host.id, startsAt: NINE });
    assert.equal(booked.status, 201);
    const declined = await meetingAction(host, world, booked.body.id, 'cancel', { reason: 'Outside our focus' });
    assert.equal(declined.status, 200, JSON.stringify(declined.body));
    assert.equal(declined.body.status, 'cancelled');
    assert.deepEqual(declined.body.cancellation.reason, 'Outside our focus');
    assert.equal(declined.body.cancellation.byUserId, host.id);
    assert.equal(await quota(main.id, `pair:${host.id}:${guest.id}`), 0);
    assertProblem(await meetingAction(guest, world, booked.body.id, 'cancel'), 409, 'meeting_not_active');
    assertProblem(await meetingAction(guest, world, booked.body.id, 'reschedule', { startsAt: TEN }), 409, 'meeting_not_active');
    // The slot is free again for someone else.
    assert.equal((await book(other, world, main.id, { hostUserId: host.id, startsAt: NINE })).status, 201);
  });

  it('instant rounds confirm at once; online rounds give a video link from the template or the host', async () => {
    const world = await createConsultationWorld(testApp);
    const host = await addParticipant(testApp, world, 'host', { videoLink: 'https://zoom.example.com/j/123' });
    const guest = await addParticipant(testApp, world, 'guest');
    const videoRound = await round(world, {
      name: 'Round 1: video consultation before departure',
      mode: 'online',
      timeZone: 'Asia/Seoul',
      windows: [{ date: '2023-04-20', startsAtTime: '22:00', endsAtTime: '23:30' }],
      confirmation: 'instant',
      videoLinkRule: 'template',
      videoLinkTemplate: 'https://meet.example.com/matchday-{meetingId}',
    });
    // A wall-clock time is taken in the round zone (Seoul): 22:00 KST is 09:00 in Boston.
    const booked = await book(guest, world, videoRound.id, { hostUserId: host.id, startsAt: '2023-04-20T22:00' });
    assert.equal(booked.status, 201, JSON.stringify(booked.body));
    assert.equal(booked.body.status, 'confirmed');
    assert.equal(booked.body.startsAt, '2023-04-20T13:00:00.000Z');
    assert.equal(booked.body.host.startsAtLocal, '2023-04-20T09:00:00-04:00');
    assert.equal(booked.body.videoLink, `https://meet.example.com/matchday-${booked.body.id}`);
    assert.equal(booked.body.location, null);

    const hostLinks = await round(world, {
      mode: 'online',
      confirmation: 'instant',
      videoLinkRule: 'host_entered',
      windows: [{ date: '2023-04-21', startsAtTime: '09:00', endsAtTime: '10:00' }],
    });
    const second = await book(guest, world, hostLinks.id, { hostUserId: host.id, startsAt: '2023-04-21T09:00:00-04:00' });
    assert.equal(second.status, 201, JSON.stringify(second.body));
    assert.equal(second.body.videoLink, 'https://zoom.example.com/j/123');
  });

  it("follows the round's rules: who may book, organizer-scheduled rounds, the booking window", async () => {
    const world = await createConsultationWorld(testApp);
    const host = await addParticipant(testApp, world, 'host');
    const guest = await addParticipant(testApp, world, 'guest');
    const scheduled = await round(world, { confirmation: 'organizer_schedules' });
    assertProblem(await book(guest, world, scheduled.id, { hostUserId: host.id, startsAt: NINE }), 409, 'booking_not_allowed');

    const guestsOnly = await round(world, { initiator: 'guest', windows: [{ date: '2023-04-27', startsAtTime: '09:00', endsAtTime: '10:00' }] });
    assertProblem(await book(host, world, guestsOnly.id, { guestUserId: guest.id, startsAt: '2023-04-27T09:00:00-04:00' }), 409, 'booking_not_allowed');

    // Where both sides may start, a host books a startup; the startup then confirms.
    const both = await round(world, { initiator: 'both', windows: [{ date: '2023-04-26', startsAtTime: '09:00', endsAtTime: '10:00' }] });
    const byHost = await book(host, world, both.id, { guestUserId: guest.id, startsAt: '2023-04-26T09:00:00-04:00' });
    assert.equal(byHost.status, 201, JSON.stringify(byHost.body));
    assert.equal(byHost.body.status, 'requested');
    assertProblem(await meetingAction(host, world, byHost.body.id, 'confirm'), 403, 'forbidden');
    assert.equal((await meetingAction(guest, world, byHost.body.id, 'confirm')).body.status, 'confirmed');

    const closed = await round(world, {
      bookingOpensAt: new Date(Date.now() - 10 * 24 * 3600_000),
      bookingClosesAt: new Date(Date.now() - 3600_000),
      windows: [{ date: '2023-04-25', startsAtTime: '09:00', endsAtTime: '10:00' }],
    });
    const notYet = await round(world, {
      bookingOpensAt: new Date(Date.now() + 3600_000),
      bookingClosesAt: new Date(Date.now() + 10 * 24 * 3600_000),
      windows: [{ date: '2023-04-24', startsAtTime: '09:00', endsAtTime: '10:00' }],
    });
    assertProblem(await book(guest, world, closed.id, { hostUserId: host.id, startsAt: '2023-04-25T09:00:00-04:00' }), 409, 'booking_closed');
    assertProblem(await book(guest, world, notYet.id, { hostUserId: host.id, startsAt: '2023-04-24T09:00:00-04:00' }), 409, 'booking_closed');
    // Organizers book outside the window.
    const organizerBooked = await organizerBook(world, closed.id, { hostUserId: host.id, guestUserId: guest.id, startsAt: '2023-04-25T09:00:00-04:00' });
    assert.equal(organizerBooked.status, 201, JSON.stringify(organizerBooked.body));
    assert.equal(organizerBooked.body.status, 'confirmed');
    assert.equal(organizerBooked.body.yourSide, null);
    // ... but parties cannot move it while booking is closed.
    assertProblem(await meetingAction(guest, world, organizerBooked.body.id, 'reschedule', { startsAt: '2023-04-25T09:30:00-04:00' }), 409, 'booking_closed');
    assert.equal((await meetingAction(world.organizer, world, organizerBooked.body.id, 'reschedule', { startsAt: '2023-04-25T09:30:00-04:00' })).status, 200);
  });

  it('refuses bad input with a clear 4xx and writes nothing', async () => {
    const world = await createConsultationWorld(testApp);
    const host = await addParticipant(testApp, world, 'host');
    const secondHost = await addParticipant(testApp, world, 'host');
    const guest = await addParticipant(testApp, world, 'guest');
    const otherGuest = await addParticipant(testApp, world, 'guest');
    const outsider = await registerActor(testApp);
    await addEventRoleRow(testApp, world.eventId, outsider.id, 'startup');
    const main = await round(world);

    const cases: Array<[Actor, Record<string, unknown>, number, string, string?]> = [
      [guest, { hostUserId: host.id, startsAt: '2023-04-28T09:15:00-04:00' }, 400, 'validation_failed', 'startsAt'],
      [guest, { hostUserId: host.id, startsAt: '2023-04-28T12:00:00-04:00' }, 400, 'validation_failed', 'startsAt'],
      [guest, { hostUserId: host.id, startsAt: '2023-04-29T09:00:00-04:00' }, 400, 'validation_failed', 'startsAt'],
      [guest, { hostUserId: host.id, startsAt: 'tomorrow morning' }, 400, 'validation_failed', 'startsAt'],
      [guest, { hostUserId: guest.id, startsAt: NINE }, 400, 'validation_failed', 'hostUserId'],
      [guest, { hostUserId: otherGuest.id, startsAt: NINE }, 400, 'validation_failed', 'hostUserId'],
      [guest, { hostUserId: outsider.id, startsAt: NINE }, 400, 'validation_failed', 'hostUserId'],
      [guest, { startsAt: NINE }, 400, 'validation_failed', 'hostUserId'],
      [guest, { hostUserId: host.id, guestUserId: otherGuest.id, startsAt: NINE }, 400, 'validation_failed', 'guestUserId'],
      [guest, { hostUserId: host.id, startsAt: NINE, locationId: main.id }, 400, 'validation_failed'],
      [guest, { hostUserId: 'not-a-uuid', startsAt: NINE }, 400, 'validation_failed', 'hostUserId'],
      [outsider, { hostUserId: host.id, startsAt: NINE }, 403, 'not_programme_participant'],
      [host, { guestUserId: secondHost.id, startsAt: NINE }, 409, 'booking_not_allowed'],
    ];
    for (const [actor, body, status, code, field] of cases) {
      const response = await book(actor, world, main.id, body);
      assertProblem(response, status, code);
      if (field) assert.ok(response.body.errors?.some((error: { field: string }) => error.field === field), JSON.stringify(response.body));
    }
    const organizerCases: Array<[Record<string, unknown>, string]> = [
      [{ hostUserId: guest.id, guestUserId: host.id, startsAt: NINE }, 'hostUserId'],
      [{ hostUserId: host.id, guestUserId: secondHost.id, startsAt: NINE }, 'guestUserId'],
      [{ hostUserId: host.id, guestUserId: guest.id, startsAt: NINE, locationId: '00000000-0000-4000-8000-000000000000' }, 'locationId'],
      [{ hostUserId: host.id, guestUserId: guest.id, startsAt: '2023-04-28T09:10:00-04:00' }, 'startsAt'],
    ];
    for (const [body, field] of organizerCases) {
      const response = await organizerBook(world, main.id, body);
      assertProblem(response, 400, 'validation_failed');
      assert.ok(response.body.errors?.some((error: { field: string }) => error.field === field), JSON.stringify(response.body));
    }
    assert.deepEqual(await counts(main.id), { meetings: 0, attendees: 0, history: 0 });
    const quotas = await dataSource.query('SELECT count(*)::int AS count FROM round_quotas WHERE round_id = $1', [main.id]);
    assert.equal(quotas[0].count, 0);
  });

  it('keeps a person out of two meetings at once, says who, and across rounds of other slot lengths', async () => {
    const world = await createConsultationWorld(testApp);
    const host = await addParticipant(testApp, world, 'host');
    const secondHost = await addParticipant(testApp, world, 'host');
    const guest = await addParticipant(testApp, world, 'guest');
    const otherGuest = await addParticipant(testApp, world, 'guest');
    const main = await round(world, { confirmation: 'instant' });
    assert.equal((await book(guest, world, main.id, { hostUserId: host.id, startsAt: NINE })).status, 201);

    const hostTaken = await book(otherGuest, world, main.id, { hostUserId: host.id, startsAt: NINE });
    assertProblem(hostTaken, 409, 'person_double_booked');
    assert.match(hostTaken.body.detail, /host/);
    const guestTaken = await book(guest, world, main.id, { hostUserId: secondHost.id, startsAt: NINE });
    assertProblem(guestTaken, 409, 'person_double_booked');
    assert.match(guestTaken.body.detail, /guest/);

    // A pre-consultation round with 45-minute slots from 09:00 overlaps the main round's 09:30 slot.
    const pre = await round(world, { name: 'Round 2: pre-consultation', slotMinutes: 45, confirmation: 'instant' });
    assert.equal((await book(otherGuest, world, main.id, { hostUserId: secondHost.id, startsAt: NINE_THIRTY })).status, 201);
    const crossRound = await book(otherGuest, world, pre.id, { hostUserId: host.id, startsAt: NINE });
    assertProblem(crossRound, 409, 'person_double_booked');
    assert.match(crossRound.body.detail, /host|guest/);
    assert.equal((await counts(pre.id)).meetings, 0);
    // 09:45 in round 2 touches neither of the earlier meetings' people... but the guest is at 09:30-10:00 in round 3.
    assertProblem(await book(otherGuest, world, pre.id, { hostUserId: host.id, startsAt: '2023-04-28T09:45:00-04:00' }), 409, 'person_double_booked');
    assert.equal((await book(guest, world, pre.id, { hostUserId: secondHost.id, startsAt: '2023-04-28T10:30:00-04:00' })).status, 201);
  });

  it('holds caps per pair and per host, and gives them back on cancel', async () => {
    const world = await createConsultationWorld(testApp);
    const host = await addParticipant(testApp, world, 'host');
    const guests = [];
    for (let index = 0; index < 3; index += 1) guests.push(await addParticipant(testApp, world, 'guest'));
    const main = await round(world, { confirmation: 'instant', maxMeetingsPerHost: 2, maxMeetingsPerPair: 1 });
    const first = await book(guests[0], world, main.id, { hostUserId: host.id, startsAt: NINE });
    assert.equal(first.status, 201);
    const pair = await book(guests[0], world, main.id, { hostUserId: host.id, startsAt: TEN });
    assertProblem(pair, 409, 'cap_reached');
    assert.match(pair.body.detail, /max_meetings_per_pair/);
    assert.equal((await book(guests[1], world, main.id, { hostUserId: host.id, startsAt: NINE_THIRTY })).status, 201);
    const hostCap = await book(guests[2], world, main.id, { hostUserId: host.id, startsAt: TEN });
    assertProblem(hostCap, 409, 'cap_reached');
    assert.match(hostCap.body.detail, /max_meetings_per_host/);
    assert.equal(await quota(main.id, `host-meetings:${host.id}`), 2);

    assert.equal((await meetingAction(guests[0], world, first.body.id, 'cancel', { reason: 'Flight changed' })).status, 200);
    assert.equal(await quota(main.id, `host-meetings:${host.id}`), 1);
    assert.equal((await book(guests[2], world, main.id, { hostUserId: host.id, startsAt: TEN })).status, 201);
    assert.equal((await counts(main.id)).meetings, 3);
  });

  it('a host cap set on a round that had none counts the meetings booked before it, held ones included', async () => {
    const world = await createConsultationWorld(testApp);
    const host = await addParticipant(testApp, world, 'host');
    const guests = [];
    for (let index = 0; index < 4; index += 1) guests.push(await addParticipant(testApp, world, 'guest'));
    const main = await round(world, { confirmation: 'instant', maxMeetingsPerHost: null });
    const first = await book(guests[0], world, main.id, { hostUserId: host.id, startsAt: NINE });
    assert.equal(first.status, 201);
    assert.equal((await book(guests[1], world, main.id, { hostUserId: host.id, startsAt: NINE_THIRTY })).status, 201);
    const cancelled = await book(guests[3], world, main.id, { hostUserId: host.id, startsAt: '2023-04-28T11:00:00-04:00' });
    assert.equal((await meetingAction(guests[3], world, cancelled.body.id, 'cancel', { reason: 'Changed plans' })).status, 200);
    // The first took place (as a check-in records it); a held meeting keeps its place under the cap, a cancelled one does not.
    await dataSource.query(`UPDATE meetings SET status = 'held' WHERE id = $1`, [first.body.id]);
    // Uncapped, the host's meetings are not counted as they are booked...
    assert.equal(await quota(main.id, `host-meetings:${host.id}`), null);

    const capped = await testApp.http().patch(`/events/${world.eventId}/consultation-rounds/${main.id}`).set(world.organizer.auth).send({ maxMeetingsPerHost: 2 });
    assert.equal(capped.status, 200, JSON.stringify(capped.body));
    // ...but the cap counts them when it is set, so the third is refused.
    assert.equal(await quota(main.id, `host-meetings:${host.id}`), 2);
    const third = await book(guests[2], world, main.id, { hostUserId: host.id, startsAt: TEN });
    assertProblem(third, 409, 'cap_reached');
    assert.match(third.body.detail, /max_meetings_per_host/);
    assert.equal((await counts(main.id)).meetings, 3, 'the held one, the confirmed one and the cancelled one: nothing more');
  });

  it('reschedules to another free slot of the round, raising the version; refuses taken and off-grid slots', async () => {
    const world = await createConsultationWorld(testApp);
    const host = await addParticipant(testApp, world, 'host');
    const guest = await addParticipant(testApp, world, 'guest');
    const otherGuest = await addParticipant(testApp, world, 'guest');
    const main = await round(world, { confirmation: 'instant' });
    const meeting = (await book(guest, world, main.id, { hostUserId: host.id, startsAt: NINE })).body as MeetingBody;
    assert.equal((await book(otherGuest, world, main.id, { hostUserId: host.id, startsAt: TEN })).status, 201);

    const moved = await meetingAction(guest, world, meeting.id, 'reschedule', { startsAt: NINE_THIRTY });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    assert.equal(moved.body.version, 2);
    assert.equal(moved.body.startsAt, '2023-04-28T13:30:00.000Z');
    const attendees = await dataSource.query('SELECT starts_at AS "startsAt" FROM meeting_attendees WHERE meeting_id = $1', [meeting.id]);
    assert.ok(attendees.every((row: { startsAt: Date }) => row.startsAt.toISOString() === '2023-04-28T13:30:00.000Z'));

    const taken = await meetingAction(host, world, meeting.id, 'reschedule', { startsAt: TEN });
    assertProblem(taken, 409, 'person_double_booked');
    assert.match(taken.body.detail, /host/);
    assertProblem(await meetingAction(guest, world, meeting.id, 'reschedule', { startsAt: '2023-04-28T09:40:00-04:00' }), 400, 'validation_failed');

    const history = await dataSource.query(
      'SELECT action::text AS action, version, starts_at AS "startsAt" FROM meeting_history WHERE meeting_id = $1 ORDER BY created_at',
      [meeting.id],
    );
    assert.deepEqual(
      history.map((row: { action: string; version: number; startsAt: Date }) => [row.action, row.version, row.startsAt.toISOString()]),
      [
        ['booked', 1, '2023-04-28T13:00:00.000Z'],
        ['rescheduled', 2, '2023-04-28T13:30:00.000Z'],
      ],
    );
  });

  it("places on-site meetings at the named location, the host's own, or the first free one; a taken location is a 409", async () => {
    const world = await createConsultationWorld(testApp);
    const hosts = [];
    for (let index = 0; index < 4; index += 1) hosts.push(await addParticipant(testApp, world, 'host'));
    const guests = [];
    for (let index = 0; index < 4; index += 1) guests.push(await addParticipant(testApp, world, 'guest'));
    const main = await round(world, {
      confirmation: 'instant',
      locations: [
        { name: 'Table 1' },
        { name: 'Table 2' },
        { name: 'Booth C-03', kind: 'booth', hostUserId: hosts[3].id },
      ],
    });
    const [table1, table2, booth] = main.locationIds;
    const first = await book(guests[0], world, main.id, { hostUserId: hosts[0].id, startsAt: NINE });
    assert.equal(first.body.location.id, table1);
    const second = await book(guests[1], world, main.id, { hostUserId: hosts[1].id, startsAt: NINE });
    assert.equal(second.body.location.id, table2);
    const third = await book(guests[2], world, main.id, { hostUserId: hosts[2].id, startsAt: NINE });
    assertProblem(third, 409, 'location_double_booked');
    const own = await book(guests[2], world, main.id, { hostUserId: hosts[3].id, startsAt: NINE });
    assert.equal(own.status, 201, JSON.stringify(own.body));
    assert.deepEqual(own.body.location, { id: booth, name: 'Booth C-03', kind: 'booth' });

    const named = await organizerBook(world, main.id, { hostUserId: hosts[2].id, guestUserId: guests[3].id, startsAt: NINE, locationId: table1 });
    assertProblem(named, 409, 'location_double_booked');
    // Moving a meeting keeps its table when that is free at the new time.
    const moved = await meetingAction(guests[1], world, second.body.id, 'reschedule', { startsAt: TEN });
    assert.equal(moved.body.location.id, table2);
    const namedLater = await organizerBook(world, main.id, { hostUserId: hosts[2].id, guestUserId: guests[3].id, startsAt: NINE, locationId: table2 });
    assert.equal(namedLater.status, 201, JSON.stringify(namedLater.body));
  });

  it('a table is one place across the rounds and programmes of an event: the same name at overlapping times is a 409', async () => {
    const world = await createConsultationWorld(testApp);
    const hosts = [];
    for (let index = 0; index < 4; index += 1) hosts.push(await addParticipant(testApp, world, 'host'));
    const guests = [];
    for (let index = 0; index < 4; index += 1) guests.push(await addParticipant(testApp, world, 'guest'));
    const main = await round(world, { confirmation: 'instant', locations: [{ name: 'Table 7' }] });
    // Round 2 of the same programme, 45-minute slots, writes the same table its own way and has a second one.
    const pre = await round(world, { name: 'Round 2: pre-consultation', confirmation: 'instant', slotMinutes: 45, locations: [{ name: ' table  7' }, { name: 'Table 8' }] });
    // Another programme of the same event (an expert track) in the same hall.
    const expertWorld = { ...world, programmeId: await createProgrammeRow(testApp, world.eventId, 'Expert track') };
    const expert = await addParticipant(testApp, expertWorld, 'host');
    const expertGuest = await addParticipant(testApp, expertWorld, 'guest');
    const experts = await round(expertWorld, { confirmation: 'instant', locations: [{ name: 'TABLE 7' }] });

    const first = await organizerBook(world, main.id, { hostUserId: hosts[0].id, guestUserId: guests[0].id, startsAt: NINE, locationId: main.locationIds[0] });
    assert.equal(first.status, 201, JSON.stringify(first.body));
    // 09:00-09:45 in round 2 at the same table: refused, nothing written.
    const named = await organizerBook(world, pre.id, { hostUserId: hosts[1].id, guestUserId: guests[1].id, startsAt: NINE, locationId: pre.locationIds[0] });
    assertProblem(named, 409, 'location_double_booked');
    assert.ok(named.body.errors?.some((error: { field: string }) => error.field === 'locationId'), JSON.stringify(named.body));
    assert.deepEqual(await counts(pre.id), { meetings: 0, attendees: 0, history: 0 });
    // Left to choose, the placement moves on to the round's other table; with both taken there is no place left.
    const chosen = await book(guests[1], world, pre.id, { hostUserId: hosts[1].id, startsAt: NINE });
    assert.equal(chosen.status, 201, JSON.stringify(chosen.body));
    assert.equal(chosen.body.location.name, 'Table 8');
    assertProblem(await book(guests[2], world, pre.id, { hostUserId: hosts[2].id, startsAt: NINE }), 409, 'location_double_booked');

    // The expert track's "TABLE 7" is the same table: taken at 09:00, free from 09:30 (meetings that touch do not overlap).
    assertProblem(
      await organizerBook(expertWorld, experts.id, { hostUserId: expert.id, guestUserId: expertGuest.id, startsAt: NINE, locationId: experts.locationIds[0] }),
      409,
      'location_double_booked',
    );
    const expertMeeting = await book(expertGuest, expertWorld, experts.id, { hostUserId: expert.id, startsAt: NINE_THIRTY });
    assert.equal(expertMeeting.status, 201, JSON.stringify(expertMeeting.body));
    assert.equal(expertMeeting.body.location.name, 'TABLE 7');
    // Round 2's 09:45 slot at table 7 overlaps the expert meeting (09:30-10:00); moving that one back to 09:00 overlaps round 3's.
    assertProblem(
      await organizerBook(world, pre.id, { hostUserId: hosts[3].id, guestUserId: guests[3].id, startsAt: '2023-04-28T09:45:00-04:00', locationId: pre.locationIds[0] }),
      409,
      'location_double_booked',
    );
    assertProblem(await meetingAction(world.organizer, world, expertMeeting.body.id, 'reschedule', { startsAt: NINE }), 409, 'location_double_booked');
    const [row] = await dataSource.query('SELECT starts_at AS "startsAt", version FROM meetings WHERE id = $1', [expertMeeting.body.id]);
    assert.deepEqual([row.startsAt.toISOString(), row.version], ['2023-04-28T13:30:00.000Z', 1]);

    // Another event has its own Table 7.
    const otherWorld = await createConsultationWorld(testApp);
    const otherHost = await addParticipant(testApp, otherWorld, 'host');
    const otherGuest = await addParticipant(testApp, otherWorld, 'guest');
    const otherRound = await round(otherWorld, { confirmation: 'instant', locations: [{ name: 'Table 7' }] });
    const elsewhere = await book(otherGuest, otherWorld, otherRound.id, { hostUserId: otherHost.id, startsAt: NINE });
    assert.equal(elsewhere.status, 201, JSON.stringify(elsewhere.body));
    assert.equal(elsewhere.body.location.name, 'Table 7');
  });

  it('refuses slots the host closed or spends in the agenda', async () => {
    const world = await createConsultationWorld(testApp);
    const host = await addParticipant(testApp, world, 'host');
    const guest = await addParticipant(testApp, world, 'guest');
    const main = await round(world, { confirmation: 'instant' });
    await closeSlotRow(testApp, main.id, host.id, '2023-04-28T13:00:00Z');
    const closed = await book(guest, world, main.id, { hostUserId: host.id, startsAt: NINE });
    assertProblem(closed, 409, 'slot_unavailable');
    assert.match(closed.body.detail, /host has closed/);

    const session = await testApp
      .http()
      .post(`/events/${world.eventId}/sessions`)
      .set(world.organizer.auth)
      .send({ kind: 'lecture', titleEn: 'Roundtable of experts', startsAt: '2023-04-28T09:45', endsAt: '2023-04-28T10:15', speakers: [{ userId: host.id }] });
    assert.equal(session.status, 201, JSON.stringify(session.body));
    const speaking = await book(guest, world, main.id, { hostUserId: host.id, startsAt: TEN });
    assertProblem(speaking, 409, 'slot_unavailable');
    assert.match(speaking.body.detail, /host speaks/);
    assert.equal((await book(guest, world, main.id, { hostUserId: host.id, startsAt: '2023-04-28T10:30:00-04:00' })).status, 201);
  });

  it('a session the startup registered for blocks the slots it overlaps, as one the host speaks at does', async () => {
    const world = await createConsultationWorld(testApp);
    const host = await addParticipant(testApp, world, 'host');
    const guest = await addParticipant(testApp, world, 'guest');
    const main = await round(world, { confirmation: 'instant' });
    const session = await testApp
      .http()
      .post(`/events/${world.eventId}/sessions`)
      .set(world.organizer.auth)
      .send({ kind: 'lecture', titleEn: 'Exporting to the US: customs and FDA', startsAt: '2023-04-28T09:15', endsAt: '2023-04-28T09:45' });
    assert.equal(session.status, 201, JSON.stringify(session.body));
    const registered = await testApp.http().post(`/events/${world.eventId}/sessions/${session.body.id}/registration`).set(guest.auth);
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    assert.equal(registered.body.status, 'registered');
    for (const startsAt of [NINE, NINE_THIRTY]) {
      const refused = await book(guest, world, main.id, { hostUserId: host.id, startsAt });
      assertProblem(refused, 409, 'slot_unavailable');
      assert.match(refused.body.detail, /guest is registered for an agenda session/);
    }
    assert.equal((await counts(main.id)).meetings, 0);
    // Cancelling the registration frees the slots.
    assert.equal((await testApp.http().delete(`/events/${world.eventId}/sessions/${session.body.id}/registration`).set(guest.auth)).status, 204);
    assert.equal((await book(guest, world, main.id, { hostUserId: host.id, startsAt: NINE })).status, 201);
  });

  it("builds the grid and books across the November clock change in New York: the repeated hour's slots are all there", async () => {
    const world = await createConsultationWorld(testApp);
    const host = await addParticipant(testApp, world, 'host');
    const guests = [];
    for (let index = 0; index < 3; index += 1) guests.push(await addParticipant(testApp, world, 'guest', { timeZone: 'Asia/Seoul' }));
    const night = await round(world, { confirmation: 'instant', windows: [{ date: '2023-11-05', startsAtTime: '00:30', endsAtTime: '03:00' }] });
    const slots = await testApp.http().get(`/events/${world.eventId}/consultation-rounds/${night.id}/slots?timeZone=Asia/Seoul`).set(host.auth);
    assert.equal(slots.status, 200, JSON.stringify(slots.body));
    assert.deepEqual(
      slots.body.slots.map((slot: { startsAt: string; startsAtLocal: string; startsAtViewer: string }) => [slot.startsAt, slot.startsAtLocal, slot.startsAtViewer]),
      [
        // 00:30-03:00 on the wall clock is three and a half real hours: 01:00-02:00 happens twice (EDT, then EST).
        ['2023-11-05T04:30:00.000Z', '2023-11-05T00:30:00-04:00', '2023-11-05T13:30:00+09:00'],
        ['2023-11-05T05:00:00.000Z', '2023-11-05T01:00:00-04:00', '2023-11-05T14:00:00+09:00'],
        ['2023-11-05T05:30:00.000Z', '2023-11-05T01:30:00-04:00', '2023-11-05T14:30:00+09:00'],
        ['2023-11-05T06:00:00.000Z', '2023-11-05T01:00:00-05:00', '2023-11-05T15:00:00+09:00'],
        ['2023-11-05T06:30:00.000Z', '2023-11-05T01:30:00-05:00', '2023-11-05T15:30:00+09:00'],
        ['2023-11-05T07:00:00.000Z', '2023-11-05T02:00:00-05:00', '2023-11-05T16:00:00+09:00'],
        ['2023-11-05T07:30:00.000Z', '2023-11-05T02:30:00-05:00', '2023-11-05T16:30:00+09:00'],
      ],
    );
    // 01:30 without an offset is its first occurrence (EDT); with -05:00 the second, an hour later: both bookable.
    const first = await book(guests[0], world, night.id, { hostUserId: host.id, startsAt: '2023-11-05T01:30' });
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.deepEqual([first.body.startsAt, first.body.startsAtRoundLocal, first.body.guest.startsAtLocal], ['2023-11-05T05:30:00.000Z', '2023-11-05T01:30:00-04:00', '2023-11-05T14:30:00+09:00']);
    const second = await book(guests[1], world, night.id, { hostUserId: host.id, startsAt: '2023-11-05T01:30:00-05:00' });
    assert.equal(second.status, 201, JSON.stringify(second.body));
    assert.deepEqual([second.body.startsAt, second.body.startsAtRoundLocal, second.body.endsAt], ['2023-11-05T06:30:00.000Z', '2023-11-05T01:30:00-05:00', '2023-11-05T07:00:00.000Z']);
    assertProblem(await book(guests[2], world, night.id, { hostUserId: host.id, startsAt: '2023-11-05T01:30' }), 409, 'person_double_booked');
    assert.equal((await book(guests[2], world, night.id, { hostUserId: host.id, startsAt: '2023-11-05T01:00:00-05:00' })).status, 201);
  });

  it('booking outside the window and moving a cancelled meeting change nothing; unknown fields are refused', async () => {
    const world = await createConsultationWorld(testApp);
    const host = await addParticipant(testApp, world, 'host');
    const guest = await addParticipant(testApp, world, 'guest');
    const main = await round(world, { confirmation: 'instant' });
    const closed = await round(world, {
      bookingOpensAt: new Date(Date.now() - 10 * 24 * 3600_000),
      bookingClosesAt: new Date(Date.now() - 3600_000),
      windows: [{ date: '2023-04-25', startsAtTime: '09:00', endsAtTime: '10:00' }],
    });
    const notYet = await round(world, {
      bookingOpensAt: new Date(Date.now() + 3600_000),
      bookingClosesAt: new Date(Date.now() + 10 * 24 * 3600_000),
      windows: [{ date: '2023-04-24', startsAtTime: '09:00', endsAtTime: '10:00' }],
    });
    const booked = await book(guest, world, main.id, { hostUserId: host.id, startsAt: NINE });
    assert.equal(booked.status, 201, JSON.stringify(booked.body));
    assert.equal((await meetingAction(guest, world, booked.body.id, 'cancel', { reason: 'Flight cancelled' })).status, 200);
    const rowsBefore = await eventRows(world.eventId);

    const refusals: Array<[() => ReturnType<typeof book>, number, string]> = [
      [() => book(guest, world, closed.id, { hostUserId: host.id, startsAt: '2023-04-25T09:00:00-04:00' }, 'closed-key'), 409, 'booking_closed'],
      [() => book(guest, world, notYet.id, { hostUserId: host.id, startsAt: '2023-04-24T09:00:00-04:00' }, 'not-yet-key'), 409, 'booking_closed'],
      [() => meetingAction(guest, world, booked.body.id, 'reschedule', { startsAt: TEN }), 409, 'meeting_not_active'],
      [() => meetingAction(world.organizer, world, booked.body.id, 'reschedule', { startsAt: TEN }), 409, 'meeting_not_active'],
      [() => meetingAction(guest, world, booked.body.id, 'reschedule', { startsAt: TEN, version: 2 }), 400, 'validation_failed'],
      [() => meetingAction(guest, world, booked.body.id, 'cancel', { reason: 'again', by: 'me' }), 400, 'validation_failed'],
    ];
    for (const [call, status, code] of refusals) assertProblem(await call(), status, code);
    assert.deepEqual(await eventRows(world.eventId), rowsBefore, 'a refused call changed something');
  });

  it('lets only eligible pairs meet in follow-up rounds', async () => {
    const world = await createConsultationWorld(testApp);
    const host = await addParticipant(testApp, world, 'host');
    const guest = await addParticipant(testApp, world, 'guest');
    const main = await round(world, { confirmation: 'instant' });
    const met = await round(world, {
      name: 'Round 4: follow-up',
      confirmation: 'instant',
      eligibility: 'met_in_source_round',
      eligibilitySourceRoundId: main.id,
      windows: [{ date: '2023-05-02', startsAtTime: '09:00', endsAtTime: '10:00' }],
    });
    const followUp = await round(world, {
      confirmation: 'instant',
      eligibility: 'follow_up_from_source_round',
      eligibilitySourceRoundId: main.id,
      windows: [{ date: '2023-05-03', startsAtTime: '09:00', endsAtTime: '10:00' }],
    });
    assertProblem(await book(guest, world, met.id, { hostUserId: host.id, startsAt: '2023-05-02T09:00:00-04:00' }), 409, 'not_eligible');
    const meeting = await book(guest, world, main.id, { hostUserId: host.id, startsAt: NINE });
    assertProblem(await book(guest, world, met.id, { hostUserId: host.id, startsAt: '2023-05-02T09:00:00-04:00' }), 409, 'not_eligible');
    await dataSource.query(`UPDATE meetings SET status = 'held' WHERE id = $1`, [meeting.body.id]);
    assert.equal((await book(guest, world, met.id, { hostUserId: host.id, startsAt: '2023-05-02T09:00:00-04:00' })).status, 201);
    assertProblem(await book(guest, world, followUp.id, { hostUserId: host.id, startsAt: '2023-05-03T09:00:00-04:00' }), 409, 'not_eligible');
    await dataSource.query(
      `INSERT INTO meeting_outcomes (meeting_id, interest_level, next_step, recorded_by_id) VALUES ($1, 'high', 'follow_up_meeting', $2)`,
      [meeting.body.id, host.id],
    );
    assert.equal((await book(guest, world, followUp.id, { hostUserId: host.id, startsAt: '2023-05-03T09:00:00-04:00' })).status, 201);
  });

  it('answers a retried booking with its first answer and books nothing more; another body with the key is a 422', async () => {
    const world = await createConsultationWorld(testApp);
    const host = await addParticipant(testApp, world, 'host');
    const guest = await addParticipant(testApp, world, 'guest');
    const main = await round(world);
    const body = { hostUserId: host.id, startsAt: NINE, message: 'hello' };
    const first = await book(guest, world, main.id, body, 'booking-key-1');
    assert.equal(first.status, 201, JSON.stringify(first.body));
    const retry = await book(guest, world, main.id, body, 'booking-key-1');
    assert.equal(retry.status, 201);
    assert.equal(retry.headers['idempotent-replayed'], 'true');
    assert.deepEqual(retry.body, first.body);
    assertProblem(await book(guest, world, main.id, { ...body, startsAt: TEN }, 'booking-key-1'), 422, 'idempotency_key_reused');
    assertProblem(await book(guest, world, main.id, body, 'x'.repeat(201)), 400, 'validation_failed');
    assert.equal((await counts(main.id)).meetings, 1);

    // A key is the caller's own: another person's identical key is a new request.
    const otherGuest = await addParticipant(testApp, world, 'guest');
    assertProblem(await book(otherGuest, world, main.id, body, 'booking-key-1'), 409, 'person_double_booked');
  });
});
