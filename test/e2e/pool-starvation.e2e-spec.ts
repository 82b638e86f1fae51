import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { registerActor } from '../support/actors';
import { decidedCall } from '../support/call-fixtures';
import { addParticipant, addParticipantRow, createConsultationWorld, createRoundRow } from '../support/consultation-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/** Six calls at once, all answered, none after waiting for the pool to time out (5 s). */
async function allAnswered(calls: Array<() => Promise<{ status: number; body: unknown }>>, status: number): Promise<void> {
  const started = Date.now();
  const answers = await Promise.all(calls.map((call) => call()));
  assert.deepEqual(
    answers.map((answer) => answer.status),
    calls.map(() => status),
    JSON.stringify(answers.map((answer) => answer.body)),
  );
  assert.ok(Date.now() - started < 4_000, 'no call waited for the pool to time out');
}

/**
 * An api whose pool has two connections: a transaction that also read through a second connection of the pool would
 * starve it under concurrent calls (each holding one, waiting for another, failing when the pool's wait times out).
 */
describe('transactions hold one connection only', () => {
  let testApp: TestApp;

  before(async () => {
    testApp = await startTestApp({ DATABASE_POOL_SIZE: '2' });
  });
  after(async () => {
    await testApp.close();
  });

  it('refreshes many sessions at once', { timeout: 60_000 }, async () => {
    const actors = await Promise.all(Array.from({ length: 6 }, () => registerActor(testApp)));
    await allAnswered(
      actors.map((actor) => () => testApp.http().post('/auth/refresh').send({ refreshToken: actor.refreshToken })),
      200,
    );
  });

  it('takes "want to meet" from many investors at once', { timeout: 60_000 }, async () => {
    const world = await createConsultationWorld(testApp);
    const { call, selected } = await decidedCall(testApp, world.organizer, world.eventId, { kind: 'ir_pitch' }, { selected: 1, rejected: 0 });
    const [startup] = selected;
    await addParticipantRow(testApp, world.eventId, world.programmeId, startup.company.owner.id, 'guest', { organizationId: startup.company.organizationId });
    const round = await createRoundRow(testApp, world.eventId, world.programmeId, { initiator: 'both' });
    const agenda = await testApp
      .http()
      .post(`/events/${world.eventId}/sessions`)
      .set(world.organizer.auth)
      .send({ kind: 'ir_pitch', titleEn: 'IR pitches', startsAt: '2023-04-28T17:30', endsAt: '2023-04-28T18:00' });
    const pitches = await testApp
      .http()
      .post(`/events/${world.eventId}/pitch-sessions`)
      .set(world.organizer.auth)
      .send({ agendaSessionId: agenda.body.id, callId: call.id, consultationRoundId: round.id });
    const ordered = await testApp
      .http()
      .put(`/events/${world.eventId}/pitch-sessions/${pitches.body.id}/running-order`)
      .set(world.organizer.auth)
      .send({ applicationIds: [startup.applicationId] });
    assert.equal(ordered.status, 200, JSON.stringify(ordered.body));
    const slotId = ordered.body.slots[0].id as string;
    const investors = await Promise.all(Array.from({ length: 6 }, (_, index) => addParticipant(testApp, world, 'host', { name: `Investor ${index}` })));
    await allAnswered(
      investors.map((investor) => () => testApp.http().put(`/events/${world.eventId}/pitch-slots/${slotId}/interest`).set(investor.auth).send({})),
      200,
    );
  });
});
