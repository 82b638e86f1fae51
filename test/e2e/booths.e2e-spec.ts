import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { RoomsService } from '../../src/booths/rooms.service';
import { Actor, assertProblem, createEvent, CreatedEvent, registerActor } from '../support/actors';
import { startTestApp, TestApp } from '../support/test-app';

// ---------------------------------------------------------------------------------------------------------------
// The expo floor of K-Global Cluster 2023: pavilions, rooms, booths, exhibitor applications, the public directory.
// ---------------------------------------------------------------------------------------------------------------

let testApp: TestApp;
let dataSource: DataSource;
const http = () => testApp.http();

interface BoothRow {
  code: string;
  status: string;
  applicationId: string | null;
  organizationId: string | null;
  description: string | null;
  products: string[];
}

function names(response: { body: { exhibitors: Array<{ name: string }> } }): string[] {
  return response.body.exhibitors.map((one) => one.name);
}

function unique(base: string): string {
  return `${base} ${randomUUID().slice(0, 8)}`;
}

function fields(response: { body: { errors?: Array<{ field: string }> } }): string[] {
  return (response.body.errors ?? []).map((error) => error.field).sort();
}

async function createOrganization(owner: Actor, name: string, sectors: string[] = []): Promise<string> {
  const response = await http().post('/organizations').set(owner.auth).send({ name, kind: 'startup', sectors });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  return response.body.id;
}

async function addOrganizationMember(owner: Actor, organizationId: string, member: Actor): Promise<void> {
  const response = await http().post(`/organizations/${organizationId}/members`).set(owner.auth).send({ email: member.email, role: 'member' });
  assert.equal(response.status, 201, JSON.stringify(response.body));
}

async function createPavilion(organizer: Actor, eventId: string, body: Record<string, unknown> = {}): Promise<string> {
  const response = await http()
    .post(`/events/${eventId}/pavilions`)
    .set(organizer.auth)
    .send({ nameKo: '코스메틱관', nameEn: unique('Cosmetics'), floor: '1F', ...body });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  return response.body.id;
}

async function createBooths(organizer: Actor, eventId: string, pavilionId: string, prefix: string, to: number): Promise<Array<{ id: string; code: string }>> {
  const response = await http().post(`/events/${eventId}/booths/batch`).set(organizer.auth).send({ pavilionId, prefix, from: 1, to, digits: 2 });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  return response.body;
}

async function apply(applicant: Actor, eventId: string, organizationId: string, body: Record<string, unknown> = {}): Promise<string> {
  const response = await http()
    .post(`/events/${eventId}/exhibitor-applications`)
    .set(applicant.auth)
    .send({ organizationId, pitch: 'Vegan sun care from Jeju botanicals', ...body });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  return response.body.id;
}

async function decide(organizer: Actor, eventId: string, applicationId: string, body: Record<string, unknown>) {
  const response = await http().post(`/events/${eventId}/exhibitor-applications/${applicationId}/decision`).set(organizer.auth).send(body);
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body;
}

function assign(organizer: Actor, eventId: string, boothId: string, applicationId: string) {
  return http().put(`/events/${eventId}/booths/${boothId}/assignment`).set(organizer.auth).send({ applicationId });
}

/** An organization with an owner who has applied, and optionally been accepted. */
async function exhibitor(
  eventId: string,
  organizer: Actor | null,
  options: { name?: string; sectors?: string[]; body?: Record<string, unknown>; allowance?: number } = {},
): Promise<{ owner: Actor; organizationId: string; applicationId: string; name: string }> {
  const owner = await registerActor(testApp);
  const name = options.name ?? unique('Exhibitor');
  const organizationId = await createOrganization(owner, name, options.sectors ?? []);
  const applicationId = await apply(owner, eventId, organizationId, options.body);
  if (organizer) {
    await decide(organizer, eventId, applicationId, { decision: 'accept', ...(options.allowance ? { boothAllowance: options.allowance } : {}) });
  }
  return { owner, organizationId, applicationId, name };
}

/** Every row of the floor of these events, for before/after comparison of refused requests. */
async function floorSnapshot(eventIds: string[]): Promise<unknown> {
  return {
    pavilions: await dataSource.query('SELECT * FROM pavilions WHERE event_id = ANY($1) ORDER BY id', [eventIds]),
    rooms: await dataSource.query('SELECT * FROM rooms WHERE event_id = ANY($1) ORDER BY id', [eventIds]),
    booths: await dataSource.query('SELECT * FROM booths WHERE event_id = ANY($1) ORDER BY id', [eventIds]),
    applications: await dataSource.query('SELECT * FROM exhibitor_applications WHERE event_id = ANY($1) ORDER BY id', [eventIds]),
    memberships: await dataSource.query(
      'SELECT event_id, user_id, roles::text FROM event_memberships WHERE event_id = ANY($1) ORDER BY event_id, user_id',
      [eventIds],
    ),
  };
}

/** The invariants the database keeps, checked from the rows themselves. */
async function assertFloorConsistent(eventId: string): Promise<void> {
  const mismatched = await dataSource.query(
    `SELECT a.id, a.assigned_booth_count, count(b.id)::int AS booths
       FROM exhibitor_applications a LEFT JOIN booths b ON b.application_id = a.id
      WHERE a.event_id = $1 GROUP BY a.id HAVING a.assigned_booth_count <> count(b.id)`,
    [eventId],
  );
  assert.deepEqual(mismatched, [], 'assigned_booth_count matches the booths held');
  const notAccepted = await dataSource.query(
    `SELECT b.code FROM booths b JOIN exhibitor_applications a ON a.id = b.application_id WHERE b.event_id = $1 AND a.status <> 'accepted'`,
    [eventId],
  );
  assert.deepEqual(notAccepted, [], 'only accepted exhibitors hold booths');
}

describe('expo floor', () => {
  let organizer: Actor;
  let otherOrganizer: Actor;
  let event: CreatedEvent;
  let otherEvent: CreatedEvent;

  before(async () => {
    testApp = await startTestApp();
    dataSource = testApp.app.get(DataSource);
    [organizer, otherOrganizer] = await Promise.all([registerActor(testApp, { name: 'Organizer' }), registerActor(testApp, { name: 'Other organizer' })]);
    event = await createEvent(testApp, organizer, { name: 'K-Global Cluster 2023' });
    otherEvent = await createEvent(testApp, otherOrganizer);
  });
  after(async () => {
    await testApp.close();
  });

  describe('pavilions and rooms', () => {
    it('lays out the K-Global floor: pavilions on 1F and 3F, press room and business lounge on 2F', async () => {
      const local = await createEvent(testApp, organizer);
      const pavilions = [
        { floor: '1F', nameKo: '코스메틱관', nameEn: 'Cosmetics pavilion', theme: 'K-beauty', sortOrder: 1 },
        { floor: '1F', nameKo: '바이오관', nameEn: 'Bio pavilion', theme: 'Bio ventures', sortOrder: 2 },
        { floor: '3F', nameKo: '친환경 모빌리티관', nameEn: 'Eco-friendly mobility', sortOrder: 3 },
        { floor: '3F', nameKo: '자율주행관', nameEn: 'Autonomous driving', sortOrder: 4 },
        { floor: '3F', nameKo: '바이오헬스관', nameEn: 'Bio-health', sortOrder: 5 },
        { floor: '3F', nameKo: '미래에너지관', nameEn: 'Future energy', sortOrder: 6 },
      ];
      for (const pavilion of pavilions.toReversed()) {
        const created = await http().post(`/events/${local.id}/pavilions`).set(organizer.auth).send(pavilion);
        assert.equal(created.status, 201, JSON.stringify(created.body));
        assert.equal(created.body.eventId, local.id);
        assert.equal(created.body.nameKo, pavilion.nameKo);
        assert.equal(created.body.theme, pavilion.theme ?? null);
      }
      const rooms = [
        { floor: '2F', nameKo: '프레스룸', nameEn: 'Press room', kind: 'press_room', capacity: 40 },
        { floor: '2F', nameKo: '비즈니스 라운지', nameEn: 'Business lounge', kind: 'business_lounge', capacity: 60 },
        { nameKo: '메인 스테이지', nameEn: 'Main stage', kind: 'stage' },
      ];
      for (const room of rooms) {
        const created = await http().post(`/events/${local.id}/rooms`).set(organizer.auth).send(room);
        assert.equal(created.status, 201, JSON.stringify(created.body));
        assert.equal(created.body.capacity, room.capacity ?? null);
        assert.equal(created.body.floor, room.floor ?? null);
      }

      // Anyone, signed in or not, reads the floor of a published event, in floor-plan order.
      const listed = await http().get(`/events/${local.id}/pavilions`);
      assert.equal(listed.status, 200);
      assert.deepEqual(listed.body.map((pavilion: { nameEn: string }) => pavilion.nameEn), pavilions.map((pavilion) => pavilion.nameEn));
      const listedRooms = await http().get(`/events/${local.id}/rooms`);
      assert.equal(listedRooms.status, 200);
      assert.deepEqual(listedRooms.body.map((room: { nameEn: string }) => room.nameEn).sort(), ['Business lounge', 'Main stage', 'Press room']);
    });

    it('updates a pavilion and a room field by field; null clears only optional fields', async () => {
      const pavilionId = await createPavilion(organizer, event.id, { theme: 'K-beauty' });
      const patched = await http().patch(`/events/${event.id}/pavilions/${pavilionId}`).set(organizer.auth).send({ theme: null, floor: '2F' });
      assert.equal(patched.status, 200, JSON.stringify(patched.body));
      assert.equal(patched.body.theme, null);
      assert.equal(patched.body.floor, '2F');
      assert.equal(patched.body.nameKo, '코스메틱관');

      const room = await http().post(`/events/${event.id}/rooms`).set(organizer.auth).send({ nameKo: '상담실', nameEn: unique('Meeting area'), kind: 'meeting_area', capacity: 12 });
      assert.equal(room.status, 201);
      const roomPatched = await http().patch(`/events/${event.id}/rooms/${room.body.id}`).set(organizer.auth).send({ capacity: null, kind: 'conference_room' });
      assert.equal(roomPatched.status, 200, JSON.stringify(roomPatched.body));
      assert.equal(roomPatched.body.capacity, null);
      assert.equal(roomPatched.body.kind, 'conference_room');
      const empty = await http().patch(`/events/${event.id}/rooms/${room.body.id}`).set(organizer.auth).send({});
      assert.equal(empty.status, 200);
      assert.equal(empty.body.kind, 'conference_room');
    });

    it('refuses bad pavilion and room input field by field, changing nothing', async () => {
      const pavilionId = await createPavilion(organizer, event.id);
      const roomResponse = await http().post(`/events/${event.id}/rooms`).set(organizer.auth).send({ nameKo: '프레스룸', nameEn: unique('Press'), kind: 'press_room', capacity: 40 });
      const roomId = roomResponse.body.id;
      const unchanged = await floorSnapshot([event.id, otherEvent.id]);

      const missing = await http().post(`/events/${event.id}/pavilions`).set(organizer.auth).send({ floor: '1F', color: 'red' });
      assertProblem(missing, 400, 'validation_failed');
      assert.deepEqual(fields(missing), ['color', 'nameEn', 'nameKo']);
      assertProblem(await http().post(`/events/${event.id}/pavilions`).set(organizer.auth).send({ nameKo: ' ', nameEn: 'x', sortOrder: -1 }), 400, 'validation_failed');
      for (const body of [{ nameKo: null }, { nameEn: null }, { sortOrder: null }, { eventId: otherEvent.id }, { nameEn: '' }]) {
        const response = await http().patch(`/events/${event.id}/pavilions/${pavilionId}`).set(organizer.auth).send(body);
        assertProblem(response, 400, 'validation_failed');
      }
      for (const body of [
        { nameKo: '룸', nameEn: 'Room', kind: 'ballroom' },
        { nameKo: '룸', nameEn: 'Room', kind: 'stage', capacity: 0 },
        { nameKo: '룸', nameEn: 'Room', kind: 'stage', capacity: 2.5 },
        { nameKo: '룸', nameEn: 'Room' },
      ]) {
        assertProblem(await http().post(`/events/${event.id}/rooms`).set(organizer.auth).send(body), 400, 'validation_failed');
      }
      for (const body of [{ kind: null }, { nameKo: null }, { capacity: -3 }, { id: randomUUID() }]) {
        assertProblem(await http().patch(`/events/${event.id}/rooms/${roomId}`).set(organizer.auth).send(body), 400, 'validation_failed');
      }
      assert.deepEqual(await floorSnapshot([event.id, otherEvent.id]), unchanged);
    });

    it('keeps English names unique per event (409), but the same name may exist in another event', async () => {
      const name = unique('Bio pavilion');
      await createPavilion(organizer, event.id, { nameEn: name });
      const clash = await http().post(`/events/${event.id}/pavilions`).set(organizer.auth).send({ nameKo: '바이오관', nameEn: name });
      assertProblem(clash, 409, 'pavilion_name_taken');
      assert.deepEqual(fields(clash), ['nameEn']);
      await createPavilion(otherOrganizer, otherEvent.id, { nameEn: name });
      const second = await createPavilion(organizer, event.id);
      assertProblem(await http().patch(`/events/${event.id}/pavilions/${second}`).set(organizer.auth).send({ nameEn: name }), 409, 'pavilion_name_taken');

      const roomName = unique('Business lounge');
      const room = { nameKo: '비즈니스 라운지', nameEn: roomName, kind: 'business_lounge' };
      assert.equal((await http().post(`/events/${event.id}/rooms`).set(organizer.auth).send(room)).status, 201);
      assertProblem(await http().post(`/events/${event.id}/rooms`).set(organizer.auth).send(room), 409, 'room_name_taken');
    });

    it('deletes a pavilion only while it has no booths, and forgets it in applications that preferred it', async () => {
      const full = await createPavilion(organizer, event.id);
      const empty = await createPavilion(organizer, event.id);
      await createBooths(organizer, event.id, full, unique('P').slice(-4).toUpperCase() + '-', 2);
      const applicant = await exhibitor(event.id, null, { body: { preferredPavilionIds: [empty, full] } });

      assertProblem(await http().delete(`/events/${event.id}/pavilions/${full}`).set(organizer.auth), 409, 'pavilion_has_booths');
      assert.equal((await http().delete(`/events/${event.id}/pavilions/${empty}`).set(organizer.auth)).status, 204);
      assertProblem(await http().delete(`/events/${event.id}/pavilions/${empty}`).set(organizer.auth), 404, 'not_found');
      const application = await http().get(`/events/${event.id}/exhibitor-applications/${applicant.applicationId}`).set(applicant.owner.auth);
      assert.deepEqual(application.body.preferredPavilionIds, [full]);
      const listed = await http().get(`/events/${event.id}/pavilions`);
      assert.ok(listed.body.some((pavilion: { id: string }) => pavilion.id === full));
      assert.ok(!listed.body.some((pavilion: { id: string }) => pavilion.id === empty));
    });

    it('keeps a room the agenda uses (409 room_in_use)', async () => {
      const room = await http().post(`/events/${event.id}/rooms`).set(organizer.auth).send({ nameKo: '무대', nameEn: unique('Stage'), kind: 'stage' });
      // The agenda module writes sessions; here one is put in directly.
      await dataSource.query(
        `INSERT INTO agenda_sessions (event_id, title_en, kind, room_id, starts_at, ends_at)
         VALUES ($1, 'Opening ceremony', 'opening_ceremony', $2, '2023-11-08T10:00:00+09:00', '2023-11-08T11:00:00+09:00')`,
        [event.id, room.body.id],
      );
      assertProblem(await http().delete(`/events/${event.id}/rooms/${room.body.id}`).set(organizer.auth), 409, 'room_in_use');
      assert.equal((await http().get(`/events/${event.id}/rooms`)).body.filter((one: { id: string }) => one.id === room.body.id).length, 1);
    });

    it('deletes a room; another event\'s room is 404', async () => {
      const room = await http().post(`/events/${event.id}/rooms`).set(organizer.auth).send({ nameKo: '무대', nameEn: unique('Stage'), kind: 'stage' });
      assertProblem(await http().delete(`/events/${otherEvent.id}/rooms/${room.body.id}`).set(otherOrganizer.auth), 404, 'not_found');
      assert.equal((await http().delete(`/events/${event.id}/rooms/${room.body.id}`).set(organizer.auth)).status, 204);
      assertProblem(await http().delete(`/events/${event.id}/rooms/${room.body.id}`).set(organizer.auth), 404, 'not_found');
    });

    it('RoomsService.findRoom gives a room of the event, and null for another event\'s room or a malformed id', async () => {
      const rooms = testApp.app.get(RoomsService);
      const name = unique('Press room');
      const room = await http().post(`/events/${event.id}/rooms`).set(organizer.auth).send({ nameKo: '프레스룸', nameEn: name, kind: 'press_room', capacity: 40 });
      assert.deepEqual(await rooms.findRoom(event.id, room.body.id), { id: room.body.id, nameKo: '프레스룸', nameEn: name, capacity: 40 });
      assert.equal(await rooms.findRoom(otherEvent.id, room.body.id), null);
      assert.equal(await rooms.findRoom(event.id, randomUUID()), null);
      assert.equal(await rooms.findRoom(event.id, 'not-a-uuid'), null);
    });
  });

  describe('booths', () => {
    it('creates C-01 to C-20 at once, in code order, available', async () => {
      const local = await createEvent(testApp, organizer);
      const pavilionId = await createPavilion(organizer, local.id);
      const response = await http()
        .post(`/events/${local.id}/booths/batch`)
        .set(organizer.auth)
        .send({ pavilionId, prefix: 'C-', from: 1, to: 20, digits: 2, boothType: '3x3 m shell scheme' });
      assert.equal(response.status, 201, JSON.stringify(response.body));
      assert.equal(response.body.length, 20);
      assert.equal(response.body[0].code, 'C-01');
      assert.equal(response.body[6].code, 'C-07');
      assert.equal(response.body[19].code, 'C-20');
      for (const booth of response.body) {
        assert.equal(booth.status, 'available');
        assert.equal(booth.pavilionId, pavilionId);
        assert.equal(booth.boothType, '3x3 m shell scheme');
        assert.equal(booth.applicationId, null);
        assert.equal(booth.organizationId, null);
      }
      const listed = await http().get(`/events/${local.id}/booths`).set(organizer.auth);
      assert.deepEqual(listed.body.map((booth: { code: string }) => booth.code), response.body.map((booth: { code: string }) => booth.code));
    });

    it('refuses a batch that clashes with existing codes with 409 naming every clashing code, and creates none', async () => {
      const local = await createEvent(testApp, organizer);
      const cosmetics = await createPavilion(organizer, local.id);
      const bio = await createPavilion(organizer, local.id, { nameKo: '바이오관' });
      await createBooths(organizer, local.id, cosmetics, 'C-', 20);
      const unchanged = await floorSnapshot([local.id]);

      const clash = await http().post(`/events/${local.id}/booths/batch`).set(organizer.auth).send({ pavilionId: bio, prefix: 'c-', from: 15, to: 25, digits: 2 });
      assertProblem(clash, 409, 'booth_code_taken');
      for (const code of ['C-15', 'C-16', 'C-17', 'C-18', 'C-19', 'C-20']) assert.ok(clash.body.detail.includes(code), clash.body.detail);
      assert.ok(!clash.body.detail.includes('C-21'));
      assert.equal(clash.body.errors[0].messages.length, 6);
      assert.deepEqual(await floorSnapshot([local.id]), unchanged, 'none of C-21 to C-25 was created');

      const single = await http().post(`/events/${local.id}/booths`).set(organizer.auth).send({ pavilionId: bio, code: ' c-07 ' });
      assertProblem(single, 409, 'booth_code_taken');
      assert.deepEqual(fields(single), ['code']);
      assert.deepEqual(await floorSnapshot([local.id]), unchanged);

      // The same codes are free in another event.
      const otherPavilion = await createPavilion(otherOrganizer, otherEvent.id);
      const elsewhere = await http().post(`/events/${otherEvent.id}/booths/batch`).set(otherOrganizer.auth).send({ pavilionId: otherPavilion, prefix: 'C-', from: 15, to: 16 });
      assert.equal(elsewhere.status, 201, JSON.stringify(elsewhere.body));
      assert.deepEqual(elsewhere.body.map((booth: { code: string }) => booth.code), ['C-15', 'C-16']);
    });

    it('creates a single booth, upper-casing its code, optionally on hold', async () => {
      const pavilionId = await createPavilion(organizer, event.id);
      const code = `s${randomUUID().slice(0, 4)}-01`;
      const created = await http().post(`/events/${event.id}/booths`).set(organizer.auth).send({ pavilionId, code, status: 'on_hold' });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.code, code.toUpperCase());
      assert.equal(created.body.status, 'on_hold');
      assert.equal(created.body.boothType, null);
    });

    it('refuses bad booth input (another event\'s pavilion, bad ranges, unknown fields, nulls), creating nothing', async () => {
      const pavilionId = await createPavilion(organizer, event.id);
      const otherPavilion = await createPavilion(otherOrganizer, otherEvent.id);
      const [booth] = await createBooths(organizer, event.id, pavilionId, `V${randomUUID().slice(0, 4).toUpperCase()}-`, 1);
      const unchanged = await floorSnapshot([event.id, otherEvent.id]);

      const foreign = await http().post(`/events/${event.id}/booths`).set(organizer.auth).send({ pavilionId: otherPavilion, code: 'X-01' });
      assertProblem(foreign, 422, 'unknown_pavilion');
      assert.deepEqual(fields(foreign), ['pavilionId']);
      assertProblem(
        await http().post(`/events/${event.id}/booths/batch`).set(organizer.auth).send({ pavilionId: otherPavilion, prefix: 'X-', from: 1, to: 3 }),
        422,
        'unknown_pavilion',
      );
      assertProblem(await http().post(`/events/${event.id}/booths`).set(organizer.auth).send({ pavilionId: randomUUID(), code: 'X-01' }), 422, 'unknown_pavilion');

      const invalid: Array<[string, Record<string, unknown>, string[]]> = [
        ['/booths', { pavilionId, code: 'C--1' }, ['code']],
        ['/booths', { pavilionId, code: null }, ['code']],
        ['/booths', { pavilionId, code: 'X-01', status: 'assigned' }, ['status']],
        ['/booths', { pavilionId: 'nope', code: 'X-01', applicationId: randomUUID() }, ['applicationId', 'pavilionId']],
        ['/booths/batch', { pavilionId, prefix: 'X-', from: 20, to: 1 }, ['to']],
        ['/booths/batch', { pavilionId, prefix: 'X-', from: 1, to: 501 }, ['to']],
        ['/booths/batch', { pavilionId, prefix: 'X -', from: 1, to: 3 }, ['prefix']],
        ['/booths/batch', { pavilionId, prefix: 'X-', from: 1.5, to: 3, digits: 9 }, ['digits', 'from']],
        ['/booths/batch', { pavilionId, prefix: null, from: 1, to: 3 }, ['prefix']],
        ['/booths/batch', { pavilionId, prefix: 'X-', from: 1, to: 3, digits: null }, ['digits']],
      ];
      for (const [path, body, expected] of invalid) {
        const response = await http().post(`/events/${event.id}${path}`).set(organizer.auth).send(body);
        assertProblem(response, 400, 'validation_failed');
        assert.deepEqual(fields(response), expected, `${path} ${JSON.stringify(body)}`);
      }
      for (const body of [{ code: null }, { pavilionId: null }, { status: null }, { status: 'assigned' }, { organizationId: randomUUID() }]) {
        assertProblem(await http().patch(`/events/${event.id}/booths/${booth.id}`).set(organizer.auth).send(body), 400, 'validation_failed');
      }
      assertProblem(await http().patch(`/events/${event.id}/booths/${booth.id}`).set(organizer.auth).send({ pavilionId: otherPavilion }), 422, 'unknown_pavilion');
      assertProblem(await http().get(`/events/${event.id}/booths?status=lost`).set(organizer.auth), 400, 'validation_failed');
      assert.deepEqual(await floorSnapshot([event.id, otherEvent.id]), unchanged);
    });

    it('changes code, type, pavilion and hand-set status; filters the organizer list by pavilion and status', async () => {
      const local = await createEvent(testApp, organizer);
      const a = await createPavilion(organizer, local.id);
      const b = await createPavilion(organizer, local.id);
      const booths = await createBooths(organizer, local.id, a, 'A-', 4);
      const moved = await http()
        .patch(`/events/${local.id}/booths/${booths[0].id}`)
        .set(organizer.auth)
        .send({ pavilionId: b, code: 'b-01', boothType: '6x3 m island', status: 'on_hold' });
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      assert.equal(moved.body.code, 'B-01');
      assert.equal(moved.body.pavilionId, b);
      assert.equal(moved.body.status, 'on_hold');
      const cleared = await http().patch(`/events/${local.id}/booths/${booths[0].id}`).set(organizer.auth).send({ boothType: null });
      assert.equal(cleared.body.boothType, null);
      assert.equal(cleared.body.code, 'B-01');
      assertProblem(await http().patch(`/events/${local.id}/booths/${booths[1].id}`).set(organizer.auth).send({ code: 'B-01' }), 409, 'booth_code_taken');

      const inA = await http().get(`/events/${local.id}/booths?pavilionId=${a}`).set(organizer.auth);
      assert.deepEqual(inA.body.map((booth: { code: string }) => booth.code), ['A-02', 'A-03', 'A-04']);
      const held = await http().get(`/events/${local.id}/booths?status=on_hold`).set(organizer.auth);
      assert.deepEqual(held.body.map((booth: { code: string }) => booth.code), ['B-01']);
      const available = await http().get(`/events/${local.id}/booths?status=available&pavilionId=${b}`).set(organizer.auth);
      assert.deepEqual(available.body, []);
      assert.equal((await http().delete(`/events/${local.id}/booths/${booths[3].id}`).set(organizer.auth)).status, 204);
      assertProblem(await http().get(`/events/${local.id}/booths/${booths[3].id}`).set(organizer.auth), 404, 'not_found');
    });
  });

  describe('exhibitor applications', () => {
    it('a member applies for the organization, with preferred pavilions, products and team', async () => {
      const cosmetics = await createPavilion(organizer, event.id);
      const bio = await createPavilion(organizer, event.id);
      const owner = await registerActor(testApp);
      const name = unique('Jeju Botanics');
      const organizationId = await createOrganization(owner, name, ['cosmetics', 'bio']);
      const colleague = await registerActor(testApp);
      await addOrganizationMember(owner, organizationId, colleague);
      const response = await http()
        .post(`/events/${event.id}/exhibitor-applications`)
        .set(colleague.auth)
        .send({
          organizationId,
          preferredPavilionIds: [cosmetics, bio],
          pitch: '제주 식물로 만든 비건 선케어',
          products: ['비건 선크림', 'Vegan sun cream'],
          teamMembers: [{ name: 'Kim Minji', title: 'CEO' }, { name: 'Lee Jun' }],
        });
      assert.equal(response.status, 201, JSON.stringify(response.body));
      assert.equal(response.body.status, 'submitted');
      assert.equal(response.body.exhibitorName, name);
      assert.deepEqual(response.body.sectors, ['cosmetics', 'bio']);
      assert.deepEqual(response.body.preferredPavilionIds, [cosmetics, bio]);
      assert.deepEqual(response.body.teamMembers, [{ name: 'Kim Minji', title: 'CEO' }, { name: 'Lee Jun' }]);
      assert.equal(response.body.appliedById, colleague.id);
      assert.equal(response.body.boothAllowance, 1);
      assert.deepEqual(response.body.booths, []);
      assert.equal(response.body.decisionReason, null);

      const again = await http().post(`/events/${event.id}/exhibitor-applications`).set(owner.auth).send({ organizationId, pitch: 'Again' });
      assertProblem(again, 409, 'already_applied');
      assert.deepEqual(fields(again), ['organizationId']);
    });

    it('refuses to apply for an organization you are not a member of, to a pavilion of another event, or with bad fields', async () => {
      const owner = await registerActor(testApp);
      const organizationId = await createOrganization(owner, unique('Coupang'));
      const stranger = await registerActor(testApp);
      const otherPavilion = await createPavilion(otherOrganizer, otherEvent.id);
      const ownPavilion = await createPavilion(organizer, event.id);
      const unchanged = await floorSnapshot([event.id, otherEvent.id]);
      const post = (actor: Actor, body: Record<string, unknown>) => http().post(`/events/${event.id}/exhibitor-applications`).set(actor.auth).send(body);

      const notMember = await post(stranger, { organizationId, pitch: 'We sell everything' });
      assertProblem(notMember, 403, 'not_organization_member');
      assert.deepEqual(fields(notMember), ['organizationId']);
      const foreign = await post(owner, { organizationId, pitch: 'x', preferredPavilionIds: [ownPavilion, otherPavilion] });
      assertProblem(foreign, 422, 'unknown_pavilion');
      assert.deepEqual(fields(foreign), ['preferredPavilionIds']);
      assert.ok(foreign.body.errors[0].messages[0].includes(otherPavilion));
      assertProblem(await post(owner, { organizationId: randomUUID(), pitch: 'x' }), 404, 'not_found');

      const invalid: Array<[Record<string, unknown>, string[]]> = [
        [{ organizationId, pitch: null }, ['pitch']],
        [{ organizationId }, ['pitch']],
        [{ organizationId, pitch: 'x', products: null, status: 'accepted' }, ['products', 'status']],
        [{ organizationId, pitch: 'x', teamMembers: [{ title: 'CEO' }] }, ['teamMembers.0.name']],
        [{ organizationId, pitch: 'x', teamMembers: [{ name: 'Kim', email: 'kim@example.com' }] }, ['teamMembers.0.email']],
        [{ organizationId, pitch: 'x', preferredPavilionIds: ['nope'] }, ['preferredPavilionIds']],
        [{ organizationId, pitch: 'x', preferredPavilionIds: [ownPavilion, ownPavilion] }, ['preferredPavilionIds']],
        [{ organizationId, pitch: 'x', boothAllowance: 5 }, ['boothAllowance']],
      ];
      for (const [body, expected] of invalid) {
        const response = await post(owner, body);
        assertProblem(response, 400, 'validation_failed');
        assert.deepEqual(fields(response), expected, JSON.stringify(body));
      }
      assert.deepEqual(await floorSnapshot([event.id, otherEvent.id]), unchanged);
    });

    it('refuses applications to an archived event', async () => {
      const local = await createEvent(testApp, organizer, { status: 'archived' });
      const owner = await registerActor(testApp);
      const organizationId = await createOrganization(owner, unique('Late Co'));
      assertProblem(
        await http().post(`/events/${local.id}/exhibitor-applications`).set(owner.auth).send({ organizationId, pitch: 'Too late' }),
        409,
        'event_closed',
      );
    });

    it('the applicant edits while submitted or waitlisted; the organizer waitlists, accepts and rejects with a reason', async () => {
      const pavilionId = await createPavilion(organizer, event.id);
      const otherPavilion = await createPavilion(otherOrganizer, otherEvent.id);
      const applicant = await exhibitor(event.id, null);
      const path = `/events/${event.id}/exhibitor-applications/${applicant.applicationId}`;

      const edited = await http().patch(path).set(applicant.owner.auth).send({ pitch: 'Now with refills', preferredPavilionIds: [pavilionId], teamMembers: [{ name: 'Park' }] });
      assert.equal(edited.status, 200, JSON.stringify(edited.body));
      assert.equal(edited.body.pitch, 'Now with refills');
      assert.deepEqual(edited.body.preferredPavilionIds, [pavilionId]);
      assert.deepEqual(edited.body.teamMembers, [{ name: 'Park' }]);
      const unchanged = await floorSnapshot([event.id]);
      for (const body of [{ pitch: null }, { products: null }, { organizationId: randomUUID() }, { status: 'accepted' }]) {
        assertProblem(await http().patch(path).set(applicant.owner.auth).send(body), 400, 'validation_failed');
      }
      assertProblem(await http().patch(path).set(applicant.owner.auth).send({ preferredPavilionIds: [otherPavilion] }), 422, 'unknown_pavilion');
      assertProblem(await http().patch(path).set(organizer.auth).send({ pitch: 'Organizer rewrites it' }), 403, 'forbidden');

      const decisionPath = `${path}/decision`;
      const noReason = await http().post(decisionPath).set(organizer.auth).send({ decision: 'reject' });
      assertProblem(noReason, 400, 'validation_failed');
      assert.deepEqual(fields(noReason), ['reason']);
      const allowanceOnWaitlist = await http().post(decisionPath).set(organizer.auth).send({ decision: 'waitlist', boothAllowance: 2 });
      assertProblem(allowanceOnWaitlist, 400, 'validation_failed');
      assert.deepEqual(fields(allowanceOnWaitlist), ['boothAllowance']);
      assertProblem(await http().post(decisionPath).set(organizer.auth).send({ decision: 'maybe' }), 400, 'validation_failed');
      assertProblem(await http().post(decisionPath).set(organizer.auth).send({ decision: 'accept', boothAllowance: 0 }), 400, 'validation_failed');
      assert.deepEqual(await floorSnapshot([event.id]), unchanged, 'refused edits and decisions changed nothing');

      const waitlisted = await decide(organizer, event.id, applicant.applicationId, { decision: 'waitlist', reason: 'The cosmetics pavilion is full for now' });
      assert.equal(waitlisted.status, 'waitlisted');
      const seen = await http().get(path).set(applicant.owner.auth);
      assert.equal(seen.body.decisionReason, 'The cosmetics pavilion is full for now');
      assert.ok(seen.body.decidedAt);
      assert.equal((await http().patch(path).set(applicant.owner.auth).send({ products: ['Refill pouch'] })).status, 200);

      const accepted = await decide(organizer, event.id, applicant.applicationId, { decision: 'accept', boothAllowance: 2 });
      assert.equal(accepted.status, 'accepted');
      assert.equal(accepted.boothAllowance, 2);
      assert.equal(accepted.decisionReason, null);
      assertProblem(await http().patch(path).set(applicant.owner.auth).send({ pitch: 'Too late' }), 409, 'application_closed');

      const rejected = await decide(organizer, event.id, applicant.applicationId, { decision: 'reject', reason: 'Not a cosmetics company' });
      assert.equal(rejected.status, 'rejected');
      assert.equal(rejected.decisionReason, 'Not a cosmetics company');
      assertProblem(await http().post(`${path}/withdraw`).set(applicant.owner.auth), 409, 'application_closed');
    });

    it('accepting makes every member of the organization an exhibitor of the event', async () => {
      const applicant = await exhibitor(event.id, null);
      const colleague = await registerActor(testApp);
      await addOrganizationMember(applicant.owner, applicant.organizationId, colleague);
      const rolesOf = async (actor: Actor): Promise<string[]> => {
        const response = await http().get('/events/mine').set(actor.auth);
        return response.body.find((candidate: { id: string }) => candidate.id === event.id)?.myRoles ?? [];
      };
      assert.deepEqual(await rolesOf(colleague), []);
      await decide(organizer, event.id, applicant.applicationId, { decision: 'accept' });
      assert.deepEqual(await rolesOf(applicant.owner), ['exhibitor']);
      assert.deepEqual(await rolesOf(colleague), ['exhibitor']);
      // Accepting again (e.g. to change the allowance) keeps one role, not two.
      await decide(organizer, event.id, applicant.applicationId, { decision: 'accept', boothAllowance: 3 });
      assert.deepEqual(await rolesOf(colleague), ['exhibitor']);
    });

    it('lists every application for organizers, filtered by status, and only their own organizations\' for applicants', async () => {
      const local = await createEvent(testApp, organizer);
      const first = await exhibitor(local.id, null);
      const second = await exhibitor(local.id, organizer);
      const all = await http().get(`/events/${local.id}/exhibitor-applications`).set(organizer.auth);
      assert.deepEqual(all.body.map((application: { id: string }) => application.id), [first.applicationId, second.applicationId]);
      const accepted = await http().get(`/events/${local.id}/exhibitor-applications?status=accepted`).set(organizer.auth);
      assert.deepEqual(accepted.body.map((application: { id: string }) => application.id), [second.applicationId]);
      const own = await http().get(`/events/${local.id}/exhibitor-applications`).set(first.owner.auth);
      assert.deepEqual(own.body.map((application: { id: string }) => application.id), [first.applicationId]);
      assertProblem(await http().get(`/events/${local.id}/exhibitor-applications?status=maybe`).set(organizer.auth), 400, 'validation_failed');
    });
  });

  describe('assigning booths', () => {
    it('assigns a booth to an accepted exhibitor, one booth per exhibitor unless allowed more, and unassigns it', async () => {
      const local = await createEvent(testApp, organizer);
      const pavilionId = await createPavilion(organizer, local.id);
      const booths = await createBooths(organizer, local.id, pavilionId, 'C-', 4);
      const loreal = await exhibitor(local.id, organizer, { name: unique("L'Oréal") });

      const assigned = await assign(organizer, local.id, booths[0].id, loreal.applicationId);
      assert.equal(assigned.status, 200, JSON.stringify(assigned.body));
      assert.equal(assigned.body.status, 'assigned');
      assert.equal(assigned.body.applicationId, loreal.applicationId);
      assert.equal(assigned.body.organizationId, loreal.organizationId);
      const application = await http().get(`/events/${local.id}/exhibitor-applications/${loreal.applicationId}`).set(loreal.owner.auth);
      assert.deepEqual(application.body.booths, [{ id: booths[0].id, code: 'C-01', pavilionId }]);

      // A second booth is over the allowance of 1: refused, nothing changes.
      const unchanged = await floorSnapshot([local.id]);
      const second = await assign(organizer, local.id, booths[1].id, loreal.applicationId);
      assertProblem(second, 409, 'booth_allowance_reached');
      assert.deepEqual(await floorSnapshot([local.id]), unchanged);

      // Allowed two, it gets the second; lowering the allowance below that is refused.
      await decide(organizer, local.id, loreal.applicationId, { decision: 'accept', boothAllowance: 2 });
      assert.equal((await assign(organizer, local.id, booths[1].id, loreal.applicationId)).status, 200);
      const lower = await http().post(`/events/${local.id}/exhibitor-applications/${loreal.applicationId}/decision`).set(organizer.auth).send({ decision: 'accept', boothAllowance: 1 });
      assertProblem(lower, 409, 'booth_allowance_reached');
      const afterLower = await http().get(`/events/${local.id}/exhibitor-applications/${loreal.applicationId}`).set(organizer.auth);
      assert.equal(afterLower.body.boothAllowance, 2);

      // Unassigning frees the booth, clears its profile and gives the allowance back.
      await http().patch(`/events/${local.id}/booths/${booths[1].id}/profile`).set(loreal.owner.auth).send({ description: 'Lancôme counter', staffOnDuty: ['Claire'] });
      assert.equal((await http().delete(`/events/${local.id}/booths/${booths[1].id}/assignment`).set(organizer.auth)).status, 204);
      const freed = await http().get(`/events/${local.id}/booths/${booths[1].id}`).set(organizer.auth);
      assert.equal(freed.body.status, 'available');
      assert.equal(freed.body.applicationId, null);
      assert.equal(freed.body.organizationId, null);
      assert.equal(freed.body.description, null);
      assert.deepEqual(freed.body.staffOnDuty, []);
      assertProblem(await http().delete(`/events/${local.id}/booths/${booths[1].id}/assignment`).set(organizer.auth), 409, 'booth_not_assigned');
      assert.equal((await assign(organizer, local.id, booths[2].id, loreal.applicationId)).status, 200);
      await assertFloorConsistent(local.id);
    });

    it('an on-hold booth can be assigned; an assigned booth keeps its status and cannot be deleted', async () => {
      const local = await createEvent(testApp, organizer);
      const pavilionId = await createPavilion(organizer, local.id);
      const [booth] = await createBooths(organizer, local.id, pavilionId, 'H-', 1);
      const coupang = await exhibitor(local.id, organizer, { name: unique('Coupang') });
      assert.equal((await http().patch(`/events/${local.id}/booths/${booth.id}`).set(organizer.auth).send({ status: 'on_hold' })).status, 200);
      assert.equal((await assign(organizer, local.id, booth.id, coupang.applicationId)).status, 200);
      const unchanged = await floorSnapshot([local.id]);
      for (const status of ['available', 'on_hold']) {
        assertProblem(await http().patch(`/events/${local.id}/booths/${booth.id}`).set(organizer.auth).send({ status }), 409, 'booth_assigned');
      }
      assertProblem(await http().delete(`/events/${local.id}/booths/${booth.id}`).set(organizer.auth), 409, 'booth_assigned');
      assert.deepEqual(await floorSnapshot([local.id]), unchanged);
      // Other changes to an assigned booth are fine and keep the exhibitor.
      const renamed = await http().patch(`/events/${local.id}/booths/${booth.id}`).set(organizer.auth).send({ code: 'H-99', boothType: 'Corner' });
      assert.equal(renamed.status, 200);
      assert.equal(renamed.body.status, 'assigned');
      assert.equal(renamed.body.organizationId, coupang.organizationId);
    });

    it('refuses to assign to an organization that did not apply, was not accepted, or applied to another event; changes nothing', async () => {
      const local = await createEvent(testApp, organizer);
      const pavilionId = await createPavilion(organizer, local.id);
      const booths = await createBooths(organizer, local.id, pavilionId, 'C-', 2);
      const submitted = await exhibitor(local.id, null);
      const rejected = await exhibitor(local.id, null);
      await decide(organizer, local.id, rejected.applicationId, { decision: 'reject', reason: 'Out of scope' });
      const holder = await exhibitor(local.id, organizer);
      const other = await exhibitor(local.id, organizer);
      assert.equal((await assign(organizer, local.id, booths[0].id, holder.applicationId)).status, 200);
      const elsewhere = await exhibitor(otherEvent.id, otherOrganizer);
      const unchanged = await floorSnapshot([local.id, otherEvent.id]);

      const notApplied = await assign(organizer, local.id, booths[1].id, randomUUID());
      assertProblem(notApplied, 422, 'unknown_application');
      assert.deepEqual(fields(notApplied), ['applicationId']);
      assertProblem(await assign(organizer, local.id, booths[1].id, elsewhere.applicationId), 422, 'unknown_application');
      assertProblem(await assign(organizer, local.id, booths[1].id, submitted.applicationId), 409, 'application_not_accepted');
      assertProblem(await assign(organizer, local.id, booths[1].id, rejected.applicationId), 409, 'application_not_accepted');
      assertProblem(await assign(organizer, local.id, booths[0].id, other.applicationId), 409, 'booth_taken');
      assertProblem(await assign(organizer, local.id, randomUUID(), other.applicationId), 404, 'not_found');
      assertProblem(await http().put(`/events/${local.id}/booths/${booths[1].id}/assignment`).set(organizer.auth).send({ applicationId: 'x' }), 400, 'validation_failed');
      assertProblem(await http().put(`/events/${local.id}/booths/${booths[1].id}/assignment`).set(organizer.auth).send({ applicationId: null }), 400, 'validation_failed');
      assertProblem(
        await http().put(`/events/${local.id}/booths/${booths[1].id}/assignment`).set(organizer.auth).send({ applicationId: other.applicationId, organizationId: other.organizationId }),
        400,
        'validation_failed',
      );
      assert.deepEqual(await floorSnapshot([local.id, otherEvent.id]), unchanged);

      // Repeating an assignment that already holds (a retried PUT) answers it and changes nothing.
      const repeated = await assign(organizer, local.id, booths[0].id, holder.applicationId);
      assert.equal(repeated.status, 200, JSON.stringify(repeated.body));
      assert.equal(repeated.body.applicationId, holder.applicationId);
      assert.deepEqual(await floorSnapshot([local.id, otherEvent.id]), unchanged);
    });

    it('rejecting, waitlisting or withdrawing an accepted exhibitor frees its booths in the same transaction', async () => {
      const local = await createEvent(testApp, organizer);
      const pavilionId = await createPavilion(organizer, local.id);
      const booths = await createBooths(organizer, local.id, pavilionId, 'B-', 6);
      const rejected = await exhibitor(local.id, organizer, { allowance: 2 });
      const waitlisted = await exhibitor(local.id, organizer);
      const withdrawn = await exhibitor(local.id, organizer);
      const kept = await exhibitor(local.id, organizer);
      for (const [index, applicationId] of [rejected, rejected, waitlisted, withdrawn, kept].map((one) => one.applicationId).entries()) {
        assert.equal((await assign(organizer, local.id, booths[index].id, applicationId)).status, 200);
      }
      await http().patch(`/events/${local.id}/booths/${booths[0].id}/profile`).set(rejected.owner.auth).send({ description: '화장품', products: ['Cream'] });

      const afterReject = await decide(organizer, local.id, rejected.applicationId, { decision: 'reject', reason: 'Did not pay the fee' });
      assert.deepEqual(afterReject.booths, []);
      await decide(organizer, local.id, waitlisted.applicationId, { decision: 'waitlist', reason: 'Space is short' });
      const afterWithdraw = await http().post(`/events/${local.id}/exhibitor-applications/${withdrawn.applicationId}/withdraw`).set(withdrawn.owner.auth);
      assert.equal(afterWithdraw.status, 200, JSON.stringify(afterWithdraw.body));
      assert.equal(afterWithdraw.body.status, 'withdrawn');
      assert.deepEqual(afterWithdraw.body.booths, []);

      const listed = await http().get(`/events/${local.id}/booths`).set(organizer.auth);
      const byCode = new Map<string, BoothRow>(listed.body.map((booth: BoothRow) => [booth.code, booth]));
      for (const code of ['B-01', 'B-02', 'B-03', 'B-04']) {
        const { status, applicationId, organizationId, description, products } = byCode.get(code)!;
        assert.deepEqual(
          { status, applicationId, organizationId, description, products },
          { status: 'available', applicationId: null, organizationId: null, description: null, products: [] },
          code,
        );
      }
      assert.equal(byCode.get('B-05')!.applicationId, kept.applicationId);
      await assertFloorConsistent(local.id);

      // A withdrawn application takes no more decisions; re-accepting a rejected one starts from no booths.
      assertProblem(
        await http().post(`/events/${local.id}/exhibitor-applications/${withdrawn.applicationId}/decision`).set(organizer.auth).send({ decision: 'accept' }),
        409,
        'application_closed',
      );
      assertProblem(await http().post(`/events/${local.id}/exhibitor-applications/${withdrawn.applicationId}/withdraw`).set(withdrawn.owner.auth), 409, 'application_closed');
      await decide(organizer, local.id, rejected.applicationId, { decision: 'accept' });
      assert.equal((await assign(organizer, local.id, booths[5].id, rejected.applicationId)).status, 200);
      await assertFloorConsistent(local.id);
    });

    it('10 simultaneous assignments of one booth to 10 accepted exhibitors: exactly one wins, nine get 409', async () => {
      const local = await createEvent(testApp, organizer);
      const pavilionId = await createPavilion(organizer, local.id);
      const [booth] = await createBooths(organizer, local.id, pavilionId, 'R-', 1);
      const exhibitors = await Promise.all(Array.from({ length: 10 }, () => exhibitor(local.id, organizer)));

      const results = await Promise.all(exhibitors.map((one) => assign(organizer, local.id, booth.id, one.applicationId)));
      const winners = results.filter((result) => result.status === 200);
      assert.equal(winners.length, 1, JSON.stringify(results.map((result) => result.status)));
      for (const loser of results.filter((result) => result.status !== 200)) assertProblem(loser, 409, 'booth_taken');

      const [row] = await dataSource.query('SELECT application_id, status FROM booths WHERE id = $1', [booth.id]);
      assert.equal(row.application_id, winners[0].body.applicationId);
      assert.equal(row.status, 'assigned');
      const [{ total }] = await dataSource.query('SELECT sum(assigned_booth_count)::int AS total FROM exhibitor_applications WHERE event_id = $1', [local.id]);
      assert.equal(total, 1, 'the losers gave their count back');
      await assertFloorConsistent(local.id);
    });

    it('with an allowance of 1, two booths assigned to one exhibitor at the same moment: exactly one succeeds', async () => {
      const local = await createEvent(testApp, organizer);
      const pavilionId = await createPavilion(organizer, local.id);
      const booths = await createBooths(organizer, local.id, pavilionId, 'D-', 10);
      for (let round = 0; round < 5; round += 1) {
        const one = await exhibitor(local.id, organizer);
        const pair = [booths[round * 2], booths[round * 2 + 1]];
        const results = await Promise.all(pair.map((booth) => assign(organizer, local.id, booth.id, one.applicationId)));
        assert.deepEqual(results.map((result) => result.status).sort(), [200, 409], JSON.stringify(results.map((result) => result.body)));
        assertProblem(results.find((result) => result.status === 409)!, 409, 'booth_allowance_reached');
        const held = await dataSource.query('SELECT code FROM booths WHERE application_id = $1', [one.applicationId]);
        assert.equal(held.length, 1);
      }
      await assertFloorConsistent(local.id);
    });

    it('assignments racing a rejection never leave a booth with a rejected exhibitor', async () => {
      const local = await createEvent(testApp, organizer);
      const pavilionId = await createPavilion(organizer, local.id);
      const booths = await createBooths(organizer, local.id, pavilionId, 'E-', 8);
      for (let round = 0; round < 4; round += 1) {
        const one = await exhibitor(local.id, organizer, { allowance: 2 });
        await Promise.all([
          assign(organizer, local.id, booths[round * 2].id, one.applicationId),
          http().post(`/events/${local.id}/exhibitor-applications/${one.applicationId}/decision`).set(organizer.auth).send({ decision: 'reject', reason: 'Race' }),
          assign(organizer, local.id, booths[round * 2 + 1].id, one.applicationId),
        ]);
        await assertFloorConsistent(local.id);
        const held = await dataSource.query('SELECT code FROM booths WHERE application_id = $1', [one.applicationId]);
        assert.deepEqual(held, []);
      }
    });
  });

  describe('booth profiles', () => {
    it('the exhibitor\'s members and organizers edit the profile; null and bad links are refused', async () => {
      const local = await createEvent(testApp, organizer);
      const pavilionId = await createPavilion(organizer, local.id);
      const [booth] = await createBooths(organizer, local.id, pavilionId, 'P-', 1);
      const one = await exhibitor(local.id, organizer);
      const colleague = await registerActor(testApp);
      await addOrganizationMember(one.owner, one.organizationId, colleague);
      await assign(organizer, local.id, booth.id, one.applicationId);
      const path = `/events/${local.id}/booths/${booth.id}/profile`;

      const edited = await http()
        .patch(path)
        .set(colleague.auth)
        .send({ description: '천연 화장품 브랜드', products: ['비건 선크림'], links: ['https://jeju.example.com'], staffOnDuty: ['Kim Minji'] });
      assert.equal(edited.status, 200, JSON.stringify(edited.body));
      assert.equal(edited.body.description, '천연 화장품 브랜드');
      assert.deepEqual(edited.body.staffOnDuty, ['Kim Minji']);
      const own = await http().get(`/events/${local.id}/booths/${booth.id}`).set(colleague.auth);
      assert.equal(own.status, 200);
      assert.deepEqual(own.body.links, ['https://jeju.example.com']);

      const byOrganizer = await http().patch(path).set(organizer.auth).send({ description: null });
      assert.equal(byOrganizer.status, 200);
      assert.equal(byOrganizer.body.description, null);
      assert.deepEqual(byOrganizer.body.products, ['비건 선크림'], 'fields left out stay');

      const unchanged = await floorSnapshot([local.id]);
      for (const body of [{ products: null }, { links: ['ftp://x.example.com'] }, { staffOnDuty: [''] }, { code: 'Z-01' }, { status: 'available' }]) {
        assertProblem(await http().patch(path).set(one.owner.auth).send(body), 400, 'validation_failed');
      }
      assert.deepEqual(await floorSnapshot([local.id]), unchanged);
    });
  });

  describe('public directory', () => {
    let local: CreatedEvent;
    let cosmetics: string;
    let bio: string;
    let jeju: Awaited<ReturnType<typeof exhibitor>>;
    let helix: Awaited<ReturnType<typeof exhibitor>>;

    before(async () => {
      local = await createEvent(testApp, organizer);
      cosmetics = await createPavilion(organizer, local.id, { nameKo: '코스메틱관', nameEn: 'Cosmetics pavilion', sortOrder: 1 });
      bio = await createPavilion(organizer, local.id, { nameKo: '바이오관', nameEn: 'Bio pavilion', sortOrder: 2 });
      const cosmeticBooths = await createBooths(organizer, local.id, cosmetics, 'C-', 3);
      const bioBooths = await createBooths(organizer, local.id, bio, 'B-', 3);
      jeju = await exhibitor(local.id, organizer, { name: 'Jeju Botanics', sectors: ['Cosmetics'] });
      helix = await exhibitor(local.id, organizer, { name: 'Helix Bio', sectors: ['bio', 'healthcare'], allowance: 2 });
      await exhibitor(local.id, organizer, { name: "L'Oréal Korea", sectors: ['cosmetics'], body: { products: ['Lancôme Génifique'] } });
      await exhibitor(local.id, null, { name: 'Pending Cosmetics Co', sectors: ['cosmetics'] });
      const rejected = await exhibitor(local.id, null, { name: 'Rejected Cosmetics Co', sectors: ['cosmetics'] });
      await decide(organizer, local.id, rejected.applicationId, { decision: 'reject', reason: 'No' });
      await assign(organizer, local.id, cosmeticBooths[0].id, jeju.applicationId);
      await assign(organizer, local.id, bioBooths[0].id, helix.applicationId);
      await assign(organizer, local.id, cosmeticBooths[1].id, helix.applicationId);
      await http()
        .patch(`/events/${local.id}/booths/${cosmeticBooths[0].id}/profile`)
        .set(jeju.owner.auth)
        .send({ description: '제주 식물로 만든 천연 화장품 브랜드', products: ['비건 선크림'], staffOnDuty: ['Kim Minji'] });
      await http()
        .patch(`/events/${local.id}/booths/${bioBooths[0].id}/profile`)
        .set(helix.owner.auth)
        .send({ description: 'Microbiome diagnostics for skin and gut', products: ['장내 미생물 검사 키트'] });
    });

    const directory = (query = '', actor?: Actor) => {
      const request = http().get(`/events/${local.id}/directory${query}`);
      return actor ? request.set(actor.auth) : request;
    };

    it('shows anyone, without sign-in, the pavilions and the accepted exhibitors with their booths', async () => {
      const response = await directory();
      assert.equal(response.status, 200, JSON.stringify(response.body));
      assert.deepEqual(response.body.pavilions.map((pavilion: { nameEn: string }) => pavilion.nameEn), ['Cosmetics pavilion', 'Bio pavilion']);
      assert.deepEqual(names(response), ['Helix Bio', 'Jeju Botanics', "L'Oréal Korea"]);
      const jejuEntry = response.body.exhibitors.find((one: { name: string }) => one.name === 'Jeju Botanics');
      assert.equal(jejuEntry.organizationId, jeju.organizationId);
      assert.deepEqual(jejuEntry.sectors, ['Cosmetics']);
      assert.equal(jejuEntry.booths.length, 1);
      assert.equal(jejuEntry.booths[0].code, 'C-01');
      assert.equal(jejuEntry.booths[0].pavilionId, cosmetics);
      assert.equal(jejuEntry.booths[0].description, '제주 식물로 만든 천연 화장품 브랜드');
      assert.equal(jejuEntry.booths[0].staffOnDuty, undefined, 'staff names stay out of the public directory');
      const helixEntry = response.body.exhibitors.find((one: { name: string }) => one.name === 'Helix Bio');
      assert.deepEqual(helixEntry.booths.map((booth: { code: string }) => booth.code), ['B-01', 'C-02']);
      const lorealEntry = response.body.exhibitors.find((one: { name: string }) => one.name === "L'Oréal Korea");
      assert.deepEqual(lorealEntry.booths, [], 'accepted, no booth yet');
      assert.ok(!JSON.stringify(response.body).includes('Pending Cosmetics Co'));
      assert.ok(!JSON.stringify(response.body).includes('Rejected Cosmetics Co'));
      assert.ok(!JSON.stringify(response.body).includes('pitch'));
    });

    it('finds a booth by Korean words in its description or products (화장품, 선크림, 미생물)', async () => {
      assert.deepEqual(names(await directory(`?search=${encodeURIComponent('화장품')}`)), ['Jeju Botanics']);
      assert.deepEqual(names(await directory(`?search=${encodeURIComponent('선크림')}`)), ['Jeju Botanics']);
      assert.deepEqual(names(await directory(`?search=${encodeURIComponent('미생물')}`)), ['Helix Bio']);
      assert.deepEqual(names(await directory(`?search=${encodeURIComponent('자동차')}`)), []);
    });

    it('finds by English name, sector and product, ignoring case, and forgives a typo (trigram similarity)', async () => {
      assert.deepEqual(names(await directory('?search=helix')), ['Helix Bio']);
      assert.deepEqual(names(await directory('?search=JEJU')), ['Jeju Botanics']);
      assert.deepEqual(names(await directory('?search=healthcare')), ['Helix Bio']);
      assert.deepEqual(names(await directory(`?search=${encodeURIComponent('génifique')}`)), ["L'Oréal Korea"]);
      assert.deepEqual(names(await directory('?search=microbiom')), ['Helix Bio']);
      assert.deepEqual(names(await directory('?search=cosmetcs')), ['Jeju Botanics', "L'Oréal Korea"]);
      // LIKE's wildcards are taken literally.
      assert.deepEqual(names(await directory(`?search=${encodeURIComponent('%')}`)), []);
    });

    it('filters by pavilion (showing only the booths in it) and by sector', async () => {
      const inBio = await directory(`?pavilionId=${bio}`);
      assert.deepEqual(names(inBio), ['Helix Bio']);
      assert.deepEqual(inBio.body.exhibitors[0].booths.map((booth: { code: string }) => booth.code), ['B-01']);
      assert.deepEqual(names(await directory(`?pavilionId=${cosmetics}`)), ['Helix Bio', 'Jeju Botanics']);
      assert.deepEqual(names(await directory('?sector=cosmetics')), ['Jeju Botanics', "L'Oréal Korea"]);
      assert.deepEqual(names(await directory(`?sector=bio&pavilionId=${cosmetics}`)), ['Helix Bio']);
      assert.deepEqual(names(await directory(`?sector=cosmetics&search=${encodeURIComponent('화장품')}`)), ['Jeju Botanics']);
    });

    it('refuses a pavilion of another event and bad query fields', async () => {
      const otherPavilion = await createPavilion(otherOrganizer, otherEvent.id);
      const foreign = await directory(`?pavilionId=${otherPavilion}`);
      assertProblem(foreign, 422, 'unknown_pavilion');
      assert.deepEqual(fields(foreign), ['pavilionId']);
      assertProblem(await directory('?pavilionId=nope'), 400, 'validation_failed');
      assertProblem(await directory('?status=accepted'), 400, 'validation_failed');
      assertProblem(await directory(`?search=${'x'.repeat(101)}`), 400, 'validation_failed');
    });

    it('a draft event\'s directory, pavilions and rooms are 404 for everyone but its organizers', async () => {
      const draft = await createEvent(testApp, organizer, { status: 'draft' });
      await createPavilion(organizer, draft.id, { nameEn: 'Secret pavilion' });
      const stranger = await registerActor(testApp);
      for (const path of ['directory', 'pavilions', 'rooms']) {
        for (const actor of [undefined, stranger, otherOrganizer, jeju.owner]) {
          const request = http().get(`/events/${draft.id}/${path}`);
          const response = actor ? await request.set(actor.auth) : await request;
          assertProblem(response, 404, 'not_found');
          assert.ok(!JSON.stringify(response.body).includes('Secret pavilion'));
        }
        assert.equal((await http().get(`/events/${draft.id}/${path}`).set(organizer.auth)).status, 200);
      }
    });
  });
});
