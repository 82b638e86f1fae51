import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { Actor, assertProblem, registerActor } from '../support/actors';
import { addEventRoleRow, addParticipant, ConsultationWorld, createConsultationWorld, createRoundRow, RoundFixture } from '../support/consultation-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

const NINE = '2023-04-28T09:00:00-04:00';
const MISSING = '00000000-0000-4000-8000-000000000000';

interface RouteCase {
  name: string;
  method: 'get' | 'post';
  path: (ids: Ids) => string;
  body?: (ids: Ids) => Record<string, unknown>;
}

interface Ids {
  eventId: string;
  roundId: string;
  meetingId: string;
  requestId: string;
}

/**
 * Who sees and acts on meetings and requests: the two people and the event's organizers. Everyone else gets the answer
 * a missing meeting gets (404), so nothing leaks; a startup never sees another startup's meetings.
 */
describe('consultations: access to meetings and requests', () => {
  let testApp: TestApp;
  let dataSource: DataSource;
  let world: ConsultationWorld;
  let round: RoundFixture;
  let host: Actor;
  let guest: Actor;
  let otherHost: Actor;
  let otherGuest: Actor;
  let nonMember: Actor;
  let otherOrganizer: Actor;
  let ids: Ids;

  before(async () => {
    testApp = await startTestApp();
    dataSource = testApp.app.get(DataSource);
    world = await createConsultationWorld(testApp);
    host = await addParticipant(testApp, world, 'host');
    guest = await addParticipant(testApp, world, 'guest');
    otherHost = await addParticipant(testApp, world, 'host');
    otherGuest = await addParticipant(testApp, world, 'guest');
    nonMember = await registerActor(testApp);
    const otherWorld = await createConsultationWorld(testApp);
    otherOrganizer = otherWorld.organizer;
    round = await createRoundRow(testApp, world.eventId, world.programmeId, { confirmation: 'host_accepts' });
    const meeting = await testApp
      .http()
      .post(`/events/${world.eventId}/consultation-rounds/${round.id}/bookings`)
      .set(guest.auth)
      .send({ hostUserId: host.id, startsAt: NINE });
    assert.equal(meeting.status, 201, JSON.stringify(meeting.body));
    const follow = await createRoundRow(testApp, world.eventId, world.programmeId, { windows: [{ date: '2023-05-02', startsAtTime: '09:00', endsAtTime: '10:00' }] });
    const request = await testApp.http().post(`/events/${world.eventId}/consultation-rounds/${follow.id}/requests`).set(guest.auth).send({ toUserId: host.id });
    assert.equal(request.status, 201, JSON.stringify(request.body));
    // The other pair has meetings of their own, which the first pair must never see.
    const theirs = await testApp
      .http()
      .post(`/events/${world.eventId}/consultation-rounds/${round.id}/bookings`)
      .set(otherGuest.auth)
      .send({ hostUserId: otherHost.id, startsAt: NINE });
    assert.equal(theirs.status, 201);
    ids = { eventId: world.eventId, roundId: round.id, meetingId: meeting.body.id, requestId: request.body.id };
  });
  after(async () => {
    await testApp.close();
  });

  const meetingRoutes: RouteCase[] = [
    { name: 'get meeting', method: 'get', path: (i) => `/events/${i.eventId}/meetings/${i.meetingId}` },
    { name: 'confirm', method: 'post', path: (i) => `/events/${i.eventId}/meetings/${i.meetingId}/confirm` },
    { name: 'cancel', method: 'post', path: (i) => `/events/${i.eventId}/meetings/${i.meetingId}/cancel`, body: () => ({ reason: 'x' }) },
    { name: 'reschedule', method: 'post', path: (i) => `/events/${i.eventId}/meetings/${i.meetingId}/reschedule`, body: () => ({ startsAt: '2023-04-28T11:00:00-04:00' }) },
  ];
  const requestRoutes: RouteCase[] = [
    { name: 'get request', method: 'get', path: (i) => `/events/${i.eventId}/meeting-requests/${i.requestId}` },
    { name: 'accept', method: 'post', path: (i) => `/events/${i.eventId}/meeting-requests/${i.requestId}/accept` },
    { name: 'decline', method: 'post', path: (i) => `/events/${i.eventId}/meeting-requests/${i.requestId}/decline` },
    { name: 'withdraw', method: 'post', path: (i) => `/events/${i.eventId}/meeting-requests/${i.requestId}/withdraw` },
    { name: 'place', method: 'post', path: (i) => `/events/${i.eventId}/meeting-requests/${i.requestId}/place`, body: () => ({ startsAt: '2023-05-02T09:00:00-04:00' }) },
  ];
  const roundRoutes: RouteCase[] = [
    { name: 'book', method: 'post', path: (i) => `/events/${i.eventId}/consultation-rounds/${i.roundId}/bookings`, body: () => ({ hostUserId: otherHost.id, startsAt: '2023-04-28T11:30:00-04:00' }) },
    {
      name: 'organizer book',
      method: 'post',
      path: (i) => `/events/${i.eventId}/consultation-rounds/${i.roundId}/meetings`,
      body: () => ({ hostUserId: otherHost.id, guestUserId: guest.id, startsAt: '2023-04-28T11:30:00-04:00' }),
    },
    { name: 'request', method: 'post', path: (i) => `/events/${i.eventId}/consultation-rounds/${i.roundId}/requests`, body: () => ({ toUserId: otherHost.id }) },
  ];
  const listRoutes: RouteCase[] = [
    { name: 'list meetings', method: 'get', path: (i) => `/events/${i.eventId}/meetings` },
    { name: 'list requests', method: 'get', path: (i) => `/events/${i.eventId}/meeting-requests` },
  ];
  const allRoutes = [...meetingRoutes, ...requestRoutes, ...roundRoutes, ...listRoutes];

  function call(route: RouteCase, actor: Actor | null, overrides: Partial<Ids> = {}) {
    const target = { ...ids, ...overrides };
    const agent = testApp.http()[route.method](route.path(target));
    if (actor) agent.set(actor.auth);
    return route.method === 'post' ? agent.send(route.body?.(target) ?? {}) : agent;
  }

  async function snapshot(): Promise<unknown> {
    return dataSource.query(
      `SELECT (SELECT json_agg(row_to_json(m) ORDER BY m.id) FROM (SELECT id, status, version, starts_at FROM meetings) m) AS meetings,
              (SELECT json_agg(row_to_json(r) ORDER BY r.id) FROM (SELECT id, status FROM meeting_requests) r) AS requests,
              (SELECT count(*)::int FROM meeting_history) AS history`,
    );
  }

  it('anonymous callers get 401 on every route', async () => {
    for (const route of allRoutes) assertProblem(await call(route, null), 401, 'unauthenticated');
  });

  it('a signed-out session gets 401 on every route, booking included (its round read confirms the session), and nothing changes', async () => {
    // A second session of the startup, signed out; the first one stays signed in for the other tests.
    const login = await testApp.http().post('/auth/login').send({ email: guest.email, password: guest.password });
    assert.equal(login.status, 200, JSON.stringify(login.body));
    const signedOut: Actor = { ...guest, auth: { Authorization: `Bearer ${login.body.accessToken}` } };
    assert.equal((await testApp.http().post('/auth/logout').set(signedOut.auth)).status, 204);
    const unchanged = await snapshot();
    for (const route of allRoutes) assertProblem(await call(route, signedOut), 401, 'unauthenticated');
    // Asked about an event or a round that does not exist, it is still told its session ended, not "not found".
    const book = roundRoutes[0];
    assertProblem(await call(book, signedOut, { eventId: '00000000-0000-4000-8000-000000000000' }), 401, 'unauthenticated');
    assertProblem(await call(book, signedOut, { roundId: '00000000-0000-4000-8000-000000000000' }), 401, 'unauthenticated');
    assert.deepEqual(await snapshot(), unchanged);
  });

  it('non-members and organizers of another event get 404 on every route, and nothing changes', async () => {
    const unchanged = await snapshot();
    for (const actor of [nonMember, otherOrganizer]) {
      for (const route of allRoutes) {
        const response = await call(route, actor);
        assertProblem(response, 404, 'not_found');
      }
    }
    assert.deepEqual(await snapshot(), unchanged);
  });

  it("another startup and another investor get 404 for the pair's meeting and request, and see only their own", async () => {
    const unchanged = await snapshot();
    for (const actor of [otherGuest, otherHost]) {
      for (const route of [...meetingRoutes, ...requestRoutes]) {
        assertProblem(await call(route, actor), 404, 'not_found');
      }
      const meetings = await call(listRoutes[0], actor);
      assert.equal(meetings.status, 200);
      assert.ok(meetings.body.every((meeting: { host: { userId: string }; guest: { userId: string } }) => meeting.host.userId === actor.id || meeting.guest.userId === actor.id));
      assert.ok(!meetings.body.some((meeting: { id: string }) => meeting.id === ids.meetingId));
      const requests = await call(listRoutes[1], actor);
      assert.equal(requests.status, 200);
      assert.deepEqual(requests.body, []);
    }
    assert.deepEqual(await snapshot(), unchanged);
  });

  it('members without a place in the programme cannot book or request; only organizers book for others', async () => {
    const staff = await registerActor(testApp);
    await addEventRoleRow(testApp, world.eventId, staff.id, 'staff');
    assertProblem(await call(roundRoutes[0], staff), 403, 'not_programme_participant');
    assertProblem(await call(roundRoutes[2], staff), 403, 'not_programme_participant');
    assertProblem(await call(roundRoutes[1], staff), 403, 'forbidden');
    assertProblem(await call(roundRoutes[1], guest), 403, 'forbidden');
    assert.deepEqual((await call(listRoutes[0], staff)).body, []);
  });

  it('malformed, missing and foreign ids answer 404', async () => {
    const otherWorld = await createConsultationWorld(testApp);
    const foreignRound = await createRoundRow(testApp, otherWorld.eventId, otherWorld.programmeId);
    for (const route of allRoutes) {
      for (const overrides of [{ eventId: 'not-a-uuid' }, { eventId: MISSING }, { eventId: otherWorld.eventId }]) {
        assertProblem(await call(route, guest, overrides), 404, 'not_found');
      }
    }
    for (const route of meetingRoutes) {
      for (const meetingId of ['not-a-uuid', MISSING, ids.requestId]) assertProblem(await call(route, guest, { meetingId }), 404, 'not_found');
    }
    for (const route of requestRoutes) {
      for (const requestId of ['not-a-uuid', MISSING, ids.meetingId]) assertProblem(await call(route, host, { requestId }), 404, 'not_found');
    }
    for (const route of roundRoutes) {
      for (const roundId of ['not-a-uuid', MISSING, foreignRound.id]) assertProblem(await call(route, world.organizer, { roundId }), 404, 'not_found');
    }
  });

  it('the two people and the organizers see the meeting and the request', async () => {
    for (const actor of [guest, host, world.organizer]) {
      assert.equal((await call(meetingRoutes[0], actor)).status, 200);
      assert.equal((await call(requestRoutes[0], actor)).status, 200);
    }
    const organizerMeetings = await call(listRoutes[0], world.organizer);
    assert.equal(organizerMeetings.body.length, 2);
    const guestMeetings = await call(listRoutes[0], guest);
    assert.deepEqual(guestMeetings.body.map((meeting: { id: string }) => meeting.id), [ids.meetingId]);
    const byRound = await testApp.http().get(`/events/${world.eventId}/meetings?roundId=${round.id}&guestUserId=${otherGuest.id}`).set(world.organizer.auth);
    assert.equal(byRound.body.length, 1);
    assertProblem(await testApp.http().get(`/events/${world.eventId}/meetings?roundId=nope`).set(world.organizer.auth), 400, 'validation_failed');
  });
});
