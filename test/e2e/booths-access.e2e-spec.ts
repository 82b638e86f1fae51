import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { Actor, assertProblem, createEvent, CreatedEvent, registerActor } from '../support/actors';
import { startTestApp, TestApp } from '../support/test-app';

// ---------------------------------------------------------------------------------------------------------------
// Who gets what on every route of the expo floor. Organizers manage; exhibitors edit only their own booth;
// applicants see only their own organization's applications; another event's data is 404; anonymous callers get
// only the public pavilions, rooms and directory of published events. A refused request changes nothing and shows
// nothing of the event.
// ---------------------------------------------------------------------------------------------------------------

const MALFORMED_ID = 'not-a-uuid';

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
type CallerName = 'anonymous' | 'outsider' | 'applicantOther' | 'exhibitorOther' | 'otherOrganizer';
type Expected = Record<CallerName, [number, string?]>;

/** Ids a route's path is built from; `eventId` is the event addressed. */
interface Ids {
  eventId: string;
  pavilionId: string;
  roomId: string;
  boothId: string;
  applicationId: string;
}

interface RouteCase {
  method: Method;
  path: (ids: Ids) => string;
  body?: Record<string, unknown>;
  /** Path ids (other than eventId) it addresses, for the malformed and cross-event checks. */
  params: Array<keyof Omit<Ids, 'eventId'>>;
}

interface Party {
  owner: Actor;
  organizationId: string;
  applicationId: string;
}

let testApp: TestApp;
let dataSource: DataSource;
const http = () => testApp.http();

function unique(base: string): string {
  return `${base} ${randomUUID().slice(0, 8)}`;
}

async function post(actor: Actor, path: string, body: Record<string, unknown>): Promise<{ id: string } & Record<string, unknown>> {
  const response = await http().post(path).set(actor.auth).send(body);
  assert.ok(response.status === 201 || response.status === 200, `${path}: ${JSON.stringify(response.body)}`);
  return response.body;
}

/** An organization that applied to the event (accepted and given `boothId` if the organizer is passed). */
async function party(eventId: string, pitch: string, accept?: { organizer: Actor; boothId: string }): Promise<Party> {
  const owner = await registerActor(testApp);
  const organization = await post(owner, '/organizations', { name: unique('Exhibitor'), kind: 'startup' });
  const application = await post(owner, `/events/${eventId}/exhibitor-applications`, { organizationId: organization.id, pitch });
  if (accept) {
    await post(accept.organizer, `/events/${eventId}/exhibitor-applications/${application.id}/decision`, { decision: 'accept' });
    const assigned = await http()
      .put(`/events/${eventId}/booths/${accept.boothId}/assignment`)
      .set(accept.organizer.auth)
      .send({ applicationId: application.id });
    assert.equal(assigned.status, 200, JSON.stringify(assigned.body));
  }
  return { owner, organizationId: organization.id, applicationId: application.id };
}

describe('access to the expo floor', () => {
  let organizer: Actor;
  let otherOrganizer: Actor;
  let outsider: Actor;
  let event: CreatedEvent;
  let otherEvent: CreatedEvent;
  let draft: CreatedEvent;
  /** This event's records. */
  let ids: Ids;
  /** A pavilion with no booths (for DELETE) and a booth with no exhibitor (for PATCH, DELETE, PUT assignment). */
  let emptyPavilionId: string;
  let freeBoothId: string;
  /** The other event's records, for addressing this event's ids through it. */
  let otherIds: Ids;
  let applicant: Party;
  let applicantOther: Party;
  let exhibitor: Party;
  let exhibitorOther: Party;
  /** Text of this event that no refusal may show. */
  const secrets = {
    pavilion: unique('Secret cosmetics pavilion'),
    room: unique('Secret press room'),
    pitch: unique('Secret pitch of the applicant'),
    otherPitch: unique('Secret pitch of another applicant'),
    description: unique('Secret booth description'),
  };

  before(async () => {
    testApp = await startTestApp();
    dataSource = testApp.app.get(DataSource);
    [organizer, otherOrganizer, outsider] = await Promise.all([
      registerActor(testApp, { name: 'Organizer' }),
      registerActor(testApp, { name: 'Other organizer' }),
      registerActor(testApp, { name: 'Outsider' }),
    ]);
    event = await createEvent(testApp, organizer, { name: unique('K-Global Cluster') });
    otherEvent = await createEvent(testApp, otherOrganizer);
    draft = await createEvent(testApp, organizer, { status: 'draft' });

    const pavilion = await post(organizer, `/events/${event.id}/pavilions`, { nameKo: '코스메틱관', nameEn: secrets.pavilion, floor: '1F' });
    emptyPavilionId = (await post(organizer, `/events/${event.id}/pavilions`, { nameKo: '빈 관', nameEn: unique('Empty') })).id;
    const room = await post(organizer, `/events/${event.id}/rooms`, { nameKo: '프레스룸', nameEn: secrets.room, kind: 'press_room', capacity: 40 });
    const boothsResponse = await http()
      .post(`/events/${event.id}/booths/batch`)
      .set(organizer.auth)
      .send({ pavilionId: pavilion.id, prefix: 'C-', from: 1, to: 3 });
    const [ownBooth, otherBooth, freeBooth] = boothsResponse.body as Array<{ id: string }>;
    freeBoothId = freeBooth.id;

    applicant = await party(event.id, secrets.pitch);
    applicantOther = await party(event.id, secrets.otherPitch);
    exhibitor = await party(event.id, 'Exhibitor pitch', { organizer, boothId: ownBooth.id });
    exhibitorOther = await party(event.id, 'Other exhibitor pitch', { organizer, boothId: otherBooth.id });
    const profile = await http()
      .patch(`/events/${event.id}/booths/${ownBooth.id}/profile`)
      .set(exhibitor.owner.auth)
      .send({ description: secrets.description, staffOnDuty: ['Kim Minji'] });
    assert.equal(profile.status, 200);
    ids = { eventId: event.id, pavilionId: pavilion.id, roomId: room.id, boothId: ownBooth.id, applicationId: applicant.applicationId };

    const otherPavilion = await post(otherOrganizer, `/events/${otherEvent.id}/pavilions`, { nameKo: '관', nameEn: unique('Other') });
    const otherRoom = await post(otherOrganizer, `/events/${otherEvent.id}/rooms`, { nameKo: '룸', nameEn: unique('Other'), kind: 'stage' });
    const otherBooths = await http()
      .post(`/events/${otherEvent.id}/booths/batch`)
      .set(otherOrganizer.auth)
      .send({ pavilionId: otherPavilion.id, prefix: 'O-', from: 1, to: 1 });
    const otherParty = await party(otherEvent.id, 'Elsewhere', { organizer: otherOrganizer, boothId: otherBooths.body[0].id });
    otherIds = {
      eventId: otherEvent.id,
      pavilionId: otherPavilion.id,
      roomId: otherRoom.id,
      boothId: otherBooths.body[0].id,
      applicationId: otherParty.applicationId,
    };
    await post(organizer, `/events/${draft.id}/pavilions`, { nameKo: '비공개관', nameEn: secrets.pavilion });
    await post(organizer, `/events/${draft.id}/rooms`, { nameKo: '비공개룸', nameEn: secrets.room, kind: 'stage' });
  });
  after(async () => {
    await testApp.close();
  });

  async function applicationIdsSeenBy(actor: Actor): Promise<string[]> {
    const response = await http().get(`/events/${event.id}/exhibitor-applications`).set(actor.auth);
    return response.body.map((application: { id: string }) => application.id);
  }

  function callers(): Record<CallerName, Actor | undefined> {
    return {
      anonymous: undefined,
      outsider,
      applicantOther: applicantOther.owner,
      exhibitorOther: exhibitorOther.owner,
      otherOrganizer,
    };
  }

  /** Everything a refused request could have changed. */
  async function snapshot(): Promise<unknown> {
    const eventIds = [event.id, otherEvent.id, draft.id];
    const rows = (table: string) => dataSource.query(`SELECT * FROM ${table} WHERE event_id = ANY($1) ORDER BY id`, [eventIds]);
    return {
      pavilions: await rows('pavilions'),
      rooms: await rows('rooms'),
      booths: await rows('booths'),
      applications: await rows('exhibitor_applications'),
      memberships: await dataSource.query(
        'SELECT event_id, user_id, roles::text FROM event_memberships WHERE event_id = ANY($1) ORDER BY event_id, user_id',
        [eventIds],
      ),
    };
  }

  function send(route: RouteCase, routeIds: Ids, caller?: Actor) {
    let request = http()[route.method](route.path(routeIds));
    if (caller) request = request.set(caller.auth);
    return route.body ? request.send(route.body) : request;
  }

  function assertNoLeak(body: unknown): void {
    // `instance` only echoes the path the caller sent.
    const text = JSON.stringify({ ...(body as Record<string, unknown>), instance: undefined });
    for (const secret of [...Object.values(secrets), exhibitor.applicationId, applicant.organizationId, exhibitor.organizationId]) {
      assert.ok(!text.includes(secret), `response leaks ${secret}: ${text}`);
    }
  }

  /**
   * Sends the route as each caller and checks the answer; then, as this event's organizer, with each path id
   * malformed (404); then, as the other event's organizer, through their own event (404). Nothing may change.
   */
  async function checkMatrix(route: RouteCase, expected: Expected): Promise<void> {
    const unchanged = await snapshot();
    for (const [name, caller] of Object.entries(callers()) as Array<[CallerName, Actor | undefined]>) {
      const [status, code] = expected[name];
      const response = await send(route, ids, caller);
      if (code) {
        assertProblem(response, status, code);
        assertNoLeak(response.body);
      } else {
        assert.equal(response.status, status, `${name}: ${JSON.stringify(response.body)}`);
      }
    }
    for (const param of ['eventId', ...route.params] as Array<keyof Ids>) {
      const response = await send(route, { ...ids, [param]: MALFORMED_ID }, organizer);
      assertProblem(response, 404, 'not_found');
      assertNoLeak(response.body);
    }
    if (route.params.length > 0) {
      const crossed = await send(route, { ...ids, eventId: otherEvent.id }, otherOrganizer);
      assertProblem(crossed, 404, 'not_found');
      assertNoLeak(crossed.body);
    }
    assert.deepEqual(await snapshot(), unchanged, 'a refused request changed something');
  }

  const forOrganizers: Expected = {
    anonymous: [401, 'unauthenticated'],
    outsider: [404, 'not_found'],
    applicantOther: [404, 'not_found'],
    // Accepted exhibitors are members of the event, so they learn only that the route is not theirs.
    exhibitorOther: [403, 'forbidden'],
    otherOrganizer: [404, 'not_found'],
  };
  const publicRead: Expected = { anonymous: [200], outsider: [200], applicantOther: [200], exhibitorOther: [200], otherOrganizer: [200] };
  const onlyOwn: Expected = {
    anonymous: [401, 'unauthenticated'],
    outsider: [404, 'not_found'],
    applicantOther: [404, 'not_found'],
    exhibitorOther: [404, 'not_found'],
    otherOrganizer: [404, 'not_found'],
  };

  describe('pavilions', () => {
    it('POST /events/:eventId/pavilions: organizers only', async () => {
      await checkMatrix({ method: 'post', path: (p) => `/events/${p.eventId}/pavilions`, body: { nameKo: '관', nameEn: unique('Sneaky') }, params: [] }, forOrganizers);
    });

    it('GET /events/:eventId/pavilions: anyone, for a published event', async () => {
      await checkMatrix({ method: 'get', path: (p) => `/events/${p.eventId}/pavilions`, params: [] }, publicRead);
      const listed = await http().get(`/events/${event.id}/pavilions`);
      assert.ok(listed.body.some((pavilion: { nameEn: string }) => pavilion.nameEn === secrets.pavilion));
      const other = await http().get(`/events/${otherEvent.id}/pavilions`);
      assert.deepEqual(other.body.map((pavilion: { id: string }) => pavilion.id), [otherIds.pavilionId]);
    });

    it('PATCH /events/:eventId/pavilions/:pavilionId: organizers only', async () => {
      await checkMatrix(
        { method: 'patch', path: (p) => `/events/${p.eventId}/pavilions/${p.pavilionId}`, body: { theme: 'Hijacked' }, params: ['pavilionId'] },
        forOrganizers,
      );
    });

    it('DELETE /events/:eventId/pavilions/:pavilionId: organizers only', async () => {
      await checkMatrix(
        { method: 'delete', path: (p) => `/events/${p.eventId}/pavilions/${p.pavilionId === ids.pavilionId ? emptyPavilionId : p.pavilionId}`, params: ['pavilionId'] },
        forOrganizers,
      );
    });
  });

  describe('rooms', () => {
    it('POST /events/:eventId/rooms: organizers only', async () => {
      await checkMatrix(
        { method: 'post', path: (p) => `/events/${p.eventId}/rooms`, body: { nameKo: '룸', nameEn: unique('Sneaky'), kind: 'stage' }, params: [] },
        forOrganizers,
      );
    });

    it('GET /events/:eventId/rooms: anyone, for a published event', async () => {
      await checkMatrix({ method: 'get', path: (p) => `/events/${p.eventId}/rooms`, params: [] }, publicRead);
    });

    it('PATCH /events/:eventId/rooms/:roomId: organizers only', async () => {
      await checkMatrix({ method: 'patch', path: (p) => `/events/${p.eventId}/rooms/${p.roomId}`, body: { capacity: 1 }, params: ['roomId'] }, forOrganizers);
    });

    it('DELETE /events/:eventId/rooms/:roomId: organizers only', async () => {
      await checkMatrix({ method: 'delete', path: (p) => `/events/${p.eventId}/rooms/${p.roomId}`, params: ['roomId'] }, forOrganizers);
    });
  });

  describe('booths', () => {
    it('POST /events/:eventId/booths: organizers only', async () => {
      await checkMatrix(
        { method: 'post', path: (p) => `/events/${p.eventId}/booths`, body: { pavilionId: ids.pavilionId, code: 'Z-01' }, params: [] },
        forOrganizers,
      );
    });

    it('POST /events/:eventId/booths/batch: organizers only', async () => {
      await checkMatrix(
        { method: 'post', path: (p) => `/events/${p.eventId}/booths/batch`, body: { pavilionId: ids.pavilionId, prefix: 'Z-', from: 1, to: 5 }, params: [] },
        forOrganizers,
      );
    });

    it('GET /events/:eventId/booths: organizers only', async () => {
      await checkMatrix({ method: 'get', path: (p) => `/events/${p.eventId}/booths`, params: [] }, forOrganizers);
    });

    it('GET /events/:eventId/booths/:boothId: organizers and the exhibitor\'s own members only', async () => {
      await checkMatrix({ method: 'get', path: (p) => `/events/${p.eventId}/booths/${p.boothId}`, params: ['boothId'] }, onlyOwn);
      const own = await http().get(`/events/${event.id}/booths/${ids.boothId}`).set(exhibitor.owner.auth);
      assert.equal(own.status, 200);
      assert.equal(own.body.description, secrets.description);
      assert.equal((await http().get(`/events/${event.id}/booths/${ids.boothId}`).set(organizer.auth)).status, 200);
      // The applicant whose application is still open has no booth to see.
      assertProblem(await http().get(`/events/${event.id}/booths/${ids.boothId}`).set(applicant.owner.auth), 404, 'not_found');
    });

    it('PATCH /events/:eventId/booths/:boothId: organizers only', async () => {
      await checkMatrix(
        {
          method: 'patch',
          path: (p) => `/events/${p.eventId}/booths/${p.boothId === ids.boothId ? freeBoothId : p.boothId}`,
          body: { status: 'on_hold' },
          params: ['boothId'],
        },
        forOrganizers,
      );
    });

    it('DELETE /events/:eventId/booths/:boothId: organizers only', async () => {
      await checkMatrix(
        { method: 'delete', path: (p) => `/events/${p.eventId}/booths/${p.boothId === ids.boothId ? freeBoothId : p.boothId}`, params: ['boothId'] },
        forOrganizers,
      );
    });

    it('PUT /events/:eventId/booths/:boothId/assignment: organizers only; another event\'s application is refused', async () => {
      await checkMatrix(
        {
          method: 'put',
          path: (p) => `/events/${p.eventId}/booths/${p.boothId === ids.boothId ? freeBoothId : p.boothId}/assignment`,
          body: { applicationId: exhibitorOther.applicationId },
          params: ['boothId'],
        },
        forOrganizers,
      );
      // The other organizer cannot give their own booth to this event's exhibitor either.
      const unchanged = await snapshot();
      const crossed = await http()
        .put(`/events/${otherEvent.id}/booths/${otherIds.boothId}/assignment`)
        .set(otherOrganizer.auth)
        .send({ applicationId: exhibitor.applicationId });
      assertProblem(crossed, 422, 'unknown_application');
      assertNoLeak(crossed.body);
      assert.deepEqual(await snapshot(), unchanged);
    });

    it('DELETE /events/:eventId/booths/:boothId/assignment: organizers only', async () => {
      await checkMatrix({ method: 'delete', path: (p) => `/events/${p.eventId}/booths/${p.boothId}/assignment`, params: ['boothId'] }, forOrganizers);
    });

    it('PATCH /events/:eventId/booths/:boothId/profile: the exhibitor\'s own members and organizers only', async () => {
      await checkMatrix(
        { method: 'patch', path: (p) => `/events/${p.eventId}/booths/${p.boothId}/profile`, body: { description: 'Defaced' }, params: ['boothId'] },
        onlyOwn,
      );
      // An exhibitor cannot edit another exhibitor's booth, nor a free one.
      assertProblem(
        await http().patch(`/events/${event.id}/booths/${freeBoothId}/profile`).set(exhibitorOther.owner.auth).send({ description: 'Mine now' }),
        404,
        'not_found',
      );
      assertProblem(
        await http().patch(`/events/${event.id}/booths/${ids.boothId}/profile`).set(applicant.owner.auth).send({ description: 'Defaced' }),
        404,
        'not_found',
      );
    });
  });

  describe('exhibitor applications', () => {
    it('POST /events/:eventId/exhibitor-applications: only for an organization you are a member of', async () => {
      await checkMatrix(
        {
          method: 'post',
          path: (p) => `/events/${p.eventId}/exhibitor-applications`,
          body: { organizationId: applicant.organizationId, pitch: 'Applying for someone else' },
          params: [],
        },
        {
          anonymous: [401, 'unauthenticated'],
          outsider: [403, 'not_organization_member'],
          applicantOther: [403, 'not_organization_member'],
          exhibitorOther: [403, 'not_organization_member'],
          otherOrganizer: [403, 'not_organization_member'],
        },
      );
      // Nobody applies to a draft event, which does not exist for them.
      const owner = await registerActor(testApp);
      const organization = await post(owner, '/organizations', { name: unique('Draft hopeful'), kind: 'startup' });
      assertProblem(
        await http().post(`/events/${draft.id}/exhibitor-applications`).set(owner.auth).send({ organizationId: organization.id, pitch: 'x' }),
        404,
        'not_found',
      );
    });

    it('GET /events/:eventId/exhibitor-applications: all for organizers, only your own organizations\' for anyone else', async () => {
      await checkMatrix(
        { method: 'get', path: (p) => `/events/${p.eventId}/exhibitor-applications`, params: [] },
        { anonymous: [401, 'unauthenticated'], outsider: [200], applicantOther: [200], exhibitorOther: [200], otherOrganizer: [200] },
      );
      assert.deepEqual(await applicationIdsSeenBy(outsider), []);
      assert.deepEqual(await applicationIdsSeenBy(otherOrganizer), []);
      assert.deepEqual(await applicationIdsSeenBy(applicantOther.owner), [applicantOther.applicationId]);
      assert.deepEqual(await applicationIdsSeenBy(exhibitorOther.owner), [exhibitorOther.applicationId]);
      assert.deepEqual(await applicationIdsSeenBy(applicant.owner), [applicant.applicationId]);
      assert.deepEqual(
        (await applicationIdsSeenBy(organizer)).sort(),
        [applicant.applicationId, applicantOther.applicationId, exhibitor.applicationId, exhibitorOther.applicationId].sort(),
      );
      for (const actor of [outsider, applicant.owner, otherOrganizer]) {
        assertProblem(await http().get(`/events/${draft.id}/exhibitor-applications`).set(actor.auth), 404, 'not_found');
      }
    });

    it('GET /events/:eventId/exhibitor-applications/:applicationId: organizers and the applying organization only', async () => {
      await checkMatrix(
        { method: 'get', path: (p) => `/events/${p.eventId}/exhibitor-applications/${p.applicationId}`, params: ['applicationId'] },
        onlyOwn,
      );
      const own = await http().get(`/events/${event.id}/exhibitor-applications/${applicant.applicationId}`).set(applicant.owner.auth);
      assert.equal(own.status, 200);
      assert.equal(own.body.pitch, secrets.pitch);
      assert.equal((await http().get(`/events/${event.id}/exhibitor-applications/${applicant.applicationId}`).set(organizer.auth)).status, 200);
    });

    it('PATCH /events/:eventId/exhibitor-applications/:applicationId: the applying organization only (organizers: 403)', async () => {
      await checkMatrix(
        { method: 'patch', path: (p) => `/events/${p.eventId}/exhibitor-applications/${p.applicationId}`, body: { pitch: 'Defaced' }, params: ['applicationId'] },
        onlyOwn,
      );
      const unchanged = await snapshot();
      assertProblem(
        await http().patch(`/events/${event.id}/exhibitor-applications/${applicant.applicationId}`).set(organizer.auth).send({ pitch: 'Defaced' }),
        403,
        'forbidden',
      );
      assert.deepEqual(await snapshot(), unchanged);
    });

    it('POST /events/:eventId/exhibitor-applications/:applicationId/decision: organizers only', async () => {
      await checkMatrix(
        {
          method: 'post',
          path: (p) => `/events/${p.eventId}/exhibitor-applications/${p.applicationId}/decision`,
          body: { decision: 'accept', boothAllowance: 5 },
          params: ['applicationId'],
        },
        forOrganizers,
      );
      // Not even the applicant decides on its own application.
      assertProblem(
        await http().post(`/events/${event.id}/exhibitor-applications/${applicant.applicationId}/decision`).set(applicant.owner.auth).send({ decision: 'accept' }),
        404,
        'not_found',
      );
      assertProblem(
        await http().post(`/events/${event.id}/exhibitor-applications/${exhibitor.applicationId}/decision`).set(exhibitor.owner.auth).send({ decision: 'accept', boothAllowance: 9 }),
        403,
        'forbidden',
      );
    });

    it('POST /events/:eventId/exhibitor-applications/:applicationId/withdraw: the applying organization only (organizers: 403)', async () => {
      await checkMatrix(
        { method: 'post', path: (p) => `/events/${p.eventId}/exhibitor-applications/${p.applicationId}/withdraw`, params: ['applicationId'] },
        onlyOwn,
      );
      assertProblem(await http().post(`/events/${event.id}/exhibitor-applications/${applicant.applicationId}/withdraw`).set(organizer.auth), 403, 'forbidden');
    });
  });

  describe('directory', () => {
    it('GET /events/:eventId/directory: anyone, for a published event, without what only members may see', async () => {
      await checkMatrix({ method: 'get', path: (p) => `/events/${p.eventId}/directory`, params: [] }, publicRead);
      const response = await http().get(`/events/${event.id}/directory`);
      const text = JSON.stringify(response.body);
      assert.ok(text.includes(secrets.description), 'accepted exhibitors\' booths are public');
      for (const hidden of [secrets.pitch, secrets.otherPitch, 'Kim Minji', applicant.organizationId, applicantOther.organizationId]) {
        assert.ok(!text.includes(hidden), `the directory shows ${hidden}`);
      }
      const other = await http().get(`/events/${otherEvent.id}/directory`);
      assert.ok(!JSON.stringify(other.body).includes(secrets.description));
    });

    it('a draft event\'s pavilions, rooms and directory are 404 for everyone but its organizers', async () => {
      for (const path of ['pavilions', 'rooms', 'directory']) {
        for (const caller of Object.values(callers())) {
          const request = http().get(`/events/${draft.id}/${path}`);
          const response = caller ? await request.set(caller.auth) : await request;
          assertProblem(response, 404, 'not_found');
          assertNoLeak(response.body);
        }
        const own = await http().get(`/events/${draft.id}/${path}`).set(organizer.auth);
        assert.equal(own.status, 200, JSON.stringify(own.body));
      }
    });
  });
});
