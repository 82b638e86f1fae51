import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { Actor } from '../support/actors';
import { addParticipant, ConsultationWorld, createConsultationWorld, createRoundRow } from '../support/consultation-fixtures';
import { IdempotencyService, IdempotentCall } from '../../src/consultations/idempotency.service';
import { holdSlotLocks } from '../support/slot-locks';
import { startTestApp, TestApp } from '../support/test-app';

const NINE = '2023-04-28T09:00:00-04:00';

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
    const [quota] = await dataSource.query(`SELECT used FROM round_quotas WHERE round_id = $1 AND subject = $2`, [main.id, `host-meetings:${host.id}`]);
    assert.equal(quota.used, 1);
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

  it('a retry whose first call commits between its look-up and its checks gets the first answer, not a 409', async () => {
    const world = await createConsultationWorld(testApp);
    const [host] = await participants(world, 'host', 1);
    const [guest] = await participants(world, 'guest', 1);
    const main = await createRoundRow(testApp, world.eventId, world.programmeId);
    const body = { hostUserId: host.id, startsAt: NINE };
    // The first call stops in its transaction, its key's record written but not committed.
    const locks = await holdSlotLocks(dataSource, [host.id, guest.id], NINE);
    const firstCall = book(guest, world, main.id, body, 'retry-race').then((response) => response);
    await locks.waitForWaiters(1);
    // The retry looks the key up now (nothing committed yet), and goes on only once the first call has committed.
    const idempotency = testApp.app.get(IdempotencyService);
    const lookup = idempotency.lookup.bind(idempotency);
    let lookedUp!: () => void;
    let goOn!: () => void;
    const retryLookedUp = new Promise<void>((resolve) => (lookedUp = resolve));
    const retryMayGoOn = new Promise<void>((resolve) => (goOn = resolve));
    idempotency.lookup = (async (call: IdempotentCall) => {
      const answer = await lookup(call);
      lookedUp();
      await retryMayGoOn;
      return answer;
    }) as IdempotencyService['lookup'];
    try {
      const retryCall = book(guest, world, main.id, body, 'retry-race').then((response) => response);
      await retryLookedUp;
      idempotency.lookup = lookup;
      await locks.release();
      const first = await firstCall;
      assert.equal(first.status, 201, JSON.stringify(first.body));
      goOn();
      const retry = await retryCall;
      assert.equal(retry.status, 201, JSON.stringify(retry.body));
      assert.equal(retry.headers['idempotent-replayed'], 'true');
      assert.deepEqual(retry.body, first.body);
    } finally {
      idempotency.lookup = lookup;
      goOn();
    }
    assert.equal((await activeMeetings([main.id])).length, 1);
  });
});
