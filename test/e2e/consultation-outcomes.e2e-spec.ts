import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { MeetingExpiry } from '../../src/consultations/meeting-expiry.service';
import { Actor, assertProblem } from '../support/actors';
import { addParticipant, createConsultationWorld, createRoundRow } from '../support/consultation-fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { ConsultationSql, ConsultationWorld, consultationWorld } from '../support/consultation-outcomes-world';

/**
 * After a meeting: each side's private notes (never seen by the other side or organizers), the host's outcome,
 * check-in and no-show with their rules, and the organizers' figures matching the rows.
 */
describe('consultations: notes, outcomes, check-in and figures', () => {
  let testApp: TestApp;
  let dataSource: DataSource;
  let sql: ConsultationSql;
  let w: ConsultationWorld;
  /** Meetings of the world's host and guest each get their own time, 40 minutes apart. */
  let slot = 0;
  const past = (): number => -(90 + 40 * ++slot);
  const later = (): number => 24 * 60 + 40 * ++slot;

  before(async () => {
    testApp = await startTestApp();
    dataSource = testApp.app.get(DataSource);
    sql = new ConsultationSql(dataSource);
    w = await consultationWorld(testApp, sql);
  });
  after(async () => {
    await testApp.close();
  });

  const at = (): { eventId: string; roundId: string } => ({ eventId: w.eventId, roundId: w.roundId });
  const meetingPath = (meetingId: string, rest: string): string => `/events/${w.eventId}/meetings/${meetingId}/${rest}`;

  it('notes are private: each side reads and replaces only its own; organizers, staff and others get nothing', async () => {
    const meetingId = await sql.meeting(at(), w.host, w.guest, 'held', past());
    const hostSecret = 'Host private: strong team, weak moat, ask about the FDA path';
    const guestSecret = 'Guest private: this fund is slow, prefer the other one';

    const none = await testApp.http().get(meetingPath(meetingId, 'my-note')).set(w.host.auth);
    assertProblem(none, 404, 'not_found');

    const hostNote = await testApp.http().put(meetingPath(meetingId, 'my-note')).set(w.host.auth).send({ body: hostSecret, rating: 4 });
    assert.equal(hostNote.status, 200, JSON.stringify(hostNote.body));
    assert.equal(hostNote.body.body, hostSecret);
    assert.equal(hostNote.body.rating, 4);
    assert.equal(hostNote.body.meetingId, meetingId);
    assert.ok(hostNote.body.updatedAt);
    assert.equal(hostNote.body.authorUserId, undefined);

    // The guest has not written yet: they see no note at all, certainly not the host's.
    const guestBefore = await testApp.http().get(meetingPath(meetingId, 'my-note')).set(w.guest.auth);
    assertProblem(guestBefore, 404, 'not_found');
    assert.ok(!JSON.stringify(guestBefore.body).includes(hostSecret));

    const guestNote = await testApp.http().put(meetingPath(meetingId, 'my-note')).set(w.guest.auth).send({ body: guestSecret, rating: 2 });
    assert.equal(guestNote.status, 200, JSON.stringify(guestNote.body));
    const hostRead = await testApp.http().get(meetingPath(meetingId, 'my-note')).set(w.host.auth);
    const guestRead = await testApp.http().get(meetingPath(meetingId, 'my-note')).set(w.guest.auth);
    assert.deepEqual([hostRead.body.body, hostRead.body.rating], [hostSecret, 4]);
    assert.deepEqual([guestRead.body.body, guestRead.body.rating], [guestSecret, 2]);

    // Organizers, staff and anyone else: 404, with nothing of either note, on reads and writes alike.
    for (const caller of [w.organizer, w.staff, w.otherGuest, w.outsider, w.otherOrganizer]) {
      for (const method of ['get', 'put'] as const) {
        const request = testApp.http()[method](meetingPath(meetingId, 'my-note')).set(caller.auth);
        const response = method === 'put' ? await request.send({ body: 'overwrite', rating: 1 }) : await request;
        assertProblem(response, 404, 'not_found');
        const text = JSON.stringify(response.body);
        assert.ok(!text.includes(hostSecret) && !text.includes(guestSecret), text);
      }
    }

    // The organizer's other views of the meeting carry no note either.
    await sql.outcome(meetingId, w.host, 'high', 'due_diligence', 1_000_000, 'USD');
    const organizerViews = await Promise.all([
      testApp.http().get(meetingPath(meetingId, 'outcome')).set(w.organizer.auth),
      testApp.http().get(`/events/${w.eventId}/consultation-rounds/${w.roundId}/figures`).set(w.organizer.auth),
      testApp.http().get(`/events/${w.eventId}/consultation-programmes/${w.programmeId}/figures`).set(w.organizer.auth),
    ]);
    for (const view of organizerViews) {
      assert.equal(view.status, 200, JSON.stringify(view.body));
      const text = JSON.stringify(view.body);
      assert.ok(!text.includes(hostSecret) && !text.includes(guestSecret) && !text.includes('"rating"'), text);
    }

    // PUT replaces the whole note: what is left out is cleared.
    const replaced = await testApp.http().put(meetingPath(meetingId, 'my-note')).set(w.host.auth).send({ rating: 5 });
    assert.equal(replaced.status, 200);
    assert.deepEqual([replaced.body.body, replaced.body.rating], [null, 5]);
    const rows = await dataSource.query('SELECT author_user_id, body, rating FROM meeting_notes WHERE meeting_id = $1 ORDER BY rating', [meetingId]);
    assert.deepEqual(rows, [
      { author_user_id: w.guest.id, body: guestSecret, rating: 2 },
      { author_user_id: w.host.id, body: null, rating: 5 },
    ]);
  });

  it('notes: ratings 1 to 5 only, no unknown fields; only held or no-show meetings (409 otherwise)', async () => {
    const held = await sql.meeting(at(), w.host, w.guest, 'held', past());
    for (const body of [{ rating: 0 }, { rating: 6 }, { rating: 2.5 }, { rating: '3' }, { body: 42 }, { body: 'x'.repeat(10_001) }, { body: 'ok', author: w.guest.id }]) {
      const response = await testApp.http().put(meetingPath(held, 'my-note')).set(w.host.auth).send(body);
      assertProblem(response, 400, 'validation_failed');
    }
    assert.equal((await dataSource.query('SELECT count(*)::int AS count FROM meeting_notes WHERE meeting_id = $1', [held]))[0].count, 0);

    const noShow = await sql.meeting(at(), w.host, w.guest, 'no_show', past());
    const onNoShow = await testApp.http().put(meetingPath(noShow, 'my-note')).set(w.host.auth).send({ body: 'Nobody came', rating: 1 });
    assert.equal(onNoShow.status, 200, JSON.stringify(onNoShow.body));

    for (const status of ['confirmed', 'requested', 'cancelled']) {
      const meetingId = await sql.meeting(at(), w.host, w.guest, status, status === 'confirmed' ? later() : past());
      const response = await testApp.http().put(meetingPath(meetingId, 'my-note')).set(w.guest.auth).send({ body: 'Too early', rating: 3 });
      assertProblem(response, 409, 'meeting_not_held');
      assert.equal((await dataSource.query('SELECT count(*)::int AS count FROM meeting_notes WHERE meeting_id = $1', [meetingId]))[0].count, 0);
    }
  });

  it('outcomes: the host records and replaces; the host and organizers read; amount and currency come together', async () => {
    const meetingId = await sql.meeting(at(), w.host, w.guest, 'held', past());
    const recorded = await testApp
      .http()
      .put(meetingPath(meetingId, 'outcome'))
      .set(w.host.auth)
      .send({ interestLevel: 'high', nextStep: 'term_sheet', amount: 3_000_000_000, currency: 'krw' });
    assert.equal(recorded.status, 200, JSON.stringify(recorded.body));
    assert.deepEqual(
      { ...recorded.body, updatedAt: undefined },
      { meetingId, interestLevel: 'high', nextStep: 'term_sheet', amount: 3_000_000_000, currency: 'KRW', recordedById: w.host.id, updatedAt: undefined },
    );
    for (const reader of [w.host, w.organizer]) {
      const read = await testApp.http().get(meetingPath(meetingId, 'outcome')).set(reader.auth);
      assert.equal(read.status, 200);
      assert.deepEqual(read.body, recorded.body);
    }
    // The guest sees the meeting but not what the investor thinks of it.
    assertProblem(await testApp.http().get(meetingPath(meetingId, 'outcome')).set(w.guest.auth), 404, 'not_found');
    // Organizers read it, but only the host writes it.
    const byOrganizer = await testApp.http().put(meetingPath(meetingId, 'outcome')).set(w.organizer.auth).send({ interestLevel: 'low', nextStep: 'pass' });
    assertProblem(byOrganizer, 403, 'forbidden');

    for (const body of [
      { interestLevel: 'high', nextStep: 'term_sheet', amount: 5 },
      { interestLevel: 'high', nextStep: 'term_sheet', currency: 'USD' },
      { interestLevel: 'high', nextStep: 'term_sheet', amount: -1, currency: 'USD' },
      { interestLevel: 'high', nextStep: 'term_sheet', amount: 1.5, currency: 'USD' },
      { interestLevel: 'high', nextStep: 'term_sheet', amount: 10, currency: 'ZZZ' },
      { interestLevel: 'enormous', nextStep: 'term_sheet' },
      { interestLevel: 'high', nextStep: 'marriage' },
      { nextStep: 'pass' },
      { interestLevel: 'high', nextStep: 'pass', recordedById: w.organizer.id },
      // Fields an outcome does not have.
      { interestLevel: 'high', nextStep: 'pass', confidential: true },
      { interestLevel: 'high', nextStep: 'pass', note: 'Strong team' },
      { interestLevel: 'high', nextStep: 'pass', valuation: 20_000_000, currency: 'USD', amount: 1 },
    ]) {
      const response = await testApp.http().put(meetingPath(meetingId, 'outcome')).set(w.host.auth).send(body);
      assertProblem(response, 400, 'validation_failed');
    }
    const unchanged = await testApp.http().get(meetingPath(meetingId, 'outcome')).set(w.host.auth);
    assert.deepEqual(unchanged.body, recorded.body, 'a refused outcome changed the one recorded');

    const replaced = await testApp.http().put(meetingPath(meetingId, 'outcome')).set(w.host.auth).send({ interestLevel: 'medium', nextStep: 'follow_up_meeting' });
    assert.equal(replaced.status, 200, JSON.stringify(replaced.body));
    assert.deepEqual([replaced.body.interestLevel, replaced.body.nextStep, replaced.body.amount, replaced.body.currency], ['medium', 'follow_up_meeting', null, null]);
    const rows = await dataSource.query('SELECT interest_level, next_step, amount, currency FROM meeting_outcomes WHERE meeting_id = $1', [meetingId]);
    assert.deepEqual(rows, [{ interest_level: 'medium', next_step: 'follow_up_meeting', amount: null, currency: null }]);
  });

  it('outcomes: only for held meetings (409 otherwise); none recorded is a 404', async () => {
    for (const status of ['confirmed', 'no_show', 'cancelled', 'requested']) {
      const meetingId = await sql.meeting(at(), w.host, w.guest, status, status === 'confirmed' ? later() : past());
      const response = await testApp.http().put(meetingPath(meetingId, 'outcome')).set(w.host.auth).send({ interestLevel: 'high', nextStep: 'due_diligence' });
      assertProblem(response, 409, 'meeting_not_held');
      assertProblem(await testApp.http().get(meetingPath(meetingId, 'outcome')).set(w.organizer.auth), 404, 'not_found');
    }
    assert.equal((await dataSource.query('SELECT count(*)::int AS count FROM meeting_outcomes o JOIN meetings m ON m.id = o.meeting_id WHERE m.status <> $1', ['held']))[0].count, 0);
  });

  it('check-in: the host, staff or an organizer mark a confirmed meeting held, from 30 minutes before its start, once', async () => {
    for (const taker of [w.host, w.staff, w.organizer]) {
      // The host's starts in 20 minutes (check-in is open); the others started a while ago.
      const meetingId = await sql.meeting(at(), w.host, w.guest, 'confirmed', taker === w.host ? 20 : past());
      const response = await testApp.http().post(meetingPath(meetingId, 'check-in')).set(taker.auth);
      assert.equal(response.status, 200, JSON.stringify(response.body));
      assert.equal(response.body.meetingId, meetingId);
      assert.equal(response.body.status, 'held');
      assert.ok(Math.abs(new Date(response.body.checkedInAt).getTime() - Date.now()) < 60_000);
      const [meeting] = await dataSource.query('SELECT status, checked_in_at FROM meetings WHERE id = $1', [meetingId]);
      assert.equal(meeting.status, 'held');
      assert.ok(meeting.checked_in_at instanceof Date);
      const attendees = await dataSource.query('SELECT user_id, status FROM meeting_attendees WHERE meeting_id = $1 ORDER BY user_id', [meetingId]);
      assert.deepEqual(attendees.map((row: { status: string }) => row.status), ['held', 'held']);
      const history = await dataSource.query('SELECT action, actor_user_id, status, version FROM meeting_history WHERE meeting_id = $1', [meetingId]);
      assert.deepEqual(history, [{ action: 'held', actor_user_id: taker.id, status: 'held', version: 1 }]);
      // Twice is a conflict, and writes no second history row.
      assertProblem(await testApp.http().post(meetingPath(meetingId, 'check-in')).set(taker.auth), 409, 'meeting_not_confirmed');
      assert.equal((await dataSource.query('SELECT count(*)::int AS count FROM meeting_history WHERE meeting_id = $1', [meetingId]))[0].count, 1);
    }

    // Too early: more than 30 minutes before the start.
    const tomorrow = await sql.meeting(at(), w.host, w.guest, 'confirmed', later());
    assertProblem(await testApp.http().post(meetingPath(tomorrow, 'check-in')).set(w.staff.auth), 409, 'meeting_not_started');
    // The guest cannot check themselves in.
    assertProblem(await testApp.http().post(meetingPath(tomorrow, 'check-in')).set(w.guest.auth), 403, 'forbidden');
    for (const status of ['requested', 'cancelled', 'held']) {
      const meetingId = await sql.meeting(at(), w.host, w.guest, status, past());
      assertProblem(await testApp.http().post(meetingPath(meetingId, 'check-in')).set(w.organizer.auth), 409, 'meeting_not_confirmed');
    }
    assert.equal((await dataSource.query('SELECT status FROM meetings WHERE id = $1', [tomorrow]))[0].status, 'confirmed');
  });

  it('check-in: taps at the same moment by the host, staff and an organizer make one change', async () => {
    const meetingId = await sql.meeting(at(), w.host, w.guest, 'confirmed', past());
    const responses = await Promise.all(
      [w.host, w.staff, w.organizer, w.host, w.staff, w.organizer].map((taker) => testApp.http().post(meetingPath(meetingId, 'check-in')).set(taker.auth)),
    );
    assert.deepEqual(responses.map((response) => response.status).sort(), [200, 409, 409, 409, 409, 409]);
    for (const response of responses.filter((candidate) => candidate.status === 409)) assert.equal(response.body.code, 'meeting_not_confirmed');
    assert.equal((await dataSource.query('SELECT count(*)::int AS count FROM meeting_history WHERE meeting_id = $1', [meetingId]))[0].count, 1);
  });

  it('no-show: once the start has passed, for a confirmed meeting; a late arrival can still be checked in', async () => {
    const upcoming = await sql.meeting(at(), w.host, w.guest, 'confirmed', later());
    assertProblem(await testApp.http().post(meetingPath(upcoming, 'no-show')).set(w.host.auth), 409, 'meeting_not_started');
    assertProblem(await testApp.http().post(meetingPath(upcoming, 'no-show')).set(w.guest.auth), 403, 'forbidden');

    for (const taker of [w.host, w.staff, w.organizer]) {
      const meetingId = await sql.meeting(at(), w.host, w.guest, 'confirmed', past());
      const response = await testApp.http().post(meetingPath(meetingId, 'no-show')).set(taker.auth);
      assert.equal(response.status, 200, JSON.stringify(response.body));
      assert.deepEqual([response.body.status, response.body.checkedInAt], ['no_show', null]);
      const attendees = await dataSource.query('SELECT status FROM meeting_attendees WHERE meeting_id = $1', [meetingId]);
      assert.deepEqual(attendees.map((row: { status: string }) => row.status), ['no_show', 'no_show']);
      assertProblem(await testApp.http().post(meetingPath(meetingId, 'no-show')).set(taker.auth), 409, 'meeting_not_confirmed');
      if (taker === w.organizer) {
        // They turned up late after all.
        const late = await testApp.http().post(meetingPath(meetingId, 'check-in')).set(w.staff.auth);
        assert.equal(late.status, 200, JSON.stringify(late.body));
        assert.equal(late.body.status, 'held');
        const history = await dataSource.query('SELECT action, actor_user_id FROM meeting_history WHERE meeting_id = $1 ORDER BY created_at, action', [meetingId]);
        assert.deepEqual(history.map((row: { action: string }) => row.action).sort(), ['held', 'no_show']);
      }
    }
    for (const status of ['held', 'cancelled', 'requested']) {
      const meetingId = await sql.meeting(at(), w.host, w.guest, status, past());
      assertProblem(await testApp.http().post(meetingPath(meetingId, 'no-show')).set(w.staff.auth), 409, 'meeting_not_confirmed');
    }
  });

  it('figures: requests, acceptance rate, meetings by status and money per currency match the rows, per round and per programme', async () => {
    const programmeId = await sql.programme(w.eventId, 'Figures programme');
    const first = await sql.round(w.eventId, programmeId, 1, 'Round 1: video consultation');
    const second = await sql.round(w.eventId, programmeId, 2, 'Round 2: main consultation');
    const empty = await sql.round(w.eventId, programmeId, 3, 'Round 3: follow-up');
    const people = [w.host, w.guest, w.otherGuest, w.staff, w.organizer, w.outsider];
    const pair = (index: number): [{ id: string }, { id: string }] => [people[index % 6], people[(index + 1 + Math.floor(index / 6)) % 6]];

    // Round 1: 3 accepted (one placed), 2 declined, 1 expired, 1 pending, 1 withdrawn.
    const firstStatuses = ['accepted', 'accepted', 'scheduled', 'declined', 'declined', 'expired', 'pending', 'withdrawn'];
    for (const [index, status] of firstStatuses.entries()) await sql.request(first, ...pair(index), status);
    // Round 2: 1 accepted, 3 declined.
    for (const [index, status] of ['scheduled', 'declined', 'declined', 'declined'].entries()) await sql.request(second, ...pair(index), status);

    const inFirst = { eventId: w.eventId, roundId: first };
    const inSecond = { eventId: w.eventId, roundId: second };
    const heldA = await sql.meeting(inFirst, w.host, w.guest, 'held', past());
    const heldB = await sql.meeting(inFirst, w.host, w.guest, 'held', past());
    const heldC = await sql.meeting(inFirst, w.host, w.guest, 'held', past());
    await sql.meeting(inFirst, w.host, w.guest, 'held', past());
    await sql.meeting(inFirst, w.host, w.guest, 'no_show', past());
    await sql.meeting(inFirst, w.host, w.guest, 'cancelled', past());
    await sql.meeting(inFirst, w.host, w.guest, 'confirmed', later());
    await sql.meeting(inFirst, w.host, w.guest, 'requested', later());
    await sql.outcome(heldA, w.host, 'high', 'term_sheet', 50_000_000_000, 'KRW');
    await sql.outcome(heldB, w.host, 'medium', 'due_diligence', 34_500_000_000, 'KRW');
    await sql.outcome(heldC, w.host, 'high', 'follow_up_meeting', 2_000_000, 'USD');
    await sql.note(heldA, w.host, 'Never in figures', 5);
    const heldD = await sql.meeting(inSecond, w.host, w.guest, 'held', past());
    const heldE = await sql.meeting(inSecond, w.host, w.guest, 'held', past());
    await sql.meeting(inSecond, w.host, w.guest, 'no_show', past());
    await sql.outcome(heldD, w.host, 'low', 'pass', null, null);
    await sql.outcome(heldE, w.host, 'high', 'due_diligence', 500_000, 'USD');

    const firstFigures = await testApp.http().get(`/events/${w.eventId}/consultation-rounds/${first}/figures`).set(w.organizer.auth);
    assert.equal(firstFigures.status, 200, JSON.stringify(firstFigures.body));
    assert.deepEqual(firstFigures.body, {
      roundId: first,
      position: 1,
      name: 'Round 1: video consultation',
      requests: { total: 8, accepted: 3, declined: 2, expired: 1, pending: 1, withdrawn: 1, acceptanceRate: 0.5 },
      meetings: { total: 8, requested: 1, confirmed: 1, held: 4, noShow: 1, cancelled: 1 },
      outcomes: {
        recorded: 3,
        highInterest: 2,
        followUpMeetings: 1,
        dueDiligence: 1,
        termSheets: 1,
        passes: 0,
        investmentUnderDiscussion: { KRW: 84_500_000_000, USD: 2_000_000 },
      },
    });
    assert.ok(!JSON.stringify(firstFigures.body).includes('Never in figures'));

    const programme = await testApp.http().get(`/events/${w.eventId}/consultation-programmes/${programmeId}/figures`).set(w.organizer.auth);
    assert.equal(programme.status, 200, JSON.stringify(programme.body));
    assert.equal(programme.body.programmeId, programmeId);
    assert.equal(programme.body.name, 'Figures programme');
    assert.deepEqual(programme.body.requests, { total: 12, accepted: 4, declined: 5, expired: 1, pending: 1, withdrawn: 1, acceptanceRate: 0.4 });
    assert.deepEqual(programme.body.meetings, { total: 11, requested: 1, confirmed: 1, held: 6, noShow: 2, cancelled: 1 });
    assert.deepEqual(programme.body.outcomes, {
      recorded: 5,
      highInterest: 3,
      followUpMeetings: 1,
      dueDiligence: 2,
      termSheets: 1,
      passes: 1,
      investmentUnderDiscussion: { KRW: 84_500_000_000, USD: 2_500_000 },
    });
    assert.deepEqual(
      programme.body.rounds.map((round: { roundId: string; position: number }) => [round.roundId, round.position]),
      [[first, 1], [second, 2], [empty, 3]],
    );
    assert.deepEqual(programme.body.rounds[0], firstFigures.body);
    assert.deepEqual(programme.body.rounds[1].requests, { total: 4, accepted: 1, declined: 3, expired: 0, pending: 0, withdrawn: 0, acceptanceRate: 0.25 });
    assert.deepEqual(programme.body.rounds[2], {
      roundId: empty,
      position: 3,
      name: 'Round 3: follow-up',
      requests: { total: 0, accepted: 0, declined: 0, expired: 0, pending: 0, withdrawn: 0, acceptanceRate: null },
      meetings: { total: 0, requested: 0, confirmed: 0, held: 0, noShow: 0, cancelled: 0 },
      outcomes: { recorded: 0, highInterest: 0, followUpMeetings: 0, dueDiligence: 0, termSheets: 0, passes: 0, investmentUnderDiscussion: {} },
    });

    // The same figures straight from the tables.
    const [check] = await dataSource.query(
      `SELECT (SELECT sum(amount)::text FROM meeting_outcomes o JOIN meetings m ON m.id = o.meeting_id
                JOIN consultation_rounds r ON r.id = m.round_id WHERE r.programme_id = $1 AND o.currency = 'KRW') AS krw,
              (SELECT count(*)::int FROM meetings m JOIN consultation_rounds r ON r.id = m.round_id WHERE r.programme_id = $1) AS meetings`,
      [programmeId],
    );
    assert.deepEqual(check, { krw: '84500000000', meetings: 11 });

    // A programme without rounds has all-zero figures.
    const bare = await sql.programme(w.eventId, 'No rounds yet');
    const bareFigures = await testApp.http().get(`/events/${w.eventId}/consultation-programmes/${bare}/figures`).set(w.organizer.auth);
    assert.equal(bareFigures.status, 200);
    assert.deepEqual([bareFigures.body.rounds, bareFigures.body.meetings.total, bareFigures.body.requests.acceptanceRate], [[], 0, null]);
  });

  it("figures: bookings waiting for the host count as requests, and pending ones of a closed round as expired", async () => {
    const world = await createConsultationWorld(testApp);
    const hosts = [];
    for (let index = 0; index < 5; index += 1) hosts.push(await addParticipant(testApp, world, 'host'));
    const guests = [];
    for (let index = 0; index < 3; index += 1) guests.push(await addParticipant(testApp, world, 'guest'));
    const round = await createRoundRow(testApp, world.eventId, world.programmeId, { confirmation: 'host_accepts' });
    const base = `/events/${world.eventId}`;
    const book = (guest: Actor, host: Actor, startsAt: string) =>
      testApp.http().post(`${base}/consultation-rounds/${round.id}/bookings`).set(guest.auth).send({ hostUserId: host.id, startsAt });
    const meetingAction = (actor: Actor, meetingId: string, action: string) => testApp.http().post(`${base}/meetings/${meetingId}/${action}`).set(actor.auth).send({});
    const figures = async () => {
      const response = await testApp.http().get(`${base}/consultation-rounds/${round.id}/figures`).set(world.organizer.auth);
      assert.equal(response.status, 200, JSON.stringify(response.body));
      return response.body.requests;
    };

    // Two requests sent, left pending.
    for (const guest of guests.slice(0, 2)) {
      assert.equal((await testApp.http().post(`${base}/consultation-rounds/${round.id}/requests`).set(guest.auth).send({ toUserId: hosts[0].id })).status, 201);
    }
    // Five bookings that wait for the host: confirmed, declined by the host, withdrawn by the startup, two left waiting.
    const confirmed = await book(guests[0], hosts[1], '2023-04-28T09:00:00-04:00');
    assert.equal((await meetingAction(hosts[1], confirmed.body.id, 'confirm')).status, 200);
    const declined = await book(guests[0], hosts[2], '2023-04-28T09:30:00-04:00');
    assert.equal((await meetingAction(hosts[2], declined.body.id, 'cancel')).status, 200);
    const withdrawn = await book(guests[1], hosts[2], '2023-04-28T10:00:00-04:00');
    assert.equal((await meetingAction(guests[1], withdrawn.body.id, 'cancel')).status, 200);
    assert.equal((await book(guests[2], hosts[3], '2023-04-28T10:30:00-04:00')).status, 201);
    assert.equal((await book(guests[2], hosts[4], '2023-04-28T09:00:00-04:00')).status, 201);
    // An organizer's booking is no request.
    const organizerBooked = await testApp
      .http()
      .post(`${base}/consultation-rounds/${round.id}/meetings`)
      .set(world.organizer.auth)
      .send({ hostUserId: hosts[0].id, guestUserId: guests[1].id, startsAt: '2023-04-28T11:00:00-04:00' });
    assert.equal(organizerBooked.status, 201, JSON.stringify(organizerBooked.body));

    assert.deepEqual(await figures(), { total: 7, accepted: 1, declined: 1, expired: 0, pending: 4, withdrawn: 1, acceptanceRate: 0.5 });
    // The window closes: what was pending now counts as expired, before anything marks the rows so...
    await dataSource.query(`UPDATE consultation_rounds SET booking_opens_at = now() - interval '2 days', booking_closes_at = now() WHERE id = $1`, [round.id]);
    const closed = { total: 7, accepted: 1, declined: 1, expired: 4, pending: 0, withdrawn: 1, acceptanceRate: 0.1667 };
    assert.deepEqual(await figures(), closed);
    const [{ pending }] = await dataSource.query(`SELECT count(*)::int AS pending FROM meeting_requests WHERE round_id = $1 AND status = 'pending'`, [round.id]);
    assert.equal(pending, 2);
    // ... and after: the same figures once the requests and bookings are marked expired.
    await testApp.app.get(MeetingExpiry).expireClosedBookings({ roundId: round.id });
    assert.equal((await testApp.http().get(`${base}/meeting-requests`).set(world.organizer.auth)).status, 200);
    assert.deepEqual(await figures(), closed);
  });
});
