import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { Actor, addEventMember, assertProblem, createEvent, registerActor } from '../support/actors';
import { startTestApp, TestApp } from '../support/test-app';

const MALFORMED_ID = 'not-a-uuid';

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
type CallerName = 'anonymous' | 'outsider' | 'member' | 'guest' | 'host' | 'otherOrganizer' | 'organizer';
type Expected = Record<CallerName, [number, string?]>;

interface Ids {
  eventId: string;
  programmeId: string;
  roundId: string;
  userId: string;
}

interface World {
  organizer: Actor;
  /** An investor of the programme. */
  host: Actor;
  /** A startup of the programme. */
  guest: Actor;
  /** An investor of the event who is not in the programme. */
  member: Actor;
  outsider: Actor;
  otherOrganizer: Actor;
  eventId: string;
  programmeId: string;
  roundId: string;
  otherEventId: string;
  otherProgrammeId: string;
  otherRoundId: string;
  /** In the names of every programme and round of this world. */
  tag: string;
}

interface RouteCase {
  method: Method;
  path: (ids: Ids) => string;
  body?: (w: World) => Record<string, unknown>;
}

const round = (name: string): Record<string, unknown> => ({
  name,
  mode: 'online',
  timeZone: 'Asia/Seoul',
  windows: [{ date: '2023-04-20', startsAt: '09:00', endsAt: '11:00' }],
  slotMinutes: 30,
  videoLinkRule: 'host_entered',
  bookingOpensAt: '2023-04-10T09:00:00+09:00',
  bookingClosesAt: '2023-04-19T18:00:00+09:00',
});

const FIRST_SLOT = '2023-04-20T09:00:00+09:00';

const forOrganizers = (success: number): Expected => ({
  anonymous: [401, 'unauthenticated'],
  outsider: [404, 'not_found'],
  member: [403, 'forbidden'],
  guest: [403, 'forbidden'],
  host: [403, 'forbidden'],
  otherOrganizer: [404, 'not_found'],
  organizer: [success],
});

const forReaders: Expected = {
  anonymous: [401, 'unauthenticated'],
  outsider: [404, 'not_found'],
  member: [404, 'not_found'],
  guest: [200],
  host: [200],
  otherOrganizer: [404, 'not_found'],
  organizer: [200],
};

const forParticipants: Expected = { ...forReaders, organizer: [403, 'not_programme_participant'] };

function ids(w: World, userId = ''): Ids {
  return { eventId: w.eventId, programmeId: w.programmeId, roundId: w.roundId, userId };
}

function callers(w: World): Record<CallerName, Actor | undefined> {
  return { anonymous: undefined, outsider: w.outsider, member: w.member, guest: w.guest, host: w.host, otherOrganizer: w.otherOrganizer, organizer: w.organizer };
}

function assertNoLeak(w: World, body: unknown): void {
  const text = JSON.stringify(typeof body === 'object' && body !== null ? { ...body, instance: undefined } : body);
  assert.ok(!text.includes(w.tag), `response leaks a name: ${text}`);
  for (const actor of [w.organizer, w.host, w.guest]) assert.ok(!text.includes(actor.email), `response leaks ${actor.email}`);
}

const programmes = ({ eventId }: Ids) => `/events/${eventId}/consultation-programmes`;
const programme = (target: Ids) => `${programmes(target)}/${target.programmeId}`;
const roundPath = ({ eventId, roundId }: Ids) => `/events/${eventId}/consultation-rounds/${roundId}`;

/**
 * Who gets what on every route of programmes, rounds, slots and availability. Anonymous callers 401; people outside
 * the event, organizers of other events, and members who are not in the programme 404 as if nothing existed; members
 * without the organizer role 403 on organizer routes; malformed ids and another event's programme or round 404.
 * A refused request changes nothing and names nothing of what the caller may not see.
 */
describe('access to consultation programmes, rounds and slots', () => {
  let testApp: TestApp;
  let dataSource: DataSource;

  before(async () => {
    testApp = await startTestApp();
    dataSource = testApp.app.get(DataSource);
  });
  after(async () => {
    await testApp.close();
  });

  async function post(actor: Actor, path: string, body: Record<string, unknown>): Promise<{ id: string }> {
    const response = await testApp.http().post(path).set(actor.auth).send(body);
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return response.body;
  }

  async function world(): Promise<World> {
    const [organizer, host, guest, member, outsider, otherOrganizer] = await Promise.all(
      ['Organizer', 'Host', 'Guest', 'Member', 'Outsider', 'Other organizer'].map((name) => registerActor(testApp, { name })),
    );
    const tag = randomBytes(4).toString('hex');
    const event = await createEvent(testApp, organizer);
    const otherEvent = await createEvent(testApp, otherOrganizer);
    await addEventMember(testApp, event.id, organizer, host, 'investor');
    await addEventMember(testApp, event.id, organizer, guest, 'startup');
    await addEventMember(testApp, event.id, organizer, member, 'investor');
    const created = await post(organizer, `/events/${event.id}/consultation-programmes`, { name: `Programme ${tag}` });
    await post(organizer, `/events/${event.id}/consultation-programmes/${created.id}/participants`, { userId: host.id, side: 'host' });
    await post(organizer, `/events/${event.id}/consultation-programmes/${created.id}/participants`, { userId: guest.id, side: 'guest' });
    const firstRound = await post(organizer, `/events/${event.id}/consultation-programmes/${created.id}/rounds`, round(`Round ${tag}`));
    const otherProgramme = await post(otherOrganizer, `/events/${otherEvent.id}/consultation-programmes`, { name: `Foreign programme ${tag}` });
    const otherRound = await post(otherOrganizer, `/events/${otherEvent.id}/consultation-programmes/${otherProgramme.id}/rounds`, round(`Foreign round ${tag}`));
    return {
      organizer,
      host,
      guest,
      member,
      outsider,
      otherOrganizer,
      eventId: event.id,
      programmeId: created.id,
      roundId: firstRound.id,
      otherEventId: otherEvent.id,
      otherProgrammeId: otherProgramme.id,
      otherRoundId: otherRound.id,
      tag,
    };
  }

  /** Everything a refused request could have changed, in both events. */
  async function snapshot(w: World): Promise<unknown> {
    const events = [w.eventId, w.otherEventId];
    const rounds = 'SELECT id FROM consultation_rounds WHERE event_id = ANY($1)';
    return {
      programmes: await dataSource.query('SELECT * FROM consultation_programmes WHERE event_id = ANY($1) ORDER BY id', [events]),
      participants: await dataSource.query(
        'SELECT * FROM programme_participants WHERE programme_id IN (SELECT id FROM consultation_programmes WHERE event_id = ANY($1)) ORDER BY programme_id, user_id',
        [events],
      ),
      rounds: await dataSource.query('SELECT * FROM consultation_rounds WHERE event_id = ANY($1) ORDER BY id', [events]),
      windows: await dataSource.query(`SELECT * FROM round_windows WHERE round_id IN (${rounds}) ORDER BY id`, [events]),
      locations: await dataSource.query(`SELECT * FROM round_locations WHERE round_id IN (${rounds}) ORDER BY id`, [events]),
      unavailable: await dataSource.query(`SELECT * FROM unavailable_slots WHERE round_id IN (${rounds}) ORDER BY round_id, user_id, starts_at`, [events]),
    };
  }

  function send(route: RouteCase, w: World, target: Ids, caller: Actor | undefined) {
    let request = testApp.http()[route.method](route.path(target));
    if (caller) request = request.set(caller.auth);
    return route.body ? request.send(route.body(w)) : request;
  }

  /**
   * Runs the route as each caller (the organizer last, as theirs may be the request that succeeds and changes
   * things), with malformed ids, and across the two events.
   */
  async function checkRoute(w: World, route: RouteCase, target: Ids, expected: Expected): Promise<void> {
    const everyone = callers(w);
    for (const name of ['anonymous', 'outsider', 'member', 'guest', 'host', 'otherOrganizer'] as const) {
      await expect(name, everyone[name], target, expected[name]);
    }

    for (const key of ['eventId', 'programmeId', 'roundId', 'userId'] as const) {
      const malformed = { ...target, [key]: MALFORMED_ID };
      if (route.path(malformed) === route.path(target)) continue;
      for (const caller of [w.organizer, w.host]) {
        const snapshotBefore = await snapshot(w);
        assertProblem(await send(route, w, malformed, caller), 404, 'not_found');
        assert.deepEqual(await snapshot(w), snapshotBefore);
      }
    }

    const foreign = { ...target, programmeId: w.otherProgrammeId, roundId: w.otherRoundId };
    const namesRecord = route.path(foreign) !== route.path(target);
    const crossings: Array<[Actor, Ids]> = [
      // This event's organizer reaching into the other event...
      [w.organizer, { ...target, eventId: w.otherEventId }],
      // ...or reaching the other event's programme or round through this event, and the other organizer reaching
      // this event's through theirs.
      ...(namesRecord ? ([[w.organizer, foreign], [w.otherOrganizer, { ...target, eventId: w.otherEventId }]] as Array<[Actor, Ids]>) : []),
    ];
    for (const [caller, crossed] of crossings) {
      const snapshotBefore = await snapshot(w);
      const response = await send(route, w, crossed, caller);
      assertProblem(response, 404, 'not_found');
      assertNoLeak(w, response.body);
      assert.deepEqual(await snapshot(w), snapshotBefore, 'a cross-event request changed something');
    }

    await expect('organizer', w.organizer, target, expected.organizer);

    async function expect(name: CallerName, caller: Actor | undefined, at: Ids, [status, code]: [number, string?]): Promise<void> {
      const snapshotBefore = await snapshot(w);
      const response = await send(route, w, at, caller);
      if (code) assertProblem(response, status, code);
      else assert.equal(response.status, status, `${name}: ${JSON.stringify(response.body)}`);
      if (status >= 400) {
        assertNoLeak(w, response.body);
        assert.deepEqual(await snapshot(w), snapshotBefore, `${name}: a refused request changed something`);
      }
    }
  }

  it('POST /events/:eventId/consultation-programmes: organizers only', async () => {
    const w = await world();
    await checkRoute(w, { method: 'post', path: programmes, body: () => ({ name: 'Sneaky' }) }, ids(w), forOrganizers(201));
  });

  it('GET /events/:eventId/consultation-programmes: members, each seeing only programmes they organize or take part in', async () => {
    const w = await world();
    await checkRoute(w, { method: 'get', path: programmes }, ids(w), { ...forReaders, member: [200] });
    const seen = await testApp.http().get(programmes(ids(w))).set(w.member.auth);
    assert.deepEqual(seen.body, []);
    const foreign = await testApp.http().get(programmes({ ...ids(w), eventId: w.otherEventId })).set(w.organizer.auth);
    assertProblem(foreign, 404, 'not_found');
  });

  it('GET /events/:eventId/consultation-programmes/:programmeId: organizers and participants', async () => {
    const w = await world();
    await checkRoute(w, { method: 'get', path: programme }, ids(w), forReaders);
  });

  it('PATCH /events/:eventId/consultation-programmes/:programmeId: organizers only', async () => {
    const w = await world();
    await checkRoute(w, { method: 'patch', path: programme, body: () => ({ name: 'Hijacked' }) }, ids(w), forOrganizers(200));
  });

  it('DELETE /events/:eventId/consultation-programmes/:programmeId: organizers only', async () => {
    const w = await world();
    await checkRoute(w, { method: 'delete', path: programme }, ids(w), forOrganizers(204));
  });

  it('POST /events/:eventId/consultation-programmes/:programmeId/participants: organizers only', async () => {
    const w = await world();
    await checkRoute(
      w,
      { method: 'post', path: (target) => `${programme(target)}/participants`, body: (current) => ({ userId: current.member.id, side: 'host' }) },
      ids(w),
      forOrganizers(201),
    );
  });

  it('GET /events/:eventId/consultation-programmes/:programmeId/participants: organizers and participants', async () => {
    const w = await world();
    await checkRoute(w, { method: 'get', path: (target) => `${programme(target)}/participants` }, ids(w), forReaders);
  });

  it('DELETE /events/:eventId/consultation-programmes/:programmeId/participants/:userId: organizers only', async () => {
    const w = await world();
    await checkRoute(
      w,
      { method: 'delete', path: (target) => `${programme(target)}/participants/${target.userId}` },
      ids(w, w.guest.id),
      forOrganizers(204),
    );
  });

  it('POST /events/:eventId/consultation-programmes/:programmeId/rounds: organizers only', async () => {
    const w = await world();
    await checkRoute(w, { method: 'post', path: (target) => `${programme(target)}/rounds`, body: () => round('Sneaky round') }, ids(w), forOrganizers(201));
  });

  it('GET /events/:eventId/consultation-programmes/:programmeId/rounds: organizers and participants', async () => {
    const w = await world();
    await checkRoute(w, { method: 'get', path: (target) => `${programme(target)}/rounds` }, ids(w), forReaders);
  });

  it('PUT /events/:eventId/consultation-programmes/:programmeId/round-order: organizers only', async () => {
    const w = await world();
    await checkRoute(
      w,
      { method: 'put', path: (target) => `${programme(target)}/round-order`, body: (current) => ({ roundIds: [current.roundId] }) },
      ids(w),
      forOrganizers(200),
    );
  });

  it('GET /events/:eventId/consultation-rounds/:roundId: organizers and participants', async () => {
    const w = await world();
    await checkRoute(w, { method: 'get', path: roundPath }, ids(w), forReaders);
  });

  it('PATCH /events/:eventId/consultation-rounds/:roundId: organizers only', async () => {
    const w = await world();
    await checkRoute(w, { method: 'patch', path: roundPath, body: () => ({ name: 'Hijacked', slotMinutes: 60 }) }, ids(w), forOrganizers(200));
  });

  it('DELETE /events/:eventId/consultation-rounds/:roundId: organizers only', async () => {
    const w = await world();
    await checkRoute(w, { method: 'delete', path: roundPath }, ids(w), forOrganizers(204));
  });

  it('PUT /events/:eventId/consultation-rounds/:roundId/my-video-link: hosts of the programme only', async () => {
    const w = await world();
    await checkRoute(
      w,
      { method: 'put', path: (target) => `${roundPath(target)}/my-video-link`, body: () => ({ videoLink: 'https://zoom.us/j/42' }) },
      ids(w),
      { ...forParticipants, guest: [403, 'forbidden'] },
    );
  });

  it('GET /events/:eventId/consultation-rounds/:roundId/slots: organizers and participants', async () => {
    const w = await world();
    await checkRoute(w, { method: 'get', path: (target) => `${roundPath(target)}/slots?timeZone=America/New_York` }, ids(w), forReaders);
  });

  it('GET /events/:eventId/consultation-rounds/:roundId/hosts/:hostUserId/slots: organizers and participants, hosts only', async () => {
    const w = await world();
    await checkRoute(w, { method: 'get', path: (target) => `${roundPath(target)}/hosts/${target.userId}/slots` }, ids(w, w.host.id), forReaders);
    // A member of the event who is not a host of the programme answers like nobody at all.
    for (const userId of [w.member.id, w.guest.id, w.otherOrganizer.id]) {
      assertProblem(await testApp.http().get(`${roundPath(ids(w))}/hosts/${userId}/slots`).set(w.guest.auth), 404, 'not_found');
    }
  });

  it('GET /events/:eventId/consultation-rounds/:roundId/availability: hosts and guests of the programme', async () => {
    const w = await world();
    await checkRoute(w, { method: 'get', path: (target) => `${roundPath(target)}/availability` }, ids(w), forParticipants);
  });

  it('PUT /events/:eventId/consultation-rounds/:roundId/availability: hosts and guests of the programme, each their own', async () => {
    const w = await world();
    await checkRoute(
      w,
      { method: 'put', path: (target) => `${roundPath(target)}/availability`, body: () => ({ unavailable: [FIRST_SLOT] }) },
      ids(w),
      forParticipants,
    );
    const rows = await dataSource.query('SELECT user_id AS "userId" FROM unavailable_slots WHERE round_id = $1 ORDER BY user_id', [w.roundId]);
    assert.deepEqual(rows.map((row: { userId: string }) => row.userId).sort(), [w.guest.id, w.host.id].sort());
  });
});
