import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { Actor, addEventMember, assertProblem, createEvent, CreatedEvent, registerActor } from '../support/actors';
import { Company, createCompany, decidedCall, DecidedCall, unique } from '../support/call-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

// ---------------------------------------------------------------------------------------------------------------
// Who gets what on every route of collaboration projects. Organizers see and move every project of their event; the
// host company sees and moves its own; the startup sees its own; anyone else, and anything addressed through another
// event, gets 404. A refused request changes nothing and shows nothing.
// ---------------------------------------------------------------------------------------------------------------

const MALFORMED_ID = 'not-a-uuid';

type Method = 'get' | 'post';
type CallerName = 'anonymous' | 'outsider' | 'otherStartup' | 'otherHost' | 'otherOrganizer';
type Expected = Record<CallerName, [number, string?]>;

interface Ids {
  eventId: string;
  projectId: string;
  organizationId: string;
}

interface RouteCase {
  method: Method;
  path: (ids: Ids) => string;
  body?: Record<string, unknown>;
  params: Array<keyof Omit<Ids, 'eventId'>>;
}

let testApp: TestApp;
let dataSource: DataSource;
const http = () => testApp.http();

async function snapshot(): Promise<unknown> {
  return {
    projects: await dataSource.query('SELECT * FROM collaboration_projects ORDER BY id'),
    entries: await dataSource.query('SELECT * FROM collaboration_stage_entries ORDER BY id'),
  };
}

function send(route: RouteCase, routeIds: Ids, caller?: Actor) {
  let request = http()[route.method](route.path(routeIds));
  if (caller) request = request.set(caller.auth);
  return route.body ? request.send(route.body) : request;
}

describe('access to collaboration projects', () => {
  let organizer: Actor;
  let otherOrganizer: Actor;
  let outsider: Actor;
  let event: CreatedEvent;
  let otherEvent: CreatedEvent;
  let host: Company;
  let otherHost: Company;
  let challenge: DecidedCall;
  let ids: Ids;
  let otherIds: Ids;
  const secrets = { title: unique('Secret project title'), note: unique('Secret stage note') };

  before(async () => {
    testApp = await startTestApp();
    dataSource = testApp.app.get(DataSource);
    [organizer, otherOrganizer, outsider] = await Promise.all([registerActor(testApp), registerActor(testApp), registerActor(testApp)]);
    event = await createEvent(testApp, organizer, { name: unique('Open innovation') });
    otherEvent = await createEvent(testApp, otherOrganizer);
    host = await createCompany(testApp, unique('Host'), 'corporate');
    otherHost = await createCompany(testApp, unique('Other host'), 'corporate');
    await addEventMember(testApp, event.id, organizer, host.owner, 'exhibitor');
    await addEventMember(testApp, event.id, organizer, otherHost.owner, 'exhibitor');
    challenge = await decidedCall(testApp, host.owner, event.id, { kind: 'challenge', hostOrganizationId: host.organizationId }, { selected: 2, rejected: 1 });
    const project = await http()
      .post(`/events/${event.id}/collaborations`)
      .set(host.owner.auth)
      .send({ applicationId: challenge.selected[0].applicationId, title: secrets.title, note: secrets.note });
    assert.equal(project.status, 201, JSON.stringify(project.body));
    ids = { eventId: event.id, projectId: project.body.id, organizationId: host.organizationId };

    const elsewhereHost = await createCompany(testApp, unique('Elsewhere'), 'corporate');
    const elsewhere = await decidedCall(testApp, otherOrganizer, otherEvent.id, { kind: 'challenge', hostOrganizationId: elsewhereHost.organizationId }, { selected: 1, rejected: 0 });
    const otherProject = await http().post(`/events/${otherEvent.id}/collaborations`).set(otherOrganizer.auth).send({ applicationId: elsewhere.selected[0].applicationId });
    otherIds = { eventId: otherEvent.id, projectId: otherProject.body.id, organizationId: elsewhereHost.organizationId };
  });
  after(async () => {
    await testApp.close();
  });

  function callers(): Record<CallerName, Actor | undefined> {
    return { anonymous: undefined, outsider, otherStartup: challenge.rejected[0].company.owner, otherHost: otherHost.owner, otherOrganizer };
  }

  function assertNoLeak(body: unknown): void {
    const text = JSON.stringify({ ...(body as Record<string, unknown>), instance: undefined });
    for (const secret of Object.values(secrets)) assert.ok(!text.includes(secret), `response leaks ${secret}: ${text}`);
  }

  async function checkMatrix(route: RouteCase, expected: Expected): Promise<void> {
    const unchanged = await snapshot();
    for (const [name, caller] of Object.entries(callers()) as Array<[CallerName, Actor | undefined]>) {
      const [status, code] = expected[name];
      const response = await send(route, ids, caller);
      if (code) assertProblem(response, status, code);
      else assert.equal(response.status, status, `${name}: ${JSON.stringify(response.body)}`);
      assertNoLeak(response.body);
    }
    const params = route.path(ids).startsWith('/organizations') ? route.params : (['eventId', ...route.params] as Array<keyof Ids>);
    for (const param of params) {
      assertProblem(await send(route, { ...ids, [param]: MALFORMED_ID }, organizer), 404, 'not_found');
    }
    if (route.params.includes('projectId')) {
      const crossed = await send(route, { ...ids, eventId: otherEvent.id }, otherOrganizer);
      assertProblem(crossed, 404, 'not_found');
      assertNoLeak(crossed.body);
      assertProblem(await send(route, { ...ids, projectId: otherIds.projectId }, organizer), 404, 'not_found');
    }
    assert.deepEqual(await snapshot(), unchanged, 'a refused request changed something');
  }

  const onlyTheParties: Expected = {
    anonymous: [401, 'unauthenticated'],
    outsider: [404, 'not_found'],
    otherStartup: [404, 'not_found'],
    otherHost: [404, 'not_found'],
    otherOrganizer: [404, 'not_found'],
  };

  it('POST /events/:eventId/collaborations: organizers and the host company; another event\'s winners are refused', async () => {
    await checkMatrix(
      { method: 'post', path: (p) => `/events/${p.eventId}/collaborations`, body: { applicationId: challenge.selected[1].applicationId }, params: [] },
      {
        anonymous: [401, 'unauthenticated'],
        outsider: [403, 'forbidden'],
        otherStartup: [403, 'forbidden'],
        otherHost: [403, 'forbidden'],
        otherOrganizer: [403, 'forbidden'],
      },
    );
    // The winner itself does not start the project.
    assertProblem(
      await http().post(`/events/${event.id}/collaborations`).set(challenge.selected[1].company.owner.auth).send({ applicationId: challenge.selected[1].applicationId }),
      403,
      'forbidden',
    );
    const unchanged = await snapshot();
    const crossed = await http().post(`/events/${otherEvent.id}/collaborations`).set(otherOrganizer.auth).send({ applicationId: challenge.selected[1].applicationId });
    assertProblem(crossed, 400, 'validation_failed');
    assert.deepEqual(await snapshot(), unchanged);
  });

  it('GET /events/:eventId/collaborations: organizers all, companies their own, anyone else none', async () => {
    await checkMatrix(
      { method: 'get', path: (p) => `/events/${p.eventId}/collaborations`, params: [] },
      { anonymous: [401, 'unauthenticated'], outsider: [200], otherStartup: [200], otherHost: [200], otherOrganizer: [200] },
    );
    for (const actor of [organizer, host.owner, challenge.selected[0].company.owner]) {
      const seen = await http().get(`/events/${event.id}/collaborations`).set(actor.auth);
      assert.deepEqual(seen.body.map((project: { id: string }) => project.id), [ids.projectId]);
    }
    const filtered = await http().get(`/events/${event.id}/collaborations?hostOrganizationId=${host.organizationId}`).set(otherHost.owner.auth);
    assert.deepEqual(filtered.body, []);
  });

  it('GET /events/:eventId/collaborations/:projectId: organizers and the two companies', async () => {
    await checkMatrix({ method: 'get', path: (p) => `/events/${p.eventId}/collaborations/${p.projectId}`, params: ['projectId'] }, onlyTheParties);
    for (const actor of [organizer, host.owner, challenge.selected[0].company.owner]) {
      assert.equal((await http().get(`/events/${event.id}/collaborations/${ids.projectId}`).set(actor.auth)).status, 200);
    }
  });

  it('POST /events/:eventId/collaborations/:projectId/stages: organizers and the host company', async () => {
    await checkMatrix(
      { method: 'post', path: (p) => `/events/${p.eventId}/collaborations/${p.projectId}/stages`, body: { stage: 'dropped' }, params: ['projectId'] },
      onlyTheParties,
    );
    const unchanged = await snapshot();
    assertProblem(
      await http().post(`/events/${event.id}/collaborations/${ids.projectId}/stages`).set(challenge.selected[0].company.owner.auth).send({ stage: 'dropped' }),
      403,
      'forbidden',
    );
    assert.deepEqual(await snapshot(), unchanged);
  });

  it('GET /organizations/:organizationId/collaborations: members of the company only', async () => {
    await checkMatrix({ method: 'get', path: (p) => `/organizations/${p.organizationId}/collaborations`, params: ['organizationId'] }, onlyTheParties);
    assertProblem(await http().get(`/organizations/${host.organizationId}/collaborations`).set(organizer.auth), 404, 'not_found');
    assert.equal((await http().get(`/organizations/${host.organizationId}/collaborations`).set(host.owner.auth)).body.length, 1);
  });
});
