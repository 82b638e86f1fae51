import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { AgendaService } from '../../src/agenda/agenda.service';
import { Actor, addEventMember, assertProblem, createEvent, registerActor } from '../support/actors';
import { startTestApp, TestApp } from '../support/test-app';

interface SessionBody {
  id: string;
  titleEn: string | null;
  startsAt: string;
  endsAt: string;
  startsAtLocal: string;
  endsAtLocal: string;
  timeZone: string;
  registeredCount: number;
  speakers: Array<{ userId: string | null; name: string; affiliation: string | null }>;
  parties: Array<{ role: string; organizationId: string | null; name: string | null; country: string | null; awardTitle: string | null }>;
}

interface RegistrantBody {
  userId: string;
  status: string;
  waitlistPosition: number | null;
}

/**
 * The agenda as the seeds describe it: K-Global Cluster 2023 in Seoul, the Daejeon performance day with three
 * parallel sessions, and a Boston day across the DST change; then the invariants the database keeps (rooms and
 * speakers never double-booked, seats never over-sold) and the personal agenda matchmaking reads.
 */
describe('agenda: sessions, speakers, parties, registrations', () => {
  let testApp: TestApp;
  let dataSource: DataSource;

  before(async () => {
    testApp = await startTestApp();
    dataSource = testApp.app.get(DataSource);
  });
  after(async () => {
    await testApp.close();
  });

  async function newRoom(organizer: Actor, eventId: string, nameEn: string, kind = 'conference_room'): Promise<string> {
    const response = await testApp.http().post(`/events/${eventId}/rooms`).set(organizer.auth).send({ nameKo: nameEn, nameEn, kind });
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return response.body.id;
  }

  async function newSession(organizer: Actor, eventId: string, body: Record<string, unknown>): Promise<SessionBody> {
    const response = await testApp.http().post(`/events/${eventId}/sessions`).set(organizer.auth).send({ kind: 'lecture', ...body });
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return response.body;
  }

  async function newOrganization(owner: Actor, name: string, kind = 'corporate'): Promise<string> {
    const response = await testApp.http().post('/organizations').set(owner.auth).send({ name, kind, country: 'KR' });
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return response.body.id;
  }

  async function seoulExpo(): Promise<{ organizer: Actor; eventId: string }> {
    const organizer = await registerActor(testApp, { name: 'NIPA organizer' });
    const event = await createEvent(testApp, organizer, { name: 'K-Global Cluster 2023', timeZone: 'Asia/Seoul', startsOn: '2023-11-08', endsOn: '2023-11-10' });
    return { organizer, eventId: event.id };
  }

  async function rowCounts(eventId: string): Promise<Record<string, number>> {
    const [row] = await dataSource.query(
      `SELECT (SELECT count(*)::int FROM agenda_sessions WHERE event_id = $1) AS sessions,
              (SELECT count(*)::int FROM session_speakers sp JOIN agenda_sessions s ON s.id = sp.session_id WHERE s.event_id = $1) AS speakers,
              (SELECT count(*)::int FROM session_parties p JOIN agenda_sessions s ON s.id = p.session_id WHERE s.event_id = $1) AS parties,
              (SELECT count(*)::int FROM session_registrations r JOIN agenda_sessions s ON s.id = r.session_id WHERE s.event_id = $1) AS registrations`,
      [eventId],
    );
    return row;
  }

  async function sessionRow(sessionId: string): Promise<Record<string, unknown>> {
    const [row] = await dataSource.query('SELECT * FROM agenda_sessions WHERE id = $1', [sessionId]);
    return row;
  }

  it('K-Global Cluster 2023: ceremonies, MOU signings and awards, entered and shown in Seoul time', async () => {
    const { organizer, eventId } = await seoulExpo();
    const stage = await newRoom(organizer, eventId, 'Main stage', 'stage');
    const cosmetics = await newOrganization(organizer, 'Korea Cosmetics Cluster');
    const loreal = await newOrganization(organizer, "L'Oréal Korea");

    const opening = await newSession(organizer, eventId, {
      titleKo: '개막식',
      titleEn: 'Opening ceremony',
      kind: 'opening_ceremony',
      roomId: stage,
      startsAt: '2023-11-08T10:00',
      endsAt: '2023-11-08T11:00',
      speakers: [{ userId: organizer.id, affiliation: 'NIPA' }, { guestName: 'Vice Minister', affiliation: 'Ministry of Science and ICT' }],
    });
    assert.equal(opening.startsAt, '2023-11-08T01:00:00.000Z');
    assert.equal(opening.endsAt, '2023-11-08T02:00:00.000Z');
    assert.equal(opening.startsAtLocal, '2023-11-08T10:00:00+09:00');
    assert.equal(opening.timeZone, 'Asia/Seoul');
    assert.deepEqual(opening.speakers, [
      { userId: organizer.id, name: 'NIPA organizer', affiliation: 'NIPA' },
      { userId: null, name: 'Vice Minister', affiliation: 'Ministry of Science and ICT' },
    ]);
    assert.equal((await sessionRow(opening.id)).starts_at instanceof Date, true);
    assert.equal(((await sessionRow(opening.id)).starts_at as Date).toISOString(), '2023-11-08T01:00:00.000Z');

    // An instant with an offset is taken as that instant, whatever the zone.
    const franceMou = await newSession(organizer, eventId, {
      titleEn: 'Korea-France cosmetics MOU signing',
      kind: 'mou_signing',
      roomId: stage,
      startsAt: '2023-11-08T02:00:00Z',
      endsAt: '2023-11-08T11:30:00+09:00',
      parties: [
        { role: 'signatory', organizationId: cosmetics, country: 'KR' },
        { role: 'signatory', name: 'Cosmetic Valley', country: 'fr' },
      ],
    });
    assert.equal(franceMou.startsAtLocal, '2023-11-08T11:00:00+09:00');
    assert.deepEqual(franceMou.parties, [
      { role: 'signatory', organizationId: cosmetics, name: 'Korea Cosmetics Cluster', country: 'KR', awardTitle: null },
      { role: 'signatory', organizationId: null, name: 'Cosmetic Valley', country: 'FR', awardTitle: null },
    ]);
    const japanMou = await newSession(organizer, eventId, {
      titleEn: 'Korea-Japan bio MOU signing',
      kind: 'mou_signing',
      roomId: stage,
      startsAt: '2023-11-08T11:30',
      endsAt: '2023-11-08T12:00',
    });
    const parties = await testApp
      .http()
      .put(`/events/${eventId}/sessions/${japanMou.id}/parties`)
      .set(organizer.auth)
      .send({ parties: [{ role: 'signatory', name: 'Osong bio cluster', country: 'KR' }, { role: 'signatory', name: 'Kobe Biomedical Innovation Cluster', country: 'JP' }] });
    assert.equal(parties.status, 200, JSON.stringify(parties.body));
    assert.deepEqual(parties.body.parties.map((party: { country: string }) => party.country), ['KR', 'JP']);

    const zones = await newSession(organizer, eventId, {
      titleEn: 'Award for the best regulation-free special zones',
      kind: 'award_ceremony',
      roomId: stage,
      startsAt: '2023-11-09T14:00',
      endsAt: '2023-11-09T15:00',
      parties: [{ role: 'award_winner', name: 'Gangwon digital healthcare zone', country: 'KR', awardTitle: 'Best regulation-free special zone' }],
    });
    const bigBang = await newSession(organizer, eventId, {
      titleKo: '로레알 빅뱅 시상식',
      titleEn: "L'Oréal Big Bang award ceremony",
      kind: 'award_ceremony',
      roomId: stage,
      startsAt: '2023-11-10T15:00',
      endsAt: '2023-11-10T16:00',
      speakers: [{ guestName: 'CEO', affiliation: "L'Oréal Korea" }],
      parties: [
        { role: 'award_winner', organizationId: loreal, awardTitle: 'Big Bang winner' },
        { role: 'award_winner', name: 'Second winner startup', awardTitle: 'Big Bang winner' },
      ],
    });

    // Filters: a day in the event zone, a kind.
    const day9 = await testApp.http().get(`/events/${eventId}/sessions?day=2023-11-09`);
    assert.deepEqual(day9.body.map((session: SessionBody) => session.id), [zones.id]);
    const day8 = await testApp.http().get(`/events/${eventId}/sessions?day=2023-11-08`);
    assert.deepEqual(day8.body.map((session: SessionBody) => session.id), [opening.id, franceMou.id, japanMou.id]);
    const mous = await testApp.http().get(`/events/${eventId}/sessions?kind=mou_signing`);
    assert.deepEqual(mous.body.map((session: SessionBody) => session.id), [franceMou.id, japanMou.id]);
    assertProblem(await testApp.http().get(`/events/${eventId}/sessions?day=2023-11-31`), 400, 'validation_failed');
    assertProblem(await testApp.http().get(`/events/${eventId}/sessions?kind=party`), 400, 'validation_failed');

    const listed = await testApp.http().get(`/events/${eventId}/agreements-and-awards`).set(organizer.auth);
    assert.equal(listed.status, 200, JSON.stringify(listed.body));
    assert.deepEqual(listed.body.agreements.map((agreement: { session: { id: string } }) => agreement.session.id), [franceMou.id, japanMou.id]);
    assert.deepEqual(listed.body.agreements[1].signatories.map((party: { name: string }) => party.name), ['Osong bio cluster', 'Kobe Biomedical Innovation Cluster']);
    assert.deepEqual(listed.body.awards.map((award: { session: { id: string } }) => award.session.id), [zones.id, bigBang.id]);
    assert.equal(listed.body.awards[1].winners.length, 2);
    // A winner on Matchday is shown by its organization's name.
    assert.equal(listed.body.awards[1].winners[0].organizationId, loreal);
    assert.match(listed.body.awards[1].winners[0].name, /L'Or/);
    assert.equal(listed.body.awards[1].session.startsAtLocal, '2023-11-10T15:00:00+09:00');
    assert.equal(listed.body.awards[0].winners[0].awardTitle, 'Best regulation-free special zone');
  });

  it('records MOUs signed outside a signing ceremony, and refuses unknown organizations and malformed parties', async () => {
    const { organizer, eventId } = await seoulExpo();
    const dinner = await newSession(organizer, eventId, { titleEn: 'Networking dinner', kind: 'networking', startsAt: '2023-11-09T18:00', endsAt: '2023-11-09T21:00' });
    const path = `/events/${eventId}/sessions/${dinner.id}/parties`;
    const unknown = await testApp.http().put(path).set(organizer.auth).send({ parties: [{ role: 'signatory', name: 'Buyer', country: 'US' }, { role: 'signatory', organizationId: '00000000-0000-4000-8000-000000000000' }] });
    assertProblem(unknown, 400, 'validation_failed');
    assert.deepEqual(unknown.body.errors.map((error: { field: string }) => error.field), ['parties.1.organizationId']);
    const bad = await testApp
      .http()
      .put(path)
      .set(organizer.auth)
      .send({ parties: [{ role: 'signatory', name: 'A', organizationId: dinner.id }, { role: 'award_winner', name: 'B' }, { role: 'signatory', name: 'C', awardTitle: 'x' }, { role: 'signatory', name: 'D', country: 'XX' }] });
    assertProblem(bad, 400, 'validation_failed');
    assert.deepEqual(bad.body.errors.map((error: { field: string }) => error.field).sort(), ['parties.3.country']);
    const semantic = await testApp
      .http()
      .put(path)
      .set(organizer.auth)
      .send({ parties: [{ role: 'signatory', name: 'A', organizationId: dinner.id }, { role: 'award_winner', name: 'B' }, { role: 'signatory', name: 'C', awardTitle: 'x' }] });
    assertProblem(semantic, 400, 'validation_failed');
    assert.deepEqual(semantic.body.errors.map((error: { field: string }) => error.field), ['parties.0', 'parties.1.awardTitle', 'parties.2.awardTitle']);
    assert.equal((await rowCounts(eventId)).parties, 0);

    const signed = await testApp.http().put(path).set(organizer.auth).send({ parties: Array.from({ length: 6 }, (_, index) => ({ role: 'signatory', name: `US buyer ${index + 1}`, country: 'US' })) });
    assert.equal(signed.status, 200);
    const listed = await testApp.http().get(`/events/${eventId}/agreements-and-awards`).set(organizer.auth);
    assert.equal(listed.body.agreements.length, 1);
    assert.equal(listed.body.agreements[0].signatories.length, 6);
    assert.deepEqual(listed.body.awards, []);
  });

  it('Daejeon performance day: Part 2 runs three sessions at the same time in three rooms', async () => {
    const organizer = await registerActor(testApp);
    const event = await createEvent(testApp, organizer, { name: 'Daejeon performance day', startsOn: '2023-11-29', endsOn: '2023-11-29' });
    const [hall, roomA, roomB, roomC] = await Promise.all(['Main hall', 'Room A', 'Room B', 'Room C'].map((name) => newRoom(organizer, event.id, name)));
    await newSession(organizer, event.id, { titleEn: 'Performance presentations', kind: 'keynote', track: 'Part 1', roomId: hall, startsAt: '2023-11-29T13:00', endsAt: '2023-11-29T14:20' });
    const parallel = await Promise.all(
      [
        { titleEn: 'Networking for new collaborations', kind: 'networking', roomId: roomA },
        { titleEn: 'Defence industry Q&A', kind: 'panel', roomId: roomB },
        { titleEn: 'AI lecture', kind: 'lecture', roomId: roomC },
      ].map((session) => newSession(organizer, event.id, { ...session, track: 'Part 2', startsAt: '2023-11-29T14:30', endsAt: '2023-11-29T16:00' })),
    );
    assert.equal(new Set(parallel.map((session) => session.startsAt)).size, 1);
    const part2 = await testApp.http().get(`/events/${event.id}/sessions?track=${encodeURIComponent('Part 2')}`);
    assert.equal(part2.status, 200);
    assert.deepEqual(part2.body.map((session: SessionBody) => session.titleEn).sort(), ['AI lecture', 'Defence industry Q&A', 'Networking for new collaborations']);
    assert.equal((await testApp.http().get(`/events/${event.id}/sessions`)).body.length, 4);
  });

  it('one room never holds two overlapping sessions: 409 naming the field, nothing written', async () => {
    const { organizer, eventId } = await seoulExpo();
    const room = await newRoom(organizer, eventId, 'Conference room 1');
    const otherRoom = await newRoom(organizer, eventId, 'Conference room 2');
    const first = await newSession(organizer, eventId, { titleEn: 'First', roomId: room, startsAt: '2023-11-08T10:00', endsAt: '2023-11-08T11:00' });
    const counts = await rowCounts(eventId);

    const clash = await testApp
      .http()
      .post(`/events/${eventId}/sessions`)
      .set(organizer.auth)
      .send({ titleEn: 'Clash', kind: 'panel', roomId: room, startsAt: '2023-11-08T10:30', endsAt: '2023-11-08T11:30', speakers: [{ guestName: 'Guest' }] });
    assertProblem(clash, 409, 'room_double_booked');
    assert.deepEqual(clash.body.errors.map((error: { field: string }) => error.field), ['roomId']);
    assert.deepEqual(await rowCounts(eventId), counts);

    // Back to back is fine: ranges are half-open.
    const next = await newSession(organizer, eventId, { titleEn: 'Next', roomId: room, startsAt: '2023-11-08T11:00', endsAt: '2023-11-08T12:00' });
    const elsewhere = await newSession(organizer, eventId, { titleEn: 'Elsewhere', roomId: otherRoom, startsAt: '2023-11-08T10:30', endsAt: '2023-11-08T11:30' });

    // Moving a session into the room's busy time, or into a busy room.
    const moved = await testApp.http().patch(`/events/${eventId}/sessions/${next.id}`).set(organizer.auth).send({ startsAt: '2023-11-08T10:45' });
    assertProblem(moved, 409, 'room_double_booked');
    assert.deepEqual(moved.body.errors.map((error: { field: string }) => error.field), ['startsAt']);
    const rehoused = await testApp.http().patch(`/events/${eventId}/sessions/${elsewhere.id}`).set(organizer.auth).send({ roomId: room });
    assertProblem(rehoused, 409, 'room_double_booked');
    assert.deepEqual(rehoused.body.errors.map((error: { field: string }) => error.field), ['roomId']);
    assert.equal(((await sessionRow(next.id)).starts_at as Date).toISOString(), '2023-11-08T02:00:00.000Z');
    assert.equal((await sessionRow(elsewhere.id)).room_id, otherRoom);

    // Leaving the room frees it.
    const unroomed = await testApp.http().patch(`/events/${eventId}/sessions/${first.id}`).set(organizer.auth).send({ roomId: null });
    assert.equal(unroomed.status, 200);
    assert.equal(unroomed.body.roomId, null);
    await newSession(organizer, eventId, { titleEn: 'Takes the freed slot', roomId: room, startsAt: '2023-11-08T10:00', endsAt: '2023-11-08T11:00' });
  });

  it('a room of another event is refused with the field roomId', async () => {
    const { organizer, eventId } = await seoulExpo();
    const other = await seoulExpo();
    const foreignRoom = await newRoom(other.organizer, other.eventId, 'Their room');
    const response = await testApp
      .http()
      .post(`/events/${eventId}/sessions`)
      .set(organizer.auth)
      .send({ titleEn: 'Borrowed room', kind: 'panel', roomId: foreignRoom, startsAt: '2023-11-08T10:00', endsAt: '2023-11-08T11:00' });
    assertProblem(response, 400, 'validation_failed');
    assert.deepEqual(response.body.errors.map((error: { field: string }) => error.field), ['roomId']);
    assert.ok(!JSON.stringify(response.body).includes('Their room'));
    const session = await newSession(organizer, eventId, { titleEn: 'Roomless', startsAt: '2023-11-08T10:00', endsAt: '2023-11-08T11:00' });
    const patched = await testApp.http().patch(`/events/${eventId}/sessions/${session.id}`).set(organizer.auth).send({ roomId: foreignRoom });
    assertProblem(patched, 400, 'validation_failed');
    assert.equal((await sessionRow(session.id)).room_id, null);
    assert.equal((await rowCounts(eventId)).sessions, 1);
  });

  it('a speaker is never in two overlapping sessions, also when a session moves onto another', async () => {
    const { organizer, eventId } = await seoulExpo();
    const expert = await registerActor(testApp, { name: 'Patent expert' });
    const outsider = await registerActor(testApp);
    await addEventMember(testApp, eventId, organizer, expert, 'expert');
    const a = await newSession(organizer, eventId, { titleEn: 'A', startsAt: '2023-11-08T10:00', endsAt: '2023-11-08T11:00', speakers: [{ userId: expert.id }] });
    const counts = await rowCounts(eventId);

    const overlapping = await testApp
      .http()
      .post(`/events/${eventId}/sessions`)
      .set(organizer.auth)
      .send({ titleEn: 'B', kind: 'panel', startsAt: '2023-11-08T10:30', endsAt: '2023-11-08T11:30', speakers: [{ guestName: 'Guest' }, { userId: expert.id }] });
    assertProblem(overlapping, 409, 'speaker_double_booked');
    assert.deepEqual(overlapping.body.errors.map((error: { field: string }) => error.field), ['speakers.1.userId']);
    assert.deepEqual(await rowCounts(eventId), counts, 'neither the session nor its guest speaker was written');

    // Back to back is fine; named guests are not tracked across sessions.
    const c = await newSession(organizer, eventId, { titleEn: 'C', startsAt: '2023-11-08T11:00', endsAt: '2023-11-08T12:00', speakers: [{ userId: expert.id }, { guestName: 'Guest' }] });
    await newSession(organizer, eventId, { titleEn: 'D', startsAt: '2023-11-08T11:00', endsAt: '2023-11-08T12:00', speakers: [{ guestName: 'Guest' }] });

    // Moving C onto A: the speaker's copy of the times moves with it, and the database refuses.
    const moved = await testApp.http().patch(`/events/${eventId}/sessions/${c.id}`).set(organizer.auth).send({ startsAt: '2023-11-08T10:45', endsAt: '2023-11-08T11:45' });
    assertProblem(moved, 409, 'speaker_double_booked');
    assert.deepEqual(moved.body.errors.map((error: { field: string }) => error.field), ['startsAt', 'endsAt']);
    assert.ok(moved.body.detail.includes(expert.id));
    assert.equal(((await sessionRow(c.id)).starts_at as Date).toISOString(), '2023-11-08T02:00:00.000Z');
    const [copy] = await dataSource.query('SELECT starts_at FROM session_speakers WHERE session_id = $1 AND user_id = $2', [c.id, expert.id]);
    assert.equal((copy.starts_at as Date).toISOString(), '2023-11-08T02:00:00.000Z');

    // Moving A away first lets C move; the copies follow.
    assert.equal((await testApp.http().patch(`/events/${eventId}/sessions/${a.id}`).set(organizer.auth).send({ startsAt: '2023-11-08T08:00', endsAt: '2023-11-08T09:00' })).status, 200);
    const retried = await testApp.http().patch(`/events/${eventId}/sessions/${c.id}`).set(organizer.auth).send({ startsAt: '2023-11-08T10:00', endsAt: '2023-11-08T11:00' });
    assert.equal(retried.status, 200, JSON.stringify(retried.body));
    const [followed] = await dataSource.query('SELECT starts_at FROM session_speakers WHERE session_id = $1 AND user_id = $2', [c.id, expert.id]);
    assert.equal((followed.starts_at as Date).toISOString(), '2023-11-08T01:00:00.000Z');

    // Replacing the list is all or nothing: a clash in the new list keeps the old one.
    const e = await newSession(organizer, eventId, { titleEn: 'E', startsAt: '2023-11-08T10:30', endsAt: '2023-11-08T11:30', speakers: [{ guestName: 'Keeps me' }] });
    const replaced = await testApp.http().put(`/events/${eventId}/sessions/${e.id}/speakers`).set(organizer.auth).send({ speakers: [{ guestName: 'New guest' }, { userId: expert.id }] });
    assertProblem(replaced, 409, 'speaker_double_booked');
    assert.deepEqual(replaced.body.errors.map((error: { field: string }) => error.field), ['speakers.1.userId']);
    const kept = await testApp.http().get(`/events/${eventId}/sessions/${e.id}`).set(organizer.auth);
    assert.deepEqual(kept.body.speakers.map((speaker: { name: string }) => speaker.name), ['Keeps me']);

    // Speakers must be members of the event; nobody listed twice; a member or a guest, not both.
    const invalid = await testApp
      .http()
      .put(`/events/${eventId}/sessions/${e.id}/speakers`)
      .set(organizer.auth)
      .send({ speakers: [{ userId: outsider.id }, { userId: organizer.id }, { userId: organizer.id }, { userId: organizer.id, guestName: 'Both' }, {}] });
    assertProblem(invalid, 400, 'validation_failed');
    assert.deepEqual(invalid.body.errors.map((error: { field: string }) => error.field), ['speakers.0.userId', 'speakers.2.userId', 'speakers.3', 'speakers.4']);
    const emptied = await testApp.http().put(`/events/${eventId}/sessions/${e.id}/speakers`).set(organizer.auth).send({ speakers: [] });
    assert.deepEqual(emptied.body.speakers, []);
  });

  it('validates times and fields: outside the event, end before start, bad values, null for required fields', async () => {
    const { organizer, eventId } = await seoulExpo();
    const post = (body: Record<string, unknown>) =>
      testApp.http().post(`/events/${eventId}/sessions`).set(organizer.auth).send({ titleEn: 'T', kind: 'panel', startsAt: '2023-11-08T10:00', endsAt: '2023-11-08T11:00', ...body });

    const outside = await post({ startsAt: '2023-11-07T23:00', endsAt: '2023-11-08T00:30' });
    assertProblem(outside, 400, 'session_outside_event');
    assert.deepEqual(outside.body.errors.map((error: { field: string }) => error.field), ['startsAt']);
    assertProblem(await post({ startsAt: '2023-11-10T23:30', endsAt: '2023-11-11T00:30' }), 400, 'session_outside_event');
    // 23:00 UTC on the 10th is already the 11th in Seoul.
    assertProblem(await post({ startsAt: '2023-11-10T23:00:00Z', endsAt: '2023-11-10T23:30:00Z' }), 400, 'session_outside_event');
    const reversed = await post({ startsAt: '2023-11-08T11:00', endsAt: '2023-11-08T10:00' });
    assertProblem(reversed, 400, 'invalid_date_range');
    assert.deepEqual(reversed.body.errors.map((error: { field: string }) => error.field), ['endsAt']);
    const garbage = await post({ startsAt: 'next tuesday', kind: 'party', capacity: 0, visibility: 'secret', unknown: 1 });
    assertProblem(garbage, 400, 'validation_failed');
    assert.deepEqual(garbage.body.errors.map((error: { field: string }) => error.field).sort(), ['capacity', 'kind', 'unknown', 'visibility']);
    const unparsable = await post({ startsAt: 'next tuesday' });
    assertProblem(unparsable, 400, 'validation_failed');
    assert.deepEqual(unparsable.body.errors.map((error: { field: string }) => error.field), ['startsAt']);
    const untitled = await post({ titleEn: null, titleKo: undefined });
    assertProblem(untitled, 400, 'validation_failed');
    assert.deepEqual(untitled.body.errors.map((error: { field: string }) => error.field), ['titleKo', 'titleEn']);
    assert.equal((await rowCounts(eventId)).sessions, 0);

    const session = await newSession(organizer, eventId, { titleEn: 'T', startsAt: '2023-11-08T10:00', endsAt: '2023-11-08T11:00', track: 'Part 1', capacity: 10 });
    const unchanged = await sessionRow(session.id);
    const patch = (body: Record<string, unknown>) => testApp.http().patch(`/events/${eventId}/sessions/${session.id}`).set(organizer.auth).send(body);
    for (const body of [{ kind: null }, { startsAt: null }, { endsAt: null }, { visibility: null }, { waitlistEnabled: null }, { titleEn: null }, { endsAt: '2023-11-08T09:00' }, { startsAt: '2023-11-12T10:00' }]) {
      const response = await patch(body);
      assert.equal(response.status, 400, `${JSON.stringify(body)}: ${JSON.stringify(response.body)}`);
    }
    assert.deepEqual(await sessionRow(session.id), unchanged, 'refused updates changed nothing');

    // Nullable fields clear with null; a title may switch language as long as one remains.
    const cleared = await patch({ track: null, capacity: null, description: null, titleKo: '세션', titleEn: null });
    assert.equal(cleared.status, 200, JSON.stringify(cleared.body));
    assert.equal(cleared.body.track, null);
    assert.equal(cleared.body.capacity, null);
    assert.equal(cleared.body.seatsLeft, null);
    assert.equal(cleared.body.titleKo, '세션');
    assert.equal(cleared.body.titleEn, null);
  });

  it('Boston across the DST change: local views keep the wall clock, a skipped time is refused', async () => {
    const organizer = await registerActor(testApp, { timeZone: 'America/New_York' });
    const event = await createEvent(testApp, organizer, { name: 'Boston week', timeZone: 'America/New_York', startsOn: '2023-03-10', endsOn: '2023-03-14' });
    const beforeChange = await newSession(organizer, event.id, { titleEn: 'Roundtable', kind: 'roundtable', startsAt: '2023-03-10T09:00', endsAt: '2023-03-10T10:30' });
    const afterChange = await newSession(organizer, event.id, { titleEn: 'IR pitches', kind: 'ir_pitch', startsAt: '2023-03-13T09:00', endsAt: '2023-03-13T10:30' });
    assert.equal(beforeChange.startsAt, '2023-03-10T14:00:00.000Z');
    assert.equal(beforeChange.startsAtLocal, '2023-03-10T09:00:00-05:00');
    assert.equal(afterChange.startsAt, '2023-03-13T13:00:00.000Z');
    assert.equal(afterChange.startsAtLocal, '2023-03-13T09:00:00-04:00');
    assert.equal(afterChange.endsAtLocal, '2023-03-13T10:30:00-04:00');
    assert.equal(afterChange.timeZone, 'America/New_York');

    // A session across the change keeps its wall clock at both ends: 01:00 EST to 04:00 EDT is two hours.
    const night = await newSession(organizer, event.id, { titleEn: 'Hackathon', kind: 'other', startsAt: '2023-03-12T01:00', endsAt: '2023-03-12T04:00' });
    assert.equal(night.startsAtLocal, '2023-03-12T01:00:00-05:00');
    assert.equal(night.endsAtLocal, '2023-03-12T04:00:00-04:00');
    assert.equal(new Date(night.endsAt).getTime() - new Date(night.startsAt).getTime(), 2 * 3600_000);

    const skipped = await testApp
      .http()
      .post(`/events/${event.id}/sessions`)
      .set(organizer.auth)
      .send({ titleEn: 'Skipped', kind: 'panel', startsAt: '2023-03-12T02:30', endsAt: '2023-03-12T03:30' });
    assertProblem(skipped, 400, 'validation_failed');
    assert.deepEqual(skipped.body.errors.map((error: { field: string }) => error.field), ['startsAt']);
    assert.match(skipped.body.errors[0].messages[0], /does not exist/);
    const movedIntoGap = await testApp.http().patch(`/events/${event.id}/sessions/${night.id}`).set(organizer.auth).send({ endsAt: '2023-03-12T02:15' });
    assertProblem(movedIntoGap, 400, 'validation_failed');

    // The 23-hour day in the event zone.
    const sunday = await testApp.http().get(`/events/${event.id}/sessions?day=2023-03-12`);
    assert.deepEqual(sunday.body.map((session: SessionBody) => session.id), [night.id]);
    const listed = await testApp.http().get(`/events/${event.id}/sessions/${afterChange.id}`);
    assert.equal(listed.body.startsAtLocal, '2023-03-13T09:00:00-04:00');
  });

  it('registration: seats, waitlist in order, newcomers queue behind it, promotion, cancellation', async () => {
    const { organizer, eventId } = await seoulExpo();
    const people = await Promise.all(Array.from({ length: 6 }, (_, index) => registerActor(testApp, { name: `Visitor ${index + 1}` })));
    const [a, b, c, d, e, f] = people;
    const session = await newSession(organizer, eventId, { titleEn: 'Seminar', startsAt: '2023-11-08T14:00', endsAt: '2023-11-08T15:00', capacity: 2, waitlistEnabled: true });
    const base = `/events/${eventId}/sessions/${session.id}`;
    const register = (actor: Actor) => testApp.http().post(`${base}/registration`).set(actor.auth);

    for (const [actor, status, position] of [[a, 'registered', null], [b, 'registered', null], [c, 'waitlisted', 1], [d, 'waitlisted', 2]] as const) {
      const response = await register(actor);
      assert.equal(response.status, 201, JSON.stringify(response.body));
      assert.equal(response.body.status, status);
      assert.equal(response.body.waitlistPosition, position);
    }
    assertProblem(await register(a), 409, 'already_registered');
    assertProblem(await register(c), 409, 'already_registered');

    // A cancels: the seat is free, but C and D were waiting, so E queues behind them.
    assert.equal((await testApp.http().delete(`${base}/registration`).set(a.auth)).status, 204);
    assert.equal((await sessionRow(session.id)).registered_count, 1);
    const late = await register(e);
    assert.equal(late.body.status, 'waitlisted');
    assert.equal(late.body.waitlistPosition, 3);
    assertProblem(await testApp.http().delete(`${base}/registration`).set(a.auth), 404, 'not_found');

    const list = await testApp.http().get(`${base}/registrations`).set(organizer.auth);
    assert.deepEqual(
      list.body.map((row: RegistrantBody) => [row.userId, row.status, row.waitlistPosition]),
      [[b.id, 'registered', null], [c.id, 'waitlisted', 1], [d.id, 'waitlisted', 2], [e.id, 'waitlisted', 3]],
    );
    assert.equal(list.body[0].email, b.email);

    // The organizer promotes in waitlist order; promotion takes a seat atomically, and a full session refuses.
    const promoted = await testApp.http().post(`${base}/registrations/${c.id}/promote`).set(organizer.auth);
    assert.equal(promoted.status, 200, JSON.stringify(promoted.body));
    assert.equal(promoted.body.status, 'registered');
    assert.equal((await testApp.http().post(`${base}/registrations/${c.id}/promote`).set(organizer.auth)).body.status, 'registered');
    assertProblem(await testApp.http().post(`${base}/registrations/${d.id}/promote`).set(organizer.auth), 409, 'session_full');
    assertProblem(await testApp.http().post(`${base}/registrations/${f.id}/promote`).set(organizer.auth), 404, 'not_found');
    assert.equal((await sessionRow(session.id)).registered_count, 2);
    const mine = await testApp.http().get(`/events/${eventId}/agenda/mine`).set(e.auth);
    assert.equal(mine.body[0].waitlistPosition, 2);

    // Capacity cannot drop below the seats taken; raising it lets the organizer promote the next in line.
    const shrink = await testApp.http().patch(base).set(organizer.auth).send({ capacity: 1 });
    assertProblem(shrink, 400, 'validation_failed');
    assert.deepEqual(shrink.body.errors.map((error: { field: string }) => error.field), ['capacity']);
    assert.equal((await testApp.http().patch(base).set(organizer.auth).send({ capacity: 3 })).status, 200);
    assert.equal((await testApp.http().post(`${base}/registrations/${d.id}/promote`).set(organizer.auth)).body.status, 'registered');

    // Leaving the waitlist frees no seat; the organizer may take someone off.
    assert.equal((await testApp.http().delete(`${base}/registration`).set(e.auth)).status, 204);
    assert.equal((await sessionRow(session.id)).registered_count, 3);
    assert.equal((await testApp.http().delete(`${base}/registrations/${b.id}`).set(organizer.auth)).status, 204);
    assert.equal((await sessionRow(session.id)).registered_count, 2);
    assertProblem(await testApp.http().delete(`${base}/registrations/${b.id}`).set(organizer.auth), 404, 'not_found');

    // Without a waitlist, a full session refuses.
    const small = await newSession(organizer, eventId, { titleEn: 'Small', startsAt: '2023-11-08T16:00', endsAt: '2023-11-08T17:00', capacity: 1 });
    assert.equal((await testApp.http().post(`/events/${eventId}/sessions/${small.id}/registration`).set(a.auth)).status, 201);
    assertProblem(await testApp.http().post(`/events/${eventId}/sessions/${small.id}/registration`).set(f.auth), 409, 'session_full');
    assertProblem(await testApp.http().post(`/events/${eventId}/sessions/${small.id}/registrations`).set(organizer.auth).send({ userId: f.id }), 409, 'session_full');
    const counts = await dataSource.query('SELECT count(*)::int AS n FROM session_registrations WHERE session_id = $1', [small.id]);
    assert.equal(counts[0].n, 1);
  });

  it('who may register: anyone signed in for public sessions, members for members sessions, organizers fill invited ones', async () => {
    const { organizer, eventId } = await seoulExpo();
    const [startup, investor, visitor] = await Promise.all([registerActor(testApp), registerActor(testApp), registerActor(testApp)]);
    await addEventMember(testApp, eventId, organizer, startup, 'startup');
    await addEventMember(testApp, eventId, organizer, investor, 'investor');
    const open = await newSession(organizer, eventId, { titleEn: 'Open', startsAt: '2023-11-08T10:00', endsAt: '2023-11-08T11:00' });
    const members = await newSession(organizer, eventId, { titleEn: 'Members', visibility: 'members', startsAt: '2023-11-08T10:00', endsAt: '2023-11-08T11:00' });
    const invited = await newSession(organizer, eventId, { titleEn: 'VIP roundtable', visibility: 'invited', kind: 'roundtable', startsAt: '2023-11-08T12:00', endsAt: '2023-11-08T13:00', capacity: 10 });
    const self = (sessionId: string, actor: Actor) => testApp.http().post(`/events/${eventId}/sessions/${sessionId}/registration`).set(actor.auth);
    const add = (sessionId: string, userId: string) => testApp.http().post(`/events/${eventId}/sessions/${sessionId}/registrations`).set(organizer.auth).send({ userId });

    assert.equal((await self(open.id, visitor)).status, 201, 'no membership needed for a public session');
    assertProblem(await self(members.id, visitor), 404, 'not_found');
    assert.equal((await self(members.id, startup)).status, 201);
    assertProblem(await self(invited.id, startup), 404, 'not_found');

    const notMember = await add(members.id, visitor.id);
    assertProblem(notMember, 400, 'validation_failed');
    assert.deepEqual(notMember.body.errors.map((error: { field: string }) => error.field), ['userId']);
    assertProblem(await add(open.id, '00000000-0000-4000-8000-000000000000'), 400, 'validation_failed');
    const invitation = await add(invited.id, investor.id);
    assert.equal(invitation.status, 201, JSON.stringify(invitation.body));
    assert.equal(invitation.body.status, 'registered');
    assertProblem(await add(invited.id, investor.id), 409, 'already_registered');
    // A non-member can be invited too (e.g. a guest of honour with an account), and then sees the session.
    assert.equal((await add(invited.id, visitor.id)).status, 201);
    assert.equal((await testApp.http().get(`/events/${eventId}/sessions/${invited.id}`).set(visitor.auth)).status, 200);

    // The invitee sees it and may leave it; seeing it does not let anyone else in.
    assert.equal((await testApp.http().get(`/events/${eventId}/sessions/${invited.id}`).set(investor.auth)).body.myRegistration, 'registered');
    assertProblem(await self(invited.id, investor), 409, 'already_registered');
    assert.equal((await testApp.http().delete(`/events/${eventId}/sessions/${invited.id}/registration`).set(investor.auth)).status, 204);
    assertProblem(await testApp.http().get(`/events/${eventId}/sessions/${invited.id}`).set(investor.auth), 404, 'not_found');
    assertProblem(await self(invited.id, investor), 404, 'not_found');
  });

  it('20 people register at once for 5 seats without a waitlist: exactly 5 get in', async () => {
    const { organizer, eventId } = await seoulExpo();
    const session = await newSession(organizer, eventId, { titleEn: 'Hot seminar', startsAt: '2023-11-09T10:00', endsAt: '2023-11-09T11:00', capacity: 5 });
    const crowd = await Promise.all(Array.from({ length: 20 }, () => registerActor(testApp)));
    const responses = await Promise.all(crowd.map((actor) => testApp.http().post(`/events/${eventId}/sessions/${session.id}/registration`).set(actor.auth)));
    assert.equal(responses.filter((response) => response.status === 201).length, 5);
    const refused = responses.filter((response) => response.status !== 201);
    assert.equal(refused.length, 15);
    for (const response of refused) assertProblem(response, 409, 'session_full');
    assert.equal((await sessionRow(session.id)).registered_count, 5);
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM session_registrations WHERE session_id = $1 AND status = 'registered'`, [session.id]);
    assert.equal(n, 5);
  });

  it('20 people register at once for 5 seats with a waitlist: 5 seated, 15 waitlisted in order', async () => {
    const { organizer, eventId } = await seoulExpo();
    const session = await newSession(organizer, eventId, { titleEn: 'Hot workshop', startsAt: '2023-11-09T10:00', endsAt: '2023-11-09T11:00', capacity: 5, waitlistEnabled: true });
    const crowd = await Promise.all(Array.from({ length: 20 }, () => registerActor(testApp)));
    const responses = await Promise.all(crowd.map((actor) => testApp.http().post(`/events/${eventId}/sessions/${session.id}/registration`).set(actor.auth)));
    assert.ok(responses.every((response) => response.status === 201));
    assert.equal(responses.filter((response) => response.body.status === 'registered').length, 5);
    const waitlisted = responses.filter((response) => response.body.status === 'waitlisted');
    assert.equal(waitlisted.length, 15);
    assert.equal((await sessionRow(session.id)).registered_count, 5);

    const list = await testApp.http().get(`/events/${eventId}/sessions/${session.id}/registrations`).set(organizer.auth);
    const queue: RegistrantBody[] = list.body.filter((row: RegistrantBody) => row.status === 'waitlisted');
    assert.deepEqual(queue.map((row) => row.waitlistPosition), Array.from({ length: 15 }, (_, index) => index + 1));
    const rows = await dataSource.query(
      `SELECT user_id FROM session_registrations WHERE session_id = $1 AND status = 'waitlisted' ORDER BY created_at, user_id`,
      [session.id],
    );
    assert.deepEqual(queue.map((row) => row.userId), rows.map((row: { user_id: string }) => row.user_id));
    // Each person was told the place they hold.
    for (const response of waitlisted) {
      assert.equal(queue.find((row) => row.userId === response.body.userId)?.waitlistPosition, response.body.waitlistPosition);
    }

    // Promotion follows the list; the freed seat goes to the first in line.
    const seated = crowd[responses.findIndex((response) => response.body.status === 'registered')];
    assert.equal((await testApp.http().delete(`/events/${eventId}/sessions/${session.id}/registration`).set(seated.auth)).status, 204);
    const first = await testApp.http().post(`/events/${eventId}/sessions/${session.id}/registrations/${queue[0].userId}/promote`).set(organizer.auth);
    assert.equal(first.body.status, 'registered');
    const afterPromotion = await testApp.http().get(`/events/${eventId}/sessions/${session.id}/registrations`).set(organizer.auth);
    const nextInLine = afterPromotion.body.filter((row: RegistrantBody) => row.status === 'waitlisted')[0];
    assert.equal(nextInLine.userId, queue[1].userId);
    assert.equal(nextInLine.waitlistPosition, 1);
  });

  it('personal agendas, per event and across events, and the busy times matchmaking reads', async () => {
    const { organizer, eventId } = await seoulExpo();
    const boston = await createEvent(testApp, organizer, { name: 'Boston day', timeZone: 'America/New_York', startsOn: '2023-04-28', endsOn: '2023-04-28' });
    const investor = await registerActor(testApp, { name: 'VC partner' });
    await addEventMember(testApp, eventId, organizer, investor, 'investor');
    await addEventMember(testApp, boston.id, organizer, investor, 'investor');
    const filler = await registerActor(testApp);

    const speaking = await newSession(organizer, eventId, { titleEn: 'VC panel', kind: 'panel', startsAt: '2023-11-08T14:00', endsAt: '2023-11-08T15:00', speakers: [{ userId: investor.id }] });
    const seated = await newSession(organizer, eventId, { titleEn: 'Bio IR', kind: 'ir_pitch', visibility: 'members', startsAt: '2023-11-08T16:00', endsAt: '2023-11-08T17:00' });
    const waiting = await newSession(organizer, eventId, { titleEn: 'Full lecture', startsAt: '2023-11-08T16:30', endsAt: '2023-11-08T17:30', capacity: 1, waitlistEnabled: true });
    const untouched = await newSession(organizer, eventId, { titleEn: 'Not mine', startsAt: '2023-11-08T09:00', endsAt: '2023-11-08T10:00' });
    const abroad = await newSession(organizer, boston.id, { titleEn: 'Roundtable', kind: 'roundtable', startsAt: '2023-04-28T09:00', endsAt: '2023-04-28T10:00', speakers: [{ userId: investor.id }] });
    const both = await newSession(organizer, eventId, { titleEn: 'Closing', startsAt: '2023-11-10T17:00', endsAt: '2023-11-10T18:00', speakers: [{ userId: investor.id }] });
    assert.equal((await testApp.http().post(`/events/${eventId}/sessions/${seated.id}/registration`).set(investor.auth)).status, 201);
    assert.equal((await testApp.http().post(`/events/${eventId}/sessions/${waiting.id}/registration`).set(filler.auth)).status, 201);
    assert.equal((await testApp.http().post(`/events/${eventId}/sessions/${waiting.id}/registration`).set(investor.auth)).body.status, 'waitlisted');
    assert.equal((await testApp.http().post(`/events/${eventId}/sessions/${both.id}/registration`).set(investor.auth)).status, 201);

    const mine = await testApp.http().get(`/events/${eventId}/agenda/mine`).set(investor.auth);
    assert.equal(mine.status, 200);
    assert.deepEqual(
      mine.body.map((item: { id: string; speaking: boolean; myRegistration: string | null; waitlistPosition: number | null }) => [item.id, item.speaking, item.myRegistration, item.waitlistPosition]),
      [[speaking.id, true, null, null], [seated.id, false, 'registered', null], [waiting.id, false, 'waitlisted', 1], [both.id, true, 'registered', null]],
    );
    assert.ok(!mine.body.some((item: { id: string }) => item.id === untouched.id));

    const everywhere = await testApp.http().get('/agenda/mine').set(investor.auth);
    assert.deepEqual(everywhere.body.map((item: { id: string }) => item.id), [abroad.id, speaking.id, seated.id, waiting.id, both.id]);
    assert.equal(everywhere.body[0].startsAtLocal, '2023-04-28T09:00:00-04:00');
    assert.equal(everywhere.body[0].timeZone, 'America/New_York');
    assert.equal(everywhere.body[1].startsAtLocal, '2023-11-08T14:00:00+09:00');
    assert.deepEqual((await testApp.http().get('/agenda/mine').set(filler.auth)).body.map((item: { id: string }) => item.id), [waiting.id]);

    // What matchmaking sees: speaking and seated times, not the waitlist, within the window asked.
    const agenda = testApp.app.get(AgendaService);
    const busy = await agenda.busyIntervals([investor.id, filler.id], new Date('2023-11-08T00:00:00Z'), new Date('2023-11-11T00:00:00Z'));
    assert.deepEqual(
      busy.map((interval) => [interval.userId, interval.sessionId, interval.reason, interval.startsAt.toISOString(), interval.endsAt.toISOString()]),
      [
        [investor.id, speaking.id, 'speaking', '2023-11-08T05:00:00.000Z', '2023-11-08T06:00:00.000Z'],
        [investor.id, seated.id, 'registered', '2023-11-08T07:00:00.000Z', '2023-11-08T08:00:00.000Z'],
        [filler.id, waiting.id, 'registered', '2023-11-08T07:30:00.000Z', '2023-11-08T08:30:00.000Z'],
        [investor.id, both.id, 'speaking', '2023-11-10T08:00:00.000Z', '2023-11-10T09:00:00.000Z'],
      ],
    );
    // The window is half-open and overlap-based: a session touching its edge is not busy time.
    const window = await agenda.busyIntervals([investor.id], new Date('2023-11-08T06:00:00Z'), new Date('2023-11-08T07:30:00Z'));
    assert.deepEqual(window.map((interval) => interval.sessionId), [seated.id]);
    assert.deepEqual(await agenda.busyIntervals([], new Date('2023-01-01'), new Date('2024-01-01')), []);
    const april = await agenda.busyIntervals([investor.id], new Date('2023-04-28T00:00:00Z'), new Date('2023-04-29T00:00:00Z'));
    assert.deepEqual(april.map((interval) => [interval.sessionId, interval.startsAt.toISOString()]), [[abroad.id, '2023-04-28T13:00:00.000Z']]);
  });

  it('deleting a session takes its speakers, registrations and parties with it', async () => {
    const { organizer, eventId } = await seoulExpo();
    const visitor = await registerActor(testApp);
    const session = await newSession(organizer, eventId, {
      titleEn: 'Doomed',
      kind: 'mou_signing',
      startsAt: '2023-11-08T10:00',
      endsAt: '2023-11-08T11:00',
      speakers: [{ userId: organizer.id }],
      parties: [{ role: 'signatory', name: 'X' }],
    });
    assert.equal((await testApp.http().post(`/events/${eventId}/sessions/${session.id}/registration`).set(visitor.auth)).status, 201);
    assert.deepEqual(await rowCounts(eventId), { sessions: 1, speakers: 1, parties: 1, registrations: 1 });
    assert.equal((await testApp.http().delete(`/events/${eventId}/sessions/${session.id}`).set(organizer.auth)).status, 204);
    assert.deepEqual(await rowCounts(eventId), { sessions: 0, speakers: 0, parties: 0, registrations: 0 });
    assertProblem(await testApp.http().delete(`/events/${eventId}/sessions/${session.id}`).set(organizer.auth), 404, 'not_found');
    assertProblem(await testApp.http().get(`/events/${eventId}/sessions/${session.id}`).set(organizer.auth), 404, 'not_found');
    // The speaker's time is free again.
    await newSession(organizer, eventId, { titleEn: 'Replacement', startsAt: '2023-11-08T10:00', endsAt: '2023-11-08T11:00', speakers: [{ userId: organizer.id }] });
  });
});
