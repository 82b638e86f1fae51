import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { Actor, assertProblem } from '../support/actors';
import { addParticipant, ConsultationWorld, createConsultationWorld, createRoundRow, RoundFixtureOptions } from '../support/consultation-fixtures';
import { MeetingExpiry } from '../../src/consultations/meeting-expiry.service';
import { startTestApp, TestApp } from '../support/test-app';

const NINE = '2023-04-28T09:00:00-04:00';

/** What a meeting response says of its state. */
function shown(meeting: { status: string; cancellation: unknown }) {
  return { status: meeting.status, cancellation: meeting.cancellation };
}

/** The state a booking that expired at `closesAt` is shown in, before and after the worker expired it. */
function expiredAt(closesAt: Date) {
  return { status: 'cancelled', cancellation: { at: closesAt.toISOString(), byUserId: null, reason: 'expired' } };
}

/** The ids of a list of meetings, in its order. */
function ids(response: { body: Array<{ id: string }> }): string[] {
  return response.body.map((meeting) => meeting.id);
}

/** Requests: one side asks, the other answers; accepted requests are placed in a slot by either side or an organizer. */
describe('consultations: meeting requests', () => {
  let testApp: TestApp;
  let dataSource: DataSource;

  before(async () => {
    testApp = await startTestApp();
    dataSource = testApp.app.get(DataSource);
  });
  after(async () => {
    await testApp.close();
  });

  function ask(actor: Actor, world: ConsultationWorld, roundId: string, body: Record<string, unknown>) {
    return testApp.http().post(`/events/${world.eventId}/consultation-rounds/${roundId}/requests`).set(actor.auth).send(body);
  }

  function act(actor: Actor, world: ConsultationWorld, requestId: string, action: string, body: Record<string, unknown> = {}) {
    return testApp.http().post(`/events/${world.eventId}/meeting-requests/${requestId}/${action}`).set(actor.auth).send(body);
  }

  function book(actor: Actor, world: ConsultationWorld, roundId: string, body: Record<string, unknown>) {
    return testApp.http().post(`/events/${world.eventId}/consultation-rounds/${roundId}/bookings`).set(actor.auth).send(body);
  }

  function meetingAction(actor: Actor, world: ConsultationWorld, meetingId: string, action: string, body: Record<string, unknown> = {}) {
    return testApp.http().post(`/events/${world.eventId}/meetings/${meetingId}/${action}`).set(actor.auth).send(body);
  }

  /** The round's quotas as { subject: used }. */
  async function quotas(roundId: string): Promise<Record<string, number>> {
    const rows: Array<{ subject: string; used: number }> = await dataSource.query('SELECT subject, used FROM round_quotas WHERE round_id = $1 ORDER BY subject', [roundId]);
    return Object.fromEntries(rows.map((row) => [row.subject, row.used]));
  }

  /** Every meeting row of the round with its attendees and history, to show a refusal wrote nothing. */
  async function meetingRows(roundId: string): Promise<unknown> {
    return {
      meetings: await dataSource.query('SELECT * FROM meetings WHERE round_id = $1 ORDER BY id', [roundId]),
      attendees: await dataSource.query('SELECT a.* FROM meeting_attendees a JOIN meetings m ON m.id = a.meeting_id WHERE m.round_id = $1 ORDER BY 1, 2', [roundId]),
      history: await dataSource.query('SELECT h.* FROM meeting_history h JOIN meetings m ON m.id = h.meeting_id WHERE m.round_id = $1 ORDER BY h.id', [roundId]),
      requests: await dataSource.query('SELECT * FROM meeting_requests WHERE round_id = $1 ORDER BY id', [roundId]),
      quotas: await quotas(roundId),
    };
  }

  /** Every request, quota, meeting and notification of the event. */
  async function eventRequestRows(eventId: string): Promise<unknown> {
    return {
      requests: await dataSource.query('SELECT * FROM meeting_requests WHERE event_id = $1 ORDER BY id', [eventId]),
      quotas: await dataSource.query('SELECT * FROM round_quotas WHERE round_id IN (SELECT id FROM consultation_rounds WHERE event_id = $1) ORDER BY round_id, subject', [eventId]),
      meetings: await dataSource.query('SELECT * FROM meetings WHERE event_id = $1 ORDER BY id', [eventId]),
      notifications: await dataSource.query('SELECT id, kind::text, status::text, revision FROM notifications WHERE event_id = $1 ORDER BY id', [eventId]),
    };
  }

  /** The round's booking window closes now (after everything booked so far). */
  async function closeBooking(roundId: string): Promise<void> {
    await dataSource.query(`UPDATE consultation_rounds SET booking_opens_at = now() - interval '2 days', booking_closes_at = now() WHERE id = $1`, [roundId]);
  }

  function list(actor: Actor, world: ConsultationWorld, query = '') {
    return testApp.http().get(`/events/${world.eventId}/meeting-requests${query}`).set(actor.auth);
  }

  async function setting(options: RoundFixtureOptions = {}) {
    const world = await createConsultationWorld(testApp);
    const host = await addParticipant(testApp, world, 'host', { name: 'VC partner', organizationName: 'Charles River Ventures' });
    const guest = await addParticipant(testApp, world, 'guest', { name: 'Founder Lee', organizationName: 'Bada Bio' });
    const round = await createRoundRow(testApp, world.eventId, world.programmeId, options);
    return { world, host, guest, round };
  }

  it('a startup asks, the investor accepts, either places it in a common free slot: a confirmed meeting', async () => {
    const { world, host, guest, round } = await setting();
    const otherGuest = await addParticipant(testApp, world, 'guest');
    const created = await ask(guest, world, round.id, { toUserId: host.id, message: 'Bio sensors, seed round', priority: 1 });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.status, 'pending');
    assert.equal(created.body.initiatedBy, 'guest');
    assert.equal(created.body.direction, 'sent');
    assert.equal(created.body.host.organization.name, 'Charles River Ventures');
    assert.equal(created.body.priority, 1, JSON.stringify(created.body));

    assertProblem(await ask(guest, world, round.id, { toUserId: host.id }), 409, 'request_already_open');
    const received = await list(host, world, '?box=received');
    assert.equal(received.status, 200, JSON.stringify(received.body));
    assert.deepEqual(received.body.map((request: { id: string }) => request.id), [created.body.id]);
    assert.equal(received.body[0].direction, 'received');
    assert.equal((await list(host, world, '?box=sent')).body.length, 0);
    assert.equal((await list(otherGuest, world)).body.length, 0);
    assert.equal((await list(world.organizer, world)).body.length, 1);
    assertProblem(await act(guest, world, created.body.id, 'accept'), 403, 'forbidden');
    assertProblem(await act(guest, world, created.body.id, 'place', { startsAt: NINE }), 409, 'request_not_accepted');

    const accepted = await act(host, world, created.body.id, 'accept');
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
    assert.equal(accepted.body.status, 'accepted');
    assert.ok(accepted.body.respondedAt);
    assertProblem(await act(host, world, created.body.id, 'decline'), 409, 'request_not_pending');

    const placed = await act(guest, world, created.body.id, 'place', { startsAt: NINE });
    assert.equal(placed.status, 201, JSON.stringify(placed.body));
    assert.equal(placed.body.status, 'confirmed');
    assert.equal(placed.body.requestId, created.body.id);
    assert.equal(placed.body.message, 'Bio sensors, seed round');
    assert.equal(placed.body.otherParty.name, 'VC partner');
    assertProblem(await act(host, world, created.body.id, 'place', { startsAt: '2023-04-28T10:00:00-04:00' }), 409, 'request_not_accepted');
    const request = await testApp.http().get(`/events/${world.eventId}/meeting-requests/${created.body.id}`).set(host.auth);
    assert.equal(request.body.status, 'scheduled');
    assert.equal(request.body.meetingId, placed.body.id);
    assertProblem(await act(guest, world, created.body.id, 'withdraw'), 409, 'request_not_pending');
    // Once placed, the pair may ask again (the pair cap, not the request, limits meetings).
    const again = await ask(guest, world, round.id, { toUserId: host.id });
    assert.equal(again.status, 201);
  });

  it('declines with a reason, withdraws, and refuses requests the round does not allow', async () => {
    const { world, host, guest, round } = await setting({ initiator: 'guest' });
    const secondHost = await addParticipant(testApp, world, 'host');
    const first = await ask(guest, world, round.id, { toUserId: host.id });
    const declined = await act(host, world, first.body.id, 'decline', { reason: 'Too early for us' });
    assert.equal(declined.status, 200);
    assert.equal(declined.body.status, 'declined');
    assert.equal(declined.body.declineReason, 'Too early for us');

    const second = await ask(guest, world, round.id, { toUserId: secondHost.id });
    assertProblem(await act(secondHost, world, second.body.id, 'withdraw'), 403, 'forbidden');
    const withdrawn = await act(guest, world, second.body.id, 'withdraw');
    assert.equal(withdrawn.body.status, 'withdrawn');
    assertProblem(await act(secondHost, world, second.body.id, 'accept'), 409, 'request_not_pending');

    assertProblem(await ask(host, world, round.id, { toUserId: guest.id }), 409, 'booking_not_allowed');
    assertProblem(await ask(guest, world, round.id, { toUserId: guest.id }), 400, 'validation_failed');
    assertProblem(await ask(guest, world, round.id, { toUserId: (await addParticipant(testApp, world, 'guest')).id }), 400, 'validation_failed');
    assertProblem(await ask(guest, world, round.id, { toUserId: host.id, priority: 6 }), 400, 'validation_failed');
    assertProblem(await ask(guest, world, round.id, { toUserId: host.id, priority: null }), 400, 'validation_failed');
  });

  it('requests before the booking window opens or after it closes are 409, and unknown fields 400: nothing is written', async () => {
    const { world, host, guest, round } = await setting({ maxRequestsPerGuest: 3 });
    const notYet = await createRoundRow(testApp, world.eventId, world.programmeId, {
      bookingOpensAt: new Date(Date.now() + 3600_000),
      bookingClosesAt: new Date(Date.now() + 10 * 24 * 3600_000),
      windows: [{ date: '2023-05-02', startsAtTime: '09:00', endsAtTime: '10:00' }],
    });
    const closed = await createRoundRow(testApp, world.eventId, world.programmeId, {
      bookingOpensAt: new Date(Date.now() - 10 * 24 * 3600_000),
      bookingClosesAt: new Date(Date.now() - 3600_000),
      windows: [{ date: '2023-05-03', startsAtTime: '09:00', endsAtTime: '10:00' }],
    });
    const pending = await ask(guest, world, round.id, { toUserId: host.id });
    assert.equal(pending.status, 201, JSON.stringify(pending.body));
    const rowsBefore = await eventRequestRows(world.eventId);

    const early = await ask(guest, world, notYet.id, { toUserId: host.id });
    assertProblem(early, 409, 'booking_closed');
    assert.match(early.body.detail, /opens at/);
    const late = await ask(guest, world, closed.id, { toUserId: host.id });
    assertProblem(late, 409, 'booking_closed');
    assert.match(late.body.detail, /closed at/);
    assertProblem(await ask(host, world, closed.id, { toUserId: guest.id }), 409, 'booking_not_allowed');
    for (const body of [{ toUserId: host.id, urgent: true }, { toUserId: host.id, status: 'accepted' }, { toUserId: host.id, hostUserId: host.id }]) {
      const refused = await ask(guest, world, round.id, body);
      assertProblem(refused, 400, 'validation_failed');
    }
    assertProblem(await act(host, world, pending.body.id, 'decline', { reason: 'Not now', notify: false }), 400, 'validation_failed');
    assertProblem(await act(guest, world, pending.body.id, 'place', { startsAt: NINE, locationName: 'Table 1' }), 400, 'validation_failed');
    assert.deepEqual(await eventRequestRows(world.eventId), rowsBefore, 'a refused call changed something');
  });

  it('caps the requests a startup sends in a round', async () => {
    const { world, guest, round } = await setting({ maxRequestsPerGuest: 2 });
    const hosts = [await addParticipant(testApp, world, 'host'), await addParticipant(testApp, world, 'host'), await addParticipant(testApp, world, 'host')];
    assert.equal((await ask(guest, world, round.id, { toUserId: hosts[0].id })).status, 201);
    assert.equal((await ask(guest, world, round.id, { toUserId: hosts[1].id })).status, 201);
    const third = await ask(guest, world, round.id, { toUserId: hosts[2].id });
    assertProblem(third, 409, 'cap_reached');
    assert.match(third.body.detail, /max_requests_per_guest/);
    // Hosts asking do not count against the startup's allowance.
    await dataSource.query(`UPDATE consultation_rounds SET initiator = 'both' WHERE id = $1`, [round.id]);
    assert.equal((await ask(hosts[2], world, round.id, { toUserId: guest.id })).status, 201);
  });

  it('pending requests of a closed round read as expired, are marked so when listed, and cannot be answered', async () => {
    const { world, host, guest, round } = await setting();
    const created = await ask(guest, world, round.id, { toUserId: host.id });
    const accepted = await ask(guest, world, (await createRoundRow(testApp, world.eventId, world.programmeId, { windows: [{ date: '2023-05-02', startsAtTime: '09:00', endsAtTime: '10:00' }] })).id, {
      toUserId: host.id,
    });
    assert.equal((await act(host, world, accepted.body.id, 'accept')).status, 200);
    await dataSource.query(`UPDATE consultation_rounds SET booking_opens_at = now() - interval '2 days', booking_closes_at = now() - interval '1 second' WHERE event_id = $1`, [
      world.eventId,
    ]);
    const seen = await testApp.http().get(`/events/${world.eventId}/meeting-requests/${created.body.id}`).set(guest.auth);
    assert.equal(seen.body.status, 'expired');
    assertProblem(await act(host, world, created.body.id, 'accept'), 409, 'request_not_pending');
    const listed = await list(world.organizer, world, '?status=expired');
    assert.equal(listed.status, 200, JSON.stringify(listed.body));
    assert.deepEqual(listed.body.map((request: { id: string }) => request.id), [created.body.id]);
    const rows = await dataSource.query('SELECT id, status::text AS status FROM meeting_requests WHERE event_id = $1 ORDER BY created_at', [world.eventId]);
    assert.deepEqual(rows.map((row: { status: string }) => row.status), ['expired', 'accepted']);
    // Accepted requests do not expire: booking is closed for the parties, the organizer places them.
    assertProblem(await act(guest, world, accepted.body.id, 'place', { startsAt: '2023-05-02T09:00:00-04:00' }), 409, 'booking_closed');
    const placed = await act(world.organizer, world, accepted.body.id, 'place', { startsAt: '2023-05-02T09:00:00-04:00' });
    assert.equal(placed.status, 201, JSON.stringify(placed.body));
  });

  it("a startup's booking waiting for the host expires when the booking window closes: people, table and quotas come back", async () => {
    const { world, host, guest, round } = await setting({ locations: [{ name: 'Table 1' }], maxRequestsPerGuest: 5 });
    const otherGuest = await addParticipant(testApp, world, 'guest');
    const booked = await book(guest, world, round.id, { hostUserId: host.id, startsAt: NINE });
    assert.equal(booked.status, 201, JSON.stringify(booked.body));
    assert.equal(booked.body.status, 'requested');
    assert.deepEqual(await quotas(round.id), { [`guest-requests:${guest.id}`]: 1, [`pair:${host.id}:${guest.id}`]: 1 });
    // An organizer's booking made after the window closed waits for the host: it does not expire.
    await closeBooking(round.id);
    const late = await testApp
      .http()
      .post(`/events/${world.eventId}/consultation-rounds/${round.id}/meetings`)
      .set(world.organizer.auth)
      .send({ hostUserId: host.id, guestUserId: otherGuest.id, startsAt: '2023-04-28T10:00:00-04:00', status: 'requested' });
    assert.equal(late.status, 201, JSON.stringify(late.body));

    // The host comes too late: the booking has expired. The worker has not run yet, and the refusal writes nothing.
    const rowsBeforeConfirm = { round: await meetingRows(round.id), event: await eventRequestRows(world.eventId) };
    const confirm = await meetingAction(host, world, booked.body.id, 'confirm');
    assertProblem(confirm, 409, 'meeting_not_active');
    assert.match(confirm.body.detail, /expired/);
    assert.deepEqual({ round: await meetingRows(round.id), event: await eventRequestRows(world.eventId) }, rowsBeforeConfirm, 'a refused confirmation changed something');
    // The worker's expiry writes it.
    assert.deepEqual(await testApp.app.get(MeetingExpiry).expireClosedBookings({ roundId: round.id }), [booked.body.id]);
    const [meeting] = await dataSource.query(
      `SELECT status::text AS status, cancellation_reason AS reason, cancelled_by_id AS "cancelledBy", location_id AS "locationId" FROM meetings WHERE id = $1`,
      [booked.body.id],
    );
    assert.deepEqual(meeting, { status: 'cancelled', reason: 'expired', cancelledBy: null, locationId: round.locationIds[0] });
    const attendees = await dataSource.query('SELECT status::text AS status FROM meeting_attendees WHERE meeting_id = $1', [booked.body.id]);
    assert.deepEqual(attendees, [{ status: 'cancelled' }, { status: 'cancelled' }]);
    // The host's and the pair's quotas come back; the startup's request stays counted, as a request's does.
    assert.deepEqual(await quotas(round.id), { [`guest-requests:${guest.id}`]: 1, [`pair:${host.id}:${guest.id}`]: 0, [`pair:${host.id}:${otherGuest.id}`]: 1 });
    const history = await dataSource.query('SELECT action::text AS action, actor_user_id AS actor, reason FROM meeting_history WHERE meeting_id = $1 ORDER BY created_at', [
      booked.body.id,
    ]);
    assert.deepEqual(history, [
      { action: 'booked', actor: guest.id, reason: null },
      { action: 'cancelled', actor: null, reason: 'expired' },
    ]);
    // Nobody cancelled it: both are told it expired, not that it was cancelled.
    const notices = await dataSource.query(
      `SELECT recipient_user_id AS recipient, kind::text AS kind FROM notifications WHERE meeting_id = $1 AND kind IN ('meeting_cancelled', 'request_expired')
        ORDER BY recipient_user_id`,
      [booked.body.id],
    );
    assert.deepEqual(notices, [host.id, guest.id].sort().map((recipient) => ({ recipient, kind: 'request_expired' })));
    const stillWaiting = await testApp.http().get(`/events/${world.eventId}/meetings/${late.body.id}`).set(host.auth);
    assert.equal(stillWaiting.body.status, 'requested');
    // The slot and the table are free again.
    const rebooked = await testApp
      .http()
      .post(`/events/${world.eventId}/consultation-rounds/${round.id}/meetings`)
      .set(world.organizer.auth)
      .send({ hostUserId: host.id, guestUserId: guest.id, startsAt: NINE, locationId: round.locationIds[0] });
    assert.equal(rebooked.status, 201, JSON.stringify(rebooked.body));
  });

  it('the worker job expires bookings of every closed round once; listing meetings shows those of the event expired', async () => {
    const { world, host, guest, round } = await setting();
    const secondHost = await addParticipant(testApp, world, 'host');
    const first = await book(guest, world, round.id, { hostUserId: host.id, startsAt: NINE });
    const second = await book(guest, world, round.id, { hostUserId: secondHost.id, startsAt: '2023-04-28T10:00:00-04:00' });
    assert.deepEqual([first.status, second.status], [201, 201]);
    const expiry = testApp.app.get(MeetingExpiry);
    assert.deepEqual(await expiry.expireClosedBookings({ eventId: world.eventId }), [], 'nothing is due while booking is open');
    await closeBooking(round.id);
    const expired = await expiry.expireClosedBookings();
    assert.deepEqual(expired.filter((id) => id === first.body.id || id === second.body.id).sort(), [first.body.id, second.body.id].sort());
    assert.deepEqual(await expiry.expireClosedBookings({ eventId: world.eventId }), [], 'expired once');
    const statuses = await dataSource.query('SELECT status::text AS status, cancellation_reason AS reason FROM meetings WHERE round_id = $1', [round.id]);
    assert.deepEqual(statuses, [{ status: 'cancelled', reason: 'expired' }, { status: 'cancelled', reason: 'expired' }]);

    // Listing the event's meetings shows what the job has not reached yet as expired (and writes nothing).
    const { world: otherWorld, host: otherHost, guest: otherGuest, round: otherRound } = await setting();
    const third = await book(otherGuest, otherWorld, otherRound.id, { hostUserId: otherHost.id, startsAt: NINE });
    await closeBooking(otherRound.id);
    const listed = await testApp.http().get(`/events/${otherWorld.eventId}/meetings`).set(otherGuest.auth);
    assert.equal(listed.status, 200, JSON.stringify(listed.body));
    assert.deepEqual(
      listed.body.map((meeting: { id: string; status: string; cancellation: { reason: string | null } | null }) => [meeting.id, meeting.status, meeting.cancellation?.reason]),
      [[third.body.id, 'cancelled', 'expired']],
    );
    const [row] = await dataSource.query('SELECT status::text AS status FROM meetings WHERE id = $1', [third.body.id]);
    assert.equal(row.status, 'requested', 'listing wrote the expiry');
  });

  async function bookingClosesAt(roundId: string): Promise<Date> {
    const [{ closesAt }] = await dataSource.query('SELECT booking_closes_at AS "closesAt" FROM consultation_rounds WHERE id = $1', [roundId]);
    return closesAt;
  }

  function organizerBook(world: ConsultationWorld, roundId: string, body: Record<string, unknown>) {
    return testApp.http().post(`/events/${world.eventId}/consultation-rounds/${roundId}/meetings`).set(world.organizer.auth).send(body);
  }

  function meetings(actor: Actor, world: ConsultationWorld, query = '') {
    return testApp.http().get(`/events/${world.eventId}/meetings${query}`).set(actor.auth);
  }

  it('a booking still waiting when the window closes reads as expired on every read, which writes nothing; the worker then writes what was shown', async () => {
    const { world, host, guest, round } = await setting({ locations: [{ name: 'Table 1' }] });
    const otherGuest = await addParticipant(testApp, world, 'guest');
    const booked = await book(guest, world, round.id, { hostUserId: host.id, startsAt: NINE, message: 'Bio sensors' });
    assert.equal(booked.status, 201, JSON.stringify(booked.body));
    await closeBooking(round.id);
    // An organizer's booking made after the close waits for the host: it reads as requested.
    const late = await organizerBook(world, round.id, { hostUserId: host.id, guestUserId: otherGuest.id, startsAt: '2023-04-28T10:00:00-04:00', status: 'requested' });
    assert.equal(late.status, 201, JSON.stringify(late.body));
    const expired = expiredAt(await bookingClosesAt(round.id));
    const figures = async () => {
      const response = await testApp.http().get(`/events/${world.eventId}/consultation-rounds/${round.id}/figures`).set(world.organizer.auth);
      assert.equal(response.status, 200, JSON.stringify(response.body));
      return { requests: response.body.requests, meetings: response.body.meetings };
    };
    const rowsBefore = { round: await meetingRows(round.id), event: await eventRequestRows(world.eventId) };

    const listed = await meetings(guest, world);
    assert.equal(listed.status, 200, JSON.stringify(listed.body));
    assert.deepEqual(listed.body.map((meeting: { id: string; status: string; cancellation: unknown }) => [meeting.id, shown(meeting)]), [[booked.body.id, expired]]);
    const seenByHost = await testApp.http().get(`/events/${world.eventId}/meetings/${booked.body.id}`).set(host.auth);
    assert.equal(seenByHost.status, 200, JSON.stringify(seenByHost.body));
    assert.deepEqual(shown(seenByHost.body), expired);
    // The status filter follows what is shown.
    assert.deepEqual(ids(await meetings(world.organizer, world, '?status=requested')), [late.body.id]);
    assert.deepEqual(ids(await meetings(world.organizer, world, '?status=cancelled')), [booked.body.id]);
    assert.deepEqual(ids(await meetings(host, world, `?roundId=${round.id}`)), [booked.body.id, late.body.id]);
    // The figures too: one request expired, one meeting cancelled, the late booking still requested.
    const figuresBefore = await figures();
    assert.deepEqual(figuresBefore.requests, { total: 1, accepted: 0, declined: 0, expired: 1, pending: 0, withdrawn: 0, acceptanceRate: 0 });
    assert.deepEqual(figuresBefore.meetings, { total: 2, requested: 1, confirmed: 0, held: 0, noShow: 0, cancelled: 1 });
    assert.deepEqual({ round: await meetingRows(round.id), event: await eventRequestRows(world.eventId) }, rowsBefore, 'a read wrote');

    // The worker expires it, as it was shown (only the time of the last change moves).
    assert.deepEqual(await testApp.app.get(MeetingExpiry).expireClosedBookings({ roundId: round.id }), [booked.body.id]);
    const afterWorker = await testApp.http().get(`/events/${world.eventId}/meetings/${booked.body.id}`).set(host.auth);
    assert.deepEqual({ ...afterWorker.body, updatedAt: undefined }, { ...seenByHost.body, updatedAt: undefined });
    assert.deepEqual(await figures(), figuresBefore);
    assert.deepEqual(ids(await meetings(world.organizer, world, '?status=requested')), [late.body.id]);
    assert.deepEqual(ids(await meetings(world.organizer, world, '?status=cancelled')), [booked.body.id]);
  });

  it('confirming or moving a booking that expired is a 409 that changes nothing, before and after the worker expired it', async () => {
    const { world, host, guest, round } = await setting({ locations: [{ name: 'Table 1' }] });
    const otherGuest = await addParticipant(testApp, world, 'guest');
    const booked = await book(guest, world, round.id, { hostUserId: host.id, startsAt: NINE });
    assert.equal(booked.status, 201, JSON.stringify(booked.body));
    await closeBooking(round.id);
    const late = await organizerBook(world, round.id, { hostUserId: host.id, guestUserId: otherGuest.id, startsAt: '2023-04-28T10:00:00-04:00', status: 'requested' });
    assert.equal(late.status, 201, JSON.stringify(late.body));
    const eleven = { startsAt: '2023-04-28T11:00:00-04:00' };
    const attempts = [
      () => meetingAction(host, world, booked.body.id, 'confirm'),
      () => meetingAction(world.organizer, world, booked.body.id, 'confirm'),
      () => meetingAction(guest, world, booked.body.id, 'reschedule', eleven),
      () => meetingAction(host, world, booked.body.id, 'reschedule', eleven),
      () => meetingAction(world.organizer, world, booked.body.id, 'reschedule', eleven),
    ];
    const refusedEach = async () => {
      for (const attempt of attempts) {
        const refused = await attempt();
        assertProblem(refused, 409, 'meeting_not_active');
        assert.match(refused.body.detail, /expired/);
      }
    };
    const rows = async () => ({ round: await meetingRows(round.id), event: await eventRequestRows(world.eventId) });

    const rowsBefore = await rows();
    await refusedEach();
    assert.deepEqual(await rows(), rowsBefore, 'a refusal before the worker ran changed something');
    const [waiting] = await dataSource.query('SELECT status::text AS status FROM meetings WHERE id = $1', [booked.body.id]);
    assert.equal(waiting.status, 'requested', 'only the worker writes expiry');

    assert.deepEqual(await testApp.app.get(MeetingExpiry).expireClosedBookings({ roundId: round.id }), [booked.body.id]);
    const rowsExpired = await rows();
    await refusedEach();
    assert.deepEqual(await rows(), rowsExpired, 'a refusal after the worker ran changed something');

    // The organizer's booking made after the close never expires: its host confirms it, an organizer moves it.
    const confirmed = await meetingAction(host, world, late.body.id, 'confirm');
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    assert.equal(confirmed.body.status, 'confirmed');
    const moved = await meetingAction(world.organizer, world, late.body.id, 'reschedule', eleven);
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    assert.equal(moved.body.version, 2);
  });

  it('cancelling a booking that expired succeeds as expired and writes nothing: the worker cancels it, whether it has run yet or not', async () => {
    const { world, host, guest, round } = await setting({ maxRequestsPerGuest: 5 });
    const booked = await book(guest, world, round.id, { hostUserId: host.id, startsAt: NINE });
    assert.equal(booked.status, 201, JSON.stringify(booked.body));
    await closeBooking(round.id);
    const expired = expiredAt(await bookingClosesAt(round.id));
    const rows = async () => ({ round: await meetingRows(round.id), event: await eventRequestRows(world.eventId) });
    const cancelEach = async () => {
      for (const actor of [guest, host, world.organizer]) {
        const cancelled = await meetingAction(actor, world, booked.body.id, 'cancel', { reason: 'Changed plans' });
        assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
        assert.deepEqual(shown(cancelled.body), expired);
      }
    };

    // Before the worker: the booker, the host and an organizer each get the booking as expired; nothing is written.
    const rowsBefore = await rows();
    await cancelEach();
    assert.deepEqual(await rows(), rowsBefore, 'a cancel of an expired booking wrote');

    // The worker cancels it: by nobody, with reason "expired", quotas given back, history, both people told.
    assert.deepEqual(await testApp.app.get(MeetingExpiry).expireClosedBookings({ roundId: round.id }), [booked.body.id]);
    const [meeting] = await dataSource.query(
      `SELECT status::text AS status, cancellation_reason AS reason, cancelled_by_id AS "cancelledBy" FROM meetings WHERE id = $1`,
      [booked.body.id],
    );
    assert.deepEqual(meeting, { status: 'cancelled', reason: 'expired', cancelledBy: null });
    assert.deepEqual(await quotas(round.id), { [`guest-requests:${guest.id}`]: 1, [`pair:${host.id}:${guest.id}`]: 0 });
    const history = await dataSource.query('SELECT action::text AS action, actor_user_id AS actor, reason FROM meeting_history WHERE meeting_id = $1 ORDER BY created_at', [
      booked.body.id,
    ]);
    assert.deepEqual(history, [
      { action: 'booked', actor: guest.id, reason: null },
      { action: 'cancelled', actor: null, reason: 'expired' },
    ]);
    // Nobody cancelled it: both are told it expired, not that it was cancelled.
    const notices = await dataSource.query(
      `SELECT recipient_user_id AS recipient, kind::text AS kind FROM notifications WHERE meeting_id = $1 AND kind IN ('meeting_cancelled', 'request_expired')
        ORDER BY recipient_user_id`,
      [booked.body.id],
    );
    assert.deepEqual(notices, [host.id, guest.id].sort().map((recipient) => ({ recipient, kind: 'request_expired' })));

    // After the worker: the same answer, and still nothing written.
    const rowsExpired = await rows();
    await cancelEach();
    assert.deepEqual(await rows(), rowsExpired, 'a cancel of an expired booking wrote');
    // A meeting a person cancelled stays a 409 to cancel again.
    const other = await organizerBook(world, round.id, { hostUserId: host.id, guestUserId: guest.id, startsAt: '2023-04-28T10:00:00-04:00', status: 'requested' });
    assert.equal(other.status, 201, JSON.stringify(other.body));
    const declined = await meetingAction(host, world, other.body.id, 'cancel', { reason: 'Not now' });
    assert.equal(declined.status, 200, JSON.stringify(declined.body));
    assert.deepEqual(shown(declined.body), { status: 'cancelled', cancellation: { at: declined.body.cancellation.at, byUserId: host.id, reason: 'Not now' } });
    assertProblem(await meetingAction(guest, world, other.body.id, 'cancel'), 409, 'meeting_not_active');
  });

  it("a startup's bookings waiting for the host count against its requests in the round; instant bookings do not", async () => {
    const { world, guest, round } = await setting({ maxRequestsPerGuest: 2 });
    const hosts = [await addParticipant(testApp, world, 'host'), await addParticipant(testApp, world, 'host'), await addParticipant(testApp, world, 'host')];
    assert.equal((await ask(guest, world, round.id, { toUserId: hosts[0].id })).status, 201);
    const booked = await book(guest, world, round.id, { hostUserId: hosts[1].id, startsAt: NINE });
    assert.equal(booked.status, 201, JSON.stringify(booked.body));
    const rowsBefore = await meetingRows(round.id);
    const third = await book(guest, world, round.id, { hostUserId: hosts[2].id, startsAt: '2023-04-28T10:00:00-04:00' });
    assertProblem(third, 409, 'cap_reached');
    assert.match(third.body.detail, /max_requests_per_guest/);
    assert.deepEqual(await meetingRows(round.id), rowsBefore);
    assertProblem(await ask(guest, world, round.id, { toUserId: hosts[2].id }), 409, 'cap_reached');
    // Withdrawn, the booking stays counted, as a withdrawn request does.
    assert.equal((await meetingAction(guest, world, booked.body.id, 'cancel', { reason: 'Changed plans' })).status, 200);
    assertProblem(await book(guest, world, round.id, { hostUserId: hosts[2].id, startsAt: '2023-04-28T10:00:00-04:00' }), 409, 'cap_reached');

    const instant = await createRoundRow(testApp, world.eventId, world.programmeId, {
      confirmation: 'instant',
      maxRequestsPerGuest: 1,
      windows: [{ date: '2023-05-02', startsAtTime: '09:00', endsAtTime: '11:00' }],
    });
    const starts = ['2023-05-02T09:00:00-04:00', '2023-05-02T09:30:00-04:00', '2023-05-02T10:00:00-04:00'];
    const instantBookings = await Promise.all(hosts.map((host, index) => book(guest, world, instant.id, { hostUserId: host.id, startsAt: starts[index] })));
    assert.deepEqual(instantBookings.map((response) => [response.status, response.body.status]), [[201, 'confirmed'], [201, 'confirmed'], [201, 'confirmed']]);
    assert.equal((await quotas(instant.id))[`guest-requests:${guest.id}`], undefined);
  });

  it('in rounds the organizers schedule, parties request and accept, organizers place', async () => {
    const { world, host, guest, round } = await setting({ confirmation: 'organizer_schedules', locations: [{ name: 'Table 1' }] });
    const created = await ask(guest, world, round.id, { toUserId: host.id });
    await act(host, world, created.body.id, 'accept');
    assertProblem(await act(host, world, created.body.id, 'place', { startsAt: NINE }), 409, 'booking_not_allowed');
    const placed = await act(world.organizer, world, created.body.id, 'place', { startsAt: NINE, locationId: round.locationIds[0] });
    assert.equal(placed.status, 201, JSON.stringify(placed.body));
    assert.equal(placed.body.location.name, 'Table 1');
    assert.equal(placed.body.createdById, world.organizer.id);
    const history = await dataSource.query('SELECT action::text AS action, actor_user_id AS actor FROM meeting_history WHERE meeting_id = $1', [placed.body.id]);
    assert.deepEqual(history, [{ action: 'booked', actor: world.organizer.id }]);
  });

  it('placing in a taken slot is a 409 and leaves the request accepted', async () => {
    const { world, host, guest, round } = await setting({ confirmation: 'instant' });
    const otherGuest = await addParticipant(testApp, world, 'guest');
    const created = await ask(guest, world, round.id, { toUserId: host.id });
    await act(host, world, created.body.id, 'accept');
    const booked = await testApp
      .http()
      .post(`/events/${world.eventId}/consultation-rounds/${round.id}/bookings`)
      .set(otherGuest.auth)
      .send({ hostUserId: host.id, startsAt: NINE });
    assert.equal(booked.status, 201);
    assertProblem(await act(host, world, created.body.id, 'place', { startsAt: NINE }), 409, 'person_double_booked');
    const [row] = await dataSource.query('SELECT status::text AS status, meeting_id AS "meetingId" FROM meeting_requests WHERE id = $1', [created.body.id]);
    assert.deepEqual(row, { status: 'accepted', meetingId: null });
    assert.equal((await act(host, world, created.body.id, 'place', { startsAt: '2023-04-28T09:30' })).status, 201);
  });
});
