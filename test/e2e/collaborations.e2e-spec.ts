import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { addEventMember, assertProblem, createEvent, registerActor } from '../support/actors';
import { createCompany, decidedCall, openCall, submitApplication, unique } from '../support/call-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/** A challenge's winners become collaboration projects with the host company, tracked through their stages. */
describe('collaboration projects', () => {
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

  async function challengeWorld() {
    const organizer = await registerActor(testApp, { name: 'Organizer' });
    const event = await createEvent(testApp, organizer, { name: unique('Open innovation 2025'), timeZone: 'Asia/Seoul' });
    const host = await createCompany(testApp, unique('LG Uplus'), 'corporate');
    await addEventMember(testApp, event.id, organizer, host.owner, 'exhibitor');
    const decided = await decidedCall(testApp, host.owner, event.id, { kind: 'challenge', hostOrganizationId: host.organizationId, title: 'Smart factory challenge' }, { selected: 2, rejected: 1 });
    return { organizer, eventId: event.id, host, ...decided };
  }

  const start = (actor: { auth: Record<string, string> }, eventId: string, body: Record<string, unknown>) =>
    http().post(`/events/${eventId}/collaborations`).set(actor.auth).send(body);
  const move = (actor: { auth: Record<string, string> }, eventId: string, projectId: string, body: Record<string, unknown>) =>
    http().post(`/events/${eventId}/collaborations/${projectId}/stages`).set(actor.auth).send(body);

  it('moves a winner from matching through technical and market verification to completed, with dates and notes', async () => {
    const { organizer, eventId, host, selected, rejected } = await challengeWorld();
    const [winner, runnerUp] = selected;
    const started = await start(host.owner, eventId, { applicationId: winner.applicationId, title: 'Vision QA on the press line', startedOn: '2025-03-26', note: 'Kick-off at the MOU ceremony' });
    assert.equal(started.status, 201, JSON.stringify(started.body));
    assert.equal(started.body.stage, 'matching');
    assert.equal(started.body.stageSince, '2025-03-26');
    assert.deepEqual(started.body.host, { id: host.organizationId, name: host.name });
    assert.deepEqual(started.body.startup, { id: winner.company.organizationId, name: winner.company.name });
    const projectId = started.body.id;
    assertProblem(await start(organizer, eventId, { applicationId: winner.applicationId }), 409, 'collaboration_exists');
    assertProblem(await start(host.owner, eventId, { applicationId: rejected[0].applicationId }), 409, 'not_a_challenge_winner');

    const technical = await move(host.owner, eventId, projectId, { stage: 'technical_verification', on: '2025-05-12', note: 'PoC on line 3' });
    assert.equal(technical.status, 200, JSON.stringify(technical.body));
    assert.equal(technical.body.stage, 'technical_verification');
    // Backwards, or dated before the current stage began: refused, nothing written.
    assertProblem(await move(host.owner, eventId, projectId, { stage: 'matching' }), 409, 'stage_not_allowed');
    const early = await move(host.owner, eventId, projectId, { stage: 'market_verification', on: '2025-05-01' });
    assertProblem(early, 400, 'validation_failed');
    assert.equal(early.body.errors[0].field, 'on');
    assertProblem(await move(host.owner, eventId, projectId, { stage: 'market_verification', on: '2025-02-30' }), 400, 'validation_failed');
    assertProblem(await move(host.owner, eventId, projectId, { stage: 'launched' }), 400, 'validation_failed');
    // The startup follows its project but does not move it.
    assertProblem(await move(winner.company.owner, eventId, projectId, { stage: 'market_verification' }), 403, 'forbidden');
    const [{ entries }] = await dataSource.query('SELECT count(*)::int AS entries FROM collaboration_stage_entries WHERE project_id = $1', [projectId]);
    assert.equal(entries, 2);

    assert.equal((await move(organizer, eventId, projectId, { stage: 'market_verification', on: '2025-08-01', note: 'Pilot in two plants' })).status, 200);
    const completed = await move(host.owner, eventId, projectId, { stage: 'completed', on: '2025-12-10', note: 'Shortlisted for the year-end contest' });
    assert.equal(completed.body.stage, 'completed');
    assert.deepEqual(
      completed.body.history.map((entry: { stage: string; enteredOn: string; note: string | null }) => [entry.stage, entry.enteredOn, entry.note]),
      [
        ['matching', '2025-03-26', 'Kick-off at the MOU ceremony'],
        ['technical_verification', '2025-05-12', 'PoC on line 3'],
        ['market_verification', '2025-08-01', 'Pilot in two plants'],
        ['completed', '2025-12-10', 'Shortlisted for the year-end contest'],
      ],
    );
    assertProblem(await move(host.owner, eventId, projectId, { stage: 'dropped' }), 409, 'stage_not_allowed');

    // The second winner starts today (Seoul) and is dropped after matching.
    const second = await start(organizer, eventId, { applicationId: runnerUp.applicationId });
    assert.equal(second.body.title, `${runnerUp.company.name} × Smart factory challenge`);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(new Date());
    assert.equal(second.body.stageSince, today);
    const dropped = await move(host.owner, eventId, second.body.id, { stage: 'dropped', note: 'The startup pivoted' });
    assert.equal(dropped.body.stage, 'dropped');

    // Listed per event (organizers: all; companies: their own) and per host.
    const all = await http().get(`/events/${eventId}/collaborations`).set(organizer.auth);
    assert.deepEqual(all.body.map((project: { id: string }) => project.id), [projectId, second.body.id]);
    const byStage = await http().get(`/events/${eventId}/collaborations?stage=completed`).set(organizer.auth);
    assert.deepEqual(byStage.body.map((project: { id: string }) => project.id), [projectId]);
    const byHost = await http().get(`/events/${eventId}/collaborations?hostOrganizationId=${host.organizationId}`).set(organizer.auth);
    assert.equal(byHost.body.length, 2);
    const startupsOwn = await http().get(`/events/${eventId}/collaborations`).set(winner.company.owner.auth);
    assert.deepEqual(startupsOwn.body.map((project: { id: string }) => project.id), [projectId]);
    const hostsAcrossEvents = await http().get(`/organizations/${host.organizationId}/collaborations`).set(host.owner.auth);
    assert.deepEqual(hostsAcrossEvents.body.map((project: { id: string }) => project.id), [projectId, second.body.id]);
    const winnersOwn = await http().get(`/organizations/${winner.company.organizationId}/collaborations`).set(winner.company.owner.auth);
    assert.deepEqual(winnersOwn.body.map((project: { id: string }) => project.id), [projectId]);
  });

  it('takes only published winners of challenges', async () => {
    const organizer = await registerActor(testApp);
    const event = await createEvent(testApp, organizer);
    const host = await createCompany(testApp, unique('Host'), 'corporate');
    const ir = await decidedCall(testApp, organizer, event.id, { kind: 'ir_pitch' }, { selected: 1, rejected: 0 });
    assertProblem(await start(organizer, event.id, { applicationId: ir.selected[0].applicationId }), 409, 'not_a_challenge_winner');
    const challenge = await openCall(testApp, organizer, event.id, { kind: 'challenge', hostOrganizationId: host.organizationId, places: 1 });
    const startup = await createCompany(testApp);
    const applicationId = await submitApplication(testApp, startup, event.id, challenge);
    await http().post(`/events/${event.id}/calls/${challenge.id}/applications/${applicationId}/decision`).set(organizer.auth).send({ decision: 'selected' });
    // Selected, but the results are not published yet.
    assertProblem(await start(organizer, event.id, { applicationId }), 409, 'not_a_challenge_winner');
    assertProblem(await start(organizer, event.id, { applicationId: '5a0f0000-0000-4000-8000-000000000000' }), 400, 'validation_failed');
    const [{ count }] = await dataSource.query('SELECT count(*)::int AS count FROM collaboration_projects WHERE event_id = $1', [event.id]);
    assert.equal(count, 0);
  });

  it('answers 409 own_challenge, and writes nothing, when the winner is the host company itself', async () => {
    const { organizer, eventId, call, selected } = await challengeWorld();
    const [winner] = selected;
    // Written before hosts were kept from applying: the winning company hosts the challenge.
    await dataSource.query('UPDATE calls SET host_organization_id = $2 WHERE id = $1', [call.id, winner.company.organizationId]);
    const refused = await start(organizer, eventId, { applicationId: winner.applicationId });
    assertProblem(refused, 409, 'own_challenge');
    assert.equal(refused.body.errors[0].field, 'applicationId');
    const [{ projects, entries }] = await dataSource.query(
      `SELECT (SELECT count(*)::int FROM collaboration_projects WHERE event_id = $1) AS projects,
              (SELECT count(*)::int FROM collaboration_stage_entries e JOIN collaboration_projects p ON p.id = e.project_id WHERE p.event_id = $1) AS entries`,
      [eventId],
    );
    assert.deepEqual([projects, entries], [0, 0]);
  });
});
