import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { Actor, assertProblem } from '../support/actors';
import { startTestApp, TestApp } from '../support/test-app';
import { ConsultationSql, ConsultationWorld, consultationWorld } from '../support/consultation-outcomes-world';

const MALFORMED_ID = 'not-a-uuid';

type CallerName = 'anonymous' | 'outsider' | 'otherGuest' | 'staff' | 'guest' | 'otherOrganizer' | 'organizer' | 'host';
type Expected = Record<CallerName, [number, string?]>;

interface Ids {
  eventId: string;
  /** The meeting, round or programme the route is about. */
  targetId: string;
}

interface RouteCase {
  method: 'get' | 'put' | 'post';
  path: (ids: Ids) => string;
  body?: Record<string, unknown>;
  /** A fresh target for one caller (routes that succeed once per target, such as check-in). */
  target: () => Promise<string>;
  /** The same kind of target in the other event, for cross-event requests. */
  foreignTarget: string;
}

const HOST_NOTE = 'Host secret: valuation too high';
const GUEST_NOTE = 'Guest secret: this fund is slow';

function callers(w: ConsultationWorld): Record<CallerName, Actor | undefined> {
  return {
    anonymous: undefined,
    outsider: w.outsider,
    otherGuest: w.otherGuest,
    staff: w.staff,
    guest: w.guest,
    otherOrganizer: w.otherOrganizer,
    organizer: w.organizer,
    host: w.host,
  };
}

function assertNoLeak(body: unknown): void {
  const text = JSON.stringify(body);
  for (const secret of [HOST_NOTE, GUEST_NOTE]) assert.ok(!text.includes(secret), `response leaks ${secret}: ${text}`);
}

/**
 * Who gets what on every notes, outcome, attendance and figures route: anonymous 401; non-members, members who are
 * not a party, and organizers of other events 404 as if nothing existed; malformed ids 404; another event's meeting,
 * round or programme reached through this event 404. Refusals change nothing and carry nobody's notes.
 */
describe('access to notes, outcomes, check-in and figures', () => {
  let testApp: TestApp;
  let dataSource: DataSource;
  let sql: ConsultationSql;
  let slot = 0;

  before(async () => {
    testApp = await startTestApp();
    dataSource = testApp.app.get(DataSource);
    sql = new ConsultationSql(dataSource);
  });
  after(async () => {
    await testApp.close();
  });

  /** A meeting of the world's host and guest at its own time, with both notes and an outcome when held. */
  async function meeting(w: ConsultationWorld, status: string, startsInMinutes = -(120 + 40 * ++slot)): Promise<string> {
    const id = await sql.meeting({ eventId: w.eventId, roundId: w.roundId }, w.host, w.guest, status, startsInMinutes);
    if (status === 'held') {
      await sql.note(id, w.host, HOST_NOTE, 2);
      await sql.note(id, w.guest, GUEST_NOTE, 3);
      await sql.outcome(id, w.host, 'medium', 'due_diligence', 1_000_000, 'USD');
    }
    return id;
  }

  function send(route: RouteCase, ids: Ids, caller: Actor | undefined) {
    let request = testApp.http()[route.method](route.path(ids));
    if (caller) request = request.set(caller.auth);
    return route.body ? request.send(route.body) : request;
  }

  async function checkRoute(w: ConsultationWorld, route: RouteCase, expected: Expected): Promise<void> {
    const everyone = callers(w);
    const events = [w.eventId, w.otherEventId];
    // Refusals first (on one target), then each caller that succeeds on a target of its own.
    const shared = await route.target();
    const order = (Object.keys(expected) as CallerName[]).sort((a, b) => Number(expected[a][0] < 400) - Number(expected[b][0] < 400));
    for (const name of order) {
      const [status, code] = expected[name];
      const target = status < 400 ? await route.target() : shared;
      const snapshotBefore = await sql.snapshot(events);
      const response = await send(route, { eventId: w.eventId, targetId: target }, everyone[name]);
      if (code) assertProblem(response, status, code);
      else assert.equal(response.status, status, `${name}: ${JSON.stringify(response.body)}`);
      if (status >= 400) {
        assertNoLeak(response.body);
        assert.deepEqual(await sql.snapshot(events), snapshotBefore, `${name}: a refused request changed something`);
      }
      if (name === 'host' && route.path({ eventId: 'e', targetId: 't' }).endsWith('my-note') && route.method === 'get') {
        assert.equal(response.body.body, HOST_NOTE);
      }
      if (name === 'guest' && route.path({ eventId: 'e', targetId: 't' }).endsWith('my-note') && route.method === 'get') {
        assert.equal(response.body.body, GUEST_NOTE);
      }
    }

    // Malformed ids and crossings between events, as the organizer who could otherwise succeed.
    const crossings: Array<[Actor, Ids]> = [
      [w.organizer, { eventId: MALFORMED_ID, targetId: shared }],
      [w.organizer, { eventId: w.eventId, targetId: MALFORMED_ID }],
      [w.organizer, { eventId: w.eventId, targetId: route.foreignTarget }],
      [w.organizer, { eventId: w.otherEventId, targetId: shared }],
      [w.otherOrganizer, { eventId: w.otherEventId, targetId: shared }],
      [w.host, { eventId: w.otherEventId, targetId: shared }],
      // The guest is a member of both events and a party to the foreign meeting, but not through this event.
      [w.guest, { eventId: w.eventId, targetId: route.foreignTarget }],
    ];
    for (const [caller, ids] of crossings) {
      const snapshotBefore = await sql.snapshot(events);
      const response = await send(route, ids, caller);
      assertProblem(response, 404, 'not_found');
      assertNoLeak(response.body);
      assert.deepEqual(await sql.snapshot(events), snapshotBefore, `crossing ${JSON.stringify(ids)} changed something`);
    }
  }

  const notFound: [number, string] = [404, 'not_found'];
  const forParties = (success: number): Expected => ({
    anonymous: [401, 'unauthenticated'],
    outsider: notFound,
    otherGuest: notFound,
    staff: notFound,
    otherOrganizer: notFound,
    organizer: notFound,
    guest: [success],
    host: [success],
  });

  it('GET /events/:eventId/meetings/:meetingId/my-note: the two parties, each their own', async () => {
    const w = await consultationWorld(testApp, sql);
    await checkRoute(
      w,
      { method: 'get', path: ({ eventId, targetId }) => `/events/${eventId}/meetings/${targetId}/my-note`, target: () => meeting(w, 'held'), foreignTarget: w.foreignMeetingId },
      forParties(200),
    );
  });

  it('PUT /events/:eventId/meetings/:meetingId/my-note: the two parties only', async () => {
    const w = await consultationWorld(testApp, sql);
    await checkRoute(
      w,
      {
        method: 'put',
        path: ({ eventId, targetId }) => `/events/${eventId}/meetings/${targetId}/my-note`,
        body: { body: 'Overwritten?', rating: 1 },
        target: () => meeting(w, 'held'),
        foreignTarget: w.foreignMeetingId,
      },
      forParties(200),
    );
  });

  it('GET /events/:eventId/meetings/:meetingId/outcome: the host and organizers; the guest 404', async () => {
    const w = await consultationWorld(testApp, sql);
    await checkRoute(
      w,
      { method: 'get', path: ({ eventId, targetId }) => `/events/${eventId}/meetings/${targetId}/outcome`, target: () => meeting(w, 'held'), foreignTarget: w.foreignMeetingId },
      { ...forParties(200), organizer: [200], guest: notFound },
    );
  });

  it('PUT /events/:eventId/meetings/:meetingId/outcome: the host writes; organizers 403; the guest 404', async () => {
    const w = await consultationWorld(testApp, sql);
    await checkRoute(
      w,
      {
        method: 'put',
        path: ({ eventId, targetId }) => `/events/${eventId}/meetings/${targetId}/outcome`,
        body: { interestLevel: 'none', nextStep: 'pass' },
        target: () => meeting(w, 'held'),
        foreignTarget: w.foreignMeetingId,
      },
      { ...forParties(200), organizer: [403, 'forbidden'], guest: notFound },
    );
  });

  for (const action of ['check-in', 'no-show']) {
    it(`POST /events/:eventId/meetings/:meetingId/${action}: the host, staff and organizers; the guest 403`, async () => {
      const w = await consultationWorld(testApp, sql);
      const foreign = await sql.meeting({ eventId: w.otherEventId, roundId: w.otherRoundId }, w.otherOrganizer, w.guest, 'confirmed', -(60 * 24 * 7));
      await checkRoute(
        w,
        { method: 'post', path: ({ eventId, targetId }) => `/events/${eventId}/meetings/${targetId}/${action}`, target: () => meeting(w, 'confirmed'), foreignTarget: foreign },
        { ...forParties(200), staff: [200], organizer: [200], guest: [403, 'forbidden'] },
      );
    });
  }

  const forOrganizers: Expected = {
    anonymous: [401, 'unauthenticated'],
    outsider: notFound,
    otherGuest: notFound,
    staff: notFound,
    guest: notFound,
    host: notFound,
    otherOrganizer: notFound,
    organizer: [200],
  };

  it('GET /events/:eventId/consultation-rounds/:roundId/figures: organizers only, everyone else 404', async () => {
    const w = await consultationWorld(testApp, sql);
    await meeting(w, 'held');
    await checkRoute(
      w,
      { method: 'get', path: ({ eventId, targetId }) => `/events/${eventId}/consultation-rounds/${targetId}/figures`, target: async () => w.roundId, foreignTarget: w.otherRoundId },
      forOrganizers,
    );
  });

  it('GET /events/:eventId/consultation-programmes/:programmeId/figures: organizers only, everyone else 404', async () => {
    const w = await consultationWorld(testApp, sql);
    await meeting(w, 'held');
    const [{ programme_id: foreignProgramme }] = await dataSource.query('SELECT programme_id FROM consultation_rounds WHERE id = $1', [w.otherRoundId]);
    await checkRoute(
      w,
      {
        method: 'get',
        path: ({ eventId, targetId }) => `/events/${eventId}/consultation-programmes/${targetId}/figures`,
        target: async () => w.programmeId,
        foreignTarget: foreignProgramme,
      },
      forOrganizers,
    );
  });
});
