import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { Actor, assertProblem } from '../support/actors';
import { addParticipant, ConsultationWorld, createConsultationWorld, createRoundRow } from '../support/consultation-fixtures';
import { holdLocks, holdSlotLocks, lockWaiters, releaseHeldLocks, waitForLockWaiters } from '../support/held-locks';
import { startTestApp, TestApp } from '../support/test-app';

const NINE = '2023-04-28T09:00:00-04:00';
const TEN = '2023-04-28T10:00:00-04:00';

/** Answers counted by status and code, e.g. { '201': 1, '409 person_double_booked': 19 }. */
function statuses(responses: Array<{ status: number; body: { code?: string } }>): Record<string, number> {
  const tally: Record<string, number> = {};
  for (const response of responses) {
    const key = response.status === 201 ? '201' : `${response.status} ${response.body.code}`;
    tally[key] = (tally[key] ?? 0) + 1;
  }
  return tally;
}

/**
 * Bookings racing each other: PostgreSQL's exclusion constraints and the conditional quota UPDATEs decide, so exactly
 * the allowed number of meetings come out whatever the interleaving.
 */
describe('consultations: concurrent booking', () => {
  let testApp: TestApp;
  let dataSource: DataSource;

  before(async () => {
    testApp = await startTestApp();
    dataSource = testApp.app.get(DataSource);
  });
  afterEach(async () => {
    await releaseHeldLocks();
  });
  after(async () => {
    await testApp.close();
  });

  function book(actor: Actor, world: ConsultationWorld, roundId: string, body: Record<string, unknown>, key?: string) {
    const call = testApp.http().post(`/events/${world.eventId}/consultation-rounds/${roundId}/bookings`).set(actor.auth);
    if (key) call.set('Idempotency-Key', key);
    return call.send(body);
  }

  async function participants(world: ConsultationWorld, side: 'host' | 'guest', count: number): Promise<Actor[]> {
    return Promise.all(Array.from({ length: count }, () => addParticipant(testApp, world, side)));
  }

  async function activeMeetings(roundIds: string[]): Promise<Array<{ hostUserId: string; guestUserId: string }>> {
    return dataSource.query(
      `SELECT host_user_id AS "hostUserId", guest_user_id AS "guestUserId" FROM meetings WHERE round_id = ANY($1::uuid[]) AND status <> 'cancelled'`,
      [roundIds],
    );
  }

  it('20 startups book the same host slot at once: one meeting, 19 conflicts naming the host', async () => {
    const world = await createConsultationWorld(testApp);
    const [host] = await participants(world, 'host', 1);
    const guests = await participants(world, 'guest', 20);
    const main = await createRoundRow(testApp, world.eventId, world.programmeId, { confirmation: 'instant', locations: [{ name: 'Table 1' }, { name: 'Table 2' }] });
    const responses = await Promise.all(guests.map((guest) => book(guest, world, main.id, { hostUserId: host.id, startsAt: NINE })));
    assert.deepEqual(statuses(responses), { '201': 1, '409 person_double_booked': 19 });
    assert.ok(responses.filter((response) => response.status === 409).every((response) => /host/.test(response.body.detail)));
    assert.equal((await activeMeetings([main.id])).length, 1);
    const [attendees] = await dataSource.query(
      'SELECT count(*)::int AS count FROM meeting_attendees a JOIN meetings m ON m.id = a.meeting_id WHERE m.round_id = $1',
      [main.id],
    );
    assert.equal(attendees.count, 2);
    // The 19 refused took no quota: the winner's pair alone is counted (an uncapped host's meetings are not).
    const quotas = await dataSource.query(`SELECT subject, used FROM round_quotas WHERE round_id = $1`, [main.id]);
    assert.equal(quotas.length, 1);
    assert.match(quotas[0].subject, new RegExp(`^pair:${host.id}:`));
    assert.equal(quotas[0].used, 1);
  });

  it('one startup books two hosts for overlapping slots at once: exactly one meeting', async () => {
    const world = await createConsultationWorld(testApp);
    const [guest] = await participants(world, 'guest', 1);
    const main = await createRoundRow(testApp, world.eventId, world.programmeId, { confirmation: 'instant' });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const hosts = await participants(world, 'host', 2);
      const startsAt = `2023-04-28T${String(9 + attempt).padStart(2, '0')}:00:00-04:00`;
      const responses = await Promise.all(hosts.map((host) => book(guest, world, main.id, { hostUserId: host.id, startsAt })));
      assert.deepEqual(statuses(responses), { '201': 1, '409 person_double_booked': 1 });
      assert.match(responses.find((response) => response.status === 409)!.body.detail, /guest/);
    }
    assert.equal((await activeMeetings([main.id])).length, 3);
  });

  it('two rounds whose slots overlap with different lengths: concurrent bookings of one person yield one meeting', async () => {
    const world = await createConsultationWorld(testApp);
    const hosts = await participants(world, 'host', 2);
    const [guest] = await participants(world, 'guest', 1);
    const pre = await createRoundRow(testApp, world.eventId, world.programmeId, { name: 'Round 2', slotMinutes: 45, confirmation: 'instant' });
    const main = await createRoundRow(testApp, world.eventId, world.programmeId, { name: 'Round 3', slotMinutes: 30, confirmation: 'instant' });
    // Round 2's 09:45-10:30 overlaps round 3's 10:00-10:30.
    const responses = await Promise.all([
      book(guest, world, pre.id, { hostUserId: hosts[0].id, startsAt: '2023-04-28T09:45:00-04:00' }),
      book(guest, world, main.id, { hostUserId: hosts[1].id, startsAt: '2023-04-28T10:00:00-04:00' }),
    ]);
    assert.deepEqual(statuses(responses), { '201': 1, '409 person_double_booked': 1 });
    assert.equal((await activeMeetings([pre.id, main.id])).length, 1);
  });

  it('a cap of 2 meetings per host under 10 concurrent bookings of different slots: exactly 2', async () => {
    const world = await createConsultationWorld(testApp);
    const [host] = await participants(world, 'host', 1);
    const guests = await participants(world, 'guest', 10);
    const main = await createRoundRow(testApp, world.eventId, world.programmeId, {
      confirmation: 'instant',
      maxMeetingsPerHost: 2,
      slotMinutes: 15,
      windows: [{ date: '2023-04-28', startsAtTime: '09:00', endsAtTime: '11:30' }],
    });
    const responses = await Promise.all(
      guests.map((guest, index) => {
        const minutes = 9 * 60 + index * 15;
        const startsAt = `2023-04-28T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00-04:00`;
        return book(guest, world, main.id, { hostUserId: host.id, startsAt });
      }),
    );
    assert.deepEqual(statuses(responses), { '201': 2, '409 cap_reached': 8 });
    assert.equal((await activeMeetings([main.id])).length, 2);
    const [quota] = await dataSource.query(`SELECT used FROM round_quotas WHERE round_id = $1 AND subject = $2`, [main.id, `host-meetings:${host.id}`]);
    assert.equal(quota.used, 2);
  });

  it('a cap of 2 meetings per pair under 6 concurrent bookings of the pair in different slots: exactly 2', async () => {
    const world = await createConsultationWorld(testApp);
    const [host] = await participants(world, 'host', 1);
    const [guest] = await participants(world, 'guest', 1);
    const main = await createRoundRow(testApp, world.eventId, world.programmeId, { confirmation: 'instant', maxMeetingsPerPair: 2 });
    const starts = ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30'].map((time) => `2023-04-28T${time}:00-04:00`);
    const responses = await Promise.all(starts.map((startsAt) => book(guest, world, main.id, { hostUserId: host.id, startsAt })));
    assert.deepEqual(statuses(responses), { '201': 2, '409 cap_reached': 4 });
    assert.ok(responses.filter((response) => response.status === 409).every((response) => /max_meetings_per_pair/.test(response.body.detail)));
    assert.equal((await activeMeetings([main.id])).length, 2);
    const [quota] = await dataSource.query(`SELECT used FROM round_quotas WHERE round_id = $1 AND subject = $2`, [main.id, `pair:${host.id}:${guest.id}`]);
    assert.equal(quota.used, 2);
  });

  it("a cap of 2 requests per startup under 3 requests and 3 bookings waiting for the host, all at once: exactly 2", async () => {
    const world = await createConsultationWorld(testApp);
    const hosts = await participants(world, 'host', 6);
    const [guest] = await participants(world, 'guest', 1);
    const main = await createRoundRow(testApp, world.eventId, world.programmeId, { confirmation: 'host_accepts', maxRequestsPerGuest: 2 });
    const responses = await Promise.all([
      ...hosts.slice(0, 3).map((host) =>
        testApp.http().post(`/events/${world.eventId}/consultation-rounds/${main.id}/requests`).set(guest.auth).send({ toUserId: host.id }),
      ),
      ...hosts.slice(3).map((host, index) => book(guest, world, main.id, { hostUserId: host.id, startsAt: `2023-04-28T${String(9 + index).padStart(2, '0')}:00:00-04:00` })),
    ]);
    assert.deepEqual(statuses(responses), { '201': 2, '409 cap_reached': 4 });
    const [counts] = await dataSource.query(
      `SELECT (SELECT count(*)::int FROM meeting_requests WHERE round_id = $1) AS requests,
              (SELECT count(*)::int FROM meetings WHERE round_id = $1) AS meetings,
              (SELECT used FROM round_quotas WHERE round_id = $1 AND subject = $2) AS used`,
      [main.id, `guest-requests:${guest.id}`],
    );
    assert.equal(counts.requests + counts.meetings, 2);
    assert.equal(counts.used, 2);
  });

  it('hosts racing for one named table, in two rounds of the event at once: one meeting at the table', async () => {
    const world = await createConsultationWorld(testApp);
    const hosts = await participants(world, 'host', 6);
    const guests = await participants(world, 'guest', 6);
    const main = await createRoundRow(testApp, world.eventId, world.programmeId, { confirmation: 'instant', locations: [{ name: 'Table 7' }] });
    const pre = await createRoundRow(testApp, world.eventId, world.programmeId, { confirmation: 'instant', slotMinutes: 45, locations: [{ name: 'table 7' }] });
    const responses = await Promise.all(
      hosts.map((host, index) => {
        const round = index % 2 === 0 ? main : pre;
        return testApp
          .http()
          .post(`/events/${world.eventId}/consultation-rounds/${round.id}/meetings`)
          .set(world.organizer.auth)
          .send({ hostUserId: host.id, guestUserId: guests[index].id, startsAt: NINE, locationId: round.locationIds[0] });
      }),
    );
    assert.deepEqual(statuses(responses), { '201': 1, '409 location_double_booked': 5 });
    assert.equal((await activeMeetings([main.id, pre.id])).length, 1);
  });

  it('the same Idempotency-Key sent 5 times at once: one meeting, five identical answers', async () => {
    const world = await createConsultationWorld(testApp);
    const [host] = await participants(world, 'host', 1);
    const [guest] = await participants(world, 'guest', 1);
    const main = await createRoundRow(testApp, world.eventId, world.programmeId);
    const body = { hostUserId: host.id, startsAt: NINE };
    const responses = await Promise.all(Array.from({ length: 5 }, () => book(guest, world, main.id, body, 'same-key-5x')));
    assert.deepEqual(statuses(responses), { '201': 5 });
    assert.equal(new Set(responses.map((response) => response.body.id)).size, 1);
    assert.equal(responses.filter((response) => response.headers['idempotent-replayed'] === 'true').length, 4);
    assert.equal((await activeMeetings([main.id])).length, 1);
    const [records] = await dataSource.query('SELECT count(*)::int AS count FROM idempotency_records WHERE user_id = $1', [guest.id]);
    assert.equal(records.count, 1);
  });

  it('the same Idempotency-Key on organizer bookings and request creation, concurrently: one row each', async () => {
    const world = await createConsultationWorld(testApp);
    const [host] = await participants(world, 'host', 1);
    const [guest] = await participants(world, 'guest', 1);
    const main = await createRoundRow(testApp, world.eventId, world.programmeId);
    const organizerCalls = await Promise.all(
      Array.from({ length: 5 }, () =>
        testApp
          .http()
          .post(`/events/${world.eventId}/consultation-rounds/${main.id}/meetings`)
          .set(world.organizer.auth)
          .set('Idempotency-Key', 'organizer-key')
          .send({ hostUserId: host.id, guestUserId: guest.id, startsAt: NINE }),
      ),
    );
    assert.deepEqual(statuses(organizerCalls), { '201': 5 });
    assert.equal((await activeMeetings([main.id])).length, 1);

    const follow = await createRoundRow(testApp, world.eventId, world.programmeId, { windows: [{ date: '2023-05-02', startsAtTime: '09:00', endsAtTime: '10:00' }] });
    const requestCalls = await Promise.all(
      Array.from({ length: 5 }, () =>
        testApp
          .http()
          .post(`/events/${world.eventId}/consultation-rounds/${follow.id}/requests`)
          .set(guest.auth)
          .set('Idempotency-Key', 'request-key')
          .send({ toUserId: host.id, priority: 1 }),
      ),
    );
    assert.deepEqual(statuses(requestCalls), { '201': 5 });
    assert.equal(new Set(requestCalls.map((response) => response.body.id)).size, 1);
    const [requests] = await dataSource.query('SELECT count(*)::int AS count FROM meeting_requests WHERE round_id = $1', [follow.id]);
    assert.equal(requests.count, 1);
  });

  it('a retry sent while its first call is still in its transaction gets the first answer, not a 409', { timeout: 30_000 }, async () => {
    const world = await createConsultationWorld(testApp);
    const [host] = await participants(world, 'host', 1);
    const [guest] = await participants(world, 'guest', 1);
    const main = await createRoundRow(testApp, world.eventId, world.programmeId);
    const body = { hostUserId: host.id, startsAt: NINE };
    // The first call stops in its transaction, its key's record written but not committed.
    const locks = await holdSlotLocks(dataSource, [host.id, guest.id], NINE);
    const firstCall = book(guest, world, main.id, body, 'retry-race').then((response) => response);
    await waitForLockWaiters(dataSource, 1);
    // The retry finds the slot free (the first meeting is not committed) and waits on the key's record.
    const retryCall = book(guest, world, main.id, body, 'retry-race').then((response) => response);
    await waitForLockWaiters(dataSource, 2);
    await locks.release();
    const [first, retry] = await Promise.all([firstCall, retryCall]);
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.equal(retry.status, 201, JSON.stringify(retry.body));
    assert.equal(retry.headers['idempotent-replayed'], 'true');
    assert.deepEqual(retry.body, first.body);
    assert.equal((await activeMeetings([main.id])).length, 1);
  });

  it('an attempt on a slot the same replica is placing waits there, then gets its 409 from one read', { timeout: 30_000 }, async () => {
    const world = await createConsultationWorld(testApp);
    const [host] = await participants(world, 'host', 1);
    const [guest, other] = await participants(world, 'guest', 2);
    const main = await createRoundRow(testApp, world.eventId, world.programmeId);
    const body = { hostUserId: host.id, startsAt: NINE };
    const locks = await holdSlotLocks(dataSource, [host.id, guest.id], NINE);
    const firstCall = book(guest, world, main.id, body, 'first').then((response) => response);
    await waitForLockWaiters(dataSource, 1);
    const otherCall = book(other, world, main.id, body, 'rival').then((response) => response);
    // The rival waits in the process, not on the slot's lock in PostgreSQL (no second waiter), and writes nothing.
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(await lockWaiters(dataSource), 1);
    await locks.release();
    const [first, rival] = await Promise.all([firstCall, otherCall]);
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assertProblem(rival, 409, 'person_double_booked');
    assert.equal((await activeMeetings([main.id])).length, 1);
    const [{ records }] = await dataSource.query(`SELECT count(*)::int AS records FROM idempotency_records WHERE user_id = $1`, [other.id]);
    assert.equal(records, 0);
  });

  it('a retry after its first call went through is answered as the first, even once the slot is taken and the window has closed', async () => {
    const world = await createConsultationWorld(testApp);
    const [host] = await participants(world, 'host', 1);
    const [guest] = await participants(world, 'guest', 1);
    const main = await createRoundRow(testApp, world.eventId, world.programmeId);
    const body = { hostUserId: host.id, startsAt: NINE };
    const first = await book(guest, world, main.id, body, 'retry-later');
    assert.equal(first.status, 201, JSON.stringify(first.body));
    // The slot is now the first call's own meeting: the read that refuses it finds the key's record too.
    const whileOpen = await book(guest, world, main.id, body, 'retry-later');
    assert.equal(whileOpen.status, 201, JSON.stringify(whileOpen.body));
    assert.equal(whileOpen.headers['idempotent-replayed'], 'true');
    assert.deepEqual(whileOpen.body, first.body);
    // The window closes: the refusal gives way to the first answer too.
    await dataSource.query(`UPDATE consultation_rounds SET booking_closes_at = now() - interval '1 minute' WHERE id = $1`, [main.id]);
    const afterClose = await book(guest, world, main.id, body, 'retry-later');
    assert.equal(afterClose.status, 201, JSON.stringify(afterClose.body));
    assert.deepEqual(afterClose.body, first.body);
    // Another request under the same key is still refused, and a new key meets the closed window.
    const otherBody = await book(guest, world, main.id, { hostUserId: host.id, startsAt: TEN }, 'retry-later');
    assert.equal(otherBody.status, 422, JSON.stringify(otherBody.body));
    const newKey = await book(guest, world, main.id, body, 'another-key');
    assert.equal(newKey.status, 409, JSON.stringify(newKey.body));
    assert.equal((await activeMeetings([main.id])).length, 1);
  });

  it("an organizer's change or deletion of a round while a booking is between its checks and its insert: that booking is a 409", async () => {
    const world = await createConsultationWorld(testApp);
    const hosts = await participants(world, 'host', 3);
    const guests = await participants(world, 'guest', 3);
    const main = await createRoundRow(testApp, world.eventId, world.programmeId, { confirmation: 'instant', locations: [{ name: 'Table 1' }, { name: 'Table 2' }] });
    const roundUrl = (roundId: string) => `/events/${world.eventId}/consultation-rounds/${roundId}`;
    const organizerBook = (roundId: string, body: Record<string, unknown>) =>
      testApp.http().post(`${roundUrl(roundId)}/meetings`).set(world.organizer.auth).send(body);

    // The grid moves: 09:00 is no slot any more.
    let locks = await holdSlotLocks(dataSource, [hosts[0].id, guests[0].id], NINE);
    const offGrid = book(guests[0], world, main.id, { hostUserId: hosts[0].id, startsAt: NINE }).then((response) => response);
    await waitForLockWaiters(dataSource, 1);
    const moved = await testApp.http().patch(roundUrl(main.id)).set(world.organizer.auth).send({ windows: [{ date: '2023-04-28', startsAt: '10:00', endsAt: '12:00' }] });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    await locks.release();
    assertProblem(await offGrid, 409, 'concurrent_update');

    // The named table goes.
    locks = await holdSlotLocks(dataSource, [hosts[1].id, guests[1].id], TEN);
    const atTable2 = organizerBook(main.id, { hostUserId: hosts[1].id, guestUserId: guests[1].id, startsAt: TEN, locationId: main.locationIds[1] }).then((response) => response);
    await waitForLockWaiters(dataSource, 1);
    const dropped = await testApp.http().patch(roundUrl(main.id)).set(world.organizer.auth).send({ locations: [{ name: 'Table 1', kind: 'table' }] });
    assert.equal(dropped.status, 200, JSON.stringify(dropped.body));
    await locks.release();
    assertProblem(await atTable2, 409, 'concurrent_update');

    // The round goes.
    const gone = await createRoundRow(testApp, world.eventId, world.programmeId, { confirmation: 'instant', windows: [{ date: '2023-05-02', startsAtTime: '09:00', endsAtTime: '10:00' }] });
    locks = await holdSlotLocks(dataSource, [hosts[2].id, guests[2].id], '2023-05-02T09:00:00-04:00');
    const inGone = book(guests[2], world, gone.id, { hostUserId: hosts[2].id, startsAt: '2023-05-02T09:00:00-04:00' }).then((response) => response);
    await waitForLockWaiters(dataSource, 1);
    assert.equal((await testApp.http().delete(roundUrl(gone.id)).set(world.organizer.auth)).status, 204);
    await locks.release();
    assertProblem(await inGone, 409, 'concurrent_update');

    // A location removed behind the round's back (no new revision): its foreign key refuses the insert, a 409 all the same.
    locks = await holdSlotLocks(dataSource, [hosts[1].id, guests[1].id], '2023-04-28T10:30:00-04:00');
    const atTable1 = organizerBook(main.id, { hostUserId: hosts[1].id, guestUserId: guests[1].id, startsAt: '2023-04-28T10:30:00-04:00', locationId: main.locationIds[0] }).then(
      (response) => response,
    );
    await waitForLockWaiters(dataSource, 1);
    await dataSource.query('DELETE FROM round_locations WHERE id = $1', [main.locationIds[0]]);
    await locks.release();
    assertProblem(await atTable1, 409, 'concurrent_update');

    const [{ meetings }] = await dataSource.query('SELECT count(*)::int AS meetings FROM meetings WHERE event_id = $1', [world.eventId]);
    assert.equal(meetings, 0);
  });

  it('the booking window closing while a reschedule or a cancel of a waiting booking is between its checks and its write: the write refuses it, nothing changes', async () => {
    const world = await createConsultationWorld(testApp);
    const hosts = await participants(world, 'host', 2);
    const guests = await participants(world, 'guest', 2);
    const rounds = [await createRoundRow(testApp, world.eventId, world.programmeId), await createRoundRow(testApp, world.eventId, world.programmeId)];
    const waiting = [
      await book(guests[0], world, rounds[0].id, { hostUserId: hosts[0].id, startsAt: NINE }),
      await book(guests[1], world, rounds[1].id, { hostUserId: hosts[1].id, startsAt: NINE }),
    ];
    assert.deepEqual(waiting.map((response) => [response.status, response.body.status]), [[201, 'requested'], [201, 'requested']]);
    const meetingAction = (actor: Actor, meetingId: string, action: string, body: Record<string, unknown>) =>
      testApp.http().post(`/events/${world.eventId}/meetings/${meetingId}/${action}`).set(actor.auth).send(body);
    const rows = async () => ({
      meetings: await dataSource.query('SELECT * FROM meetings WHERE event_id = $1 ORDER BY id', [world.eventId]),
      history: await dataSource.query('SELECT h.* FROM meeting_history h JOIN meetings m ON m.id = h.meeting_id WHERE m.event_id = $1 ORDER BY h.id', [world.eventId]),
      quotas: await dataSource.query('SELECT * FROM round_quotas WHERE round_id = ANY($1::uuid[]) ORDER BY round_id, subject', [rounds.map((round) => round.id)]),
      notifications: await dataSource.query('SELECT id, kind::text, status::text, revision FROM notifications WHERE event_id = $1 ORDER BY id', [world.eventId]),
    });
    /** The window closes in a transaction that first takes `lock`, so a statement waiting on it sees the round closed. */
    const closeHolding = (roundId: string, lock: string) =>
      holdLocks(dataSource, [
        [lock, [roundId]],
        [`UPDATE consultation_rounds SET booking_opens_at = now() - interval '2 days', booking_closes_at = now() WHERE id = $1`, [roundId]],
      ]);
    const rowsBefore = await rows();

    // A reschedule checked the window open, and its UPDATE (which takes the round FOR KEY SHARE) waits: the close comes first.
    let locks = await closeHolding(rounds[0].id, 'SELECT 1 FROM consultation_rounds WHERE id = $1 FOR UPDATE');
    const moved = meetingAction(guests[0], waiting[0].body.id, 'reschedule', { startsAt: TEN }).then((response) => response);
    await waitForLockWaiters(dataSource, 1);
    await locks.release();
    const refusedMove = await moved;
    assertProblem(refusedMove, 409, 'meeting_not_active');
    assert.match(refusedMove.body.detail, /expired/);

    // A cancel gives the quotas back first, and waits there: the close comes before its UPDATE of the meeting. It answers
    // the booking as expired, and the quotas it had given back are taken back with the rest.
    locks = await closeHolding(rounds[1].id, 'SELECT 1 FROM round_quotas WHERE round_id = $1 FOR UPDATE');
    const cancel = meetingAction(guests[1], waiting[1].body.id, 'cancel', { reason: 'Changed plans' }).then((response) => response);
    await waitForLockWaiters(dataSource, 1);
    await locks.release();
    const cancelled = await cancel;
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
    assert.deepEqual([cancelled.body.status, cancelled.body.cancellation.byUserId, cancelled.body.cancellation.reason], ['cancelled', null, 'expired']);

    const rowsAfter = await rows();
    // Only the two windows closed.
    assert.deepEqual(rowsAfter, rowsBefore, 'a refused write changed something');
  });

  it('a change to the grid waits for a booking in flight, then sees its meeting and keeps it on the grid', async () => {
    const world = await createConsultationWorld(testApp);
    const [host] = await participants(world, 'host', 1);
    const [guest] = await participants(world, 'guest', 1);
    const main = await createRoundRow(testApp, world.eventId, world.programmeId, { confirmation: 'instant' });
    // The booking stops after its insert, at the pair's quota row (taken after the meeting is written).
    await dataSource.query(`INSERT INTO round_quotas (round_id, subject, used) VALUES ($1, $2, 0)`, [main.id, `pair:${host.id}:${guest.id}`]);
    const quotaLock = await holdLocks(dataSource, [['SELECT used FROM round_quotas WHERE round_id = $1 AND subject = $2 FOR UPDATE', [main.id, `pair:${host.id}:${guest.id}`]]]);
    const booking = book(guest, world, main.id, { hostUserId: host.id, startsAt: NINE }).then((response) => response);
    await waitForLockWaiters(dataSource, 1);
    const change = testApp
      .http()
      .patch(`/events/${world.eventId}/consultation-rounds/${main.id}`)
      .set(world.organizer.auth)
      .send({ windows: [{ date: '2023-04-28', startsAt: '10:00', endsAt: '12:00' }] })
      .then((response) => response);
    // The change waits for the booking's hold on the round.
    await waitForLockWaiters(dataSource, 2);
    await quotaLock.release();
    const booked = await booking;
    assert.equal(booked.status, 201, JSON.stringify(booked.body));
    assertProblem(await change, 409, 'round_has_meetings');
    const [round] = await dataSource.query(
      `SELECT revision, (SELECT string_agg(starts_at_time::text || '-' || ends_at_time::text, ',') FROM round_windows WHERE round_id = $1) AS windows
         FROM consultation_rounds WHERE id = $1`,
      [main.id],
    );
    assert.deepEqual(round, { revision: 1, windows: '09:00:00-12:00:00' });
  });

  it('a follow-up booking racing the host rewriting the outcome to "pass" is refused once the outcome is committed', async () => {
    const world = await createConsultationWorld(testApp);
    const [host] = await participants(world, 'host', 1);
    const [guest] = await participants(world, 'guest', 1);
    const main = await createRoundRow(testApp, world.eventId, world.programmeId, { confirmation: 'instant' });
    const followUp = await createRoundRow(testApp, world.eventId, world.programmeId, {
      name: 'Round 4: follow-up',
      confirmation: 'instant',
      eligibility: 'follow_up_from_source_round',
      eligibilitySourceRoundId: main.id,
      windows: [{ date: '2023-05-03', startsAtTime: '09:00', endsAtTime: '10:00' }],
    });
    const met = await book(guest, world, main.id, { hostUserId: host.id, startsAt: NINE });
    assert.equal(met.status, 201, JSON.stringify(met.body));
    await dataSource.query(`UPDATE meetings SET status = 'held', checked_in_at = ends_at WHERE id = $1`, [met.body.id]);
    const outcome = (nextStep: string) =>
      testApp.http().put(`/events/${world.eventId}/meetings/${met.body.id}/outcome`).set(host.auth).send({ interestLevel: 'medium', nextStep });
    assert.equal((await outcome('follow_up_meeting')).status, 200);

    // The booking passed its checks (the outcome asked for a follow-up); the host then changes it to "pass".
    const slot = '2023-05-03T09:00:00-04:00';
    const locks = await holdSlotLocks(dataSource, [host.id, guest.id], slot);
    const booking = book(guest, world, followUp.id, { hostUserId: host.id, startsAt: slot }).then((response) => response);
    await waitForLockWaiters(dataSource, 1);
    assert.equal((await outcome('pass')).status, 200);
    await locks.release();
    assertProblem(await booking, 409, 'not_eligible');
    assert.equal((await activeMeetings([followUp.id])).length, 0);

    // Asked for again, the follow-up is booked.
    assert.equal((await outcome('follow_up_meeting')).status, 200);
    assert.equal((await book(guest, world, followUp.id, { hostUserId: host.id, startsAt: slot })).status, 201);
  });

  it('removing a participant and booking them race: either the removal is refused or the booking, never both pass', async () => {
    const world = await createConsultationWorld(testApp);
    const [host] = await participants(world, 'host', 1);
    const guests = await participants(world, 'guest', 2);
    const main = await createRoundRow(testApp, world.eventId, world.programmeId, { confirmation: 'instant' });
    const remove = (userId: string) => testApp.http().delete(`/events/${world.eventId}/consultation-programmes/${world.programmeId}/participants/${userId}`).set(world.organizer.auth);

    // The removal commits while the booking is between its checks and its insert: the booking is refused.
    const locks = await holdSlotLocks(dataSource, [host.id, guests[0].id], NINE);
    const refused = book(guests[0], world, main.id, { hostUserId: host.id, startsAt: NINE }).then((response) => response);
    await waitForLockWaiters(dataSource, 1);
    assert.equal((await remove(guests[0].id)).status, 204);
    await locks.release();
    assertProblem(await refused, 409, 'concurrent_update');
    assert.equal((await activeMeetings([main.id])).length, 0);

    // The booking has inserted (and stops at the pair's quota row) when the removal comes: the removal waits, then is refused.
    await dataSource.query(`INSERT INTO round_quotas (round_id, subject, used) VALUES ($1, $2, 0)`, [main.id, `pair:${host.id}:${guests[1].id}`]);
    const quotaLock = await holdLocks(dataSource, [['SELECT used FROM round_quotas WHERE round_id = $1 AND subject = $2 FOR UPDATE', [main.id, `pair:${host.id}:${guests[1].id}`]]]);
    const booking = book(guests[1], world, main.id, { hostUserId: host.id, startsAt: NINE }).then((response) => response);
    await waitForLockWaiters(dataSource, 1);
    const removal = remove(guests[1].id).then((response) => response);
    await waitForLockWaiters(dataSource, 2);
    await quotaLock.release();
    assert.equal((await booking).status, 201);
    assertProblem(await removal, 409, 'participant_has_meetings');
    const [{ count }] = await dataSource.query('SELECT count(*)::int AS count FROM programme_participants WHERE programme_id = $1 AND user_id = $2', [world.programmeId, guests[1].id]);
    assert.equal(count, 1);
  });
});
