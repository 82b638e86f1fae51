import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { MeetingInvitations } from '../../src/calendars/meeting-invitations.service';
import { loggerOptions } from '../../src/common/logger-options';
import { Actor, assertProblem } from '../support/actors';
import { CalendarWorld, createCalendarWorld, createSession, organizerBooks, VIDEO_TEMPLATE } from '../support/calendar-fixtures';
import { createRoundRow } from '../support/consultation-fixtures';
import { eventByUid, parseIcs } from '../support/ics';
import { startTestApp, TestApp } from '../support/test-app';

async function expectOk(call: PromiseLike<{ status: number; body: unknown }>): Promise<void> {
  const response = await call;
  assert.equal(response.status, 200, JSON.stringify(response.body));
}

/**
 * ICS (RFC 5545): private subscription feeds and single-meeting files, read back with ical.js, an independent parser.
 * A meeting keeps its UID through every change, SEQUENCE goes up with each, a cancelled meeting stays as
 * STATUS:CANCELLED for 30 days, and every time carries the TZID of its round with a matching VTIMEZONE (or is in UTC
 * when no VTIMEZONE can describe the zone).
 */
describe('calendars: ICS feeds and meeting files', () => {
  let testApp: TestApp;
  let dataSource: DataSource;
  before(async () => {
    testApp = await startTestApp();
    dataSource = testApp.app.get(DataSource);
  });
  after(async () => {
    await testApp.close();
  });

  async function subscribe(actor: Actor): Promise<string> {
    const response = await testApp.http().post('/me/calendar-feed').set(actor.auth);
    assert.equal(response.status, 201, JSON.stringify(response.body));
    assert.match(response.body.url, /^http:\/\/localhost:3000\/calendar-feeds\/[A-Za-z0-9_-]{43}\.ics$/);
    assert.equal(response.body.webcalUrl, response.body.url.replace(/^http:/, 'webcal:'));
    return new URL(response.body.url).pathname;
  }

  /** Reads a feed as a calendar app does: no sign-in header. */
  async function poll(path: string, etag?: string) {
    const agent = testApp.http().get(path).buffer(true).parse((response, done) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => done(null, text));
    });
    return etag ? agent.set('If-None-Match', etag) : agent;
  }

  async function feed(path: string) {
    const response = await poll(path);
    assert.equal(response.status, 200, String(response.body));
    assert.match(response.headers['content-type'], /^text\/calendar; charset=utf-8/);
    return { text: response.body as string, calendar: parseIcs(response.body as string), etag: response.headers.etag as string };
  }

  function act(actor: Actor, world: CalendarWorld, meetingId: string, action: string, body: Record<string, unknown> = {}) {
    return testApp.http().post(`/events/${world.eventId}/meetings/${meetingId}/${action}`).set(actor.auth).send(body);
  }

  it('a meeting keeps its UID through confirm, reschedule, move and cancel; SEQUENCE goes up each time; times carry their round zone', async () => {
    const world = await createCalendarWorld(testApp);
    const booking = await testApp
      .http()
      .post(`/events/${world.eventId}/consultation-rounds/${world.online.id}/bookings`)
      .set(world.guest.auth)
      .send({ hostUserId: world.host.id, startsAt: '2023-04-19T20:00' });
    assert.equal(booking.status, 201, JSON.stringify(booking.body));
    const video = booking.body.id as string;
    const uid = `${video}@matchday`;
    const guestFeed = await subscribe(world.guest);

    let { calendar } = await feed(guestFeed);
    assert.equal(calendar.method, null);
    assert.deepEqual(calendar.timezones, ['Asia/Seoul']);
    let event = eventByUid(calendar, uid);
    assert.deepEqual([event.sequence, event.status, event.tzid, event.startLocal, event.start, event.end], [
      0,
      'TENTATIVE',
      'Asia/Seoul',
      '2023-04-19T20:00:00',
      '2023-04-19T11:00:00.000Z',
      '2023-04-19T11:30:00.000Z',
    ]);
    assert.equal(event.location, `https://meet.example.com/matchday-${video}`);
    assert.equal(event.url, `https://meet.example.com/matchday-${video}`);
    assert.equal(event.summary, '1:1 with Emily Carter (Charles River Bio Ventures)');

    await expectOk(act(world.host, world, video, 'confirm'));
    event = eventByUid((await feed(guestFeed)).calendar, uid);
    assert.deepEqual([event.sequence, event.status], [1, 'CONFIRMED']);

    await expectOk(act(world.guest, world, video, 'reschedule', { startsAt: '2023-04-19T21:20' }));
    calendar = (await feed(guestFeed)).calendar;
    event = eventByUid(calendar, uid);
    assert.deepEqual([event.sequence, event.status, event.startLocal, event.start], [2, 'CONFIRMED', '2023-04-19T21:20:00', '2023-04-19T12:20:00.000Z']);
    assert.equal(calendar.events.filter((candidate) => candidate.uid === uid).length, 1);

    // The main day in Boston, moved to another table, then cancelled: still there, as cancelled.
    const table = await organizerBooks(testApp, world, world.onSite, world.host, world.guest, '2023-04-28T09:00', { locationId: world.onSite.locationIds[1] });
    calendar = (await feed(guestFeed)).calendar;
    assert.deepEqual([...calendar.timezones].sort(), ['America/New_York', 'Asia/Seoul']);
    let main = eventByUid(calendar, `${table}@matchday`);
    assert.deepEqual([main.sequence, main.status, main.tzid, main.startLocal, main.start], [0, 'CONFIRMED', 'America/New_York', '2023-04-28T09:00:00', '2023-04-28T13:00:00.000Z']);
    assert.match(main.location ?? '', /^Table 2/);
    await expectOk(act(world.organizer, world, table, 'reschedule', { startsAt: '2023-04-28T09:00', locationId: world.onSite.locationIds[2] }));
    main = eventByUid((await feed(guestFeed)).calendar, `${table}@matchday`);
    assert.equal(main.sequence, 1);
    assert.match(main.location ?? '', /^Table 10/);
    await expectOk(act(world.guest, world, table, 'cancel', { reason: 'Our CEO cannot travel' }));
    const hostFeed = await subscribe(world.host);
    for (const path of [guestFeed, hostFeed]) {
      main = eventByUid((await feed(path)).calendar, `${table}@matchday`);
      assert.deepEqual([main.sequence, main.status, main.start], [2, 'CANCELLED', '2023-04-28T13:00:00.000Z']);
    }
    assert.equal(eventByUid((await feed(hostFeed)).calendar, uid).summary, '1:1 with Kim Seojun (NeuroBridge Therapeutics)');

    // Thirty days after the cancellation it leaves the feeds; the other meeting stays.
    await dataSource.query(`UPDATE meetings SET cancelled_at = now() - interval '31 days' WHERE id = $1`, [table]);
    calendar = (await feed(guestFeed)).calendar;
    assert.deepEqual(
      calendar.events.map((candidate) => candidate.uid),
      [uid],
    );
  });

  it('feeds carry the sessions a person speaks at or signed up for, in the event zone', async () => {
    const world = await createCalendarWorld(testApp);
    const pitch = await createSession(testApp, world, { titleEn: 'IR pitch: Korean bio', titleKo: 'IR 피칭: 한국 바이오', kind: 'ir_pitch', startsAt: '2023-04-28T14:00', endsAt: '2023-04-28T15:00', speakers: [{ userId: world.host.id }] });
    const seat = await testApp.http().post(`/events/${world.eventId}/sessions/${pitch}/registration`).set(world.guest.auth);
    assert.ok([200, 201].includes(seat.status), JSON.stringify(seat.body));
    const host = eventByUid((await feed(await subscribe(world.host))).calendar, `${pitch}@matchday`);
    assert.deepEqual([host.summary, host.status, host.tzid, host.startLocal, host.start], ['IR pitch: Korean bio', 'CONFIRMED', 'America/New_York', '2023-04-28T14:00:00', '2023-04-28T18:00:00.000Z']);
    assert.match(host.description, /You speak at this session/);
    // The founder reads Korean.
    await testApp.http().patch('/me').set(world.guest.auth).send({ language: 'ko' });
    const guest = eventByUid((await feed(await subscribe(world.guest))).calendar, `${pitch}@matchday`);
    assert.equal(guest.summary, 'IR 피칭: 한국 바이오');
  });

  it('times stay right across the US clock change: 09:00 in Boston is 14:00 UTC before it and 13:00 after', async () => {
    const world = await createCalendarWorld(testApp);
    const march = await createRoundRow(testApp, world.eventId, world.programmeId, {
      maxMeetingsPerPair: 2,
      windows: ['2023-03-10', '2023-03-13'].map((date) => ({ date, startsAtTime: '09:00', endsAtTime: '10:00' })),
    });
    const beforeChange = await organizerBooks(testApp, world, march, world.host, world.guest, '2023-03-10T09:00');
    const afterChange = await organizerBooks(testApp, world, march, world.host, world.guest, '2023-03-13T09:00');
    const { calendar, text } = await feed(await subscribe(world.guest));
    assert.deepEqual(
      [beforeChange, afterChange].map((id) => {
        const event = eventByUid(calendar, `${id}@matchday`);
        return [event.tzid, event.startLocal, event.start];
      }),
      [
        ['America/New_York', '2023-03-10T09:00:00', '2023-03-10T14:00:00.000Z'],
        ['America/New_York', '2023-03-13T09:00:00', '2023-03-13T13:00:00.000Z'],
      ],
    );
    // The instants above come from ical.js reading this VTIMEZONE, whose daylight part moves clocks from -05:00 to -04:00.
    assert.ok(calendar.timezones.includes('America/New_York'));
    assert.match(text, /BEGIN:DAYLIGHT\r\n(?:[^\r\n]+\r\n)*?TZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\n/);
  });

  it('rounds in zones the VTIMEZONE generator does not know still read right: under a name it knows, else in UTC', async () => {
    const world = await createCalendarWorld(testApp);
    const onlineRound = (name: string, timeZone: string, startsAtTime: string, endsAtTime: string) =>
      createRoundRow(testApp, world.eventId, world.programmeId, {
        name,
        mode: 'online',
        timeZone,
        windows: [{ date: '2023-04-21', startsAtTime, endsAtTime }],
        videoLinkRule: 'template',
        videoLinkTemplate: VIDEO_TEMPLATE,
      });
    // Intl knows both; @touch4it/ical-timezones knows Kyiv only as Europe/Kiev, and Saigon not at all.
    const kyiv = await onlineRound('Kyiv video round', 'Europe/Kyiv', '10:00', '11:00');
    const saigon = await onlineRound('Saigon video round', 'Asia/Saigon', '15:00', '16:00');
    const inKyiv = await organizerBooks(testApp, world, kyiv, world.host, world.guest, '2023-04-21T10:00');
    const inSaigon = await organizerBooks(testApp, world, saigon, world.host, world.guest, '2023-04-21T15:00');
    const { text, calendar } = await feed(await subscribe(world.guest));
    // 10:00 in Kyiv (+03:00 in April) and 15:00 in Saigon (+07:00), as ical.js reads them.
    assert.deepEqual(
      [inKyiv, inSaigon].map((id) => {
        const event = eventByUid(calendar, `${id}@matchday`);
        return [event.start, event.end];
      }),
      [
        ['2023-04-21T07:00:00.000Z', '2023-04-21T07:30:00.000Z'],
        ['2023-04-21T08:00:00.000Z', '2023-04-21T08:30:00.000Z'],
      ],
    );
    // Every TZID written has its VTIMEZONE: none names a zone the calendar does not describe.
    const named = new Set([...text.matchAll(/^DT(?:START|END);TZID=([^:;]+):/gm)].map((match) => match[1]));
    for (const zone of named) assert.ok(calendar.timezones.includes(zone), `TZID=${zone} without VTIMEZONE`);
    assert.doesNotMatch(text, /TZID=(Europe\/Kyiv|Asia\/Saigon)/);
  });

  it('a change to the venue or a person’s name moves DTSTAMP and LAST-MODIFIED with the text it changes', async () => {
    const world = await createCalendarWorld(testApp);
    const meeting = await organizerBooks(testApp, world, world.onSite, world.host, world.guest, '2023-04-28T09:00', { locationId: world.onSite.locationIds[0] });
    const uid = `${meeting}@matchday`;
    const path = await subscribe(world.guest);
    // Everything the entry shows changed an hour ago, so a change now is a later second (DTSTAMP counts seconds).
    const backdate = async () => {
      const people = [world.host.id, world.guest.id];
      await dataSource.query(`UPDATE meetings SET updated_at = now() - interval '1 hour' WHERE id = $1`, [meeting]);
      await dataSource.query(`UPDATE events SET updated_at = now() - interval '1 hour' WHERE id = $1`, [world.eventId]);
      await dataSource.query(`UPDATE users SET updated_at = now() - interval '1 hour' WHERE id = ANY($1::uuid[])`, [people]);
      await dataSource.query(
        `UPDATE organizations SET updated_at = now() - interval '1 hour'
          WHERE id IN (SELECT organization_id FROM programme_participants WHERE programme_id = $1 AND user_id = ANY($2::uuid[]))`,
        [world.programmeId, people],
      );
    };
    await backdate();
    const first = eventByUid((await feed(path)).calendar, uid);
    assert.ok(first.lastModified && first.stamp === first.lastModified, JSON.stringify(first));

    const venue = await testApp.http().patch(`/events/${world.eventId}`).set(world.organizer.auth).send({ venueName: 'Hynes Convention Center' });
    assert.equal(venue.status, 200, JSON.stringify(venue.body));
    const moved = eventByUid((await feed(path)).calendar, uid);
    assert.match(moved.location ?? '', /Hynes Convention Center/);
    assert.ok(moved.lastModified! > first.lastModified!, `${moved.lastModified} after ${first.lastModified}`);
    assert.equal(moved.stamp, moved.lastModified);
    assert.equal(moved.sequence, first.sequence, 'the meeting itself did not change');

    await backdate();
    const beforeRename = eventByUid((await feed(path)).calendar, uid);
    const renamed = await testApp.http().patch('/me').set(world.host.auth).send({ name: 'Emily Carter-Park' });
    assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
    const afterRename = eventByUid((await feed(path)).calendar, uid);
    assert.match(afterRename.summary, /Emily Carter-Park/);
    assert.ok(afterRename.lastModified! > beforeRename.lastModified!, `${afterRename.lastModified} after ${beforeRename.lastModified}`);
  });

  it('polling with the ETag answers 304 until something changes', async () => {
    const world = await createCalendarWorld(testApp);
    const meeting = await organizerBooks(testApp, world, world.onSite, world.host, world.guest, '2023-04-28T09:00');
    const path = await subscribe(world.guest);
    const first = await feed(path);
    assert.match(first.etag, /^"[A-Za-z0-9_-]+"$/);
    const unchanged = await poll(path, first.etag);
    assert.equal(unchanged.status, 304);
    assert.equal(unchanged.body, '');
    assert.equal((await poll(path, `W/${first.etag}`)).status, 304);
    assert.equal((await poll(path, '"something-else"')).status, 200);
    await expectOk(act(world.organizer, world, meeting, 'reschedule', { startsAt: '2023-04-28T10:00' }));
    const changed = await poll(path, first.etag);
    assert.equal(changed.status, 200);
    assert.notEqual(changed.headers.etag, first.etag);
    assert.equal(changed.headers['cache-control'], 'private, no-cache');
  });

  it('a renewed or revoked link answers 404 at once', async () => {
    const world = await createCalendarWorld(testApp);
    await organizerBooks(testApp, world, world.onSite, world.host, world.guest, '2023-04-28T09:00');
    const first = await subscribe(world.guest);
    assert.equal((await poll(first)).status, 200);
    const second = await subscribe(world.guest);
    assert.notEqual(second, first);
    const stale = await poll(first);
    assert.equal(stale.status, 404);
    assert.match(stale.headers['content-type'], /^application\/problem\+json/);
    assert.equal((await poll(second)).status, 200);
    const status = await testApp.http().get('/me/calendar-feed').set(world.guest.auth);
    assert.equal(status.body.active, true);
    assert.equal((await testApp.http().delete('/me/calendar-feed').set(world.guest.auth)).status, 204);
    assert.equal((await poll(second)).status, 404);
    assert.deepEqual((await testApp.http().get('/me/calendar-feed').set(world.guest.auth)).body, { active: false, createdAt: null });
    assert.equal((await poll('/calendar-feeds/not-a-token.ics')).status, 404);
    // The token is stored only as its hash, and request logs show the path without it.
    const token = second.replace('/calendar-feeds/', '').replace('.ics', '');
    const [{ stored }] = await dataSource.query(`SELECT count(*)::int AS stored FROM calendar_feed_tokens WHERE token_hash = $1`, [token]);
    assert.equal(stored, 0);
    const serializers = (loggerOptions(testApp.config).pinoHttp as { serializers: { req: (request: { id: string; method: string; url: string }) => { url: string } } }).serializers;
    assert.equal(serializers.req({ id: '1', method: 'GET', url: second }).url, '/calendar-feeds/[token]');
  });

  it('a meeting’s .ics is a METHOD:REQUEST, then a METHOD:CANCEL with the same UID and a higher SEQUENCE; reminders get the same object', async () => {
    const world = await createCalendarWorld(testApp);
    const meeting = await organizerBooks(testApp, world, world.onSite, world.host, world.guest, '2023-04-28T09:00', { locationId: world.onSite.locationIds[0] });
    const download = (actor: Actor) =>
      testApp
        .http()
        .get(`/events/${world.eventId}/meetings/${meeting}/ics`)
        .set(actor.auth)
        .buffer(true)
        .parse((response, done) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () => done(null, text));
        });
    const request = await download(world.guest);
    assert.equal(request.status, 200, String(request.body));
    assert.equal(request.headers['content-type'], 'text/calendar; charset=utf-8; method=REQUEST');
    assert.equal(request.headers['content-disposition'], `attachment; filename="matchday-meeting-${meeting}.ics"`);
    const invitation = parseIcs(request.body as string);
    assert.equal(invitation.method, 'REQUEST');
    const event = eventByUid(invitation, `${meeting}@matchday`);
    assert.deepEqual([event.sequence, event.status, event.tzid, event.startLocal], [0, 'CONFIRMED', 'America/New_York', '2023-04-28T09:00:00']);
    assert.deepEqual(event.attendees.map((attendee) => attendee.toLowerCase()), [`mailto:${world.guest.email}`]);
    assert.equal(event.organizer?.toLowerCase(), `mailto:${testApp.config.MAIL_FROM}`);
    // The other party is named, never given away by address.
    assert.ok(!(request.body as string).includes(world.host.email));
    assert.match(event.summary, /Emily Carter/);

    const invitations = testApp.app.get(MeetingInvitations);
    const attachment = await invitations.forMeeting(meeting, 'REQUEST', world.guest.id);
    assert.deepEqual(attachment, { filename: `matchday-meeting-${meeting}.ics`, contentType: 'text/calendar; charset=utf-8; method=REQUEST', content: request.body });
    const forHost = parseIcs((await invitations.forMeeting(meeting, 'REQUEST', world.host.id)).content);
    assert.deepEqual(eventByUid(forHost, `${meeting}@matchday`).attendees.map((attendee) => attendee.toLowerCase()), [`mailto:${world.host.email}`]);
    // An organizer sees both people as attendees.
    const organizerCopy = parseIcs((await download(world.organizer)).body as string);
    assert.deepEqual(
      eventByUid(organizerCopy, `${meeting}@matchday`).attendees.map((attendee) => attendee.toLowerCase()),
      [`mailto:${world.host.email}`, `mailto:${world.guest.email}`],
    );

    await expectOk(act(world.host, world, meeting, 'cancel', { reason: 'Double-booked on our side' }));
    const cancel = await download(world.guest);
    assert.equal(cancel.headers['content-type'], 'text/calendar; charset=utf-8; method=CANCEL');
    const cancelled = parseIcs(cancel.body as string);
    assert.equal(cancelled.method, 'CANCEL');
    const cancelledEvent = eventByUid(cancelled, `${meeting}@matchday`);
    assert.deepEqual([cancelledEvent.sequence, cancelledEvent.status, cancelledEvent.start], [1, 'CANCELLED', '2023-04-28T13:00:00.000Z']);
    assert.equal((await invitations.forMeeting(meeting, 'CANCEL', world.host.id)).contentType, 'text/calendar; charset=utf-8; method=CANCEL');
    await assert.rejects(invitations.forMeeting('00000000-0000-4000-8000-000000000000', 'REQUEST', world.host.id), { code: 'not_found' });
    await assert.rejects(invitations.forMeeting(meeting, 'REQUEST', '00000000-0000-4000-8000-000000000000'), { code: 'not_found' });
  });

  it('private notes, booking messages and cancellation reasons reach no feed, view or file', async () => {
    const world = await createCalendarWorld(testApp);
    const booking = await testApp
      .http()
      .post(`/events/${world.eventId}/consultation-rounds/${world.onSite.id}/bookings`)
      .set(world.guest.auth)
      .send({ hostUserId: world.host.id, startsAt: '2023-04-28T09:00', message: 'SECRET-BOOKING-MESSAGE' });
    assert.equal(booking.status, 201, JSON.stringify(booking.body));
    const meeting = booking.body.id as string;
    await expectOk(act(world.host, world, meeting, 'confirm'));
    await expectOk(act(world.host, world, meeting, 'check-in'));
    for (const [actor, body] of [
      [world.host, 'SECRET-NOTE-OF-THE-INVESTOR'],
      [world.guest, 'SECRET-NOTE-OF-THE-FOUNDER'],
    ] as const) {
      const note = await testApp.http().put(`/events/${world.eventId}/meetings/${meeting}/my-note`).set(actor.auth).send({ body, rating: 4 });
      assert.equal(note.status, 200, JSON.stringify(note.body));
    }
    const other = await organizerBooks(testApp, world, world.onSite, world.host, world.guest, '2023-04-28T10:00');
    await expectOk(act(world.guest, world, other, 'cancel', { reason: 'SECRET-CANCELLATION-REASON' }));
    const texts = [
      (await feed(await subscribe(world.guest))).text,
      (await feed(await subscribe(world.host))).text,
      JSON.stringify((await testApp.http().get('/me/calendar?from=2023-04-28&to=2023-04-28&timeZone=America/New_York').set(world.guest.auth)).body),
      JSON.stringify((await testApp.http().get(`/events/${world.eventId}/participants/${world.host.id}/calendar?from=2023-04-28&to=2023-04-28`).set(world.organizer.auth)).body),
      JSON.stringify((await testApp.http().get(`/events/${world.eventId}/location-schedule?date=2023-04-28`).set(world.organizer.auth)).body),
      (await testApp.app.get(MeetingInvitations).forMeeting(meeting, 'REQUEST', world.host.id)).content,
      (await testApp.app.get(MeetingInvitations).forMeeting(other, 'CANCEL', world.guest.id)).content,
    ];
    for (const text of texts) {
      assert.ok(text.length > 100, text);
      assert.doesNotMatch(text, /SECRET/);
    }
    assert.ok(texts[0].includes(`${meeting}@matchday`) && texts[2].includes(meeting));
  });

  it('answers 404 for an unknown feed even with a valid sign-in header, and 401 on the owner routes without one', async () => {
    const world = await createCalendarWorld(testApp);
    assertProblem(await testApp.http().get('/calendar-feeds/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics').set(world.guest.auth), 404, 'not_found');
    assertProblem(await testApp.http().post('/me/calendar-feed'), 401, 'unauthenticated');
    assertProblem(await testApp.http().delete('/me/calendar-feed'), 401, 'unauthenticated');
  });
});
