import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { Actor, actorFrom, addEventMember, assertProblem, createEvent, DEFAULT_PASSWORD, registerActor } from '../support/actors';
import { startTestApp, TestApp } from '../support/test-app';

const MALFORMED_ID = 'not-a-uuid';

type Method = 'get' | 'patch' | 'post' | 'delete';
type CallerName = 'anonymous' | 'outsider' | 'startup' | 'investor' | 'otherOrganizer';

interface World {
  organizer: Actor;
  investor: Actor;
  startup: Actor;
  outsider: Actor;
  otherOrganizer: Actor;
  event: { id: string; slug: string; name: string };
  otherEvent: { id: string; slug: string };
  invitation: { id: string; email: string; token: string };
  otherInvitation: { id: string; email: string; token: string };
}

interface RouteCase {
  method: Method;
  path: (ids: { eventId: string; userId: string; invitationId: string }) => string;
  body?: Record<string, unknown>;
}

/** Asserts the refusal carries nothing of the event: no name, no member's email, no invitation. */
function assertNoLeak(w: World, body: Record<string, unknown>): void {
  // `instance` only echoes the path the caller sent.
  const text = JSON.stringify({ ...body, instance: undefined });
  for (const secret of [w.event.name, w.organizer.email, w.investor.email, w.startup.email, w.invitation.email, w.invitation.id, w.otherInvitation.email]) {
    assert.ok(!text.includes(secret), `response leaks ${secret}: ${text}`);
  }
}

/** Organizers-only routes: members in other roles learn they lack the role (403); outsiders learn nothing (404). */
const FOR_ORGANIZERS: Record<CallerName, [number, string?]> = {
  anonymous: [401, 'unauthenticated'],
  outsider: [404, 'not_found'],
  startup: [403, 'forbidden'],
  investor: [403, 'forbidden'],
  otherOrganizer: [404, 'not_found'],
};

/**
 * Who gets what on every route that loads an event's record: anonymous callers 401 on private routes; people
 * outside the event, including organizers of other events, 404 as if it did not exist; members without the
 * organizer role 403 where the route is for organizers; malformed ids 404. Nothing of the event shows in a refusal,
 * and a refused request changes nothing.
 */
describe('access to events, members and invitations', () => {
  let testApp: TestApp;
  let dataSource: DataSource;

  before(async () => {
    testApp = await startTestApp();
    dataSource = testApp.app.get(DataSource);
  });
  after(async () => {
    await testApp.close();
  });

  async function world(status = 'published'): Promise<World> {
    const [organizer, investor, startup, outsider, otherOrganizer] = await Promise.all([
      registerActor(testApp, { name: 'Organizer' }),
      registerActor(testApp, { name: 'Investor' }),
      registerActor(testApp, { name: 'Startup' }),
      registerActor(testApp, { name: 'Outsider' }),
      registerActor(testApp, { name: 'Other Organizer' }),
    ]);
    const name = `Guarded Expo ${randomBytes(4).toString('hex')}`;
    const event = await createEvent(testApp, organizer, { name, status });
    const otherEvent = await createEvent(testApp, otherOrganizer);
    await addEventMember(testApp, event.id, organizer, investor, 'investor');
    await addEventMember(testApp, event.id, organizer, startup, 'startup');
    const pending = await testApp
      .http()
      .post(`/events/${event.id}/invitations`)
      .set(organizer.auth)
      .send({ email: `pending-${randomBytes(4).toString('hex')}@example.com`, role: 'expert' });
    const otherPending = await testApp
      .http()
      .post(`/events/${otherEvent.id}/invitations`)
      .set(otherOrganizer.auth)
      .send({ email: `other-${randomBytes(4).toString('hex')}@example.com`, role: 'expert' });
    assert.equal(pending.status, 201);
    assert.equal(otherPending.status, 201);
    return {
      organizer,
      investor,
      startup,
      outsider,
      otherOrganizer,
      event: { ...event, name },
      otherEvent,
      invitation: { id: pending.body.id, email: pending.body.email, token: pending.body.token },
      otherInvitation: { id: otherPending.body.id, email: otherPending.body.email, token: otherPending.body.token },
    };
  }

  /** Everything a refused request could have changed, for before/after comparison. */
  async function snapshot(w: World): Promise<unknown> {
    const ids = [w.event.id, w.otherEvent.id];
    return {
      events: await dataSource.query('SELECT * FROM events WHERE id = ANY($1) ORDER BY id', [ids]),
      memberships: await dataSource.query('SELECT event_id, user_id, roles::text FROM event_memberships WHERE event_id = ANY($1) ORDER BY event_id, user_id', [ids]),
      invitations: await dataSource.query('SELECT * FROM invitations WHERE event_id = ANY($1) ORDER BY id', [ids]),
      mails: testApp.mail.messages.length,
    };
  }

  function send(route: RouteCase, ids: { eventId: string; userId: string; invitationId: string }, caller?: Actor) {
    let request = testApp.http()[route.method](route.path(ids));
    if (caller) request = request.set(caller.auth);
    return route.body ? request.send(route.body) : request;
  }

  async function checkMatrix(route: RouteCase, expected: Record<CallerName, [number, string?]>, target: (w: World) => { userId: string; invitationId: string }): Promise<World> {
    const w = await world();
    const initial = await snapshot(w);
    const { userId, invitationId } = target(w);
    const ids = { eventId: w.event.id, userId, invitationId };
    const callers: Record<CallerName, Actor | undefined> = {
      anonymous: undefined,
      outsider: w.outsider,
      startup: w.startup,
      investor: w.investor,
      otherOrganizer: w.otherOrganizer,
    };
    for (const [name, caller] of Object.entries(callers) as Array<[CallerName, Actor | undefined]>) {
      const [status, code] = expected[name];
      const response = await send(route, ids, caller);
      if (code) {
        assertProblem(response, status, code);
        assertNoLeak(w, response.body);
      } else {
        assert.equal(response.status, status, `${name}: ${JSON.stringify(response.body)}`);
      }
    }

    // Malformed ids, for a caller who could otherwise do it (the event's organizer).
    for (const malformed of [
      { ...ids, eventId: MALFORMED_ID },
      { ...ids, userId: MALFORMED_ID },
      { ...ids, invitationId: MALFORMED_ID },
    ]) {
      const path = route.path(malformed);
      if (path === route.path(ids)) continue;
      const response = await send(route, malformed, w.organizer);
      assertProblem(response, 404, 'not_found');
      assertNoLeak(w, response.body);
    }

    // The other event's organizer, addressing this event's member or invitation through their own event.
    if (userId || invitationId) {
      const crossed = await send(route, { ...ids, eventId: w.otherEvent.id }, w.otherOrganizer);
      assertProblem(crossed, 404, 'not_found');
      assertNoLeak(w, crossed.body);
    }

    assert.deepEqual(await snapshot(w), initial, 'a refused request changed something');
    return w;
  }

  it('PATCH /events/:eventId: organizers only', async () => {
    await checkMatrix({ method: 'patch', path: ({ eventId }) => `/events/${eventId}`, body: { name: 'Hijacked' } }, FOR_ORGANIZERS, () => ({
      userId: '',
      invitationId: '',
    }));
  });

  it('GET /events/:eventId/members: any member, nobody else', async () => {
    const w = await checkMatrix(
      { method: 'get', path: ({ eventId }) => `/events/${eventId}/members` },
      {
        anonymous: [401, 'unauthenticated'],
        outsider: [404, 'not_found'],
        startup: [200],
        investor: [200],
        otherOrganizer: [404, 'not_found'],
      },
      () => ({ userId: '', invitationId: '' }),
    );
    const own = await testApp.http().get(`/events/${w.otherEvent.id}/members`).set(w.otherOrganizer.auth);
    assert.deepEqual(own.body.map((member: { userId: string }) => member.userId), [w.otherOrganizer.id]);
  });

  it('PATCH /events/:eventId/members/:userId: organizers only', async () => {
    await checkMatrix(
      { method: 'patch', path: ({ eventId, userId }) => `/events/${eventId}/members/${userId}`, body: { roles: ['organizer'] } },
      FOR_ORGANIZERS,
      (w) => ({ userId: w.investor.id, invitationId: '' }),
    );
  });

  it('DELETE /events/:eventId/members/:userId: organizers only (for someone else)', async () => {
    await checkMatrix(
      { method: 'delete', path: ({ eventId, userId }) => `/events/${eventId}/members/${userId}` },
      FOR_ORGANIZERS,
      (w) => ({ userId: w.organizer.id, invitationId: '' }),
    );
  });

  it('POST /events/:eventId/invitations: organizers only', async () => {
    await checkMatrix(
      {
        method: 'post',
        path: ({ eventId }) => `/events/${eventId}/invitations`,
        body: { email: `sneak-${randomBytes(4).toString('hex')}@example.com`, role: 'organizer' },
      },
      FOR_ORGANIZERS,
      () => ({ userId: '', invitationId: '' }),
    );
  });

  it('GET /events/:eventId/invitations: organizers only', async () => {
    await checkMatrix({ method: 'get', path: ({ eventId }) => `/events/${eventId}/invitations` }, FOR_ORGANIZERS, () => ({
      userId: '',
      invitationId: '',
    }));
  });

  it('DELETE /events/:eventId/invitations/:invitationId: organizers only', async () => {
    await checkMatrix(
      { method: 'delete', path: ({ eventId, invitationId }) => `/events/${eventId}/invitations/${invitationId}` },
      FOR_ORGANIZERS,
      (w) => ({ userId: '', invitationId: w.invitation.id }),
    );
  });

  it('GET /events/:idOrSlug of a draft: organizers only, 404 for everyone else', async () => {
    const w = await world('draft');
    for (const idOrSlug of [w.event.id, w.event.slug]) {
      for (const caller of [undefined, w.outsider, w.startup, w.investor, w.otherOrganizer]) {
        const request = testApp.http().get(`/events/${idOrSlug}`);
        const response = caller ? await request.set(caller.auth) : await request;
        assertProblem(response, 404, 'not_found');
        assertNoLeak(w, response.body);
      }
      assert.equal((await testApp.http().get(`/events/${idOrSlug}`).set(w.organizer.auth)).status, 200);
    }
    assertProblem(await testApp.http().get(`/events/${MALFORMED_ID}`).set(w.organizer.auth), 404, 'not_found');
  });

  it('the routes of a draft event treat its non-organizer members like those of a published one', async () => {
    const w = await world('draft');
    assert.equal((await testApp.http().get(`/events/${w.event.id}/members`).set(w.investor.auth)).status, 200);
    assertProblem(await testApp.http().get(`/events/${w.event.id}/invitations`).set(w.investor.auth), 403, 'forbidden');
    assertProblem(await testApp.http().get(`/events/${w.event.id}/members`).set(w.outsider.auth), 404, 'not_found');
  });

  it('a member may leave, but not remove others, and an investor invitation cannot be taken by another member', async () => {
    const w = await world();
    assertProblem(await testApp.http().delete(`/events/${w.event.id}/members/${w.investor.id}`).set(w.startup.auth), 403, 'forbidden');
    assertProblem(await testApp.http().post(`/invitations/${w.invitation.token}/accept`).set(w.startup.auth), 403, 'invitation_email_mismatch');
    assert.equal((await testApp.http().delete(`/events/${w.event.id}/members/${w.startup.id}`).set(w.startup.auth)).status, 204);
    // Once out, the former member is an outsider.
    assertProblem(await testApp.http().get(`/events/${w.event.id}/members`).set(w.startup.auth), 404, 'not_found');
    assertProblem(await testApp.http().delete(`/events/${w.event.id}/members/${w.startup.id}`).set(w.startup.auth), 404, 'not_found');
  });

  it('a platform administrator acts as an organizer of every event', async () => {
    const w = await world('draft');
    const admin = await registerActor(testApp);
    await dataSource.query('UPDATE users SET is_platform_admin = true WHERE id = $1', [admin.id]);
    const login = await testApp.http().post('/auth/login').send({ email: admin.email, password: DEFAULT_PASSWORD });
    assert.equal(login.status, 200);
    const signedIn = actorFrom(login.body, DEFAULT_PASSWORD);
    assert.equal((await testApp.http().get(`/events/${w.event.id}`).set(signedIn.auth)).status, 200);
    const members = await testApp.http().get(`/events/${w.event.id}/members`).set(signedIn.auth);
    assert.equal(members.status, 200);
    assert.ok(members.body.every((member: { email?: string }) => member.email));
  });
});
