import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { AvailabilityService } from '../../src/consultations/availability.service';
import { RoundCatalog } from '../../src/consultations/round-catalog.service';
import { Actor, addEventMember, assertProblem, createEvent, registerActor } from '../support/actors';
import { startTestApp, TestApp } from '../support/test-app';

interface SlotBody {
  startsAt: string;
  endsAt: string;
  startsAtLocal: string;
  endsAtLocal: string;
  startsAtViewer: string;
  endsAtViewer: string;
}

interface ViewerSlotBody extends SlotBody {
  viewerTimeZone: string;
}

interface HostSlotBody extends SlotBody {
  state: 'open' | 'unavailable' | 'taken';
  youAreFree: boolean | null;
}

interface RoundBody {
  id: string;
  programmeId: string;
  position: number;
  name: string;
  mode: string;
  timeZone: string;
  windows: Array<{ date: string; startsAt: string; endsAt: string }>;
  slotMinutes: number;
  gapMinutes: number;
  slotCount: number;
  firstSlotStartsAt: string | null;
  lastSlotEndsAt: string | null;
  locations: Array<{ id: string; name: string; kind: string; hostUserId: string | null }>;
  videoLinkRule: string | null;
  videoLinkTemplate: string | null;
  bookingOpensAt: string;
  bookingClosesAt: string;
  initiator: string;
  confirmation: string;
  maxRequestsPerGuest: number | null;
  maxMeetingsPerHost: number | null;
  maxMeetingsPerPair: number;
  eligibility: string;
  eligibilitySourceRoundId: string | null;
}

interface Boston {
  organizer: Actor;
  investor: Actor;
  expert: Actor;
  startup: Actor;
  /** A startup of the event that is not in the programme. */
  otherStartup: Actor;
  eventId: string;
  programmeId: string;
  organizationId: string;
}

/** Round 1: a video consultation before the delegation leaves Seoul. */
const videoRound = {
  name: 'Round 1: video consultation before departure',
  mode: 'online',
  timeZone: 'Asia/Seoul',
  windows: [{ date: '2023-04-20', startsAt: '09:00', endsAt: '11:00' }],
  slotMinutes: 30,
  videoLinkRule: 'template',
  videoLinkTemplate: 'https://meet.example.com/matchday-{meetingId}',
  bookingOpensAt: '2023-04-10T09:00:00+09:00',
  bookingClosesAt: '2023-04-19T18:00:00+09:00',
};

/** Round 3: the main consultation in Boston, four slots of 30 minutes with 10 between. */
function mainRound(investorId: string): Record<string, unknown> {
  return {
    name: 'Round 3: main consultation',
    mode: 'on_site',
    timeZone: 'America/New_York',
    windows: [{ date: '2023-04-28', startsAt: '09:00', endsAt: '12:00' }],
    slotMinutes: 30,
    gapMinutes: 10,
    locations: [
      { name: 'Table 1', kind: 'table', hostUserId: investorId },
      { name: 'Table 2', kind: 'table' },
    ],
    bookingOpensAt: '2023-04-10T09:00:00-04:00',
    bookingClosesAt: '2023-04-27T18:00:00-04:00',
    confirmation: 'instant',
    maxMeetingsPerHost: 8,
  };
}

function roundUrl(b: Boston, roundId: string, rest = ''): string {
  return `/events/${b.eventId}/consultation-rounds/${roundId}${rest}`;
}

/** Slots as a viewer sees them: the instant, the zone they are in then, and the wall clock there. */
function onTheirClock(slots: ViewerSlotBody[]): string[][] {
  return slots.map((slot) => [slot.startsAt, slot.viewerTimeZone, slot.startsAtViewer, slot.endsAtViewer]);
}

function window(startsAt: string, endsAt: string, date = '2023-04-20'): { date: string; startsAt: string; endsAt: string } {
  return { date, startsAt, endsAt };
}

/**
 * Consultation programmes, participants, rounds and slots as the Boston investment consultation day runs them: four
 * rounds across Seoul and Boston, grids shown in each person's zone (13 hours apart, and across a DST change),
 * availability, agenda sessions and meetings blocking slots, and every refusal leaving the database as it was.
 */
describe('consultations: programmes, rounds, availability, slots', () => {
  let testApp: TestApp;
  let dataSource: DataSource;

  before(async () => {
    testApp = await startTestApp();
    dataSource = testApp.app.get(DataSource);
  });
  after(async () => {
    await testApp.close();
  });

  async function newOrganization(owner: Actor, name: string): Promise<string> {
    const response = await testApp.http().post('/organizations').set(owner.auth).send({ name, kind: 'startup', country: 'KR' });
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return response.body.id;
  }

  async function boston(): Promise<Boston> {
    const organizer = await registerActor(testApp, { name: 'KSC organizer', timeZone: 'Asia/Seoul' });
    const investor = await registerActor(testApp, { name: 'Boston VC', timeZone: 'America/New_York' });
    const expert = await registerActor(testApp, { name: 'Patent expert', timeZone: 'America/New_York' });
    const startup = await registerActor(testApp, { name: 'Seoul startup', timeZone: 'Asia/Seoul' });
    const otherStartup = await registerActor(testApp, { name: 'Another startup', timeZone: 'Asia/Seoul' });
    const event = await createEvent(testApp, organizer, {
      name: 'Boston investment consultation day',
      timeZone: 'America/New_York',
      startsOn: '2023-04-27',
      endsOn: '2023-04-28',
    });
    await addEventMember(testApp, event.id, organizer, investor, 'investor');
    await addEventMember(testApp, event.id, organizer, expert, 'expert');
    await addEventMember(testApp, event.id, organizer, startup, 'startup');
    await addEventMember(testApp, event.id, organizer, otherStartup, 'startup');
    const organizationId = await newOrganization(startup, 'Seoul Robotics');
    const programme = await testApp
      .http()
      .post(`/events/${event.id}/consultation-programmes`)
      .set(organizer.auth)
      .send({ name: 'Boston investment consultation', description: '15 startups, 38 VCs' });
    assert.equal(programme.status, 201, JSON.stringify(programme.body));
    const programmeId: string = programme.body.id;
    for (const [actor, side, extra] of [
      [investor, 'host', {}],
      [expert, 'host', { expertise: 'patent' }],
      [startup, 'guest', { organizationId }],
    ] as const) {
      const response = await testApp
        .http()
        .post(`/events/${event.id}/consultation-programmes/${programmeId}/participants`)
        .set(organizer.auth)
        .send({ userId: actor.id, side, ...extra });
      assert.equal(response.status, 201, JSON.stringify(response.body));
    }
    return { organizer, investor, expert, startup, otherStartup, eventId: event.id, programmeId, organizationId };
  }

  async function createRound(b: Boston, body: Record<string, unknown>): Promise<RoundBody> {
    const response = await testApp.http().post(`/events/${b.eventId}/consultation-programmes/${b.programmeId}/rounds`).set(b.organizer.auth).send(body);
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return response.body;
  }

  async function rowCounts(eventId: string): Promise<Record<string, number>> {
    const [row] = await dataSource.query(
      `WITH p AS (SELECT id FROM consultation_programmes WHERE event_id = $1),
            r AS (SELECT id FROM consultation_rounds WHERE event_id = $1)
       SELECT (SELECT count(*)::int FROM p) AS programmes,
              (SELECT count(*)::int FROM programme_participants WHERE programme_id IN (SELECT id FROM p)) AS participants,
              (SELECT count(*)::int FROM r) AS rounds,
              (SELECT count(*)::int FROM round_windows WHERE round_id IN (SELECT id FROM r)) AS windows,
              (SELECT count(*)::int FROM round_locations WHERE round_id IN (SELECT id FROM r)) AS locations,
              (SELECT count(*)::int FROM unavailable_slots WHERE round_id IN (SELECT id FROM r)) AS unavailable,
              (SELECT count(*)::int FROM meetings WHERE event_id = $1) AS meetings,
              (SELECT string_agg(name || ':' || position || ':' || slot_minutes || ':' || coalesce(max_meetings_per_host, 0), ',' ORDER BY id)
                 FROM consultation_rounds WHERE event_id = $1) AS "roundsDigest",
              (SELECT string_agg(date::text || starts_at_time::text || ends_at_time::text, ',' ORDER BY id)
                 FROM round_windows WHERE round_id IN (SELECT id FROM r)) AS "windowsDigest"`,
      [eventId],
    );
    return row;
  }

  /** Sends a request that must be refused with 400 and the given field, and checks nothing changed. */
  async function refused(
    b: Boston,
    send: () => PromiseLike<{ status: number; headers: Record<string, string>; body: { code?: string; requestId?: string; errors?: Array<{ field: string }> } }>,
    field: string,
    status = 400,
    code = 'validation_failed',
  ): Promise<void> {
    const countsBefore = await rowCounts(b.eventId);
    const response = await send();
    assertProblem(response, status, code);
    if (field) {
      const fields = (response.body.errors ?? []).map((entry) => entry.field);
      assert.ok(fields.includes(field), `expected a problem with ${field}, got ${JSON.stringify(response.body)}`);
    }
    assert.deepEqual(await rowCounts(b.eventId), countsBefore, 'a refused request changed something');
  }

  async function insertMeeting(
    b: Boston,
    roundId: string,
    hostId: string,
    guestId: string,
    startsAt: string,
    endsAt: string,
    locationId: string | null = null,
  ): Promise<string> {
    const [{ id }] = await dataSource.query(
      `INSERT INTO meetings (event_id, round_id, host_user_id, guest_user_id, starts_at, ends_at, status, location_id, location_key, created_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, 'confirmed', $7, (SELECT key FROM round_locations WHERE id = $7), $3) RETURNING id`,
      [b.eventId, roundId, hostId, guestId, startsAt, endsAt, locationId],
    );
    await dataSource.query(
      `INSERT INTO meeting_attendees (meeting_id, user_id, starts_at, ends_at, status)
       SELECT id, person, starts_at, ends_at, status FROM meetings, unnest(ARRAY[host_user_id, guest_user_id]) AS person WHERE id = $1`,
      [id],
    );
    return id;
  }

  describe('programmes and participants', () => {
    it('creates, reads, renames and lists programmes; participants are hosts (investors, experts) and guests (startups)', async () => {
      const b = await boston();
      const programme = await testApp.http().get(`/events/${b.eventId}/consultation-programmes/${b.programmeId}`).set(b.startup.auth);
      assert.equal(programme.status, 200, JSON.stringify(programme.body));
      assert.deepEqual(
        { name: programme.body.name, hostCount: programme.body.hostCount, guestCount: programme.body.guestCount, mySide: programme.body.mySide },
        { name: 'Boston investment consultation', hostCount: 2, guestCount: 1, mySide: 'guest' },
      );

      const renamed = await testApp
        .http()
        .patch(`/events/${b.eventId}/consultation-programmes/${b.programmeId}`)
        .set(b.organizer.auth)
        .send({ name: 'Boston 1:1 consultations', description: null });
      assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
      assert.equal(renamed.body.name, 'Boston 1:1 consultations');
      assert.equal(renamed.body.description, null);
      assert.equal(renamed.body.mySide, null);
      await refused(b, () => testApp.http().patch(`/events/${b.eventId}/consultation-programmes/${b.programmeId}`).set(b.organizer.auth).send({ name: null }), 'name');
      await refused(b, () => testApp.http().patch(`/events/${b.eventId}/consultation-programmes/${b.programmeId}`).set(b.organizer.auth).send({ name: '  ' }), 'name');
      await refused(b, () => testApp.http().post(`/events/${b.eventId}/consultation-programmes`).set(b.organizer.auth).send({ name: 'X', color: 'red' }), '');

      // A second programme (the expert track) that the startup is not in.
      const track = await testApp.http().post(`/events/${b.eventId}/consultation-programmes`).set(b.organizer.auth).send({ name: 'Expert track' });
      assert.equal(track.status, 201);
      const names = async (actor: Actor): Promise<string[]> => {
        const response = await testApp.http().get(`/events/${b.eventId}/consultation-programmes`).set(actor.auth);
        assert.equal(response.status, 200, JSON.stringify(response.body));
        return response.body.map((item: { name: string }) => item.name);
      };
      assert.deepEqual(await names(b.organizer), ['Boston 1:1 consultations', 'Expert track']);
      assert.deepEqual(await names(b.startup), ['Boston 1:1 consultations']);
      assert.deepEqual(await names(b.otherStartup), []);

      const participants = await testApp.http().get(`/events/${b.eventId}/consultation-programmes/${b.programmeId}/participants`).set(b.startup.auth);
      assert.equal(participants.status, 200, JSON.stringify(participants.body));
      assert.deepEqual(
        participants.body.map((item: { name: string; side: string; expertise: string | null; organizationName: string | null }) => [
          item.name,
          item.side,
          item.expertise,
          item.organizationName,
        ]),
        [
          ['Boston VC', 'host', null, null],
          ['Patent expert', 'host', 'patent', null],
          ['Seoul startup', 'guest', null, 'Seoul Robotics'],
        ],
      );
      assert.ok(!JSON.stringify(participants.body).includes('@example.com'), 'no emails in the participant list');
    });

    it('refuses participants who are not members, hold the wrong role, or name an organization they do not belong to', async () => {
      const b = await boston();
      const outsider = await registerActor(testApp, { name: 'Not a member' });
      const url = `/events/${b.eventId}/consultation-programmes/${b.programmeId}/participants`;
      const add = (body: Record<string, unknown>) => () => testApp.http().post(url).set(b.organizer.auth).send(body);
      await refused(b, add({ userId: outsider.id, side: 'guest' }), 'userId');
      await refused(b, add({ userId: b.otherStartup.id, side: 'host' }), 'userId');
      await refused(b, add({ userId: b.investor.id, side: 'guest' }), 'userId');
      await refused(b, add({ userId: b.otherStartup.id, side: 'guest', organizationId: b.organizationId }), 'organizationId');
      await refused(b, add({ userId: b.otherStartup.id, side: 'visitor' }), 'side');
      await refused(b, add({ userId: 'nope', side: 'guest' }), 'userId');
      await refused(b, add({ userId: b.startup.id, side: 'guest' }), 'userId', 409, 'already_participant');

      const added = await add({ userId: b.otherStartup.id, side: 'guest', organizationId: null })();
      assert.equal(added.status, 201, JSON.stringify(added.body));
      assert.equal(added.body.side, 'guest');

      const removed = await testApp.http().delete(`${url}/${b.otherStartup.id}`).set(b.organizer.auth);
      assert.equal(removed.status, 204);
      assertProblem(await testApp.http().delete(`${url}/${b.otherStartup.id}`).set(b.organizer.auth), 404, 'not_found');
    });
  });

  describe('rounds', () => {
    it('creates the four Boston rounds in order; follow-up eligibility defaults to the round before', async () => {
      const b = await boston();
      const video = await createRound(b, videoRound);
      assert.equal(video.position, 1);
      assert.equal(video.slotCount, 4);
      assert.equal(video.firstSlotStartsAt, '2023-04-20T00:00:00.000Z');
      assert.equal(video.lastSlotEndsAt, '2023-04-20T02:00:00.000Z');
      assert.equal(video.initiator, 'guest');
      assert.equal(video.confirmation, 'host_accepts');
      assert.equal(video.maxMeetingsPerPair, 1);
      assert.equal(video.eligibility, 'open');
      assert.equal(video.bookingOpensAt, '2023-04-10T00:00:00.000Z');

      const pre = await createRound(b, {
        ...mainRound(b.investor.id),
        name: 'Round 2: pre-consultation',
        windows: [{ date: '2023-04-27', startsAt: '14:00', endsAt: '17:00' }],
        locations: [{ name: 'Room A', kind: 'room' }],
        eligibility: 'met_in_source_round',
      });
      assert.equal(pre.position, 2);
      assert.equal(pre.eligibilitySourceRoundId, video.id);

      const main = await createRound(b, { ...mainRound(b.investor.id), initiator: 'both', maxRequestsPerGuest: 5 });
      assert.equal(main.position, 3);
      assert.equal(main.slotCount, 4);
      assert.deepEqual(
        main.locations.map((location) => [location.name, location.kind, location.hostUserId]),
        [
          ['Table 1', 'table', b.investor.id],
          ['Table 2', 'table', null],
        ],
      );
      assert.deepEqual(main.windows, [{ date: '2023-04-28', startsAt: '09:00', endsAt: '12:00' }]);

      const followUp = await createRound(b, {
        ...videoRound,
        name: 'Round 4: follow-up',
        timeZone: 'America/New_York',
        windows: [
          { date: '2023-05-02', startsAt: '09:00', endsAt: '10:00' },
          { date: '2023-05-02', startsAt: '13:00', endsAt: '14:00' },
        ],
        videoLinkRule: 'host_entered',
        videoLinkTemplate: null,
        eligibility: 'follow_up_from_source_round',
        bookingOpensAt: '2023-04-29T09:00:00-04:00',
        bookingClosesAt: '2023-05-01T18:00:00-04:00',
      });
      assert.equal(followUp.position, 4);
      assert.equal(followUp.eligibilitySourceRoundId, main.id);
      assert.equal(followUp.slotCount, 4);

      // Or pointed at an earlier round explicitly.
      const pointed = await testApp.http().patch(roundUrl(b, followUp.id)).set(b.organizer.auth).send({ eligibilitySourceRoundId: video.id });
      assert.equal(pointed.status, 200, JSON.stringify(pointed.body));
      assert.equal(pointed.body.eligibilitySourceRoundId, video.id);
      const reopened = await testApp.http().patch(roundUrl(b, followUp.id)).set(b.organizer.auth).send({ eligibility: 'open' });
      assert.equal(reopened.status, 200, JSON.stringify(reopened.body));
      assert.equal(reopened.body.eligibilitySourceRoundId, null);

      const list = await testApp.http().get(`/events/${b.eventId}/consultation-programmes/${b.programmeId}/rounds`).set(b.investor.auth);
      assert.equal(list.status, 200, JSON.stringify(list.body));
      assert.deepEqual(
        list.body.map((round: RoundBody) => [round.position, round.name]),
        [
          [1, 'Round 1: video consultation before departure'],
          [2, 'Round 2: pre-consultation'],
          [3, 'Round 3: main consultation'],
          [4, 'Round 4: follow-up'],
        ],
      );
      const one = await testApp.http().get(roundUrl(b, main.id)).set(b.startup.auth);
      assert.equal(one.status, 200, JSON.stringify(one.body));
      assert.equal(one.body.maxRequestsPerGuest, 5);

      // Without meetings, the programme goes with its chain of rounds (round 2 still reads round 1).
      assert.equal((await testApp.http().delete(`/events/${b.eventId}/consultation-programmes/${b.programmeId}`).set(b.organizer.auth)).status, 204);
      assert.equal((await rowCounts(b.eventId)).rounds, 0);
    });

    it('refuses bad rounds with the field at fault and writes nothing', async () => {
      const b = await boston();
      const first = await createRound(b, videoRound);
      const url = `/events/${b.eventId}/consultation-programmes/${b.programmeId}/rounds`;
      const create = (changes: Record<string, unknown>) => () => testApp.http().post(url).set(b.organizer.auth).send({ ...videoRound, ...changes });
      await refused(b, create({ timeZone: 'Mars/Olympus_Mons' }), 'timeZone');
      await refused(b, create({ windows: [window('11:00', '09:00')] }), 'windows.0.endsAt');
      await refused(b, create({ windows: [window('09:00', '09:00')] }), 'windows.0.endsAt');
      await refused(b, create({ windows: [window('09:00', '11:00'), window('10:30', '12:00')] }), 'windows.1');
      await refused(b, create({ windows: [window('09:00', '09:20')] }), 'windows.0');
      await refused(b, create({ windows: [window('9:00', '11:00')] }), 'windows.0.startsAt');
      await refused(b, create({ windows: [window('09:00', '11:00', '2023-02-30')] }), 'windows.0.date');
      await refused(b, create({ windows: [] }), 'windows');
      await refused(b, create({ slotMinutes: 4 }), 'slotMinutes');
      await refused(b, create({ slotMinutes: 481 }), 'slotMinutes');
      await refused(b, create({ gapMinutes: -1 }), 'gapMinutes');
      await refused(b, create({ bookingClosesAt: '2023-04-09T09:00:00+09:00' }), 'bookingClosesAt');
      await refused(b, create({ bookingClosesAt: videoRound.bookingOpensAt }), 'bookingClosesAt');
      await refused(b, create({ bookingOpensAt: '2023-04-10T09:00' }), 'bookingOpensAt');
      await refused(b, create({ videoLinkTemplate: 'https://meet.example.com/matchday' }), 'videoLinkTemplate');
      await refused(b, create({ videoLinkTemplate: 'not a link {meetingId}' }), 'videoLinkTemplate');
      await refused(b, create({ videoLinkTemplate: null }), 'videoLinkTemplate');
      await refused(b, create({ videoLinkRule: null, videoLinkTemplate: null }), 'videoLinkRule');
      await refused(b, create({ videoLinkRule: 'host_entered' }), 'videoLinkTemplate');
      await refused(b, create({ locations: [{ name: 'Table 1', kind: 'table' }] }), 'locations');
      await refused(b, create({ mode: 'on_site' }), 'videoLinkRule');
      await refused(b, create({ maxMeetingsPerPair: 0 }), 'maxMeetingsPerPair');
      await refused(b, create({ maxMeetingsPerHost: 0 }), 'maxMeetingsPerHost');
      await refused(b, create({ initiator: 'anyone' }), 'initiator');
      await refused(b, create({ name: null }), 'name');
      await refused(b, create({ eligibilitySourceRoundId: first.id }), 'eligibilitySourceRoundId');
      await refused(b, create({ unknown: true }), '');
      const onSite = { ...mainRound(b.investor.id), videoLinkRule: undefined, videoLinkTemplate: undefined };
      const createOnSite = (changes: Record<string, unknown>) => () => testApp.http().post(url).set(b.organizer.auth).send({ ...onSite, ...changes });
      await refused(b, createOnSite({ locations: [{ name: 'Table 1', kind: 'table' }, { name: 'Table 1', kind: 'room' }] }), 'locations.1.name');
      // A place is known by its name ignoring case and spacing: these two are one table.
      await refused(b, createOnSite({ locations: [{ name: 'Table 1', kind: 'table' }, { name: 'TABLE   1', kind: 'table' }] }), 'locations.1.name');
      await refused(b, createOnSite({ locations: [{ name: 'Table 1', kind: 'table', hostUserId: b.startup.id }] }), 'locations.0.hostUserId');
      await refused(b, createOnSite({ locations: [{ name: 'Table 1', kind: 'sofa' }] }), 'locations.0.kind');

      // The first round of a programme has nothing before it to take eligibility from.
      const otherProgramme = await testApp.http().post(`/events/${b.eventId}/consultation-programmes`).set(b.organizer.auth).send({ name: 'Track 2' });
      await refused(
        b,
        () =>
          testApp
            .http()
            .post(`/events/${b.eventId}/consultation-programmes/${otherProgramme.body.id}/rounds`)
            .set(b.organizer.auth)
            .send({ ...videoRound, eligibility: 'met_in_source_round' }),
        'eligibility',
      );
      // Nor from a round of another programme.
      await refused(
        b,
        () =>
          testApp
            .http()
            .post(`/events/${b.eventId}/consultation-programmes/${otherProgramme.body.id}/rounds`)
            .set(b.organizer.auth)
            .send({ ...videoRound, eligibility: 'met_in_source_round', eligibilitySourceRoundId: first.id }),
        'eligibilitySourceRoundId',
      );
      // A window starting in the hour New York skips on 12 March 2023.
      await refused(b, create({ timeZone: 'America/New_York', windows: [window('02:30', '05:00', '2023-03-12')] }), 'windows.0.startsAt');
    });

    it('updates a round: windows and locations replaced whole, locations kept by name, null refused for required fields', async () => {
      const b = await boston();
      const main = await createRound(b, mainRound(b.investor.id));
      const table1 = main.locations.find((location) => location.name === 'Table 1')!;
      const updated = await testApp
        .http()
        .patch(roundUrl(b, main.id))
        .set(b.organizer.auth)
        .send({
          windows: [
            { date: '2023-04-28', startsAt: '13:00', endsAt: '15:00' },
            { date: '2023-04-28', startsAt: '09:00', endsAt: '12:00' },
          ],
          locations: [
            { name: 'Table 1', kind: 'booth', hostUserId: b.expert.id },
            { name: 'Table 3', kind: 'table' },
          ],
          maxMeetingsPerHost: null,
        });
      assert.equal(updated.status, 200, JSON.stringify(updated.body));
      const body: RoundBody = updated.body;
      assert.deepEqual(body.windows, [
        { date: '2023-04-28', startsAt: '09:00', endsAt: '12:00' },
        { date: '2023-04-28', startsAt: '13:00', endsAt: '15:00' },
      ]);
      assert.equal(body.slotCount, 4 + 3);
      assert.deepEqual(
        body.locations.map((location) => [location.name, location.kind, location.hostUserId]),
        [
          ['Table 1', 'booth', b.expert.id],
          ['Table 3', 'table', null],
        ],
      );
      assert.equal(body.locations[0].id, table1.id, 'a kept location keeps its id');
      assert.equal(body.maxMeetingsPerHost, null);
      // Written another way, a location is the same place: it keeps its id and takes the new spelling.
      const respelled = await testApp
        .http()
        .patch(roundUrl(b, main.id))
        .set(b.organizer.auth)
        .send({ locations: [{ name: 'TABLE 1', kind: 'booth', hostUserId: b.expert.id }, { name: 'Table 3', kind: 'table' }] });
      assert.equal(respelled.status, 200, JSON.stringify(respelled.body));
      assert.deepEqual(
        respelled.body.locations.map((location: { id: string; name: string }) => [location.id, location.name]),
        [
          [table1.id, 'TABLE 1'],
          [body.locations[1].id, 'Table 3'],
        ],
      );

      const patch = (changes: Record<string, unknown>) => () => testApp.http().patch(roundUrl(b, main.id)).set(b.organizer.auth).send(changes);
      for (const field of ['name', 'mode', 'timeZone', 'windows', 'slotMinutes', 'gapMinutes', 'locations', 'bookingOpensAt', 'bookingClosesAt', 'initiator', 'confirmation', 'maxMeetingsPerPair', 'eligibility']) {
        await refused(b, patch({ [field]: null }), field);
      }
      await refused(b, patch({ mode: 'online', videoLinkRule: 'host_entered' }), 'locations');
      await refused(b, patch({ bookingClosesAt: '2023-04-01T00:00:00Z' }), 'bookingClosesAt');
      await refused(b, patch({ windows: [{ date: '2023-04-28', startsAt: '09:00', endsAt: '12:00' }, { date: '2023-04-28', startsAt: '11:00', endsAt: '13:00' }] }), 'windows.1');
      await refused(b, patch({ slotMinutes: 200 }), 'windows.0');
      await refused(b, patch({ videoLinkRule: 'template', videoLinkTemplate: 'https://x.example/{meetingId}' }), 'videoLinkRule');

      // Online, with the locations removed and a host-entered link.
      const online = await testApp.http().patch(roundUrl(b, main.id)).set(b.organizer.auth).send({ mode: 'online', locations: [], videoLinkRule: 'host_entered' });
      assert.equal(online.status, 200, JSON.stringify(online.body));
      assert.deepEqual(online.body.locations, []);
      // Back on site: the video rule goes with the move.
      const onSite = await testApp.http().patch(roundUrl(b, main.id)).set(b.organizer.auth).send({ mode: 'on_site' });
      assert.equal(onSite.status, 200, JSON.stringify(onSite.body));
      assert.equal(onSite.body.videoLinkRule, null);
      const empty = await testApp.http().patch(roundUrl(b, main.id)).set(b.organizer.auth).send({});
      assert.equal(empty.status, 200, JSON.stringify(empty.body));
    });

    it('keeps meetings on the grid and at their locations: such changes are 409 and change nothing', async () => {
      const b = await boston();
      const main = await createRound(b, mainRound(b.investor.id));
      const table1 = main.locations.find((location) => location.name === 'Table 1')!;
      const meetingId = await insertMeeting(b, main.id, b.investor.id, b.startup.id, '2023-04-28T13:40:00Z', '2023-04-28T14:10:00Z', table1.id);
      const patch = (changes: Record<string, unknown>) => () => testApp.http().patch(roundUrl(b, main.id)).set(b.organizer.auth).send(changes);
      await refused(b, patch({ gapMinutes: 0 }), '', 409, 'round_has_meetings');
      await refused(b, patch({ timeZone: 'America/Chicago' }), '', 409, 'round_has_meetings');
      await refused(b, patch({ locations: [{ name: 'Table 2', kind: 'table' }] }), 'locations', 409, 'location_in_use');
      // A change that keeps the meeting's slot is fine: a second window after the first.
      const wider = await testApp
        .http()
        .patch(roundUrl(b, main.id))
        .set(b.organizer.auth)
        .send({ windows: [{ date: '2023-04-28', startsAt: '09:00', endsAt: '12:00' }, { date: '2023-04-28', startsAt: '14:00', endsAt: '15:00' }] });
      assert.equal(wider.status, 200, JSON.stringify(wider.body));
      await refused(b, () => testApp.http().delete(roundUrl(b, main.id)).set(b.organizer.auth), '', 409, 'round_has_meetings');
      await refused(b, () => testApp.http().delete(`/events/${b.eventId}/consultation-programmes/${b.programmeId}`).set(b.organizer.auth), '', 409, 'programme_has_meetings');
      await refused(
        b,
        () => testApp.http().delete(`/events/${b.eventId}/consultation-programmes/${b.programmeId}/participants/${b.startup.id}`).set(b.organizer.auth),
        '',
        409,
        'participant_has_meetings',
      );
      // Once cancelled, the meeting no longer holds its participants (the row itself stays, with its history).
      await dataSource.query(`UPDATE meetings SET status = 'cancelled' WHERE id = $1`, [meetingId]);
      const removed = await testApp.http().delete(`/events/${b.eventId}/consultation-programmes/${b.programmeId}/participants/${b.startup.id}`).set(b.organizer.auth);
      assert.equal(removed.status, 204, JSON.stringify(removed.body));
      await refused(b, () => testApp.http().delete(roundUrl(b, main.id)).set(b.organizer.auth), '', 409, 'round_has_meetings');
    });

    it('deletes rounds without meetings, closing the gap; a round others take eligibility from stays; reorders', async () => {
      const b = await boston();
      const first = await createRound(b, videoRound);
      const second = await createRound(b, { ...videoRound, name: 'Second' });
      const third = await createRound(b, { ...videoRound, name: 'Third', eligibility: 'met_in_source_round' });
      assert.equal(third.eligibilitySourceRoundId, second.id);
      const reorderUrl = `/events/${b.eventId}/consultation-programmes/${b.programmeId}/round-order`;
      const reorder = (roundIds: string[]) => () => testApp.http().put(reorderUrl).set(b.organizer.auth).send({ roundIds });

      await refused(b, () => testApp.http().delete(roundUrl(b, second.id)).set(b.organizer.auth), '', 409, 'round_is_eligibility_source');
      await refused(b, reorder([third.id, second.id, first.id]), 'roundIds.0');
      await refused(b, reorder([first.id, second.id]), 'roundIds');
      await refused(b, reorder([first.id, second.id, second.id]), 'roundIds');
      const reordered = await reorder([second.id, third.id, first.id])();
      assert.equal(reordered.status, 200, JSON.stringify(reordered.body));
      assert.deepEqual(
        reordered.body.map((round: RoundBody) => [round.name, round.position]),
        [
          ['Second', 1],
          ['Third', 2],
          [videoRound.name, 3],
        ],
      );

      assertProblem(await testApp.http().delete(roundUrl(b, randomUUID())).set(b.organizer.auth), 404, 'not_found');
      await dataSource.query(`UPDATE consultation_rounds SET eligibility = 'open', eligibility_source_round_id = NULL WHERE id = $1`, [third.id]);
      assert.equal((await testApp.http().delete(roundUrl(b, second.id)).set(b.organizer.auth)).status, 204);
      const rounds = await dataSource.query('SELECT name, position FROM consultation_rounds WHERE programme_id = $1 ORDER BY position', [b.programmeId]);
      assert.deepEqual(rounds, [
        { name: 'Third', position: 1 },
        { name: videoRound.name, position: 2 },
      ]);
      const next = await createRound(b, { ...videoRound, name: 'Fourth' });
      assert.equal(next.position, 3);

      // A programme without meetings goes with its rounds, windows and participants.
      assert.equal((await testApp.http().delete(`/events/${b.eventId}/consultation-programmes/${b.programmeId}`).set(b.organizer.auth)).status, 204);
      const counts = await rowCounts(b.eventId);
      assert.deepEqual([counts.programmes, counts.participants, counts.rounds, counts.windows], [0, 0, 0, 0]);
    });

    it('hosts set their own video link for host-entered rounds; guests and other rounds cannot', async () => {
      const b = await boston();
      const template = await createRound(b, videoRound);
      const hostEntered = await createRound(b, { ...videoRound, name: 'Round 4: follow-up', videoLinkRule: 'host_entered', videoLinkTemplate: null });
      const set = (actor: Actor, roundId: string, videoLink: unknown) => testApp.http().put(roundUrl(b, roundId, '/my-video-link')).set(actor.auth).send({ videoLink });
      const response = await set(b.investor, hostEntered.id, 'https://zoom.us/j/123456789');
      assert.equal(response.status, 200, JSON.stringify(response.body));
      assert.deepEqual(response.body, { roundId: hostEntered.id, videoLink: 'https://zoom.us/j/123456789' });
      await refused(b, () => set(b.investor, hostEntered.id, 'zoom me'), 'videoLink');
      await refused(b, () => testApp.http().put(roundUrl(b, hostEntered.id, '/my-video-link')).set(b.investor.auth).send({}), 'videoLink');
      await refused(b, () => set(b.investor, template.id, 'https://zoom.us/j/1'), '', 409, 'video_link_not_host_entered');
      await refused(b, () => set(b.startup, hostEntered.id, 'https://zoom.us/j/1'), '', 403, 'forbidden');

      const links = async (viewer: Actor): Promise<Record<string, string | null>> => {
        const list = await testApp.http().get(`/events/${b.eventId}/consultation-programmes/${b.programmeId}/participants`).set(viewer.auth);
        return Object.fromEntries(list.body.map((item: { name: string; videoLink: string | null }) => [item.name, item.videoLink]));
      };
      assert.equal((await links(b.investor))['Boston VC'], 'https://zoom.us/j/123456789');
      assert.equal((await links(b.organizer))['Boston VC'], 'https://zoom.us/j/123456789');
      assert.equal((await links(b.startup))['Boston VC'], null, 'other participants do not see the link');

      const cleared = await set(b.investor, hostEntered.id, null);
      assert.equal(cleared.status, 200, JSON.stringify(cleared.body));
      assert.equal(cleared.body.videoLink, null);
    });
  });

  describe('slot grids across zones', () => {
    it('shows the Boston main round to a Seoul startup 13 hours ahead, and the Seoul video round to a Boston VC', async () => {
      const b = await boston();
      const main = await createRound(b, mainRound(b.investor.id));
      const video = await createRound(b, videoRound);

      const seoulView = await testApp.http().get(roundUrl(b, main.id, '/slots')).set(b.startup.auth);
      assert.equal(seoulView.status, 200, JSON.stringify(seoulView.body));
      assert.equal(seoulView.body.timeZone, 'America/New_York');
      assert.equal(seoulView.body.viewerTimeZone, 'Asia/Seoul', 'the default is the profile zone');
      assert.deepEqual(
        seoulView.body.slots.map((slot: SlotBody) => [slot.startsAt, slot.startsAtLocal, slot.startsAtViewer, slot.endsAtViewer]),
        [
          ['2023-04-28T13:00:00.000Z', '2023-04-28T09:00:00-04:00', '2023-04-28T22:00:00+09:00', '2023-04-28T22:30:00+09:00'],
          ['2023-04-28T13:40:00.000Z', '2023-04-28T09:40:00-04:00', '2023-04-28T22:40:00+09:00', '2023-04-28T23:10:00+09:00'],
          ['2023-04-28T14:20:00.000Z', '2023-04-28T10:20:00-04:00', '2023-04-28T23:20:00+09:00', '2023-04-28T23:50:00+09:00'],
          ['2023-04-28T15:00:00.000Z', '2023-04-28T11:00:00-04:00', '2023-04-29T00:00:00+09:00', '2023-04-29T00:30:00+09:00'],
        ],
      );

      const bostonView = await testApp.http().get(roundUrl(b, video.id, '/slots')).set(b.investor.auth);
      assert.equal(bostonView.status, 200, JSON.stringify(bostonView.body));
      assert.equal(bostonView.body.viewerTimeZone, 'America/New_York');
      assert.deepEqual(
        bostonView.body.slots.map((slot: SlotBody) => [slot.startsAtLocal, slot.startsAtViewer]),
        [
          ['2023-04-20T09:00:00+09:00', '2023-04-19T20:00:00-04:00'],
          ['2023-04-20T09:30:00+09:00', '2023-04-19T20:30:00-04:00'],
          ['2023-04-20T10:00:00+09:00', '2023-04-19T21:00:00-04:00'],
          ['2023-04-20T10:30:00+09:00', '2023-04-19T21:30:00-04:00'],
        ],
      );

      const asked = await testApp.http().get(roundUrl(b, video.id, '/slots?timeZone=Europe/Paris')).set(b.investor.auth);
      assert.equal(asked.status, 200, JSON.stringify(asked.body));
      assert.equal(asked.body.slots[0].startsAtViewer, '2023-04-20T02:00:00+02:00');
      assertProblem(await testApp.http().get(roundUrl(b, video.id, '/slots?timeZone=Nowhere/Land')).set(b.investor.auth), 400, 'validation_failed');
    });

    it('without a zone asked for, shows each slot on the clock of the zone the viewer is in then (travel time zones)', async () => {
      const b = await boston();
      const twoDays = await createRound(b, {
        ...mainRound(b.investor.id),
        name: 'Pre-consultation and main day',
        windows: [window('09:00', '10:00', '2023-04-26'), window('09:00', '10:00', '2023-04-28')],
        slotMinutes: 60,
        gapMinutes: 0,
      });
      // The Seoul startup flies to Boston for 27 to 29 April.
      const travel = await testApp.http().post('/me/travel-time-zones').set(b.startup.auth).send({ timeZone: 'America/New_York', startsOn: '2023-04-27', endsOn: '2023-04-29' });
      assert.equal(travel.status, 201, JSON.stringify(travel.body));
      const seoulThenBoston = [
        ['2023-04-26T13:00:00.000Z', 'Asia/Seoul', '2023-04-26T22:00:00+09:00', '2023-04-26T23:00:00+09:00'],
        ['2023-04-28T13:00:00.000Z', 'America/New_York', '2023-04-28T09:00:00-04:00', '2023-04-28T10:00:00-04:00'],
      ];

      const grid = await testApp.http().get(roundUrl(b, twoDays.id, '/slots')).set(b.startup.auth);
      assert.equal(grid.status, 200, JSON.stringify(grid.body));
      assert.equal(grid.body.viewerTimeZone, 'Asia/Seoul', 'where the startup is at the first slot');
      assert.deepEqual(onTheirClock(grid.body.slots), seoulThenBoston);
      // The investor's free/busy as the startup sees it, on the same clocks.
      const freeBusy = await testApp.http().get(roundUrl(b, twoDays.id, `/hosts/${b.investor.id}/slots`)).set(b.startup.auth);
      assert.equal(freeBusy.status, 200, JSON.stringify(freeBusy.body));
      assert.deepEqual(onTheirClock(freeBusy.body.slots), seoulThenBoston);
      // The slot the startup closes on the main day shows on Boston's clock.
      const closed = await testApp.http().put(roundUrl(b, twoDays.id, '/availability')).set(b.startup.auth).send({ unavailable: ['2023-04-28T09:00:00-04:00'] });
      assert.equal(closed.status, 200, JSON.stringify(closed.body));
      assert.deepEqual(onTheirClock(closed.body.unavailable), [seoulThenBoston[1]]);
      const availability = await testApp.http().get(roundUrl(b, twoDays.id, '/availability')).set(b.startup.auth);
      assert.deepEqual(onTheirClock(availability.body.unavailable), [seoulThenBoston[1]]);
      // A zone asked for shows every slot on it.
      const asked = await testApp.http().get(roundUrl(b, twoDays.id, '/slots?timeZone=Asia/Seoul')).set(b.startup.auth);
      assert.equal(asked.body.viewerTimeZone, 'Asia/Seoul');
      assert.deepEqual(
        asked.body.slots.map((slot: ViewerSlotBody) => [slot.viewerTimeZone, slot.startsAtViewer]),
        [
          ['Asia/Seoul', '2023-04-26T22:00:00+09:00'],
          ['Asia/Seoul', '2023-04-28T22:00:00+09:00'],
        ],
      );
      // The investor stayed home: Boston's clock throughout.
      const investorView = await testApp.http().get(roundUrl(b, twoDays.id, '/slots')).set(b.investor.auth);
      assert.deepEqual(
        investorView.body.slots.map((slot: ViewerSlotBody) => [slot.viewerTimeZone, slot.startsAtViewer]),
        [
          ['America/New_York', '2023-04-26T09:00:00-04:00'],
          ['America/New_York', '2023-04-28T09:00:00-04:00'],
        ],
      );
    });

    it('builds slots across the March 2023 DST change in New York, shown in Seoul', async () => {
      const b = await boston();
      const dst = await createRound(b, {
        ...mainRound(b.investor.id),
        name: 'Across the clock change',
        windows: [
          { date: '2023-03-11', startsAt: '09:00', endsAt: '10:00' },
          { date: '2023-03-12', startsAt: '01:00', endsAt: '04:00' },
          { date: '2023-03-13', startsAt: '09:00', endsAt: '10:00' },
        ],
        slotMinutes: 60,
        gapMinutes: 0,
      });
      const response = await testApp.http().get(roundUrl(b, dst.id, '/slots?timeZone=Asia/Seoul')).set(b.organizer.auth);
      assert.equal(response.status, 200, JSON.stringify(response.body));
      assert.deepEqual(
        response.body.slots.map((slot: SlotBody) => [slot.startsAt, slot.endsAt, slot.startsAtLocal, slot.startsAtViewer]),
        [
          // Saturday, still EST: 9:00 in New York is 23:00 in Seoul (14 hours apart).
          ['2023-03-11T14:00:00.000Z', '2023-03-11T15:00:00.000Z', '2023-03-11T09:00:00-05:00', '2023-03-11T23:00:00+09:00'],
          // The night of the change: 01:00-04:00 on the wall clock is two real hours, so two slots of 60 minutes.
          ['2023-03-12T06:00:00.000Z', '2023-03-12T07:00:00.000Z', '2023-03-12T01:00:00-05:00', '2023-03-12T15:00:00+09:00'],
          ['2023-03-12T07:00:00.000Z', '2023-03-12T08:00:00.000Z', '2023-03-12T03:00:00-04:00', '2023-03-12T16:00:00+09:00'],
          // Monday, EDT: 9:00 in New York is 22:00 in Seoul (13 hours apart).
          ['2023-03-13T13:00:00.000Z', '2023-03-13T14:00:00.000Z', '2023-03-13T09:00:00-04:00', '2023-03-13T22:00:00+09:00'],
        ],
      );
    });
  });

  describe('availability and free/busy', () => {
    it('participants close slots (grid slots only, list replaced); hosts show unavailable, taken by meetings or the agenda', async () => {
      const b = await boston();
      const main = await createRound(b, mainRound(b.investor.id));
      const availability = roundUrl(b, main.id, '/availability');
      const hostSlotsUrl = (hostId: string, query = '') => roundUrl(b, main.id, `/hosts/${hostId}/slots${query}`);

      const initial = await testApp.http().get(availability).set(b.investor.auth);
      assert.equal(initial.status, 200, JSON.stringify(initial.body));
      assert.deepEqual(initial.body.unavailable, []);
      assert.equal(initial.body.openCount, 4);

      // The investor closes 9:00 (given in Seoul time) and 11:00 (in New York time); given twice is once.
      const closed = await testApp
        .http()
        .put(availability)
        .set(b.investor.auth)
        .send({ unavailable: ['2023-04-28T22:00:00+09:00', '2023-04-28T11:00:00-04:00', '2023-04-28T15:00:00Z'] });
      assert.equal(closed.status, 200, JSON.stringify(closed.body));
      assert.deepEqual(
        closed.body.unavailable.map((slot: SlotBody) => [slot.startsAtLocal, slot.startsAtViewer]),
        [
          ['2023-04-28T09:00:00-04:00', '2023-04-28T09:00:00-04:00'],
          ['2023-04-28T11:00:00-04:00', '2023-04-28T11:00:00-04:00'],
        ],
      );
      assert.equal(closed.body.openCount, 2);
      const mine = await testApp.http().get(`${availability}?timeZone=Asia/Seoul`).set(b.investor.auth);
      assert.deepEqual(
        mine.body.unavailable.map((slot: SlotBody) => slot.startsAtViewer),
        ['2023-04-28T22:00:00+09:00', '2023-04-29T00:00:00+09:00'],
      );

      // Not a slot (between two), not a time with an offset, not a list: 400 and the list stays.
      const put = (body: unknown) => () => testApp.http().put(availability).set(b.investor.auth).send(body as object);
      await refused(b, put({ unavailable: ['2023-04-28T13:30:00Z'] }), 'unavailable.0');
      await refused(b, put({ unavailable: ['2023-04-28T13:00:00Z', '2023-04-29T13:00:00Z'] }), 'unavailable.1');
      await refused(b, put({ unavailable: ['2023-04-28T09:00'] }), 'unavailable');
      await refused(b, put({ unavailable: null }), 'unavailable');
      await refused(b, put({}), 'unavailable');

      // The investor speaks at an agenda session 10:00-10:45 New York time: the 10:20 slot is blocked by it.
      const session = await testApp
        .http()
        .post(`/events/${b.eventId}/sessions`)
        .set(b.organizer.auth)
        .send({ titleEn: 'VC panel', kind: 'panel', startsAt: '2023-04-28T10:00', endsAt: '2023-04-28T10:45', speakers: [{ userId: b.investor.id }] });
      assert.equal(session.status, 201, JSON.stringify(session.body));

      // The investor has a meeting at 9:40 with someone else entirely (another startup of the event).
      await addParticipant(b, b.otherStartup, 'guest');
      await insertMeeting(b, main.id, b.investor.id, b.otherStartup.id, '2023-04-28T13:40:00Z', '2023-04-28T14:10:00Z');

      const seen = await testApp.http().get(hostSlotsUrl(b.investor.id, '?timeZone=Asia/Seoul')).set(b.startup.auth);
      assert.equal(seen.status, 200, JSON.stringify(seen.body));
      assert.deepEqual(
        seen.body.slots.map((slot: HostSlotBody) => [slot.startsAtViewer, slot.state, slot.youAreFree]),
        [
          ['2023-04-28T22:00:00+09:00', 'unavailable', true],
          ['2023-04-28T22:40:00+09:00', 'taken', true],
          ['2023-04-28T23:20:00+09:00', 'unavailable', true],
          ['2023-04-29T00:00:00+09:00', 'unavailable', true],
        ],
      );
      const text = JSON.stringify(seen.body);
      assert.ok(!text.includes(b.otherStartup.id) && !text.includes('Another startup'), 'free/busy never says whom the host meets');

      // The startup closes 11:00 itself and has a meeting with the expert at 9:00; the expert is otherwise open.
      assert.equal((await testApp.http().put(availability).set(b.startup.auth).send({ unavailable: ['2023-04-28T15:00:00Z'] })).status, 200);
      await insertMeeting(b, main.id, b.expert.id, b.startup.id, '2023-04-28T13:00:00Z', '2023-04-28T13:30:00Z');
      const expertSlots = await testApp.http().get(hostSlotsUrl(b.expert.id)).set(b.startup.auth);
      assert.deepEqual(
        expertSlots.body.slots.map((slot: HostSlotBody) => [slot.startsAtLocal, slot.state, slot.youAreFree]),
        [
          ['2023-04-28T09:00:00-04:00', 'taken', false],
          ['2023-04-28T09:40:00-04:00', 'open', true],
          ['2023-04-28T10:20:00-04:00', 'open', true],
          ['2023-04-28T11:00:00-04:00', 'open', false],
        ],
      );
      // Hosts and organizers see the states but no youAreFree.
      const asOrganizer = await testApp.http().get(hostSlotsUrl(b.expert.id)).set(b.organizer.auth);
      assert.deepEqual(
        asOrganizer.body.slots.map((slot: HostSlotBody) => [slot.state, slot.youAreFree]),
        [
          ['taken', null],
          ['open', null],
          ['open', null],
          ['open', null],
        ],
      );
      // A guest is not a host: 404, as is anyone unknown.
      assertProblem(await testApp.http().get(hostSlotsUrl(b.startup.id)).set(b.organizer.auth), 404, 'not_found');
      assertProblem(await testApp.http().get(hostSlotsUrl(randomUUID())).set(b.organizer.auth), 404, 'not_found');

      // What booking calls: slots open for the host and free for the guest, and a single-slot check.
      const details = (await testApp.app.get(RoundCatalog).findRound(b.eventId, main.id))!;
      const slots = testApp.app.get(AvailabilityService);
      assert.deepEqual(
        (await slots.openSlots(details, b.expert.id, b.startup.id)).map((slot) => slot.startsAt.toISOString()),
        ['2023-04-28T13:40:00.000Z', '2023-04-28T14:20:00.000Z'],
      );
      assert.equal(await slots.isSlotOpen(details, b.expert.id, b.startup.id, new Date('2023-04-28T13:40:00Z')), true);
      assert.equal(await slots.isSlotOpen(details, b.expert.id, b.startup.id, new Date('2023-04-28T13:00:00Z')), false);
      assert.equal(await slots.isSlotOpen(details, b.expert.id, b.startup.id, new Date('2023-04-28T13:05:00Z')), false);
      // Moving the 9:00 meeting: leaving it out, its own slot is open again for both.
      const [{ id: meetingId }] = await dataSource.query(`SELECT id FROM meetings WHERE host_user_id = $1`, [b.expert.id]);
      assert.equal(await slots.isSlotOpen(details, b.expert.id, b.startup.id, new Date('2023-04-28T13:00:00Z'), { ignoreMeetingId: meetingId }), true);

      // A new grid forgets closed slots that are no longer on it.
      await dataSource.query(`UPDATE meetings SET status = 'cancelled' WHERE event_id = $1`, [b.eventId]);
      const moved = await testApp.http().patch(roundUrl(b, main.id)).set(b.organizer.auth).send({ windows: [{ date: '2023-04-28', startsAt: '10:20', endsAt: '12:00' }] });
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      const kept = await testApp.http().get(availability).set(b.investor.auth);
      assert.deepEqual(
        kept.body.unavailable.map((slot: SlotBody) => slot.startsAtLocal),
        ['2023-04-28T11:00:00-04:00'],
      );
    });
  });

  async function addParticipant(b: Boston, actor: Actor, side: string): Promise<void> {
    const response = await testApp
      .http()
      .post(`/events/${b.eventId}/consultation-programmes/${b.programmeId}/participants`)
      .set(b.organizer.auth)
      .send({ userId: actor.id, side });
    assert.equal(response.status, 201, JSON.stringify(response.body));
  }
});
