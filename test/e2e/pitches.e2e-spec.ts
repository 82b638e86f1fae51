import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { Actor, assertProblem, registerActor } from '../support/actors';
import { closeCall, createCompany, decidedCall, openCall, submitApplication } from '../support/call-fixtures';
import { addEventRoleRow, addParticipant, addParticipantRow, ConsultationWorld, createConsultationWorld, createRoundRow } from '../support/consultation-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * IR pitch sessions: the selected startups of an IR call get a running order in an ir_pitch agenda session; investors
 * rate each pitch and "want to meet" sends a meeting request in the linked consultation round, under its rules and caps.
 */
describe('IR pitch sessions', () => {
  let testApp: TestApp;
  let dataSource: DataSource;
  const http = () => testApp.http();

  before(async () => {
    testApp = await startTestApp();
    dataSource = testApp.app.get(DataSource);
  });
  after(async () => {
    await testApp.close();
  });

  async function agendaSession(world: ConsultationWorld, kind: string, startsAt: string, endsAt: string): Promise<string> {
    const response = await http().post(`/events/${world.eventId}/sessions`).set(world.organizer.auth).send({ kind, titleEn: 'IR pitches', startsAt, endsAt });
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return response.body.id;
  }

  /**
   * The Boston day: an IR call with three startups selected (the first two guests of the consultation programme) and
   * one rejected; a 30-minute ir_pitch session at 17:30; the main consultation round (hosts and guests may both ask).
   */
  async function bostonDay() {
    const world = await createConsultationWorld(testApp);
    const { call, selected, rejected } = await decidedCall(testApp, world.organizer, world.eventId, { kind: 'ir_pitch' }, { selected: 3, rejected: 1 });
    const [a, b, c] = selected;
    for (const startup of [a, b]) {
      await addParticipantRow(testApp, world.eventId, world.programmeId, startup.company.owner.id, 'guest', { organizationId: startup.company.organizationId });
    }
    const round = await createRoundRow(testApp, world.eventId, world.programmeId, { initiator: 'both' });
    const sessionId = await agendaSession(world, 'ir_pitch', '2023-04-28T17:30', '2023-04-28T18:00');
    const investors = [await addParticipant(testApp, world, 'host', { name: 'Beacon Hill partner' }), await addParticipant(testApp, world, 'host', { name: 'Longwood partner' })];
    return { world, call, a, b, c, rejected: rejected[0], round, sessionId, investors };
  }

  async function createPitchSession(world: ConsultationWorld, body: Record<string, unknown>) {
    return http().post(`/events/${world.eventId}/pitch-sessions`).set(world.organizer.auth).send(body);
  }

  function runningOrder(world: ConsultationWorld, pitchSessionId: string, applicationIds: string[]) {
    return http().put(`/events/${world.eventId}/pitch-sessions/${pitchSessionId}/running-order`).set(world.organizer.auth).send({ applicationIds });
  }

  const rate = (world: ConsultationWorld, investor: Actor, slotId: string, score: number) =>
    http().put(`/events/${world.eventId}/pitch-slots/${slotId}/rating`).set(investor.auth).send({ score });
  const wantToMeet = (world: ConsultationWorld, investor: Actor, slotId: string, body: Record<string, unknown> = {}) =>
    http().put(`/events/${world.eventId}/pitch-slots/${slotId}/interest`).set(investor.auth).send(body);

  it('runs the selected startups in 7 + 3 minute slots, reorderable; ratings and "want to meet" become interest and requests', async () => {
    const { world, call, a, b, c, rejected, round, sessionId, investors } = await bostonDay();
    const [first, second] = investors;
    const created = await createPitchSession(world, { agendaSessionId: sessionId, callId: call.id, consultationRoundId: round.id });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.pitchMinutes, 7);
    assert.equal(created.body.qaMinutes, 3);
    assertProblem(await createPitchSession(world, { agendaSessionId: sessionId, callId: call.id }), 409, 'pitch_session_exists');
    const pitchSessionId = created.body.id;

    assertProblem(await runningOrder(world, pitchSessionId, [a.applicationId, rejected.applicationId]), 409, 'application_not_selected');
    assertProblem(await runningOrder(world, pitchSessionId, [a.applicationId, b.applicationId, c.applicationId, a.applicationId]), 400, 'validation_failed');
    const ordered = await runningOrder(world, pitchSessionId, [a.applicationId, b.applicationId, c.applicationId]);
    assert.equal(ordered.status, 200, JSON.stringify(ordered.body));
    assert.deepEqual(
      ordered.body.slots.map((slot: { startup: { applicationId: string }; startsAt: string; pitchEndsAt: string; endsAt: string }) => [
        slot.startup.applicationId,
        slot.startsAt,
        slot.pitchEndsAt,
        slot.endsAt,
      ]),
      [
        [a.applicationId, '2023-04-28T17:30:00-04:00', '2023-04-28T17:37:00-04:00', '2023-04-28T17:40:00-04:00'],
        [b.applicationId, '2023-04-28T17:40:00-04:00', '2023-04-28T17:47:00-04:00', '2023-04-28T17:50:00-04:00'],
        [c.applicationId, '2023-04-28T17:50:00-04:00', '2023-04-28T17:57:00-04:00', '2023-04-28T18:00:00-04:00'],
      ],
    );
    assert.equal(ordered.body.slots[0].startup.name, a.company.name);
    // Reordered: B first, then C, then A; the slots (and so their ratings) follow their startups.
    const slotOf = new Map(ordered.body.slots.map((slot: { id: string; startup: { applicationId: string } }) => [slot.startup.applicationId, slot.id]));
    const reordered = await runningOrder(world, pitchSessionId, [b.applicationId, c.applicationId, a.applicationId]);
    assert.deepEqual(
      reordered.body.slots.map((slot: { id: string; startsAt: string }) => [slot.id, slot.startsAt]),
      [
        [slotOf.get(b.applicationId), '2023-04-28T17:30:00-04:00'],
        [slotOf.get(c.applicationId), '2023-04-28T17:40:00-04:00'],
        [slotOf.get(a.applicationId), '2023-04-28T17:50:00-04:00'],
      ],
    );
    // Longer pitches would not fit in the session.
    const tooLong = await http().patch(`/events/${world.eventId}/pitch-sessions/${pitchSessionId}`).set(world.organizer.auth).send({ pitchMinutes: 8 });
    assertProblem(tooLong, 409, 'running_order_too_long');
    const slotA = slotOf.get(a.applicationId) as string;
    const slotB = slotOf.get(b.applicationId) as string;
    const slotC = slotOf.get(c.applicationId) as string;

    // Ratings: investors only, 1 to 5, private.
    assert.equal((await rate(world, first, slotA, 5)).status, 200);
    assert.equal((await rate(world, first, slotB, 3)).status, 200);
    assert.equal((await rate(world, first, slotB, 2)).body.score, 2);
    assert.equal((await rate(world, second, slotA, 4)).status, 200);
    assertProblem(await rate(world, second, slotB, 6), 400, 'validation_failed');
    assertProblem(await rate(world, second, slotB, 0), 400, 'validation_failed');
    assertProblem(await rate(world, a.company.owner, slotB, 5), 403, 'forbidden');
    const secondView = await http().get(`/events/${world.eventId}/pitch-sessions/${pitchSessionId}`).set(second.auth);
    assert.deepEqual(
      secondView.body.slots.map((slot: { id: string; myRating: number | null }) => [slot.id, slot.myRating]),
      [
        [slotB, null],
        [slotC, null],
        [slotA, 4],
      ],
    );
    const startupView = await http().get(`/events/${world.eventId}/pitch-sessions/${pitchSessionId}`).set(a.company.owner.auth);
    assert.equal(startupView.status, 200);
    assert.ok(startupView.body.slots.every((slot: { myRating: number | null }) => slot.myRating === null));

    // Want to meet: one action, one request to the startup in the round; marking again sends nothing more.
    const wanted = await wantToMeet(world, first, slotA);
    assert.equal(wanted.status, 200, JSON.stringify(wanted.body));
    assert.equal(wanted.body.created, true);
    assert.equal(wanted.body.roundId, round.id);
    const requestId = wanted.body.meetingRequestId;
    const request = await http().get(`/events/${world.eventId}/meeting-requests/${requestId}`).set(a.company.owner.auth);
    assert.equal(request.status, 200, JSON.stringify(request.body));
    assert.equal(request.body.status, 'pending');
    assert.equal(request.body.initiatedBy, 'host');
    assert.equal(request.body.direction, 'received');
    assert.equal(request.body.host.userId, first.id);
    assert.match(request.body.message, /IR pitch/);
    const again = await wantToMeet(world, first, slotA);
    assert.equal(again.body.created, false);
    assert.equal(again.body.meetingRequestId, requestId);
    const [{ requests }] = await dataSource.query('SELECT count(*)::int AS requests FROM meeting_requests WHERE host_user_id = $1', [first.id]);
    assert.equal(requests, 1);
    // The startup accepts: the request goes on like any other.
    assert.equal((await http().post(`/events/${world.eventId}/meeting-requests/${requestId}/accept`).set(a.company.owner.auth)).body.status, 'accepted');
    const secondWanted = await wantToMeet(world, second, slotA, { message: 'Loved the UV meter; 30 minutes tomorrow?' });
    assert.equal(secondWanted.status, 200, JSON.stringify(secondWanted.body));
    const secondRequest = await http().get(`/events/${world.eventId}/meeting-requests/${secondWanted.body.meetingRequestId}`).set(second.auth);
    assert.equal(secondRequest.body.message, 'Loved the UV meter; 30 minutes tomorrow?');
    assert.equal((await http().get(`/events/${world.eventId}/pitch-sessions/${pitchSessionId}`).set(second.auth)).body.slots[2].iWantToMeet, true);

    // A startup with nobody in the consultation programme cannot be asked; nothing is written.
    const nobody = await wantToMeet(world, first, slotC);
    assertProblem(nobody, 409, 'no_guest_for_organization');

    // The organizer sees per-pitch interest.
    const interest = await http().get(`/events/${world.eventId}/pitch-sessions/${pitchSessionId}/interest`).set(world.organizer.auth);
    assert.equal(interest.status, 200, JSON.stringify(interest.body));
    assert.deepEqual(
      interest.body.map((row: { pitchSlotId: string; position: number; wantToMeet: number; ratingCount: number; averageRating: number | null }) => [
        row.pitchSlotId,
        row.position,
        row.wantToMeet,
        row.ratingCount,
        row.averageRating,
      ]),
      [
        [slotB, 1, 0, 1, 2],
        [slotC, 2, 0, 0, null],
        [slotA, 3, 2, 2, 4.5],
      ],
    );
    assertProblem(await http().get(`/events/${world.eventId}/pitch-sessions/${pitchSessionId}/interest`).set(first.auth), 403, 'forbidden');

    // Pitches with ratings or requests stay in the running order; an unrated one may go.
    assertProblem(await runningOrder(world, pitchSessionId, [b.applicationId, c.applicationId]), 409, 'pitch_has_ratings');
    const [{ slots }] = await dataSource.query('SELECT count(*)::int AS slots FROM pitch_slots WHERE pitch_session_id = $1', [pitchSessionId]);
    assert.equal(slots, 3);
    const shorter = await runningOrder(world, pitchSessionId, [a.applicationId, b.applicationId]);
    assert.equal(shorter.status, 200, JSON.stringify(shorter.body));
    assert.deepEqual(shorter.body.slots.map((slot: { id: string }) => slot.id), [slotA, slotB]);
  });

  it("respects the round's rules and caps: a refused request leaves no interest behind", async () => {
    const { world, call, a, b, sessionId, investors } = await bostonDay();
    const [first] = investors;
    const capped = await createRoundRow(testApp, world.eventId, world.programmeId, {
      name: 'Round 4: follow-up',
      initiator: 'both',
      maxMeetingsPerHost: 1,
      windows: [{ date: '2023-04-28', startsAtTime: '13:00', endsAtTime: '15:00' }],
    });
    const guestsOnly = await createRoundRow(testApp, world.eventId, world.programmeId, { name: 'Round 2', initiator: 'guest' });
    const pitchSession = await createPitchSession(world, { agendaSessionId: sessionId, callId: call.id });
    const pitchSessionId = pitchSession.body.id;
    const ordered = await runningOrder(world, pitchSessionId, [a.applicationId, b.applicationId]);
    const [slotA, slotB] = ordered.body.slots.map((slot: { id: string }) => slot.id);
    const interestRows = async () =>
      (await dataSource.query('SELECT count(*)::int AS count FROM pitch_interests i JOIN pitch_slots s ON s.id = i.pitch_slot_id WHERE s.event_id = $1', [world.eventId]))[0]
        .count;
    const requestRows = async () => (await dataSource.query('SELECT count(*)::int AS count FROM meeting_requests WHERE event_id = $1', [world.eventId]))[0].count;
    const link = async (roundId: string | null) => {
      const response = await http().patch(`/events/${world.eventId}/pitch-sessions/${pitchSessionId}`).set(world.organizer.auth).send({ consultationRoundId: roundId });
      assert.equal(response.status, 200, JSON.stringify(response.body));
    };

    assertProblem(await wantToMeet(world, first, slotA), 409, 'no_consultation_round');

    // Round 2 lets only startups ask.
    await link(guestsOnly.id);
    assertProblem(await wantToMeet(world, first, slotA), 409, 'booking_not_allowed');
    assert.equal(await interestRows(), 0);

    // The follow-up round allows one meeting per host; this investor already has one (with B, booked as a request).
    await link(capped.id);
    const asked = await http().post(`/events/${world.eventId}/consultation-rounds/${capped.id}/requests`).set(first.auth).send({ toUserId: b.company.owner.id });
    assert.equal(asked.status, 201, JSON.stringify(asked.body));
    await http().post(`/events/${world.eventId}/meeting-requests/${asked.body.id}/accept`).set(b.company.owner.auth);
    const placed = await http()
      .post(`/events/${world.eventId}/meeting-requests/${asked.body.id}/place`)
      .set(b.company.owner.auth)
      .send({ startsAt: '2023-04-28T13:00:00-04:00' });
    assert.equal(placed.status, 201, JSON.stringify(placed.body));
    const requestsBefore = await requestRows();
    const capReached = await wantToMeet(world, first, slotA);
    assertProblem(capReached, 409, 'cap_reached');
    assert.match(capReached.body.detail, /max_meetings_per_host/);
    assert.equal(await interestRows(), 0);
    assert.equal(await requestRows(), requestsBefore);

    // An open request between the two already: refused the same way, and nothing written.
    const second = investors[1];
    await http().post(`/events/${world.eventId}/consultation-rounds/${capped.id}/requests`).set(b.company.owner.auth).send({ toUserId: second.id });
    assertProblem(await wantToMeet(world, second, slotB), 409, 'request_already_open');
    assert.equal(await interestRows(), 0);
    // Elsewhere the same investor goes through.
    const ok = await wantToMeet(world, second, slotA);
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(await interestRows(), 1);

    // Investors who are not hosts of the programme cannot send requests in it.
    const guestSide = await addParticipant(testApp, world, 'guest', { eventRole: 'investor' });
    assertProblem(await wantToMeet(world, guestSide, slotA), 403, 'not_programme_participant');
    const stranger = await registerActor(testApp);
    await addEventRoleRow(testApp, world.eventId, stranger.id, 'investor');
    assertProblem(await wantToMeet(world, stranger, slotA), 403, 'not_programme_participant');
    assert.equal(await interestRows(), 1);
  });

  it('concurrent "want to meet" marks of one investor send one request', async () => {
    const { world, call, a, round, sessionId, investors } = await bostonDay();
    const pitchSession = await createPitchSession(world, { agendaSessionId: sessionId, callId: call.id, consultationRoundId: round.id });
    const ordered = await runningOrder(world, pitchSession.body.id, [a.applicationId]);
    const slotId = ordered.body.slots[0].id;
    const answers = await Promise.all(Array.from({ length: 4 }, () => wantToMeet(world, investors[0], slotId)));
    assert.deepEqual(answers.map((answer) => answer.status), [200, 200, 200, 200]);
    assert.equal(answers.filter((answer) => answer.body.created).length, 1);
    assert.equal(new Set(answers.map((answer) => answer.body.meetingRequestId)).size, 1);
    const [{ count }] = await dataSource.query('SELECT count(*)::int AS count FROM meeting_requests WHERE host_user_id = $1', [investors[0].id]);
    assert.equal(count, 1);
  });

  it('takes only an ir_pitch session, an IR call and a round of the event; startups only once published', async () => {
    const world = await createConsultationWorld(testApp);
    const other = await createConsultationWorld(testApp);
    const otherRound = await createRoundRow(testApp, other.eventId, other.programmeId);
    const keynote = await agendaSession(world, 'keynote', '2023-04-28T09:00', '2023-04-28T10:00');
    const pitches = await agendaSession(world, 'ir_pitch', '2023-04-28T10:00', '2023-04-28T11:00');
    const challenge = await openCall(testApp, world.organizer, world.eventId, { kind: 'challenge', hostOrganizationId: (await createCompany(testApp, 'Host', 'corporate')).organizationId });
    const irCall = await openCall(testApp, world.organizer, world.eventId, { kind: 'ir_pitch' });
    const refused = await createPitchSession(world, { agendaSessionId: keynote, callId: challenge.id, consultationRoundId: otherRound.id });
    assertProblem(refused, 400, 'validation_failed');
    assert.deepEqual(refused.body.errors.map((error: { field: string }) => error.field), ['agendaSessionId', 'callId', 'consultationRoundId']);
    assert.equal((await dataSource.query('SELECT count(*)::int AS count FROM pitch_sessions WHERE event_id = $1', [world.eventId]))[0].count, 0);
    const created = await createPitchSession(world, { agendaSessionId: pitches, callId: irCall.id, pitchMinutes: 12, qaMinutes: 3 });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const startup = await createCompany(testApp);
    const applicationId = await submitApplication(testApp, startup, world.eventId, irCall);
    await http().post(`/events/${world.eventId}/calls/${irCall.id}/applications/${applicationId}/decision`).set(world.organizer.auth).send({ decision: 'selected' });
    assertProblem(await runningOrder(world, created.body.id, [applicationId]), 409, 'results_not_published');
    // Another session cannot take a startup already in a running order.
    await closeCall(testApp, world.organizer, world.eventId, irCall.id);
    assert.equal((await http().post(`/events/${world.eventId}/calls/${irCall.id}/publish`).set(world.organizer.auth)).status, 200);
    assert.equal((await runningOrder(world, created.body.id, [applicationId])).status, 200);
    const later = await agendaSession(world, 'ir_pitch', '2023-04-28T14:00', '2023-04-28T15:00');
    const second = await createPitchSession(world, { agendaSessionId: later, callId: irCall.id });
    assertProblem(await runningOrder(world, second.body.id, [applicationId]), 409, 'already_in_running_order');
    // 12 + 3 minutes: four pitches fit in the hour, the running order says where each one is.
    const listed = await http().get(`/events/${world.eventId}/pitch-sessions`).set(world.organizer.auth);
    assert.deepEqual(listed.body.map((session: { id: string; slots: unknown[] }) => [session.id, session.slots.length]), [
      [created.body.id, 1],
      [second.body.id, 0],
    ]);
  });

  it('keeps a running order with rated pitches changeable: published winners stay selected, and older data does not lock it', async () => {
    const { world, call, a, b, c, rejected, round, sessionId, investors } = await bostonDay();
    const [first] = investors;
    const pitchSession = await createPitchSession(world, { agendaSessionId: sessionId, callId: call.id, consultationRoundId: round.id });
    const pitchSessionId = pitchSession.body.id;
    const ordered = await runningOrder(world, pitchSessionId, [a.applicationId, b.applicationId, c.applicationId]);
    assert.equal(ordered.status, 200, JSON.stringify(ordered.body));
    const [slotA, slotB, slotC] = ordered.body.slots.map((slot: { id: string }) => slot.id);
    assert.equal((await rate(world, first, slotA, 5)).status, 200);
    assert.equal((await wantToMeet(world, first, slotB)).status, 200);

    // Through the API a rated startup stays selected: its decision is final and it cannot withdraw.
    const applicationPath = (applicationId: string) => `/events/${world.eventId}/calls/${call.id}/applications/${applicationId}`;
    assertProblem(await http().post(`${applicationPath(a.applicationId)}/decision`).set(world.organizer.auth).send({ decision: 'rejected' }), 409, 'results_published');
    assertProblem(await http().post(`${applicationPath(a.applicationId)}/withdraw`).set(a.company.owner.auth), 409, 'results_published');
    assertProblem(await http().post(`${applicationPath(b.applicationId)}/withdraw`).set(b.company.owner.auth), 409, 'results_published');
    const [{ status, decision }] = await dataSource.query('SELECT status::text, decision::text FROM call_applications WHERE id = $1', [a.applicationId]);
    assert.deepEqual([status, decision], ['submitted', 'selected']);

    // Data from before that rule: A withdrew after publication, B was switched to waitlisted. Their pitches have
    // ratings or requests, so they must stay in the order, and listing them is therefore accepted.
    await dataSource.query(`UPDATE call_applications SET status = 'withdrawn', withdrawn_at = now() WHERE id = $1`, [a.applicationId]);
    await dataSource.query(`UPDATE call_applications SET decision = 'waitlisted' WHERE id = $1`, [b.applicationId]);
    const reordered = await runningOrder(world, pitchSessionId, [c.applicationId, b.applicationId, a.applicationId]);
    assert.equal(reordered.status, 200, JSON.stringify(reordered.body));
    assert.deepEqual(reordered.body.slots.map((slot: { id: string }) => slot.id), [slotC, slotB, slotA]);
    // Leaving them out is still refused, and a startup that never pitched here still has to be selected.
    assertProblem(await runningOrder(world, pitchSessionId, [c.applicationId, b.applicationId]), 409, 'pitch_has_ratings');
    assertProblem(await runningOrder(world, pitchSessionId, [c.applicationId, b.applicationId, a.applicationId, rejected.applicationId]), 409, 'application_not_selected');
    const unchanged = await dataSource.query('SELECT id FROM pitch_slots WHERE pitch_session_id = $1 ORDER BY position', [pitchSessionId]);
    assert.deepEqual(unchanged.map((slot: { id: string }) => slot.id), [slotC, slotB, slotA]);
    // The unrated pitch may go; the others keep their slots (and their ratings).
    const shorter = await runningOrder(world, pitchSessionId, [a.applicationId, b.applicationId]);
    assert.equal(shorter.status, 200, JSON.stringify(shorter.body));
    assert.deepEqual(shorter.body.slots.map((slot: { id: string }) => slot.id), [slotA, slotB]);
  });
});
