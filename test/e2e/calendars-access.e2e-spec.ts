import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Actor, assertProblem, registerActor } from '../support/actors';
import { CalendarWorld, createCalendarWorld, organizerBooks } from '../support/calendar-fixtures';
import { addEventRoleRow, addParticipant, createRoundRow } from '../support/consultation-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

const MISSING = '00000000-0000-4000-8000-000000000000';
const RANGE = 'from=2023-04-01&to=2023-05-31';

interface Ids {
  eventId: string;
  userId: string;
  meetingId: string;
  roundId: string;
}

interface RouteCase {
  name: string;
  path: (ids: Ids) => string;
}

/**
 * Who reads which calendar. A person reads their own calendar and feed; organizers read a participant's calendar and
 * the day per table and room of their own event; a meeting's file is for its two people and the organizers; anyone
 * else gets the 404 a missing record gets. A startup never sees another startup's meetings, anywhere.
 */
describe('calendars: access', () => {
  let testApp: TestApp;
  let world: CalendarWorld;
  let otherWorld: CalendarWorld;
  let otherHost: Actor;
  let otherGuest: Actor;
  let staff: Actor;
  let nonMember: Actor;
  let ids: Ids;
  let theirMeeting: string;
  let foreignMeeting: string;

  before(async () => {
    testApp = await startTestApp();
    world = await createCalendarWorld(testApp);
    otherHost = await addParticipant(testApp, world, 'host', { name: 'Michael Chen', organizationName: 'Kendall Square Partners' });
    otherGuest = await addParticipant(testApp, world, 'guest', { name: 'Lee Jiwon', organizationName: 'Hanbit Genomics' });
    staff = await registerActor(testApp);
    await addEventRoleRow(testApp, world.eventId, staff.id, 'staff');
    nonMember = await registerActor(testApp);
    otherWorld = await createCalendarWorld(testApp);
    const meetingId = await organizerBooks(testApp, world, world.onSite, world.host, world.guest, '2023-04-28T09:00', { locationId: world.onSite.locationIds[0] });
    // The other pair meets at the same time at the next table, and the investor of the first pair later.
    theirMeeting = await organizerBooks(testApp, world, world.onSite, otherHost, otherGuest, '2023-04-28T09:00', { locationId: world.onSite.locationIds[1] });
    await organizerBooks(testApp, world, world.onSite, world.host, otherGuest, '2023-04-28T10:00');
    foreignMeeting = await organizerBooks(testApp, otherWorld, otherWorld.onSite, otherWorld.host, otherWorld.guest, '2023-04-28T09:00');
    ids = { eventId: world.eventId, userId: world.guest.id, meetingId, roundId: world.online.id };
  });
  after(async () => {
    await testApp.close();
  });

  const eventRoutes: RouteCase[] = [
    { name: 'participant calendar', path: (i) => `/events/${i.eventId}/participants/${i.userId}/calendar?${RANGE}` },
    { name: 'location schedule', path: (i) => `/events/${i.eventId}/location-schedule?date=2023-04-28` },
    { name: 'meeting .ics', path: (i) => `/events/${i.eventId}/meetings/${i.meetingId}/ics` },
    { name: 'overlaps', path: (i) => `/events/${i.eventId}/consultation-rounds/${i.roundId}/overlaps?userId=${world.host.id}` },
  ];
  const [participantRoute, scheduleRoute, fileRoute, overlapRoute] = eventRoutes;
  const ownRoutes = ['/me/calendar?' + RANGE, '/me/calendar-feed', '/me/travel-time-zones'];

  function get(path: string, actor: Actor | null) {
    const agent = testApp.http().get(path);
    return actor ? agent.set(actor.auth) : agent;
  }

  function call(route: RouteCase, actor: Actor | null, overrides: Partial<Ids> = {}) {
    return get(route.path({ ...ids, ...overrides }), actor);
  }

  it('anonymous callers get 401 on every route but the feed', async () => {
    for (const route of eventRoutes) assertProblem(await call(route, null), 401, 'unauthenticated');
    for (const path of ownRoutes) assertProblem(await get(path, null), 401, 'unauthenticated');
    assertProblem(await testApp.http().delete(`/me/travel-time-zones/${MISSING}`), 401, 'unauthenticated');
    assertProblem(await testApp.http().post('/me/calendar-feed'), 401, 'unauthenticated');
  });

  it('non-members and organizers of another event get 404 on every event route', async () => {
    for (const actor of [nonMember, otherWorld.organizer]) {
      for (const route of eventRoutes) assertProblem(await call(route, actor), 404, 'not_found');
    }
  });

  it('members who do not organize: 403 on organizer views; a meeting or round that is not theirs is a 404', async () => {
    for (const actor of [world.guest, world.host, otherGuest, staff]) {
      assertProblem(await call(participantRoute, actor), 403, 'forbidden');
      assertProblem(await call(scheduleRoute, actor), 403, 'forbidden');
    }
    for (const actor of [otherGuest, otherHost, staff]) assertProblem(await call(fileRoute, actor), 404, 'not_found');
    // Overlaps: staff take no part in the programme; another founder may not ask about this founder.
    assertProblem(await call(overlapRoute, staff), 404, 'not_found');
    assertProblem(await get(`/events/${world.eventId}/consultation-rounds/${world.online.id}/overlaps?userId=${world.guest.id}`, otherGuest), 404, 'not_found');
    for (const actor of [world.guest, world.host, world.organizer]) assert.equal((await call(fileRoute, actor)).status, 200);
    assert.equal((await call(overlapRoute, otherGuest)).status, 200);
  });

  it('malformed, missing and foreign ids answer 404', async () => {
    for (const route of eventRoutes) {
      for (const eventId of ['not-a-uuid', MISSING, otherWorld.eventId]) assertProblem(await call(route, world.organizer, { eventId }), 404, 'not_found');
    }
    for (const userId of ['not-a-uuid', MISSING, nonMember.id, otherWorld.guest.id]) {
      assertProblem(await call(participantRoute, world.organizer, { userId }), 404, 'not_found');
    }
    for (const meetingId of ['not-a-uuid', MISSING, foreignMeeting]) assertProblem(await call(fileRoute, world.organizer, { meetingId }), 404, 'not_found');
    const foreignRound = await createRoundRow(testApp, otherWorld.eventId, otherWorld.programmeId);
    for (const roundId of ['not-a-uuid', MISSING, foreignRound.id]) assertProblem(await call(overlapRoute, world.organizer, { roundId }), 404, 'not_found');
    for (const roundId of [MISSING, foreignRound.id]) {
      assertProblem(await get(`/events/${world.eventId}/location-schedule?date=2023-04-28&roundId=${roundId}`, world.organizer), 404, 'not_found');
    }
    // A participant of another event is unknown here, even to this event's organizer.
    assertProblem(await get(`/events/${world.eventId}/consultation-rounds/${world.online.id}/overlaps?userId=${otherWorld.host.id}`, world.organizer), 404, 'not_found');
  });

  it("another person's travel time zone is a 404 and stays", async () => {
    const created = await testApp.http().post('/me/travel-time-zones').set(world.guest.auth).send({ timeZone: 'America/New_York', startsOn: '2023-04-27', endsOn: '2023-04-29' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    for (const actor of [otherGuest, world.organizer]) {
      assertProblem(await testApp.http().delete(`/me/travel-time-zones/${created.body.id}`).set(actor.auth), 404, 'not_found');
      assert.deepEqual((await get('/me/travel-time-zones', actor)).body, []);
    }
    assertProblem(await testApp.http().delete('/me/travel-time-zones/not-a-uuid').set(world.guest.auth), 404, 'not_found');
    assert.equal((await get('/me/travel-time-zones', world.guest)).body.length, 1);
  });

  it("a startup never sees another startup's meetings: not in its calendar, its feed, or a host's free/busy", async () => {
    const calendar = await get(`/me/calendar?${RANGE}`, world.guest);
    assert.equal(calendar.status, 200);
    assert.deepEqual(
      calendar.body.meetings.map((meeting: { id: string }) => meeting.id),
      [ids.meetingId],
    );
    const feedUrl = (await testApp.http().post('/me/calendar-feed').set(world.guest.auth)).body.url as string;
    const feed = await testApp.http().get(new URL(feedUrl).pathname).buffer(true).parse((response, done) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      response.on('end', () => done(null, text));
    });
    assert.equal(feed.status, 200);
    const bodies = [JSON.stringify(calendar.body), feed.body as string];
    // The investor's free/busy: her 10:00 with the other founder is "taken", with nobody named.
    const slots = await get(`/events/${world.eventId}/consultation-rounds/${world.onSite.id}/hosts/${world.host.id}/slots`, world.guest);
    assert.equal(slots.status, 200, JSON.stringify(slots.body));
    assert.equal(slots.body.slots.find((slot: { startsAt: string }) => slot.startsAt === '2023-04-28T14:00:00.000Z').state, 'taken');
    bodies.push(JSON.stringify(slots.body));
    for (const body of bodies) {
      for (const secret of [theirMeeting, otherGuest.id, 'Lee Jiwon', 'Hanbit Genomics']) assert.ok(!body.includes(secret), `${secret} leaked`);
    }
    // Organizers see any participant of their event.
    const theirs = await call(participantRoute, world.organizer, { userId: otherGuest.id });
    assert.equal(theirs.status, 200);
    assert.equal(theirs.body.meetings.length, 2);
  });
});
