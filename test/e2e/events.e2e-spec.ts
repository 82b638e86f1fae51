import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { Actor, addEventMember, assertProblem, createEvent, registerActor } from '../support/actors';
import { startTestApp, TestApp } from '../support/test-app';

const MALFORMED_ID = 'not-a-uuid';

function unique(prefix: string): string {
  return `${prefix}${randomBytes(4).toString('hex')}`;
}

function fields(body: { errors?: Array<{ field: string }> }): string[] {
  return (body.errors ?? []).map((error) => error.field).sort();
}

describe('events and event members', () => {
  let testApp: TestApp;
  let dataSource: DataSource;

  before(async () => {
    testApp = await startTestApp();
    dataSource = testApp.app.get(DataSource);
  });
  after(async () => {
    await testApp.close();
  });

  async function eventRow(eventId: string): Promise<Record<string, unknown>> {
    const [row] = await dataSource.query('SELECT * FROM events WHERE id = $1', [eventId]);
    return row;
  }

  async function memberRoles(eventId: string): Promise<Record<string, string[]>> {
    const rows: Array<{ user_id: string; roles: string }> = await dataSource.query(
      'SELECT user_id, roles::text AS roles FROM event_memberships WHERE event_id = $1',
      [eventId],
    );
    return Object.fromEntries(rows.map((row) => [row.user_id, row.roles.replace(/[{}]/g, '').split(',').sort()]));
  }

  async function organizerCount(eventId: string): Promise<number> {
    const [{ count }] = await dataSource.query(
      `SELECT count(*)::int AS count FROM event_memberships WHERE event_id = $1 AND 'organizer' = ANY(roles)`,
      [eventId],
    );
    return count;
  }

  async function eventCount(): Promise<number> {
    const [{ count }] = await dataSource.query('SELECT count(*)::int AS count FROM events');
    return count;
  }

  /** An organizer, their event, an investor, a startup and a second organizer of another event. */
  async function world(overrides: Record<string, unknown> = {}): Promise<{
    organizer: Actor;
    investor: Actor;
    startup: Actor;
    outsider: Actor;
    otherOrganizer: Actor;
    event: { id: string; slug: string };
    otherEvent: { id: string; slug: string };
  }> {
    const [organizer, investor, startup, outsider, otherOrganizer] = await Promise.all([
      registerActor(testApp, { name: 'Organizer' }),
      registerActor(testApp, { name: 'Investor' }),
      registerActor(testApp, { name: 'Startup' }),
      registerActor(testApp, { name: 'Outsider' }),
      registerActor(testApp, { name: 'Other Organizer' }),
    ]);
    const event = await createEvent(testApp, organizer, overrides);
    const otherEvent = await createEvent(testApp, otherOrganizer, { name: unique('Other Expo ') });
    await addEventMember(testApp, event.id, organizer, investor, 'investor');
    await addEventMember(testApp, event.id, organizer, startup, 'startup');
    return { organizer, investor, startup, outsider, otherOrganizer, event, otherEvent };
  }

  describe('creating events', () => {
    it('lets any signed-in person create an event, as a draft by default, and makes them its organizer', async () => {
      const organizer = await registerActor(testApp);
      const response = await testApp
        .http()
        .post('/events')
        .set(organizer.auth)
        .send({
          name: '  K-Global Cluster Expo  ',
          description: 'Investment consultation days',
          venueName: 'S-Factory',
          venueAddress: 'Seongsu-dong, Seongdong-gu, Seoul',
          timeZone: 'Asia/Seoul',
          startsOn: '2023-11-08',
          endsOn: '2023-11-10',
        });
      assert.equal(response.status, 201, JSON.stringify(response.body));
      assert.equal(response.body.name, 'K-Global Cluster Expo');
      assert.match(response.body.slug, /^k-global-cluster-expo(-[0-9a-f]{6})?$/);
      assert.equal(response.body.status, 'draft');
      assert.deepEqual(response.body.myRoles, ['organizer']);
      assert.equal(response.body.venueName, 'S-Factory');

      const mine = await testApp.http().get('/events/mine').set(organizer.auth);
      assert.equal(mine.status, 200);
      assert.deepEqual(
        mine.body.map((event: { id: string; myRoles: string[] }) => [event.id, event.myRoles]),
        [[response.body.id, ['organizer']]],
      );
      const members = await testApp.http().get(`/events/${response.body.id}/members`).set(organizer.auth);
      assert.equal(members.status, 200);
      assert.deepEqual(
        members.body.map((member: { userId: string; email: string; roles: string[] }) => [member.userId, member.email, member.roles]),
        [[organizer.id, organizer.email, ['organizer']]],
      );
    });

    it('requires sign-in to create an event', async () => {
      const initial = await eventCount();
      const response = await testApp
        .http()
        .post('/events')
        .send({ name: 'Anonymous Expo', timeZone: 'Asia/Seoul', startsOn: '2023-11-08', endsOn: '2023-11-10' });
      assertProblem(response, 401, 'unauthenticated');
      assert.equal(await eventCount(), initial);
    });

    it('derives a slug from the name, adds a suffix when it is taken, and falls back to "event" for non-Latin names', async () => {
      const organizer = await registerActor(testApp);
      const name = unique('Seoul Startup Day ');
      const first = await createEvent(testApp, organizer, { name });
      const second = await createEvent(testApp, organizer, { name });
      assert.equal(first.slug, name.toLowerCase().replace(/ /g, '-'));
      assert.match(second.slug, new RegExp(`^${first.slug}-[0-9a-f]{6}$`));
      const korean = await createEvent(testApp, organizer, { name: '투자 상담회' });
      assert.match(korean.slug, /^event(-[0-9a-f]{6})?$/);
      const fetched = await testApp.http().get(`/events/${korean.slug}`);
      assert.equal(fetched.status, 200);
      assert.equal(fetched.body.id, korean.id);
    });

    it('answers 409 slug_taken for an explicit slug in use, creating nothing', async () => {
      const organizer = await registerActor(testApp);
      const slug = unique('demo-day-');
      await createEvent(testApp, organizer, { slug });
      const initial = await eventCount();
      const again = await testApp
        .http()
        .post('/events')
        .set(organizer.auth)
        .send({ name: 'Another', slug, timeZone: 'Asia/Seoul', startsOn: '2023-11-08', endsOn: '2023-11-10' });
      assertProblem(again, 409, 'slug_taken');
      assert.deepEqual(fields(again.body), ['slug']);
      assert.equal(await eventCount(), initial);
    });

    it('rejects a last day before the first with 400 invalid_date_range, creating nothing', async () => {
      const organizer = await registerActor(testApp);
      const initial = await eventCount();
      const response = await testApp
        .http()
        .post('/events')
        .set(organizer.auth)
        .send({ name: 'Backwards', timeZone: 'Asia/Seoul', startsOn: '2023-11-10', endsOn: '2023-11-08' });
      assertProblem(response, 400, 'invalid_date_range');
      assert.deepEqual(fields(response.body), ['endsOn']);
      assert.equal(await eventCount(), initial);
      const mine = await testApp.http().get('/events/mine').set(organizer.auth);
      assert.deepEqual(mine.body, []);
    });

    it('rejects invalid fields one by one, and unknown fields, creating nothing', async () => {
      const organizer = await registerActor(testApp);
      const initial = await eventCount();
      const response = await testApp
        .http()
        .post('/events')
        .set(organizer.auth)
        .send({
          name: '',
          slug: 'Not A Slug',
          timeZone: 'Asia/Atlantis',
          startsOn: '2023-02-30',
          endsOn: '2023-11-10T00:00:00Z',
          status: 'open',
          organizerId: organizer.id,
        });
      assertProblem(response, 400, 'validation_failed');
      assert.deepEqual(fields(response.body), ['endsOn', 'name', 'organizerId', 'slug', 'startsOn', 'status', 'timeZone']);
      assert.equal(await eventCount(), initial);
    });

    it('rejects null for fields that cannot be empty (400, not a server error), creating nothing', async () => {
      const organizer = await registerActor(testApp);
      const initial = await eventCount();
      for (const field of ['status', 'slug', 'name', 'timeZone', 'startsOn', 'endsOn']) {
        const response = await testApp
          .http()
          .post('/events')
          .set(organizer.auth)
          .send({ name: 'Null Expo', timeZone: 'Asia/Seoul', startsOn: '2023-11-08', endsOn: '2023-11-10', [field]: null });
        assertProblem(response, 400, 'validation_failed');
        assert.deepEqual(fields(response.body), [field], field);
      }
      assert.equal(await eventCount(), initial);
    });

    it('rejects NUL characters in text with 400 rather than a server error', async () => {
      const organizer = await registerActor(testApp);
      const response = await testApp
        .http()
        .post('/events')
        .set(organizer.auth)
        .send({ name: 'Nul\u0000Expo', timeZone: 'Asia/Seoul', startsOn: '2023-11-08', endsOn: '2023-11-10' });
      assertProblem(response, 400, 'validation_failed');
      assert.deepEqual(fields(response.body), ['name']);
      assertProblem(await testApp.http().get('/events').query({ search: '\u0000' }), 400, 'validation_failed');
      assertProblem(await testApp.http().get('/invitations/abc%00def'), 400, 'validation_failed');
    });

    it('reserves slugs that would clash with routes or ids', async () => {
      const organizer = await registerActor(testApp);
      // An event named "Mine" must still be reachable by its slug (GET /events/mine is another route).
      const mine = await createEvent(testApp, organizer, { name: 'Mine' });
      assert.notEqual(mine.slug, 'mine');
      const bySlug = await testApp.http().get(`/events/${mine.slug}`);
      assert.equal(bySlug.status, 200);
      assert.equal(bySlug.body.id, mine.id);

      const explicit = await testApp
        .http()
        .post('/events')
        .set(organizer.auth)
        .send({ name: 'Mine again', slug: 'mine', timeZone: 'Asia/Seoul', startsOn: '2023-11-08', endsOn: '2023-11-10' });
      assert.equal(explicit.status, 400, JSON.stringify(explicit.body));
      assert.deepEqual(fields(explicit.body), ['slug']);

      // A slug shaped like another event's id would make that event unreachable by slug.
      const other = await createEvent(testApp, organizer);
      const uuidSlug = await testApp
        .http()
        .post('/events')
        .set(organizer.auth)
        .send({ name: 'Sneaky', slug: other.id, timeZone: 'Asia/Seoul', startsOn: '2023-11-08', endsOn: '2023-11-10' });
      assert.equal(uuidSlug.status, 400, JSON.stringify(uuidSlug.body));
      assert.deepEqual(fields(uuidSlug.body), ['slug']);
    });
  });

  describe('calendar dates and instants', () => {
    it('gives an event in Asia/Seoul the instants of its midnights there (UTC+9)', async () => {
      const organizer = await registerActor(testApp);
      const created = await testApp
        .http()
        .post('/events')
        .set(organizer.auth)
        .send({ name: 'Seoul Days', timeZone: 'Asia/Seoul', startsOn: '2023-11-08', endsOn: '2023-11-10', status: 'published' });
      assert.equal(created.status, 201);
      for (const body of [created.body, (await testApp.http().get(`/events/${created.body.slug}`)).body]) {
        assert.equal(body.startsOn, '2023-11-08');
        assert.equal(body.endsOn, '2023-11-10');
        assert.equal(body.timeZone, 'Asia/Seoul');
        assert.equal(body.startsAt, '2023-11-07T15:00:00.000Z');
        assert.equal(body.endsAt, '2023-11-10T15:00:00.000Z');
      }
      const row = await eventRow(created.body.id);
      assert.equal(row.time_zone, 'Asia/Seoul');
    });

    it('gives an event in America/New_York the right instants across the spring DST change (a 23-hour day)', async () => {
      const organizer = await registerActor(testApp);
      // 2024-03-10 02:00 EST became 03:00 EDT.
      const event = await createEvent(testApp, organizer, { timeZone: 'America/New_York', startsOn: '2024-03-09', endsOn: '2024-03-10' });
      const response = await testApp.http().get(`/events/${event.id}`);
      assert.equal(response.status, 200);
      assert.equal(response.body.startsAt, '2024-03-09T05:00:00.000Z');
      assert.equal(response.body.endsAt, '2024-03-11T04:00:00.000Z');
      const hours = (Date.parse(response.body.endsAt) - Date.parse(response.body.startsAt)) / 3_600_000;
      assert.equal(hours, 47);
    });

    it('gives an event in America/New_York the right instants across the autumn DST change (a 25-hour day)', async () => {
      const organizer = await registerActor(testApp);
      const event = await createEvent(testApp, organizer, { timeZone: 'America/New_York', startsOn: '2024-11-02', endsOn: '2024-11-03' });
      const response = await testApp.http().get(`/events/${event.slug}`);
      assert.equal(response.body.startsAt, '2024-11-02T04:00:00.000Z');
      assert.equal(response.body.endsAt, '2024-11-04T05:00:00.000Z');
      assert.equal((Date.parse(response.body.endsAt) - Date.parse(response.body.startsAt)) / 3_600_000, 49);
    });

    it('moves the instants when the organizer changes the zone, keeping the calendar dates', async () => {
      const organizer = await registerActor(testApp);
      const event = await createEvent(testApp, organizer, { timeZone: 'Asia/Seoul', startsOn: '2024-03-10', endsOn: '2024-03-10' });
      const moved = await testApp.http().patch(`/events/${event.id}`).set(organizer.auth).send({ timeZone: 'America/New_York' });
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      assert.equal(moved.body.startsOn, '2024-03-10');
      assert.equal(moved.body.startsAt, '2024-03-10T05:00:00.000Z');
      assert.equal(moved.body.endsAt, '2024-03-11T04:00:00.000Z');
      const fetched = await testApp.http().get(`/events/${event.id}`);
      assert.equal(fetched.body.startsAt, '2024-03-10T05:00:00.000Z');
      assert.equal(fetched.body.endsAt, '2024-03-11T04:00:00.000Z');
    });
  });

  describe('visibility', () => {
    it('shows a draft only to its organizers: anonymous, non-members and other members get 404', async () => {
      const { organizer, investor, startup, outsider, otherOrganizer, event } = await world({ status: 'draft', name: unique('Secret Draft ') });
      for (const idOrSlug of [event.id, event.slug]) {
        const asOrganizer = await testApp.http().get(`/events/${idOrSlug}`).set(organizer.auth);
        assert.equal(asOrganizer.status, 200);
        assert.deepEqual(asOrganizer.body.myRoles, ['organizer']);
        assert.equal(asOrganizer.body.status, 'draft');
        for (const caller of [undefined, outsider, investor, startup, otherOrganizer]) {
          const request = testApp.http().get(`/events/${idOrSlug}`);
          const response = caller ? await request.set(caller.auth) : await request;
          assertProblem(response, 404, 'not_found');
          assert.ok(!JSON.stringify(response.body).includes('Secret Draft'));
        }
      }
      // A bad token on the public route counts as anonymous.
      assertProblem(await testApp.http().get(`/events/${event.id}`).set({ Authorization: 'Bearer nonsense' }), 404, 'not_found');
      const listed = await testApp.http().get('/events').query({ search: 'Secret Draft', limit: 100 }).set(organizer.auth);
      assert.equal(listed.status, 200);
      assert.ok(!listed.body.items.some((item: { id: string }) => item.id === event.id));
    });

    it('shows a published event to everyone, with each caller’s own roles', async () => {
      const { organizer, investor, outsider, event } = await world({ status: 'published' });
      const anonymous = await testApp.http().get(`/events/${event.slug}`);
      assert.equal(anonymous.status, 200);
      assert.deepEqual(anonymous.body.myRoles, []);
      assert.deepEqual((await testApp.http().get(`/events/${event.id}`).set(outsider.auth)).body.myRoles, []);
      assert.deepEqual((await testApp.http().get(`/events/${event.id}`).set(investor.auth)).body.myRoles, ['investor']);
      assert.deepEqual((await testApp.http().get(`/events/${event.id}`).set(organizer.auth)).body.myRoles, ['organizer']);
    });

    it('answers 404 for unknown ids and slugs and for malformed ids', async () => {
      for (const path of ['/events/00000000-0000-4000-8000-000000000000', '/events/no-such-event', `/events/${MALFORMED_ID}`, '/events/%20']) {
        assertProblem(await testApp.http().get(path), 404, 'not_found');
      }
    });

    it('keeps archived events reachable but out of the public list', async () => {
      const organizer = await registerActor(testApp);
      const name = unique('Archived Expo ');
      const event = await createEvent(testApp, organizer, { name, status: 'archived' });
      assert.equal((await testApp.http().get(`/events/${event.id}`)).status, 200);
      const listed = await testApp.http().get('/events').query({ search: name });
      assert.equal(listed.body.total, 0);
    });

    it('publishing a draft makes it visible to everyone', async () => {
      const organizer = await registerActor(testApp);
      const event = await createEvent(testApp, organizer, { status: 'draft' });
      assertProblem(await testApp.http().get(`/events/${event.id}`), 404, 'not_found');
      const published = await testApp.http().patch(`/events/${event.id}`).set(organizer.auth).send({ status: 'published' });
      assert.equal(published.status, 200);
      assert.equal((await testApp.http().get(`/events/${event.id}`)).status, 200);
    });
  });

  describe('listing events', () => {
    it('lists published events only, searches name, venue and description, and pages', async () => {
      const organizer = await registerActor(testApp);
      const tag = unique('zq');
      const a = await createEvent(testApp, organizer, { name: `${tag} Alpha`, startsOn: '2024-01-01', endsOn: '2024-01-01' });
      const b = await createEvent(testApp, organizer, { name: 'Beta', venueName: `Hall ${tag}`, startsOn: '2024-01-02', endsOn: '2024-01-02' });
      const c = await createEvent(testApp, organizer, { name: 'Gamma', description: `About ${tag.toUpperCase()}`, startsOn: '2024-01-03', endsOn: '2024-01-03' });
      await createEvent(testApp, organizer, { name: `${tag} Draft`, status: 'draft' });

      const all = await testApp.http().get('/events').query({ search: tag });
      assert.equal(all.status, 200);
      assert.equal(all.body.total, 3);
      assert.deepEqual(all.body.items.map((item: { id: string }) => item.id), [a.id, b.id, c.id]);
      assert.ok(all.body.items.every((item: { status: string; myRoles: string[] }) => item.status === 'published' && item.myRoles.length === 0));

      const page = await testApp.http().get('/events').query({ search: tag, limit: 1, offset: 1 });
      assert.equal(page.body.total, 3);
      assert.deepEqual(page.body.items.map((item: { id: string }) => item.id), [b.id]);

      const mine = await testApp.http().get('/events').query({ search: tag }).set(organizer.auth);
      assert.ok(mine.body.items.every((item: { myRoles: string[] }) => item.myRoles.join() === 'organizer'));
    });

    it('treats % and _ in a search as literal characters', async () => {
      const organizer = await registerActor(testApp);
      const tag = unique('pct');
      await createEvent(testApp, organizer, { name: `${tag} 100% Invest` });
      await createEvent(testApp, organizer, { name: `${tag} 1000 Invest` });
      const response = await testApp.http().get('/events').query({ search: `${tag} 100%` });
      assert.equal(response.body.total, 1);
      const underscore = await testApp.http().get('/events').query({ search: `${tag}_` });
      assert.equal(underscore.body.total, 0);
    });

    it('rejects bad paging and unknown query parameters', async () => {
      for (const query of [{ limit: 0 }, { limit: 201 }, { limit: 'ten' }, { offset: -1 }, { status: 'draft' }]) {
        assertProblem(await testApp.http().get('/events').query(query), 400, 'validation_failed');
      }
    });

    it('GET /events/mine lists every event one takes part in with one’s roles (drafts only to organizers), and needs sign-in', async () => {
      const { organizer, investor, event, otherEvent } = await world({ status: 'draft' });
      const own = await testApp.http().get('/events/mine').set(organizer.auth);
      assert.deepEqual(own.body.map((item: { id: string }) => item.id), [event.id]);
      assert.deepEqual((await testApp.http().get('/events/mine').set(investor.auth)).body, []);
      await testApp.http().patch(`/events/${event.id}`).set(organizer.auth).send({ status: 'published' }).expect(200);
      const invested = await testApp.http().get('/events/mine').set(investor.auth);
      assert.deepEqual(invested.body.map((item: { id: string; myRoles: string[] }) => [item.id, item.myRoles]), [[event.id, ['investor']]]);
      assert.ok(!JSON.stringify(own.body).includes(otherEvent.id));
      assertProblem(await testApp.http().get('/events/mine'), 401, 'unauthenticated');
    });
  });

  describe('updating events', () => {
    it('lets organizers update and publish; the response and later reads agree', async () => {
      const organizer = await registerActor(testApp);
      const event = await createEvent(testApp, organizer, { status: 'draft' });
      const slug = unique('renamed-');
      const response = await testApp
        .http()
        .patch(`/events/${event.id}`)
        .set(organizer.auth)
        .send({ name: 'Renamed Expo', slug, venueName: null, description: 'Now with pitches', status: 'published', endsOn: '2023-11-12' });
      assert.equal(response.status, 200, JSON.stringify(response.body));
      assert.equal(response.body.name, 'Renamed Expo');
      assert.equal(response.body.slug, slug);
      assert.equal(response.body.venueName, null);
      assert.equal(response.body.endsOn, '2023-11-12');
      assert.deepEqual(response.body.myRoles, ['organizer']);
      const fetched = await testApp.http().get(`/events/${slug}`);
      assert.equal(fetched.body.id, event.id);
      assert.equal(fetched.body.description, 'Now with pitches');
      assert.equal(fetched.body.endsAt, '2023-11-12T15:00:00.000Z');
    });

    it('rejects bad updates and changes nothing', async () => {
      const organizer = await registerActor(testApp);
      const event = await createEvent(testApp, organizer, { status: 'draft' });
      const taken = await createEvent(testApp, organizer);
      const initial = await eventRow(event.id);
      const attempts: Array<[Record<string, unknown>, number, string, string[]]> = [
        [{ endsOn: '2023-11-01' }, 400, 'invalid_date_range', ['endsOn']],
        [{ startsOn: '2023-12-01' }, 400, 'invalid_date_range', ['endsOn']],
        [{ slug: taken.slug }, 409, 'slug_taken', ['slug']],
        [{ name: 'Fine', organizerId: organizer.id }, 400, 'validation_failed', ['organizerId']],
        [{ timeZone: 'KST' }, 400, 'validation_failed', ['timeZone']],
        [{ status: 'cancelled' }, 400, 'validation_failed', ['status']],
        [{ name: null }, 400, 'validation_failed', ['name']],
        [{ slug: null }, 400, 'validation_failed', ['slug']],
        [{ timeZone: null }, 400, 'validation_failed', ['timeZone']],
        [{ startsOn: null }, 400, 'validation_failed', ['startsOn']],
        [{ status: null }, 400, 'validation_failed', ['status']],
        [{ slug: 'mine' }, 400, 'validation_failed', ['slug']],
      ];
      for (const [body, status, code, expectedFields] of attempts) {
        const response = await testApp.http().patch(`/events/${event.id}`).set(organizer.auth).send(body);
        assertProblem(response, status, code);
        assert.deepEqual(fields(response.body), expectedFields, JSON.stringify(body));
      }
      assert.deepEqual(await eventRow(event.id), initial);
    });

    it('answers 403 to members without the organizer role, 404 to everyone else, and changes nothing', async () => {
      const { investor, startup, outsider, otherOrganizer, event } = await world();
      const initial = await eventRow(event.id);
      for (const member of [investor, startup]) {
        assertProblem(await testApp.http().patch(`/events/${event.id}`).set(member.auth).send({ name: 'Hijacked' }), 403, 'forbidden');
      }
      for (const stranger of [outsider, otherOrganizer]) {
        const response = await testApp.http().patch(`/events/${event.id}`).set(stranger.auth).send({ name: 'Hijacked' });
        assertProblem(response, 404, 'not_found');
      }
      assertProblem(await testApp.http().patch(`/events/${event.id}`).send({ name: 'Hijacked' }), 401, 'unauthenticated');
      assertProblem(await testApp.http().patch(`/events/${MALFORMED_ID}`).set(otherOrganizer.auth).send({ name: 'Hijacked' }), 404, 'not_found');
      assertProblem(await testApp.http().patch(`/events/${event.slug}`).set(otherOrganizer.auth).send({ name: 'Hijacked' }), 404, 'not_found');
      assert.deepEqual(await eventRow(event.id), initial);
    });
  });

  describe('members', () => {
    it('lists members with their roles; only organizers see email addresses; nothing of another event', async () => {
      const { organizer, investor, startup, otherOrganizer, event, otherEvent } = await world();
      const asOrganizer = await testApp.http().get(`/events/${event.id}/members`).set(organizer.auth);
      assert.equal(asOrganizer.status, 200);
      assert.deepEqual(
        asOrganizer.body.map((member: { userId: string; email: string; roles: string[] }) => [member.userId, member.email, member.roles]),
        [
          [organizer.id, organizer.email, ['organizer']],
          [investor.id, investor.email, ['investor']],
          [startup.id, startup.email, ['startup']],
        ],
      );
      for (const member of [investor, startup]) {
        const response = await testApp.http().get(`/events/${event.id}/members`).set(member.auth);
        assert.equal(response.status, 200);
        assert.equal(response.body.length, 3);
        for (const entry of response.body) {
          assert.equal('email' in entry, false);
          assert.ok(entry.name && entry.timeZone && entry.joinedAt);
        }
      }
      const serialized = JSON.stringify(asOrganizer.body);
      assert.ok(!serialized.includes(otherOrganizer.id) && !serialized.includes(otherEvent.id));
    });

    it('lets organizers set a member’s roles, several at once', async () => {
      const { organizer, investor, event } = await world();
      const response = await testApp
        .http()
        .patch(`/events/${event.id}/members/${investor.id}`)
        .set(organizer.auth)
        .send({ roles: ['investor', 'expert'] });
      assert.equal(response.status, 200, JSON.stringify(response.body));
      assert.deepEqual(response.body.roles, ['investor', 'expert']);
      assert.equal(response.body.email, investor.email);
      assert.deepEqual((await memberRoles(event.id))[investor.id], ['expert', 'investor']);
      const seen = await testApp.http().get(`/events/${event.id}`).set(investor.auth);
      assert.deepEqual(seen.body.myRoles, ['investor', 'expert']);
    });

    it('rejects bad roles and unknown fields, changing nothing', async () => {
      const { organizer, investor, event } = await world();
      const initial = await memberRoles(event.id);
      for (const body of [{ roles: [] }, { roles: ['investor', 'investor'] }, { roles: ['vip'] }, { roles: 'investor' }, {}, { roles: ['investor'], userId: organizer.id }]) {
        const response = await testApp.http().patch(`/events/${event.id}/members/${investor.id}`).set(organizer.auth).send(body);
        assertProblem(response, 400, 'validation_failed');
      }
      assert.deepEqual(await memberRoles(event.id), initial);
    });

    it('does not let the last organizer drop the role or leave, but allows it once another organizer exists', async () => {
      const { organizer, investor, event } = await world();
      const demote = await testApp.http().patch(`/events/${event.id}/members/${organizer.id}`).set(organizer.auth).send({ roles: ['investor'] });
      assertProblem(demote, 409, 'last_organizer');
      assertProblem(await testApp.http().delete(`/events/${event.id}/members/${organizer.id}`).set(organizer.auth), 409, 'last_organizer');
      assert.deepEqual((await memberRoles(event.id))[organizer.id], ['organizer']);

      // Keeping the role while adding others is fine.
      const keep = await testApp.http().patch(`/events/${event.id}/members/${organizer.id}`).set(organizer.auth).send({ roles: ['organizer', 'staff'] });
      assert.equal(keep.status, 200);

      const promote = await testApp.http().patch(`/events/${event.id}/members/${investor.id}`).set(organizer.auth).send({ roles: ['investor', 'organizer'] });
      assert.equal(promote.status, 200);
      const stepDown = await testApp.http().patch(`/events/${event.id}/members/${organizer.id}`).set(organizer.auth).send({ roles: ['staff'] });
      assert.equal(stepDown.status, 200);
      // The former organizer has lost the organizer's powers.
      assertProblem(await testApp.http().patch(`/events/${event.id}`).set(organizer.auth).send({ name: 'x' }), 403, 'forbidden');
      assertProblem(await testApp.http().delete(`/events/${event.id}/members/${investor.id}`).set(investor.auth), 409, 'last_organizer');
      assert.equal(await organizerCount(event.id), 1);
    });

    it('lets organizers remove members and anyone leave; removed members lose access', async () => {
      const { organizer, investor, startup, event } = await world();
      assertProblem(await testApp.http().delete(`/events/${event.id}/members/${startup.id}`).set(investor.auth), 403, 'forbidden');
      const removed = await testApp.http().delete(`/events/${event.id}/members/${investor.id}`).set(organizer.auth);
      assert.equal(removed.status, 204);
      assertProblem(await testApp.http().get(`/events/${event.id}/members`).set(investor.auth), 404, 'not_found');
      assertProblem(await testApp.http().delete(`/events/${event.id}/members/${investor.id}`).set(organizer.auth), 404, 'not_found');

      const left = await testApp.http().delete(`/events/${event.id}/members/${startup.id}`).set(startup.auth);
      assert.equal(left.status, 204);
      assert.deepEqual(Object.keys(await memberRoles(event.id)), [organizer.id]);
      const mine = await testApp.http().get('/events/mine').set(startup.auth);
      assert.deepEqual(mine.body, []);
    });

    it('answers 404 for a person who is not a member of this event (even if they are of another)', async () => {
      const { organizer, otherOrganizer, event } = await world();
      const initial = await memberRoles(event.id);
      assertProblem(
        await testApp.http().patch(`/events/${event.id}/members/${otherOrganizer.id}`).set(organizer.auth).send({ roles: ['investor'] }),
        404,
        'not_found',
      );
      assertProblem(await testApp.http().delete(`/events/${event.id}/members/${otherOrganizer.id}`).set(organizer.auth), 404, 'not_found');
      assertProblem(await testApp.http().patch(`/events/${event.id}/members/${MALFORMED_ID}`).set(organizer.auth).send({ roles: ['investor'] }), 404, 'not_found');
      assertProblem(await testApp.http().delete(`/events/${event.id}/members/${MALFORMED_ID}`).set(organizer.auth), 404, 'not_found');
      assert.deepEqual(await memberRoles(event.id), initial);
    });

    it('never leaves an event without an organizer when two organizers remove each other at the same time', async () => {
      for (let round = 0; round < 5; round += 1) {
        const [first, second] = await Promise.all([registerActor(testApp), registerActor(testApp)]);
        const event = await createEvent(testApp, first);
        await addEventMember(testApp, event.id, first, second, 'organizer');
        assert.equal(await organizerCount(event.id), 2);
        const results = await Promise.all([
          testApp.http().delete(`/events/${event.id}/members/${second.id}`).set(first.auth),
          testApp.http().delete(`/events/${event.id}/members/${first.id}`).set(second.auth),
        ]);
        // The loser is refused either way: 403 when it passed the first check and is refused under the event lock,
        // 404 when it arrived after its own removal and no longer sees the event at all.
        const statuses = results.map((result) => result.status).sort();
        assert.equal(statuses[0], 204, JSON.stringify(results.map((r) => r.body)));
        assert.ok([403, 404].includes(statuses[1]), JSON.stringify(results.map((r) => r.body)));
        assert.equal(await organizerCount(event.id), 1);
      }
    });

    it('never leaves an event without an organizer when two organizers leave or step down at the same time', async () => {
      for (let round = 0; round < 5; round += 1) {
        const [first, second] = await Promise.all([registerActor(testApp), registerActor(testApp)]);
        const event = await createEvent(testApp, first);
        await addEventMember(testApp, event.id, first, second, 'organizer');
        const results = await Promise.all([
          testApp.http().delete(`/events/${event.id}/members/${first.id}`).set(first.auth),
          testApp.http().patch(`/events/${event.id}/members/${second.id}`).set(second.auth).send({ roles: ['staff'] }),
        ]);
        const successes = results.filter((result) => result.status === 200 || result.status === 204);
        const conflicts = results.filter((result) => result.status === 409);
        assert.equal(successes.length, 1, JSON.stringify(results.map((r) => [r.status, r.body])));
        assert.equal(conflicts.length, 1);
        assert.equal(conflicts[0].body.code, 'last_organizer');
        assert.equal(await organizerCount(event.id), 1);
      }
    });
  });
});
