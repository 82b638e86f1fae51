import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { BOSTON_EVENT_SLUG, demoConsultationId } from '../../src/demo/demo-consultations-data';
import { BOSTON_INVESTOR_EMAIL } from '../../src/demo/demo-calendar-seed';
import { DEMO_PASSWORD } from '../../src/demo/demo-data';
import { loadDemoData } from '../../src/demo/demo-seed';
import { eventByUid, parseIcs } from '../support/ics';
import { startTestApp, TestApp } from '../support/test-app';

/** The demo's meetings of the Boston investor (src/demo/demo-calendar-seed.ts). */
const VIDEO_CALLS = [1, 2].map((index) => demoConsultationId(9, index));
const [MAIN_DAY_MOVED, MAIN_DAY_CANCELLED] = [3, 4].map((index) => demoConsultationId(9, index));

/**
 * Done when: the investor from the Boston demo subscribes to her feed, sees the online round on Seoul's clock and the
 * main day on Boston's, a reschedule comes as an update of the same event (same UID, higher SEQUENCE) and a cancel as
 * cancelled.
 */
describe('calendars: the Boston investor subscribes (demo)', () => {
  let testApp: TestApp;
  let dataSource: DataSource;
  before(async () => {
    testApp = await startTestApp();
    dataSource = testApp.app.get(DataSource);
    await loadDemoData(dataSource);
  });
  after(async () => {
    await testApp.close();
  });

  async function signIn(email: string): Promise<{ Authorization: string }> {
    const login = await testApp.http().post('/auth/login').send({ email, password: DEMO_PASSWORD });
    assert.equal(login.status, 200, JSON.stringify(login.body));
    return { Authorization: `Bearer ${login.body.accessToken}` };
  }

  async function read(path: string) {
    const response = await testApp.http().get(path).buffer(true).parse((stream, done) => {
      let text = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => (text += chunk));
      stream.on('end', () => done(null, text));
    });
    assert.equal(response.status, 200, String(response.body));
    return parseIcs(response.body as string);
  }

  // First, while the demo is as seeded: the next test moves this founder's main-day meeting.
  it('the travelling founder sees the video call on Seoul’s clock and the main day on Boston’s', async () => {
    const founder = await signIn('demo-startup-01@matchday.demo');
    const view = await testApp.http().get('/me/calendar?from=2023-04-19&to=2023-04-30').set(founder);
    assert.equal(view.status, 200, JSON.stringify(view.body));
    const withInvestor = view.body.meetings.filter((meeting: { otherParty: { name: string } }) => meeting.otherParty.name === 'Emily Carter');
    assert.deepEqual(
      withInvestor.map((meeting: { id: string; round: { position: number }; timeZone: string; startsAtLocal: string }) => [
        meeting.id,
        meeting.round.position,
        meeting.timeZone,
        meeting.startsAtLocal.slice(0, 16),
      ]),
      [
        [VIDEO_CALLS[1], 1, 'Asia/Seoul', '2023-04-20T20:40'],
        // Slot 4 of the main day, 11:00 in Boston, where his travel time zone puts him on 28 April.
        [MAIN_DAY_MOVED, 3, 'America/New_York', '2023-04-28T11:00'],
      ],
    );
    assert.equal(withInvestor[1].startsAtLocal, '2023-04-28T11:00:00-04:00');
    assert.match(withInvestor[1].startsAtLocal, /^2023-04-28T1\d:\d\d:00-04:00$/);
    assert.equal(withInvestor[1].startsAt, '2023-04-28T15:00:00.000Z');
  });

  it('video round on Seoul’s clock, main day on Boston’s; a reschedule updates the same event, a cancel cancels it', async () => {
    const investor = await signIn(BOSTON_INVESTOR_EMAIL);
    const subscription = await testApp.http().post('/me/calendar-feed').set(investor);
    assert.equal(subscription.status, 201, JSON.stringify(subscription.body));
    const feed = new URL(subscription.body.url).pathname;

    const calendar = await read(feed);
    assert.deepEqual(
      calendar.events.map((event) => [event.uid, event.tzid, event.startLocal, event.start, event.sequence, event.status]),
      [
        [`${VIDEO_CALLS[0]}@matchday`, 'Asia/Seoul', '2023-04-19T20:00:00', '2023-04-19T11:00:00.000Z', 0, 'CONFIRMED'],
        [`${VIDEO_CALLS[1]}@matchday`, 'Asia/Seoul', '2023-04-20T20:40:00', '2023-04-20T11:40:00.000Z', 0, 'CONFIRMED'],
        [`${MAIN_DAY_MOVED}@matchday`, 'America/New_York', '2023-04-28T11:00:00', '2023-04-28T15:00:00.000Z', 0, 'CONFIRMED'],
        [`${MAIN_DAY_CANCELLED}@matchday`, 'America/New_York', '2023-04-28T13:00:00', '2023-04-28T17:00:00.000Z', 0, 'CONFIRMED'],
      ],
    );
    assert.match(calendar.events[0].location ?? '', /^https:\/\/meet\.matchday\.demo\/boston-2023\//);
    assert.match(calendar.events[2].location ?? '', /^Table \d+ – Boston/);

    // Her JSON calendar: on her own Boston clock, with the round's Seoul time beside it.
    const view = await testApp.http().get('/me/calendar?from=2023-04-19&to=2023-04-28').set(investor);
    assert.deepEqual(
      view.body.meetings.map((meeting: { startsAtLocal: string; startsAtRoundLocal: string; otherParty: { timeZone: string } }) => [
        meeting.startsAtLocal,
        meeting.startsAtRoundLocal,
        meeting.otherParty.timeZone,
      ]),
      [
        ['2023-04-19T07:00:00-04:00', '2023-04-19T20:00:00+09:00', 'Asia/Seoul'],
        ['2023-04-20T07:40:00-04:00', '2023-04-20T20:40:00+09:00', 'Asia/Seoul'],
        // The founder flies in: on 28 April he is on Boston's clock too.
        ['2023-04-28T11:00:00-04:00', '2023-04-28T11:00:00-04:00', 'America/New_York'],
        ['2023-04-28T13:00:00-04:00', '2023-04-28T13:00:00-04:00', 'Asia/Seoul'],
      ],
    );

    // The organizer moves one main-day meeting and cancels the other.
    const organizer = await signIn('organizer@matchday.demo');
    const [{ id: eventId }] = await dataSource.query('SELECT id FROM events WHERE slug = $1', [BOSTON_EVENT_SLUG]);
    const moved = await testApp.http().post(`/events/${eventId}/meetings/${MAIN_DAY_MOVED}/reschedule`).set(organizer).send({ startsAt: '2023-04-28T13:40' });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    const cancelled = await testApp.http().post(`/events/${eventId}/meetings/${MAIN_DAY_CANCELLED}/cancel`).set(organizer).send({ reason: 'The founder missed the flight' });
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));

    const updated = await read(feed);
    const update = eventByUid(updated, `${MAIN_DAY_MOVED}@matchday`);
    assert.deepEqual([update.tzid, update.startLocal, update.start, update.status], ['America/New_York', '2023-04-28T13:40:00', '2023-04-28T17:40:00.000Z', 'CONFIRMED']);
    assert.ok(update.sequence > eventByUid(calendar, `${MAIN_DAY_MOVED}@matchday`).sequence);
    const cancel = eventByUid(updated, `${MAIN_DAY_CANCELLED}@matchday`);
    assert.deepEqual([cancel.status, cancel.sequence, cancel.startLocal], ['CANCELLED', 1, '2023-04-28T13:00:00']);
    assert.equal(updated.events.length, 4);
  });
});
