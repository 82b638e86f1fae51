import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { Actor, addEventMember, assertProblem, createEvent, registerActor } from '../support/actors';
import { startTestApp, TestApp } from '../support/test-app';

const MALFORMED_ID = 'not-a-uuid';

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
type CallerName = 'anonymous' | 'outsider' | 'startup' | 'investor' | 'expert' | 'otherOrganizer' | 'organizer';
type Expected = Partial<Record<CallerName, [number, string?]>>;

interface Ids {
  eventId: string;
  sessionId: string;
  userId: string;
}

interface SessionRef {
  id: string;
  title: string;
}

interface World {
  organizer: Actor;
  startup: Actor;
  investor: Actor;
  expert: Actor;
  outsider: Actor;
  otherOrganizer: Actor;
  eventId: string;
  otherEventId: string;
  /** In every title and party name of this world. */
  tag: string;
  /** Public, capacity 10. */
  open: SessionRef;
  /** Members only. */
  members: SessionRef;
  /** Invited: the expert speaks, the investor was invited by the organizer. */
  invited: SessionRef;
  /** A members session of the other event. */
  foreign: SessionRef;
}

interface RouteCase {
  method: Method;
  path: (ids: Ids) => string;
  body?: (w: World) => Record<string, unknown>;
}

function callers(w: World): Record<CallerName, Actor | undefined> {
  return {
    anonymous: undefined,
    outsider: w.outsider,
    startup: w.startup,
    investor: w.investor,
    expert: w.expert,
    otherOrganizer: w.otherOrganizer,
    organizer: w.organizer,
  };
}

/** Nothing of a session the caller may not see, nor anyone's email, in a refusal. */
function assertNoLeak(w: World, body: unknown, hidden: SessionRef[] = [w.members, w.invited, w.foreign]): void {
  const text = JSON.stringify(typeof body === 'object' && body !== null ? { ...body, instance: undefined } : body);
  const secrets = [...hidden.map((ref) => ref.title), `Secret partner ${w.tag}`, w.organizer.email, w.investor.email, w.expert.email, w.startup.email];
  for (const secret of secrets) assert.ok(!text.includes(secret), `response leaks ${secret}: ${text}`);
}

const forOrganizers = (success: number): Expected => ({
  anonymous: [401, 'unauthenticated'],
  outsider: [404, 'not_found'],
  startup: [403, 'forbidden'],
  investor: [403, 'forbidden'],
  expert: [403, 'forbidden'],
  otherOrganizer: [404, 'not_found'],
  organizer: [success],
});

const targetIds = (w: World, sessionId: string, userId = ''): Ids => ({ eventId: w.eventId, sessionId, userId });

/**
 * Who gets what on every agenda route. Anonymous callers 401 on private routes; people outside the event, and
 * organizers of other events, 404 as if nothing existed; members without the organizer role 403 on organizer
 * routes; sessions a caller may not see (members-only for non-members, invited for anyone not organizing, speaking
 * or invited) 404 everywhere, with nothing of them in the answer; malformed ids 404. A refused request changes nothing.
 */
describe('access to the agenda', () => {
  let testApp: TestApp;
  let dataSource: DataSource;

  before(async () => {
    testApp = await startTestApp();
    dataSource = testApp.app.get(DataSource);
  });
  after(async () => {
    await testApp.close();
  });

  async function session(organizer: Actor, eventId: string, title: string, body: Record<string, unknown>): Promise<SessionRef> {
    const response = await testApp
      .http()
      .post(`/events/${eventId}/sessions`)
      .set(organizer.auth)
      .send({ titleEn: title, kind: 'panel', startsAt: '2023-11-08T10:00', endsAt: '2023-11-08T11:00', ...body });
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return { id: response.body.id, title };
  }

  async function world(status = 'published'): Promise<World> {
    const [organizer, startup, investor, expert, outsider, otherOrganizer] = await Promise.all(
      ['Organizer', 'Startup', 'Investor', 'Expert', 'Outsider', 'Other organizer'].map((name) => registerActor(testApp, { name })),
    );
    const tag = randomBytes(4).toString('hex');
    const event = await createEvent(testApp, organizer, { status });
    const otherEvent = await createEvent(testApp, otherOrganizer);
    await addEventMember(testApp, event.id, organizer, startup, 'startup');
    await addEventMember(testApp, event.id, organizer, investor, 'investor');
    await addEventMember(testApp, event.id, organizer, expert, 'expert');
    const open = await session(organizer, event.id, `Open forum ${tag}`, { capacity: 10 });
    const members = await session(organizer, event.id, `Members briefing ${tag}`, { visibility: 'members' });
    const invited = await session(organizer, event.id, `VIP roundtable ${tag}`, {
      visibility: 'invited',
      kind: 'roundtable',
      startsAt: '2023-11-08T12:00',
      endsAt: '2023-11-08T13:00',
      speakers: [{ userId: expert.id }],
      parties: [{ role: 'signatory', name: `Secret partner ${tag}`, country: 'FR' }],
    });
    const invitation = await testApp.http().post(`/events/${event.id}/sessions/${invited.id}/registrations`).set(organizer.auth).send({ userId: investor.id });
    assert.equal(invitation.status, 201, JSON.stringify(invitation.body));
    const foreign = await session(otherOrganizer, otherEvent.id, `Foreign session ${tag}`, { visibility: 'members' });
    return { organizer, startup, investor, expert, outsider, otherOrganizer, eventId: event.id, otherEventId: otherEvent.id, tag, open, members, invited, foreign };
  }

  /** Everything a refused request could have changed. */
  async function snapshot(w: World): Promise<unknown> {
    const events = [w.eventId, w.otherEventId];
    const sessions = `SELECT id FROM agenda_sessions WHERE event_id = ANY($1)`;
    return {
      sessions: await dataSource.query(`SELECT * FROM agenda_sessions WHERE event_id = ANY($1) ORDER BY id`, [events]),
      speakers: await dataSource.query(`SELECT * FROM session_speakers WHERE session_id IN (${sessions}) ORDER BY id`, [events]),
      parties: await dataSource.query(`SELECT * FROM session_parties WHERE session_id IN (${sessions}) ORDER BY id`, [events]),
      registrations: await dataSource.query(`SELECT * FROM session_registrations WHERE session_id IN (${sessions}) ORDER BY session_id, user_id`, [events]),
    };
  }

  function send(route: RouteCase, w: World, ids: Ids, caller: Actor | undefined) {
    let request = testApp.http()[route.method](route.path(ids));
    if (caller) request = request.set(caller.auth);
    return route.body ? request.send(route.body(w)) : request;
  }

  /**
   * Runs the route as each caller (the organizer last, as theirs may be the one that succeeds and changes things),
   * then with malformed ids and across events.
   */
  async function checkRoute(w: World, route: RouteCase, ids: Ids, expected: Expected): Promise<void> {
    const everyone = callers(w);
    const order: CallerName[] = ['anonymous', 'outsider', 'startup', 'investor', 'expert', 'otherOrganizer'];
    for (const name of order) {
      const expectation = expected[name];
      if (expectation) await expect(name, everyone[name], ids, expectation);
    }

    // Malformed ids, for the organizer who could otherwise do it.
    for (const key of ['eventId', 'sessionId', 'userId'] as const) {
      const malformed = { ...ids, [key]: MALFORMED_ID };
      if (route.path(malformed) === route.path(ids)) continue;
      const snapshotBefore = await snapshot(w);
      const response = await send(route, w, malformed, w.organizer);
      assertProblem(response, 404, 'not_found');
      assert.deepEqual(await snapshot(w), snapshotBefore);
    }

    if (route.path({ ...ids, sessionId: 'x' }) !== route.path(ids)) {
      // Another event's organizer, reaching this event's session through their own event; and this event's organizer
      // reaching the other event's session through this one.
      for (const [caller, crossed] of [
        [w.otherOrganizer, { ...ids, eventId: w.otherEventId }],
        [w.organizer, { ...ids, sessionId: w.foreign.id }],
        [w.organizer, { ...ids, eventId: w.otherEventId }],
      ] as const) {
        const snapshotBefore = await snapshot(w);
        const response = await send(route, w, crossed, caller);
        assertProblem(response, 404, 'not_found');
        assertNoLeak(w, response.body);
        assert.deepEqual(await snapshot(w), snapshotBefore, 'a cross-event request changed something');
      }
    }

    if (expected.organizer) await expect('organizer', w.organizer, ids, expected.organizer);

    async function expect(name: CallerName, caller: Actor | undefined, target: Ids, [status, code]: [number, string?]): Promise<void> {
      const snapshotBefore = await snapshot(w);
      const response = await send(route, w, target, caller);
      if (code) assertProblem(response, status, code);
      else assert.equal(response.status, status, `${name}: ${JSON.stringify(response.body)}`);
      if (status >= 400) {
        assertNoLeak(w, response.body);
        assert.deepEqual(await snapshot(w), snapshotBefore, `${name}: a refused request changed something`);
      }
    }
  }

  it('POST /events/:eventId/sessions: organizers only', async () => {
    const w = await world();
    await checkRoute(
      w,
      {
        method: 'post',
        path: ({ eventId }) => `/events/${eventId}/sessions`,
        body: () => ({ titleEn: 'Sneaky', kind: 'panel', startsAt: '2023-11-09T10:00', endsAt: '2023-11-09T11:00' }),
      },
      targetIds(w, ''),
      forOrganizers(201),
    );
  });

  it('GET /events/:eventId/sessions: each caller sees only the sessions they may', async () => {
    const w = await world();
    const seen = async (caller: Actor | undefined, eventId = w.eventId): Promise<string[]> => {
      const request = testApp.http().get(`/events/${eventId}/sessions`);
      const response = caller ? await request.set(caller.auth) : await request;
      assert.equal(response.status, 200, JSON.stringify(response.body));
      return response.body.map((item: { titleEn: string }) => item.titleEn).sort();
    };
    const publicOnly = [w.open.title];
    assert.deepEqual(await seen(undefined), publicOnly);
    assert.deepEqual(await seen(w.outsider), publicOnly);
    assert.deepEqual(await seen(w.otherOrganizer), publicOnly);
    assert.deepEqual(await seen(w.startup), [w.members.title, w.open.title].sort());
    assert.deepEqual(await seen(w.investor), [w.members.title, w.open.title, w.invited.title].sort());
    assert.deepEqual(await seen(w.expert), [w.members.title, w.open.title, w.invited.title].sort());
    assert.deepEqual(await seen(w.organizer), [w.members.title, w.open.title, w.invited.title].sort());
    // The other event's members session is not shown here, nor there to this event's organizer.
    assert.deepEqual(await seen(w.organizer, w.otherEventId), []);
    for (const caller of [undefined, w.outsider, w.otherOrganizer]) {
      const request = testApp.http().get(`/events/${w.eventId}/sessions`);
      assertNoLeak(w, (caller ? await request.set(caller.auth) : await request).body);
    }
    assertProblem(await testApp.http().get(`/events/${MALFORMED_ID}/sessions`), 404, 'not_found');
    assertProblem(await testApp.http().get(`/events/${w.eventId}/sessions?track=${'x'.repeat(101)}`), 400, 'validation_failed');
  });

  it('GET /events/:eventId/sessions/:sessionId: public for all, members for members, invited for its people', async () => {
    const w = await world();
    const route: RouteCase = { method: 'get', path: ({ eventId, sessionId }) => `/events/${eventId}/sessions/${sessionId}` };
    await checkRoute(w, route, targetIds(w, w.open.id), {
      anonymous: [200],
      outsider: [200],
      startup: [200],
      investor: [200],
      expert: [200],
      otherOrganizer: [200],
      organizer: [200],
    });
    await checkRoute(w, route, targetIds(w, w.members.id), {
      anonymous: [404, 'not_found'],
      outsider: [404, 'not_found'],
      startup: [200],
      investor: [200],
      expert: [200],
      otherOrganizer: [404, 'not_found'],
      organizer: [200],
    });
    await checkRoute(w, route, targetIds(w, w.invited.id), {
      anonymous: [404, 'not_found'],
      outsider: [404, 'not_found'],
      startup: [404, 'not_found'],
      investor: [200],
      expert: [200],
      otherOrganizer: [404, 'not_found'],
      organizer: [200],
    });
    // A session that does not exist answers exactly like one that is hidden.
    const missing = await testApp.http().get(`/events/${w.eventId}/sessions/${randomUuid()}`).set(w.startup.auth);
    const hidden = await testApp.http().get(`/events/${w.eventId}/sessions/${w.invited.id}`).set(w.startup.auth);
    assert.deepEqual(strip(missing.body), strip(hidden.body));
  });

  it('PATCH /events/:eventId/sessions/:sessionId: organizers only', async () => {
    const w = await world();
    const route: RouteCase = { method: 'patch', path: ({ eventId, sessionId }) => `/events/${eventId}/sessions/${sessionId}`, body: () => ({ titleEn: 'Hijacked' }) };
    await checkRoute(w, route, targetIds(w, w.members.id), forOrganizers(200));
    await checkRoute(w, route, targetIds(w, w.invited.id), forOrganizers(200));
  });

  it('DELETE /events/:eventId/sessions/:sessionId: organizers only', async () => {
    const w = await world();
    const route: RouteCase = { method: 'delete', path: ({ eventId, sessionId }) => `/events/${eventId}/sessions/${sessionId}` };
    await checkRoute(w, route, targetIds(w, w.invited.id), forOrganizers(204));
    await checkRoute(w, route, targetIds(w, w.open.id), forOrganizers(204));
  });

  it('PUT /events/:eventId/sessions/:sessionId/speakers: organizers only', async () => {
    const w = await world();
    await checkRoute(
      w,
      {
        method: 'put',
        path: ({ eventId, sessionId }) => `/events/${eventId}/sessions/${sessionId}/speakers`,
        body: () => ({ speakers: [{ guestName: 'Hijacker' }] }),
      },
      targetIds(w, w.invited.id),
      forOrganizers(200),
    );
  });

  it('PUT /events/:eventId/sessions/:sessionId/parties: organizers only', async () => {
    const w = await world();
    await checkRoute(
      w,
      {
        method: 'put',
        path: ({ eventId, sessionId }) => `/events/${eventId}/sessions/${sessionId}/parties`,
        body: () => ({ parties: [{ role: 'signatory', name: 'Hijacker' }] }),
      },
      targetIds(w, w.members.id),
      forOrganizers(200),
    );
  });

  it('POST /events/:eventId/sessions/:sessionId/registration: who may register themselves', async () => {
    const w = await world();
    const route: RouteCase = { method: 'post', path: ({ eventId, sessionId }) => `/events/${eventId}/sessions/${sessionId}/registration` };
    await checkRoute(w, route, targetIds(w, w.open.id), {
      anonymous: [401, 'unauthenticated'],
      outsider: [201],
      startup: [201],
      investor: [201],
      expert: [201],
      otherOrganizer: [201],
      organizer: [201],
    });
    await checkRoute(w, route, targetIds(w, w.members.id), {
      anonymous: [401, 'unauthenticated'],
      outsider: [404, 'not_found'],
      startup: [201],
      investor: [201],
      expert: [201],
      otherOrganizer: [404, 'not_found'],
      organizer: [201],
    });
    await checkRoute(w, route, targetIds(w, w.invited.id), {
      anonymous: [401, 'unauthenticated'],
      outsider: [404, 'not_found'],
      startup: [404, 'not_found'],
      investor: [409, 'already_registered'],
      // The speaker sees the session but, like any non-organizer, cannot add themselves.
      expert: [403, 'forbidden'],
      otherOrganizer: [404, 'not_found'],
      organizer: [201],
    });
  });

  it('DELETE /events/:eventId/sessions/:sessionId/registration: only your own, only what you may see', async () => {
    const w = await world();
    const route: RouteCase = { method: 'delete', path: ({ eventId, sessionId }) => `/events/${eventId}/sessions/${sessionId}/registration` };
    for (const actor of [w.outsider, w.startup, w.otherOrganizer]) {
      assert.equal((await testApp.http().post(`/events/${w.eventId}/sessions/${w.open.id}/registration`).set(actor.auth)).status, 201);
    }
    await checkRoute(w, route, targetIds(w, w.invited.id), {
      anonymous: [401, 'unauthenticated'],
      outsider: [404, 'not_found'],
      startup: [404, 'not_found'],
      investor: [204],
      expert: [404, 'not_found'],
      otherOrganizer: [404, 'not_found'],
      organizer: [404, 'not_found'],
    });
    await checkRoute(w, route, targetIds(w, w.open.id), {
      anonymous: [401, 'unauthenticated'],
      outsider: [204],
      startup: [204],
      investor: [404, 'not_found'],
      otherOrganizer: [204],
    });
    assert.equal((await dataSource.query('SELECT registered_count FROM agenda_sessions WHERE id = $1', [w.open.id]))[0].registered_count, 0);
  });

  it('GET /events/:eventId/sessions/:sessionId/registrations: organizers only', async () => {
    const w = await world();
    const route: RouteCase = { method: 'get', path: ({ eventId, sessionId }) => `/events/${eventId}/sessions/${sessionId}/registrations` };
    await checkRoute(w, route, targetIds(w, w.invited.id), forOrganizers(200));
  });

  it('POST /events/:eventId/sessions/:sessionId/registrations: organizers only', async () => {
    const w = await world();
    await checkRoute(
      w,
      {
        method: 'post',
        path: ({ eventId, sessionId }) => `/events/${eventId}/sessions/${sessionId}/registrations`,
        body: (current) => ({ userId: current.startup.id }),
      },
      targetIds(w, w.invited.id),
      forOrganizers(201),
    );
  });

  it('POST /events/:eventId/sessions/:sessionId/registrations/:userId/promote: organizers only', async () => {
    const w = await world();
    await checkRoute(
      w,
      { method: 'post', path: ({ eventId, sessionId, userId }) => `/events/${eventId}/sessions/${sessionId}/registrations/${userId}/promote` },
      targetIds(w, w.invited.id, w.investor.id),
      forOrganizers(200),
    );
  });

  it('DELETE /events/:eventId/sessions/:sessionId/registrations/:userId: organizers only', async () => {
    const w = await world();
    await checkRoute(
      w,
      { method: 'delete', path: ({ eventId, sessionId, userId }) => `/events/${eventId}/sessions/${sessionId}/registrations/${userId}` },
      targetIds(w, w.invited.id, w.investor.id),
      forOrganizers(204),
    );
  });

  it('GET /events/:eventId/agreements-and-awards: organizers only', async () => {
    const w = await world();
    await checkRoute(w, { method: 'get', path: ({ eventId }) => `/events/${eventId}/agreements-and-awards` }, targetIds(w, ''), forOrganizers(200));
  });

  it('GET /events/:eventId/agenda/mine and GET /agenda/mine: your own sessions only', async () => {
    const w = await world();
    await checkRoute(w, { method: 'get', path: ({ eventId }) => `/events/${eventId}/agenda/mine` }, targetIds(w, ''), {
      anonymous: [401, 'unauthenticated'],
      outsider: [200],
      startup: [200],
      investor: [200],
      expert: [200],
      otherOrganizer: [200],
      organizer: [200],
    });
    const mine = async (caller: Actor, path = `/events/${w.eventId}/agenda/mine`) => {
      const response = await testApp.http().get(path).set(caller.auth);
      assert.equal(response.status, 200);
      return response;
    };
    assert.deepEqual((await mine(w.investor)).body.map((item: { id: string }) => item.id), [w.invited.id]);
    assert.deepEqual((await mine(w.expert)).body.map((item: { id: string; speaking: boolean }) => [item.id, item.speaking]), [[w.invited.id, true]]);
    for (const caller of [w.outsider, w.startup, w.otherOrganizer, w.organizer]) {
      const response = await mine(caller);
      assert.deepEqual(response.body, []);
    }
    assertProblem(await testApp.http().get('/agenda/mine'), 401, 'unauthenticated');
    assert.deepEqual((await mine(w.investor, '/agenda/mine')).body.map((item: { id: string }) => item.id), [w.invited.id]);
    const otherOrganizers = await mine(w.otherOrganizer, '/agenda/mine');
    assert.deepEqual(otherOrganizers.body, []);
    assertNoLeak(w, (await mine(w.outsider, '/agenda/mine')).body);
  });

  it('a draft event: its agenda is for its organizers only; its members are told 404 like everyone else', async () => {
    const w = await world('draft');
    const routes: Array<[Method, string]> = [
      ['get', `/events/${w.eventId}/sessions`],
      ['get', `/events/${w.eventId}/sessions/${w.open.id}`],
      ['get', `/events/${w.eventId}/sessions/${w.members.id}`],
      ['get', `/events/${w.eventId}/sessions/${w.invited.id}`],
      ['post', `/events/${w.eventId}/sessions/${w.open.id}/registration`],
      ['delete', `/events/${w.eventId}/sessions/${w.invited.id}/registration`],
      ['get', `/events/${w.eventId}/agenda/mine`],
    ];
    for (const [method, path] of routes) {
      for (const caller of [undefined, w.outsider, w.startup, w.investor, w.expert, w.otherOrganizer]) {
        const snapshotBefore = await snapshot(w);
        const request = testApp.http()[method](path);
        const response = caller ? await request.set(caller.auth) : await request;
        if (!caller && method !== 'get') assertProblem(response, 401, 'unauthenticated');
        else if (!caller && path.endsWith('/agenda/mine')) assertProblem(response, 401, 'unauthenticated');
        else assertProblem(response, 404, 'not_found');
        assertNoLeak(w, response.body, [w.open, w.members, w.invited]);
        assert.deepEqual(await snapshot(w), snapshotBefore);
      }
    }
    // Nor does the personal agenda across events show the draft's sessions to its speaker or invitee.
    assert.deepEqual((await testApp.http().get('/agenda/mine').set(w.investor.auth)).body, []);
    assert.deepEqual((await testApp.http().get('/agenda/mine').set(w.expert.auth)).body, []);
    const organizers = await testApp.http().get(`/events/${w.eventId}/sessions`).set(w.organizer.auth);
    assert.equal(organizers.body.length, 3);
  });

  it('a speaker must be a member of the event, and an organizer of another event cannot be one', async () => {
    const w = await world();
    const response = await testApp
      .http()
      .put(`/events/${w.eventId}/sessions/${w.open.id}/speakers`)
      .set(w.organizer.auth)
      .send({ speakers: [{ userId: w.otherOrganizer.id }] });
    assertProblem(response, 400, 'validation_failed');
    assert.deepEqual(response.body.errors.map((error: { field: string }) => error.field), ['speakers.0.userId']);
  });
});

function randomUuid(): string {
  const hex = randomBytes(16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A problem without the parts that differ per request. */
function strip(body: Record<string, unknown>): Record<string, unknown> {
  return { ...body, instance: undefined, requestId: undefined };
}
