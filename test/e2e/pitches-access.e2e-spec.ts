import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { Actor, assertProblem, registerActor } from '../support/actors';
import { decidedCall } from '../support/call-fixtures';
import { addEventRoleRow, addParticipant, addParticipantRow, ConsultationWorld, createConsultationWorld, createRoundRow } from '../support/consultation-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

// ---------------------------------------------------------------------------------------------------------------
// Who gets what on every route of IR pitch sessions. Members of the event see running orders; organizers manage them
// and see the interest figures; investors of the event rate and ask to meet; anyone else, and anything addressed
// through another event, gets 404. A refused request changes nothing and shows nothing.
// ---------------------------------------------------------------------------------------------------------------

const MALFORMED_ID = 'not-a-uuid';

type Method = 'get' | 'post' | 'patch' | 'put';
type CallerName = 'anonymous' | 'outsider' | 'startup' | 'otherInvestor' | 'otherOrganizer';
type Expected = Record<CallerName, [number, string?]>;

interface Ids {
  eventId: string;
  pitchSessionId: string;
  pitchSlotId: string;
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
  const result: Record<string, unknown> = {};
  for (const table of ['pitch_sessions', 'pitch_slots', 'pitch_ratings', 'pitch_interests', 'meeting_requests']) {
    result[table] = await dataSource.query(`SELECT * FROM ${table} ORDER BY 1, 2`);
  }
  return result;
}

function send(route: RouteCase, routeIds: Ids, caller?: Actor) {
  let request = http()[route.method](route.path(routeIds));
  if (caller) request = request.set(caller.auth);
  return route.body ? request.send(route.body) : request;
}

interface PitchWorld {
  world: ConsultationWorld;
  ids: Ids;
  startup: Actor;
  investor: Actor;
  applicationIds: string[];
}

/** An event with a published IR call of two selected startups (guests of its programme), a pitch session and an investor. */
async function pitchWorld(): Promise<PitchWorld> {
  const world = await createConsultationWorld(testApp);
  const { call, selected } = await decidedCall(testApp, world.organizer, world.eventId, { kind: 'ir_pitch' }, { selected: 2, rejected: 0 });
  for (const { company } of selected) {
    await addParticipantRow(testApp, world.eventId, world.programmeId, company.owner.id, 'guest', { organizationId: company.organizationId });
  }
  const round = await createRoundRow(testApp, world.eventId, world.programmeId, { initiator: 'both' });
  const session = await http()
    .post(`/events/${world.eventId}/sessions`)
    .set(world.organizer.auth)
    .send({ kind: 'ir_pitch', titleEn: 'IR pitches', startsAt: '2023-04-28T17:30', endsAt: '2023-04-28T18:30' });
  const pitchSession = await http()
    .post(`/events/${world.eventId}/pitch-sessions`)
    .set(world.organizer.auth)
    .send({ agendaSessionId: session.body.id, callId: call.id, consultationRoundId: round.id });
  assert.equal(pitchSession.status, 201, JSON.stringify(pitchSession.body));
  const applicationIds = selected.map((startup) => startup.applicationId);
  const ordered = await http()
    .put(`/events/${world.eventId}/pitch-sessions/${pitchSession.body.id}/running-order`)
    .set(world.organizer.auth)
    .send({ applicationIds });
  assert.equal(ordered.status, 200, JSON.stringify(ordered.body));
  const investor = await addParticipant(testApp, world, 'host', { name: 'Investor' });
  return {
    world,
    ids: { eventId: world.eventId, pitchSessionId: pitchSession.body.id, pitchSlotId: ordered.body.slots[0].id },
    startup: selected[0].company.owner,
    investor,
    applicationIds,
  };
}

describe('access to IR pitch sessions', () => {
  let here: PitchWorld;
  let there: PitchWorld;
  let outsider: Actor;
  const secrets = { note: 'Secret note of the investor: founders oversell' };

  before(async () => {
    testApp = await startTestApp();
    dataSource = testApp.app.get(DataSource);
    here = await pitchWorld();
    there = await pitchWorld();
    outsider = await registerActor(testApp, { name: 'Outsider' });
    const rated = await http().put(`/events/${here.ids.eventId}/pitch-slots/${here.ids.pitchSlotId}/rating`).set(here.investor.auth).send({ score: 4, note: secrets.note });
    assert.equal(rated.status, 200, JSON.stringify(rated.body));
  });
  after(async () => {
    await testApp.close();
  });

  function callers(): Record<CallerName, Actor | undefined> {
    return { anonymous: undefined, outsider, startup: here.startup, otherInvestor: there.investor, otherOrganizer: there.world.organizer };
  }

  function assertNoLeak(body: unknown): void {
    const text = JSON.stringify({ ...(body as Record<string, unknown>), instance: undefined });
    assert.ok(!text.includes(secrets.note), `response leaks the note: ${text}`);
    if (!text.includes('"slots"')) assert.ok(!text.includes(here.ids.pitchSlotId), `response leaks a slot id: ${text}`);
  }

  /** Who may use a route, in each event: the organizer, an investor, or (for reads) any member. */
  type Insider = 'organizer' | 'investor';
  const insider = (world: PitchWorld, who: Insider): Actor => (who === 'organizer' ? world.world.organizer : world.investor);

  /**
   * Each caller; then this event's organizer with each path id malformed; then the other event's insider through their
   * own event, and this event's insider with the other event's ids: all 404. Nothing changes.
   */
  async function checkMatrix(route: RouteCase, expected: Expected, who: Insider = 'organizer'): Promise<void> {
    const unchanged = await snapshot();
    for (const [name, caller] of Object.entries(callers()) as Array<[CallerName, Actor | undefined]>) {
      const [status, code] = expected[name];
      const response = await send(route, here.ids, caller);
      if (code) {
        assertProblem(response, status, code);
      } else {
        assert.equal(response.status, status, `${name}: ${JSON.stringify(response.body)}`);
      }
      assertNoLeak(response.body);
    }
    for (const param of ['eventId', ...route.params] as Array<keyof Ids>) {
      assertProblem(await send(route, { ...here.ids, [param]: MALFORMED_ID }, insider(here, who)), 404, 'not_found');
    }
    if (route.params.length > 0) {
      const crossed = await send(route, { ...here.ids, eventId: there.ids.eventId }, insider(there, who));
      assertProblem(crossed, 404, 'not_found');
      assertNoLeak(crossed.body);
      for (const param of route.params) {
        assertProblem(await send(route, { ...here.ids, [param]: there.ids[param] }, insider(here, who)), 404, 'not_found');
      }
    }
    assert.deepEqual(await snapshot(), unchanged, 'a refused request changed something');
  }

  const forOrganizers: Expected = {
    anonymous: [401, 'unauthenticated'],
    outsider: [404, 'not_found'],
    startup: [403, 'forbidden'],
    otherInvestor: [404, 'not_found'],
    otherOrganizer: [404, 'not_found'],
  };
  const forMembers: Expected = {
    anonymous: [401, 'unauthenticated'],
    outsider: [404, 'not_found'],
    startup: [200],
    otherInvestor: [404, 'not_found'],
    otherOrganizer: [404, 'not_found'],
  };

  it('POST /events/:eventId/pitch-sessions: organizers only', async () => {
    await checkMatrix({ method: 'post', path: (p) => `/events/${p.eventId}/pitch-sessions`, body: { agendaSessionId: MALFORMED_ID }, params: [] }, {
      ...forOrganizers,
      // A malformed body is checked before anything else, for members and non-members alike.
      outsider: [400, 'validation_failed'],
      startup: [400, 'validation_failed'],
      otherInvestor: [400, 'validation_failed'],
      otherOrganizer: [400, 'validation_failed'],
    });
    const session = await http().get(`/events/${here.ids.eventId}/pitch-sessions/${here.ids.pitchSessionId}`).set(here.world.organizer.auth);
    await checkMatrix(
      {
        method: 'post',
        path: (p) => `/events/${p.eventId}/pitch-sessions`,
        body: { agendaSessionId: session.body.agendaSessionId, callId: session.body.callId },
        params: [],
      },
      forOrganizers,
    );
  });

  it('GET /events/:eventId/pitch-sessions: members of the event', async () => {
    await checkMatrix({ method: 'get', path: (p) => `/events/${p.eventId}/pitch-sessions`, params: [] }, forMembers);
  });

  it('GET /events/:eventId/pitch-sessions/:pitchSessionId: members; ratings are private to each investor', async () => {
    await checkMatrix({ method: 'get', path: (p) => `/events/${p.eventId}/pitch-sessions/${p.pitchSessionId}`, params: ['pitchSessionId'] }, forMembers);
    const own = await http().get(`/events/${here.ids.eventId}/pitch-sessions/${here.ids.pitchSessionId}`).set(here.investor.auth);
    assert.equal(own.body.slots[0].myRating, 4);
    const colleague = await addParticipant(testApp, here.world, 'host');
    const theirs = await http().get(`/events/${here.ids.eventId}/pitch-sessions/${here.ids.pitchSessionId}`).set(colleague.auth);
    assert.equal(theirs.body.slots[0].myRating, null);
  });

  it('PATCH /events/:eventId/pitch-sessions/:pitchSessionId: organizers only', async () => {
    await checkMatrix(
      { method: 'patch', path: (p) => `/events/${p.eventId}/pitch-sessions/${p.pitchSessionId}`, body: { qaMinutes: 5 }, params: ['pitchSessionId'] },
      forOrganizers,
    );
    assertProblem(
      await http().patch(`/events/${here.ids.eventId}/pitch-sessions/${here.ids.pitchSessionId}`).set(here.investor.auth).send({ qaMinutes: 5 }),
      403,
      'forbidden',
    );
    // Another event's round is not this session's to link.
    const unchanged = await snapshot();
    const foreignRound = await createRoundRow(testApp, there.ids.eventId, there.world.programmeId);
    assertProblem(
      await http().patch(`/events/${here.ids.eventId}/pitch-sessions/${here.ids.pitchSessionId}`).set(here.world.organizer.auth).send({ consultationRoundId: foreignRound.id }),
      400,
      'validation_failed',
    );
    assert.deepEqual(await snapshot(), unchanged);
  });

  it('PUT /events/:eventId/pitch-sessions/:pitchSessionId/running-order: organizers only; another event\'s startups are refused', async () => {
    await checkMatrix(
      {
        method: 'put',
        path: (p) => `/events/${p.eventId}/pitch-sessions/${p.pitchSessionId}/running-order`,
        body: { applicationIds: here.applicationIds.toReversed() },
        params: ['pitchSessionId'],
      },
      forOrganizers,
    );
    const unchanged = await snapshot();
    assertProblem(
      await http()
        .put(`/events/${here.ids.eventId}/pitch-sessions/${here.ids.pitchSessionId}/running-order`)
        .set(here.world.organizer.auth)
        .send({ applicationIds: [...here.applicationIds, there.applicationIds[1]] }),
      400,
      'validation_failed',
    );
    assert.deepEqual(await snapshot(), unchanged);
  });

  it('GET /events/:eventId/pitch-sessions/:pitchSessionId/interest: organizers only', async () => {
    await checkMatrix(
      { method: 'get', path: (p) => `/events/${p.eventId}/pitch-sessions/${p.pitchSessionId}/interest`, params: ['pitchSessionId'] },
      forOrganizers,
    );
    assertProblem(await http().get(`/events/${here.ids.eventId}/pitch-sessions/${here.ids.pitchSessionId}/interest`).set(here.investor.auth), 403, 'forbidden');
  });

  const forInvestors: Expected = {
    anonymous: [401, 'unauthenticated'],
    outsider: [404, 'not_found'],
    startup: [403, 'forbidden'],
    otherInvestor: [404, 'not_found'],
    otherOrganizer: [404, 'not_found'],
  };

  it('PUT /events/:eventId/pitch-slots/:pitchSlotId/rating: investors of the event only', async () => {
    await checkMatrix({ method: 'put', path: (p) => `/events/${p.eventId}/pitch-slots/${p.pitchSlotId}/rating`, body: { score: 1 }, params: ['pitchSlotId'] }, forInvestors, 'investor');
    // The organizer is no investor.
    assertProblem(await http().put(`/events/${here.ids.eventId}/pitch-slots/${here.ids.pitchSlotId}/rating`).set(here.world.organizer.auth).send({ score: 1 }), 403, 'forbidden');
  });

  it('PUT /events/:eventId/pitch-slots/:pitchSlotId/interest: investors of the event only', async () => {
    await checkMatrix({ method: 'put', path: (p) => `/events/${p.eventId}/pitch-slots/${p.pitchSlotId}/interest`, body: {}, params: ['pitchSlotId'] }, forInvestors, 'investor');
    // An investor of the event who is a member elsewhere too gets nowhere through the other event.
    await addEventRoleRow(testApp, there.ids.eventId, here.investor.id, 'investor');
    const unchanged = await snapshot();
    assertProblem(await http().put(`/events/${there.ids.eventId}/pitch-slots/${here.ids.pitchSlotId}/interest`).set(here.investor.auth).send({}), 404, 'not_found');
    assert.deepEqual(await snapshot(), unchanged);
    const wanted = await http().put(`/events/${here.ids.eventId}/pitch-slots/${here.ids.pitchSlotId}/interest`).set(here.investor.auth).send({});
    assert.equal(wanted.status, 200, JSON.stringify(wanted.body));
  });
});
