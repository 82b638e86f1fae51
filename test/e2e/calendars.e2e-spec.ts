import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PersonZones } from '../../src/users/person-zones.service';
import { Actor, assertProblem, registerActor } from '../support/actors';
import { CalendarWorld, createCalendarWorld, createSession, organizerBooks } from '../support/calendar-fixtures';
import { addEventRoleRow, addParticipant, addParticipantRow, closeSlotRow, createConsultationWorld, createRoundRow } from '../support/consultation-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

interface Party {
  userId: string;
  side: string;
  name: string;
  organization: { name: string } | null;
  timeZone: string;
  startsAtLocal: string;
}

interface CalendarMeeting {
  id: string;
  eventId: string;
  eventName: string;
  status: string;
  sequence: number;
  startsAt: string;
  timeZone: string;
  startsAtLocal: string;
  startsAtRoundLocal: string;
  round: { name: string; mode: string; timeZone: string };
  person: Party;
  otherParty: Party;
  location: { name: string; kind: string } | null;
  videoLink: string | null;
  cancelledAt: string | null;
}

interface OverlapSlot {
  startsAt: string;
  startsAtRoundLocal: string;
  free: boolean;
  people: Array<{ userId: string; timeZone: string; startsAtLocal: string; free: boolean }>;
}

function ids(items: Array<{ id: string }>): string[] {
  return items.map((item) => item.id);
}

/**
 * Calendar views across time zones: your calendar over every round and event, a participant's for organizers, a day
 * per table and room, travel time zones, and the overlap finder for online rounds across Seoul and Boston (and a DST
 * change). ICS feeds are in calendars-ics, access in calendars-access.
 */
describe('calendars: views, travel time zones, overlaps', () => {
  let testApp: TestApp;
  before(async () => {
    testApp = await startTestApp();
  });
  after(async () => {
    await testApp.close();
  });

  function calendarOf(actor: Actor, query: string) {
    return testApp.http().get(`/me/calendar?${query}`).set(actor.auth);
  }

  /** An online round on Seoul's clock, hour-long slots from 06:00 to 23:00 on 19 April. */
  async function seoulDayRound(world: CalendarWorld) {
    return createRoundRow(testApp, world.eventId, world.programmeId, {
      name: 'Round 1: video consultation before departure',
      mode: 'online',
      timeZone: 'Asia/Seoul',
      slotMinutes: 60,
      windows: [{ date: '2023-04-19', startsAtTime: '06:00', endsAtTime: '23:00' }],
      videoLinkRule: 'template',
      videoLinkTemplate: 'https://meet.example.com/{meetingId}',
    });
  }

  function overlaps(actor: Actor, world: CalendarWorld, roundId: string, query: string) {
    return testApp.http().get(`/events/${world.eventId}/consultation-rounds/${roundId}/overlaps?${query}`).set(actor.auth);
  }

  /** The world plus what a calendar holds: meetings in two rounds and a second event, sessions, a closed slot. */
  async function busyWorld(): Promise<CalendarWorld & { ids: Record<string, string>; otherEventName: string }> {
    const world = await createCalendarWorld(testApp);
    const video = await organizerBooks(testApp, world, world.online, world.host, world.guest, '2023-04-19T20:00');
    const table = await organizerBooks(testApp, world, world.onSite, world.host, world.guest, '2023-04-28T09:00', { locationId: world.onSite.locationIds[0] });
    const cancelled = await organizerBooks(testApp, world, world.onSite, world.host, world.guest, '2023-04-28T10:00');
    const cancel = await testApp.http().post(`/events/${world.eventId}/meetings/${cancelled}/cancel`).set(world.organizer.auth).send({ reason: 'Flight delayed' });
    assert.equal(cancel.status, 200, JSON.stringify(cancel.body));
    await closeSlotRow(testApp, world.onSite.id, world.guest.id, '2023-04-28T11:00:00-04:00');
    const pitch = await createSession(testApp, world, { titleEn: 'IR pitch: Korean bio', kind: 'ir_pitch', startsAt: '2023-04-28T14:00', endsAt: '2023-04-28T15:00', speakers: [{ userId: world.host.id }] });
    const room = await testApp.http().post(`/events/${world.eventId}/rooms`).set(world.organizer.auth).send({ nameKo: '홀 A', nameEn: 'Hall A', kind: 'conference_room' });
    assert.equal(room.status, 201, JSON.stringify(room.body));
    const dinner = await createSession(testApp, world, { titleEn: 'Networking', titleKo: '네트워킹', kind: 'networking', roomId: room.body.id, startsAt: '2023-04-28T16:00', endsAt: '2023-04-28T17:00' });
    const seat = await testApp.http().post(`/events/${world.eventId}/sessions/${dinner}/registration`).set(world.guest.auth);
    assert.ok([200, 201].includes(seat.status), JSON.stringify(seat.body));
    // The founder also meets in another event (a Washington follow-up); the investor is not part of it.
    const other = await createConsultationWorld(testApp, { name: 'Washington D.C. follow-up' });
    await addParticipantRow(testApp, other.eventId, other.programmeId, world.guest.id, 'guest');
    const otherHost = await addParticipant(testApp, other, 'host');
    const otherRound = await createRoundRow(testApp, other.eventId, other.programmeId, { windows: [{ date: '2023-04-27', startsAtTime: '14:00', endsAtTime: '16:00' }] });
    const elsewhere = await organizerBooks(testApp, other, otherRound, otherHost, world.guest, '2023-04-27T14:00');
    return { ...world, ids: { video, table, cancelled, pitch, dinner, elsewhere }, otherEventName: 'Washington D.C. follow-up' };
  }

  it('a founder in Seoul sees every meeting of every round and event, with the investor’s clock beside their own', async () => {
    const world = await busyWorld();
    const response = await calendarOf(world.guest, 'from=2023-04-19&to=2023-04-30');
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.equal(response.body.from, '2023-04-18T15:00:00.000Z');
    assert.equal(response.body.to, '2023-04-30T15:00:00.000Z');
    assert.equal(response.body.timeZone, null);
    const meetings: CalendarMeeting[] = response.body.meetings;
    assert.deepEqual(
      meetings.map((meeting) => meeting.id),
      [world.ids.video, world.ids.elsewhere, world.ids.table, world.ids.cancelled],
    );
    const [video, elsewhere, table, cancelled] = meetings;
    // Round 1: 20:00 in Seoul is 07:00 in Boston, 13 hours behind in April.
    assert.equal(video.startsAt, '2023-04-19T11:00:00.000Z');
    assert.equal(video.timeZone, 'Asia/Seoul');
    assert.equal(video.startsAtLocal, '2023-04-19T20:00:00+09:00');
    assert.equal(video.startsAtRoundLocal, '2023-04-19T20:00:00+09:00');
    assert.deepEqual([video.round.name, video.round.mode, video.round.timeZone], ['Round 1: video consultation before departure', 'online', 'Asia/Seoul']);
    assert.equal(video.person.side, 'guest');
    assert.equal(video.person.startsAtLocal, '2023-04-19T20:00:00+09:00');
    assert.equal(video.otherParty.name, 'Emily Carter');
    assert.equal(video.otherParty.organization?.name, 'Charles River Bio Ventures');
    assert.equal(video.otherParty.timeZone, 'America/New_York');
    assert.equal(video.otherParty.startsAtLocal, '2023-04-19T07:00:00-04:00');
    assert.equal(video.videoLink, `https://meet.example.com/matchday-${world.ids.video}`);
    assert.equal(video.location, null);
    assert.equal(video.status, 'confirmed');
    assert.equal(video.sequence, 0);
    // The main day: 09:00 in Boston is 22:00 in Seoul, at Table 1.
    assert.equal(table.startsAtLocal, '2023-04-28T22:00:00+09:00');
    assert.equal(table.startsAtRoundLocal, '2023-04-28T09:00:00-04:00');
    assert.equal(table.otherParty.startsAtLocal, '2023-04-28T09:00:00-04:00');
    assert.deepEqual(table.location, { id: world.onSite.locationIds[0], name: 'Table 1', kind: 'table' });
    assert.equal(table.videoLink, null);
    assert.equal(elsewhere.eventName, world.otherEventName);
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(cancelled.sequence, 1);
    assert.ok(cancelled.cancelledAt);
    // The networking session they signed up for, on their clock and the event's; the pitch is the investor's.
    assert.deepEqual(
      response.body.sessions.map((session: { id: string; part: string; startsAtLocal: string; startsAtEventLocal: string; room: { nameEn: string } | null }) => [
        session.id,
        session.part,
        session.startsAtLocal,
        session.startsAtEventLocal,
        session.room?.nameEn,
      ]),
      [[world.ids.dinner, 'registered', '2023-04-29T05:00:00+09:00', '2023-04-28T16:00:00-04:00', 'Hall A']],
    );
    assert.deepEqual(
      response.body.blockedSlots.map((slot: { startsAt: string; endsAt: string; roundName: string }) => [slot.startsAt, slot.endsAt, slot.roundName]),
      [['2023-04-28T15:00:00.000Z', '2023-04-28T15:30:00.000Z', 'Round 3: main consultation']],
    );
  });

  it('the investor sees their own meetings and the session they speak at, on any clock they ask for', async () => {
    const world = await busyWorld();
    const boston = await calendarOf(world.host, 'from=2023-04-19&to=2023-04-30&timeZone=America/New_York');
    assert.equal(boston.status, 200, JSON.stringify(boston.body));
    const meetings: CalendarMeeting[] = boston.body.meetings;
    assert.deepEqual(
      meetings.map((meeting) => [meeting.id, meeting.startsAtLocal]),
      [
        [world.ids.video, '2023-04-19T07:00:00-04:00'],
        [world.ids.table, '2023-04-28T09:00:00-04:00'],
        [world.ids.cancelled, '2023-04-28T10:00:00-04:00'],
      ],
    );
    assert.equal(meetings[0].otherParty.name, 'Kim Seojun');
    assert.equal(meetings[0].otherParty.startsAtLocal, '2023-04-19T20:00:00+09:00');
    assert.deepEqual(
      boston.body.sessions.map((session: { id: string; part: string }) => [session.id, session.part]),
      [[world.ids.pitch, 'speaker']],
    );
    assert.deepEqual(boston.body.blockedSlots, []);
    // Shown on Seoul's clock instead, while each person's own clock stays theirs.
    const seoul = await calendarOf(world.host, 'from=2023-04-19&to=2023-04-30&timeZone=Asia/Seoul');
    assert.equal(seoul.body.timeZone, 'Asia/Seoul');
    assert.equal(seoul.body.meetings[0].startsAtLocal, '2023-04-19T20:00:00+09:00');
    assert.equal(seoul.body.meetings[0].person.startsAtLocal, '2023-04-19T07:00:00-04:00');
    // Instants narrow the range: only the 09:00 meeting (the 10:00 one starts where the range ends).
    const hour = await calendarOf(world.host, `from=${encodeURIComponent('2023-04-28T09:00:00-04:00')}&to=${encodeURIComponent('2023-04-28T10:00:00-04:00')}`);
    assert.deepEqual(
      hour.body.meetings.map((meeting: CalendarMeeting) => meeting.id),
      [world.ids.table],
    );
    // Organizers who are not a party have an empty calendar of their own.
    const organizer = await calendarOf(world.organizer, 'from=2023-04-19&to=2023-04-30');
    assert.deepEqual(organizer.body.meetings, []);
  });

  it('bad ranges answer 400 naming the field', async () => {
    const person = await registerActor(testApp);
    const cases: Array<[string, string, string]> = [
      ['from=2023-04-30&to=2023-04-19', 'invalid_date_range', 'to'],
      [`from=${encodeURIComponent('2023-04-28T10:00:00Z')}&to=${encodeURIComponent('2023-04-28T10:00:00Z')}`, 'invalid_date_range', 'to'],
      ['from=2023-01-01&to=2024-01-02', 'range_too_long', 'to'],
      ['from=2023-04-19&to=2023-04-30&timeZone=Mars/Olympus_Mons', 'validation_failed', 'timeZone'],
      ['from=yesterday&to=2023-04-30', 'validation_failed', 'from'],
      ['from=2023-02-30&to=2023-04-30', 'validation_failed', 'from'],
      ['to=2023-04-30', 'validation_failed', 'from'],
      ['from=2023-04-19&to=2023-04-30&limit=5', 'validation_failed', 'limit'],
    ];
    for (const [query, code, field] of cases) {
      const response = await calendarOf(person, query);
      assertProblem(response, 400, code);
      assert.ok(
        response.body.errors?.some((error: { field: string }) => error.field === field),
        `${query}: ${JSON.stringify(response.body)}`,
      );
    }
    assert.equal((await calendarOf(person, 'from=2024-01-01&to=2024-12-31')).status, 200);
  });

  it('travel time zones: Seoul until 26 April, Boston from 27 April, each item on the clock in force then', async () => {
    const world = await busyWorld();
    const put = await testApp
      .http()
      .put('/me/travel-time-zones')
      .set(world.guest.auth)
      .send({
        ranges: [
          { timeZone: 'America/New_York', startsOn: '2023-04-27', endsOn: '2023-04-29' },
          { timeZone: 'Asia/Seoul', endsOn: '2023-04-26' },
        ],
      });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.deepEqual(
      put.body.map((range: { timeZone: string; startsOn: string | null; endsOn: string | null; startsAt: string | null; endsAt: string | null }) => [
        range.timeZone,
        range.startsOn,
        range.endsOn,
        range.startsAt,
        range.endsAt,
      ]),
      [
        ['Asia/Seoul', null, '2023-04-26', null, '2023-04-26T15:00:00.000Z'],
        ['America/New_York', '2023-04-27', '2023-04-29', '2023-04-27T04:00:00.000Z', '2023-04-30T04:00:00.000Z'],
      ],
    );
    const calendar = await calendarOf(world.guest, 'from=2023-04-19&to=2023-04-30');
    const byId = new Map<string, CalendarMeeting>(calendar.body.meetings.map((meeting: CalendarMeeting) => [meeting.id, meeting]));
    assert.equal(byId.get(world.ids.video)!.startsAtLocal, '2023-04-19T20:00:00+09:00');
    assert.equal(byId.get(world.ids.table)!.timeZone, 'America/New_York');
    assert.equal(byId.get(world.ids.table)!.startsAtLocal, '2023-04-28T09:00:00-04:00');
    assert.equal(byId.get(world.ids.table)!.person.timeZone, 'America/New_York');
    assert.equal(byId.get(world.ids.elsewhere)!.startsAtLocal, '2023-04-27T14:00:00-04:00');
    assert.equal(calendar.body.sessions[0].startsAtLocal, '2023-04-28T16:00:00-04:00');
    assert.equal(calendar.body.blockedSlots[0].startsAtLocal, '2023-04-28T11:00:00-04:00');
    // The investor sees the founder on Boston's clock on the main day, and on Seoul's for the video call.
    const investor = await calendarOf(world.host, 'from=2023-04-19&to=2023-04-30');
    const hostView = new Map<string, CalendarMeeting>(investor.body.meetings.map((meeting: CalendarMeeting) => [meeting.id, meeting]));
    assert.equal(hostView.get(world.ids.table)!.otherParty.timeZone, 'America/New_York');
    assert.equal(hostView.get(world.ids.video)!.otherParty.timeZone, 'Asia/Seoul');
    // What the reminders will call.
    const zones = testApp.app.get(PersonZones);
    assert.equal(await zones.zoneAt(world.guest.id, new Date('2023-04-28T13:00:00Z')), 'America/New_York');
    assert.equal(await zones.zoneAt(world.guest.id, new Date('2023-04-20T13:00:00Z')), 'Asia/Seoul');
    assert.equal(await zones.zoneAt(world.guest.id, new Date('2023-05-10T13:00:00Z')), 'Asia/Seoul');
  });

  it('a date means that day where the person is: a Seoul founder in Boston asking for 28 April gets Boston’s 28th', async () => {
    const world = await busyWorld();
    const travel = await testApp.http().post('/me/travel-time-zones').set(world.guest.auth).send({ timeZone: 'America/New_York', startsOn: '2023-04-27', endsOn: '2023-04-29' });
    assert.equal(travel.status, 201, JSON.stringify(travel.body));
    const day = await calendarOf(world.guest, 'from=2023-04-28&to=2023-04-28');
    assert.equal(day.status, 200, JSON.stringify(day.body));
    // Boston's 28 April, midnight to midnight (EDT), not Seoul's (which ends at 11:00 in Boston).
    assert.deepEqual([day.body.from, day.body.to], ['2023-04-28T04:00:00.000Z', '2023-04-29T04:00:00.000Z']);
    assert.deepEqual([day.body.fromTimeZone, day.body.toTimeZone, day.body.timeZone], ['America/New_York', 'America/New_York', null]);
    // The Washington meeting of the 27th is not on it; the afternoon networking session and the 11:00 closed slot are.
    assert.deepEqual(ids(day.body.meetings), [world.ids.table, world.ids.cancelled]);
    assert.deepEqual(
      day.body.sessions.map((session: { id: string; startsAtLocal: string }) => [session.id, session.startsAtLocal]),
      [[world.ids.dinner, '2023-04-28T16:00:00-04:00']],
    );
    assert.deepEqual(
      day.body.blockedSlots.map((slot: { startsAtLocal: string }) => slot.startsAtLocal),
      ['2023-04-28T11:00:00-04:00'],
    );

    // A zone asked for still reads the whole range: Seoul's 28th.
    const seoulDay = await calendarOf(world.guest, 'from=2023-04-28&to=2023-04-28&timeZone=Asia/Seoul');
    assert.deepEqual([seoulDay.body.from, seoulDay.body.to], ['2023-04-27T15:00:00.000Z', '2023-04-28T15:00:00.000Z']);
    assert.deepEqual([seoulDay.body.fromTimeZone, seoulDay.body.toTimeZone, seoulDay.body.timeZone], ['Asia/Seoul', 'Asia/Seoul', 'Asia/Seoul']);
    assert.deepEqual(ids(seoulDay.body.meetings), [world.ids.elsewhere, world.ids.table, world.ids.cancelled]);
    assert.deepEqual(seoulDay.body.sessions, []);

    // The day of the flight out of Seoul to the first day in Boston: each end in the zone of its own date.
    const across = await calendarOf(world.guest, 'from=2023-04-26&to=2023-04-27');
    assert.deepEqual([across.body.from, across.body.to], ['2023-04-25T15:00:00.000Z', '2023-04-28T04:00:00.000Z']);
    assert.deepEqual([across.body.fromTimeZone, across.body.toTimeZone], ['Asia/Seoul', 'America/New_York']);
    assert.deepEqual(ids(across.body.meetings), [world.ids.elsewhere]);
    // An instant with an offset needs no zone.
    const instants = await calendarOf(world.guest, `from=${encodeURIComponent('2023-04-28T09:00:00-04:00')}&to=2023-04-28`);
    assert.deepEqual([instants.body.fromTimeZone, instants.body.toTimeZone], [null, 'America/New_York']);
  });

  it('an organizer reads a participant’s range on the event clock, and the response says so', async () => {
    const world = await busyWorld();
    const participantCalendar = (query: string) => testApp.http().get(`/events/${world.eventId}/participants/${world.guest.id}/calendar?${query}`).set(world.organizer.auth);
    // The founder's profile is in Seoul; the event is in Boston: 28 April is Boston's 28th.
    const day = await participantCalendar('from=2023-04-28&to=2023-04-28');
    assert.equal(day.status, 200, JSON.stringify(day.body));
    assert.deepEqual([day.body.from, day.body.to], ['2023-04-28T04:00:00.000Z', '2023-04-29T04:00:00.000Z']);
    assert.deepEqual([day.body.fromTimeZone, day.body.toTimeZone, day.body.timeZone], ['America/New_York', 'America/New_York', null]);
    assert.deepEqual(
      day.body.meetings.map((meeting: CalendarMeeting) => [meeting.id, meeting.startsAtLocal]),
      [
        // Each item stays on the founder's own clock.
        [world.ids.table, '2023-04-28T22:00:00+09:00'],
        [world.ids.cancelled, '2023-04-28T23:00:00+09:00'],
      ],
    );
    assert.deepEqual(
      day.body.sessions.map((session: { id: string }) => session.id),
      [world.ids.dinner],
    );
    assert.equal(day.body.blockedSlots.length, 1);
    // A zone asked for reads the range there and shows every item on it.
    const seoul = await participantCalendar('from=2023-04-28&to=2023-04-28&timeZone=Asia/Seoul');
    assert.deepEqual([seoul.body.from, seoul.body.fromTimeZone, seoul.body.timeZone], ['2023-04-27T15:00:00.000Z', 'Asia/Seoul', 'Asia/Seoul']);
    assert.deepEqual(seoul.body.sessions, []);
    assert.deepEqual(seoul.body.blockedSlots, []);
  });

  it('travel time zones never share a day; bad ones answer 400 and change nothing', async () => {
    const person = await registerActor(testApp, { timeZone: 'Asia/Seoul' });
    const other = await registerActor(testApp);
    const add = (actor: Actor, body: Record<string, unknown>) => testApp.http().post('/me/travel-time-zones').set(actor.auth).send(body);
    const boston = await add(person, { timeZone: 'America/New_York', startsOn: '2023-04-27', endsOn: '2023-04-29' });
    assert.equal(boston.status, 201, JSON.stringify(boston.body));
    assertProblem(await add(person, { timeZone: 'Europe/Paris', startsOn: '2023-04-29', endsOn: '2023-05-02' }), 409, 'travel_time_zones_overlap');
    assertProblem(await add(person, { timeZone: 'Europe/Paris' }), 409, 'travel_time_zones_overlap');
    assert.equal((await add(person, { timeZone: 'Europe/Paris', startsOn: '2023-04-30' })).status, 201);
    // Someone else's days are theirs.
    assert.equal((await add(other, { timeZone: 'Europe/Paris', startsOn: '2023-04-28', endsOn: '2023-04-28' })).status, 201);
    const overlapping = await testApp
      .http()
      .put('/me/travel-time-zones')
      .set(person.auth)
      .send({ ranges: [{ timeZone: 'Asia/Tokyo', startsOn: '2023-05-01', endsOn: '2023-05-03' }, { timeZone: 'Asia/Seoul', startsOn: '2023-05-03' }] });
    assertProblem(overlapping, 409, 'travel_time_zones_overlap');
    const bad = [
      { timeZone: 'Mars/Olympus_Mons' },
      { timeZone: 'Asia/Seoul', startsOn: '2023-05-03', endsOn: '2023-05-01' },
      { timeZone: 'Asia/Seoul', startsOn: '3 May' },
      { timeZone: 'Asia/Seoul', city: 'Seoul' },
    ];
    for (const body of bad) assertProblem(await add(person, body), 400, 'validation_failed');
    const list = await testApp.http().get('/me/travel-time-zones').set(person.auth);
    assert.deepEqual(
      list.body.map((range: { timeZone: string }) => range.timeZone),
      ['America/New_York', 'Europe/Paris'],
    );
    assert.equal((await testApp.http().delete(`/me/travel-time-zones/${boston.body.id}`).set(person.auth)).status, 204);
    assertProblem(await testApp.http().delete(`/me/travel-time-zones/${boston.body.id}`).set(person.auth), 404, 'not_found');
    const cleared = await testApp.http().put('/me/travel-time-zones').set(person.auth).send({ ranges: [] });
    assert.deepEqual(cleared.body, []);
  });

  it('organizers see a participant’s calendar within their event, and each table and room of a day', async () => {
    const world = await busyWorld();
    const second = await addParticipant(testApp, world, 'host', { name: 'Michael Chen' });
    const third = await addParticipant(testApp, world, 'guest', { name: 'Lee Jiwon' });
    await organizerBooks(testApp, world, world.onSite, second, third, '2023-04-28T09:00', { locationId: world.onSite.locationIds[2] });
    await organizerBooks(testApp, world, world.onSite, second, third, '2023-04-28T10:30', { locationId: world.onSite.locationIds[1] });
    const participant = await testApp.http().get(`/events/${world.eventId}/participants/${world.guest.id}/calendar?from=2023-04-19&to=2023-04-30`).set(world.organizer.auth);
    assert.equal(participant.status, 200, JSON.stringify(participant.body));
    // Only this event: the Washington meeting belongs to another organizer.
    assert.deepEqual(
      participant.body.meetings.map((meeting: CalendarMeeting) => meeting.id),
      [world.ids.video, world.ids.table, world.ids.cancelled],
    );
    assert.equal(participant.body.meetings[0].person.userId, world.guest.id);
    assert.equal(participant.body.meetings[0].startsAtLocal, '2023-04-19T20:00:00+09:00');
    assert.equal(participant.body.sessions.length, 1);
    assert.equal(participant.body.blockedSlots.length, 1);

    const day = await testApp.http().get(`/events/${world.eventId}/location-schedule?date=2023-04-28`).set(world.organizer.auth);
    assert.equal(day.status, 200, JSON.stringify(day.body));
    assert.equal(day.body.timeZone, 'America/New_York');
    assert.equal(day.body.from, '2023-04-28T04:00:00.000Z');
    const summary = day.body.locations.map((location: { name: string; source: string; bookings: Array<{ type: string; startsAtLocal: string; host: { name: string } | null; guest: { name: string } | null; title: string }> }) => [
      location.name,
      location.source,
      location.bookings.map((booking) => `${booking.startsAtLocal.slice(11, 16)} ${booking.type} ${booking.host?.name ?? booking.title}${booking.guest ? ` / ${booking.guest.name}` : ''}`),
    ]);
    // The 10:00 meeting was cancelled and placed nowhere visible; online meetings have no place.
    assert.deepEqual(summary, [
      ['Table 1', 'round_location', ['09:00 meeting Emily Carter / Kim Seojun']],
      ['Table 2', 'round_location', ['10:30 meeting Michael Chen / Lee Jiwon']],
      ['Table 10', 'round_location', ['09:00 meeting Michael Chen / Lee Jiwon']],
      ['Hall A', 'agenda_room', ['16:00 session Networking']],
    ]);
    const round = await testApp.http().get(`/events/${world.eventId}/location-schedule?date=2023-04-28&roundId=${world.onSite.id}`).set(world.organizer.auth);
    assert.deepEqual(
      round.body.locations.map((location: { name: string }) => location.name),
      ['Table 1', 'Table 2', 'Table 10'],
    );
    const dayBefore = await testApp.http().get(`/events/${world.eventId}/location-schedule?date=2023-04-27`).set(world.organizer.auth);
    assert.deepEqual(dayBefore.body.locations, []);
    assertProblem(await testApp.http().get(`/events/${world.eventId}/location-schedule?date=2023-04-31`).set(world.organizer.auth), 400, 'validation_failed');
    assertProblem(await testApp.http().get(`/events/${world.eventId}/location-schedule`).set(world.organizer.auth), 400, 'validation_failed');
  });

  describe('overlap finder for online rounds', () => {
    it('Seoul and Boston 08:00-20:00 share one hour in April; wider hours share the two ends of the day', async () => {
      const world = await createCalendarWorld(testApp);
      const round = await seoulDayRound(world);
      const otherGuest = await addParticipant(testApp, world, 'guest');
      const response = await overlaps(world.guest, world, round.id, `userId=${world.host.id}`);
      assert.equal(response.status, 200, JSON.stringify(response.body));
      assert.equal(response.body.workFrom, '08:00');
      assert.equal(response.body.workTo, '20:00');
      assert.deepEqual(
        response.body.people.map((person: { userId: string; name: string }) => person.name),
        ['Emily Carter', 'Kim Seojun'],
      );
      assert.deepEqual(
        response.body.slots.map((slot: OverlapSlot) => [slot.startsAtRoundLocal, ...slot.people.map((person) => person.startsAtLocal)]),
        [['2023-04-19T08:00:00+09:00', '2023-04-18T19:00:00-04:00', '2023-04-19T08:00:00+09:00']],
      );
      assert.equal(response.body.slots[0].free, true);

      // The investor takes 08:00 Seoul with another founder; the founder closes 09:00.
      await organizerBooks(testApp, world, round, world.host, otherGuest, '2023-04-19T08:00');
      await closeSlotRow(testApp, round.id, world.guest.id, '2023-04-19T09:00:00+09:00');
      const wide = await overlaps(world.guest, world, round.id, `userId=${world.host.id}&workFrom=07:00&workTo=22:00`);
      assert.deepEqual(
        wide.body.slots.map((slot: OverlapSlot) => [slot.startsAtRoundLocal.slice(11, 16), slot.people.map((person) => person.free).join('/'), slot.free]),
        [
          ['07:00', 'true/true', true],
          ['08:00', 'false/true', false],
          ['09:00', 'true/false', false],
          ['10:00', 'true/true', true],
          ['20:00', 'true/true', true],
          ['21:00', 'true/true', true],
        ],
      );
      // Never with whom: the other founder appears nowhere.
      assert.ok(!JSON.stringify(wide.body).includes(otherGuest.id));
    });

    it('follows the US clock change while Seoul stays put, and a travel time zone moves a person’s hours', async () => {
      const world = await createCalendarWorld(testApp);
      const round = await createRoundRow(testApp, world.eventId, world.programmeId, {
        mode: 'online',
        timeZone: 'Asia/Seoul',
        slotMinutes: 60,
        windows: ['2023-03-10', '2023-03-14'].map((date) => ({ date, startsAtTime: '08:00', endsAtTime: '12:00' })),
        videoLinkRule: 'template',
        videoLinkTemplate: 'https://meet.example.com/{meetingId}',
      });
      const response = await overlaps(world.guest, world, round.id, `userId=${world.host.id}`);
      // Boston is 14 hours behind Seoul before 12 March (EST) and 13 after (EDT).
      assert.deepEqual(
        response.body.slots.map((slot: OverlapSlot) => [slot.startsAt, slot.people[0].startsAtLocal]),
        [
          ['2023-03-09T23:00:00.000Z', '2023-03-09T18:00:00-05:00'],
          ['2023-03-10T00:00:00.000Z', '2023-03-09T19:00:00-05:00'],
          ['2023-03-13T23:00:00.000Z', '2023-03-13T19:00:00-04:00'],
        ],
      );
      // The investor flies to Seoul that week: every slot is in both people's hours, on Seoul's clock.
      const travel = await testApp.http().post('/me/travel-time-zones').set(world.host.auth).send({ timeZone: 'Asia/Seoul', startsOn: '2023-03-09', endsOn: '2023-03-15' });
      assert.equal(travel.status, 201, JSON.stringify(travel.body));
      const travelling = await overlaps(world.guest, world, round.id, `userId=${world.host.id}`);
      assert.equal(travelling.body.slots.length, 8);
      assert.ok(travelling.body.slots.every((slot: OverlapSlot) => slot.people[0].timeZone === 'Asia/Seoul'));
    });

    it('startups ask about themselves and a host only; organizers about anyone in the programme; bad hours are a 400', async () => {
      const world = await createCalendarWorld(testApp);
      const round = await seoulDayRound(world);
      const otherGuest = await addParticipant(testApp, world, 'guest');
      const staff = await registerActor(testApp);
      await addEventRoleRow(testApp, world.eventId, staff.id, 'staff');
      const outsider = await registerActor(testApp);
      assertProblem(await overlaps(world.guest, world, round.id, `userId=${otherGuest.id}`), 404, 'not_found');
      assertProblem(await overlaps(world.guest, world, round.id, `userId=${world.host.id}&withUserId=${otherGuest.id}`), 404, 'not_found');
      assertProblem(await overlaps(world.host, world, round.id, `userId=${world.guest.id}`), 404, 'not_found');
      assertProblem(await overlaps(world.guest, world, round.id, `userId=${outsider.id}`), 404, 'not_found');
      assertProblem(await overlaps(staff, world, round.id, `userId=${world.host.id}`), 404, 'not_found');
      assertProblem(await overlaps(outsider, world, round.id, `userId=${world.host.id}`), 404, 'not_found');
      // An organizer asks for one host alone (the round's slots in her hours), or for any pair.
      const alone = await overlaps(world.organizer, world, round.id, `userId=${world.host.id}`);
      assert.equal(alone.status, 200, JSON.stringify(alone.body));
      assert.deepEqual(
        alone.body.slots.map((slot: OverlapSlot) => slot.people[0].startsAtLocal.slice(11, 16)),
        ['17:00', '18:00', '19:00', '08:00', '09:00'],
      );
      const pair = await overlaps(world.organizer, world, round.id, `userId=${world.host.id}&withUserId=${world.guest.id}`);
      assert.equal(pair.body.slots.length, 1);
      assertProblem(await overlaps(world.guest, world, round.id, `userId=${world.host.id}&workFrom=20:00&workTo=08:00`), 400, 'validation_failed');
      assertProblem(await overlaps(world.guest, world, round.id, `userId=${world.host.id}&workFrom=25:00`), 400, 'validation_failed');
      assertProblem(await overlaps(world.guest, world, round.id, `userId=${world.guest.id}&withUserId=${world.guest.id}`), 400, 'validation_failed');
      assertProblem(await overlaps(world.guest, world, round.id, 'userId=nope'), 400, 'validation_failed');
    });
  });
});
