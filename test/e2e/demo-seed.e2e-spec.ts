import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { BOSTON_PROGRAMME_ID } from '../../src/demo/demo-consultations-data';
import { DEMO_PASSWORD, DEMO_PEOPLE } from '../../src/demo/demo-data';
import { loadDemoData } from '../../src/demo/demo-seed';
import { startTestApp, TestApp } from '../support/test-app';

const TABLES = [
  'users',
  'organizations',
  'organization_members',
  'events',
  'event_memberships',
  'pavilions',
  'rooms',
  'booths',
  'exhibitor_applications',
  'agenda_sessions',
  'session_speakers',
  'session_parties',
  'consultation_programmes',
  'consultation_rounds',
  'round_windows',
  'round_locations',
  'programme_participants',
  'meeting_requests',
  'meetings',
  'meeting_attendees',
  'meeting_history',
  'meeting_outcomes',
  'meeting_notes',
  'round_quotas',
  'calls',
  'call_questions',
  'call_criteria',
  'call_applications',
  'call_answers',
  'call_review_assignments',
  'call_reviews',
  'call_review_scores',
  'pitch_sessions',
  'pitch_slots',
  'pitch_ratings',
  'pitch_interests',
  'collaboration_projects',
  'collaboration_stage_entries',
  'notifications',
];

async function rowCounts(dataSource: DataSource): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM ${table}`);
    counts[table] = count;
  }
  return counts;
}

describe('demo data', () => {
  let testApp: TestApp;
  before(async () => {
    testApp = await startTestApp();
  });
  after(async () => {
    await testApp.close();
  });

  it('loads once; a second run changes nothing', async () => {
    const dataSource = testApp.app.get(DataSource);
    assert.equal(await loadDemoData(dataSource), DEMO_PEOPLE.length);
    const first = await rowCounts(dataSource);
    assert.equal(await loadDemoData(dataSource), 0);
    assert.deepEqual(await rowCounts(dataSource), first);
    assert.equal(first.events, 2);
    assert.equal(first.pavilions, 6);
    assert.equal(first.booths, 50);
    // Six on the expo's programme, and the Boston IR pitch session.
    assert.equal(first.agenda_sessions, 7);
    // The Boston consultation: 15 startups and 38 VCs (and the demo's Boston investor), four rounds, two attendee rows per meeting.
    assert.equal(first.consultation_programmes, 1);
    assert.equal(first.consultation_rounds, 4);
    assert.equal(first.programme_participants, 54);
    assert.equal(first.round_locations, 24);
    assert.equal(first.meeting_attendees, 2 * first.meetings);
    assert.ok(first.round_quotas > 0);
    assert.ok(first.meetings > 200 && first.meeting_requests > first.meetings && first.meeting_outcomes > 100, JSON.stringify(first));
    // L'Oréal Big Bang (34 applications, two reviewers each) and the Boston IR call (15 startups, all pitching).
    assert.equal(first.calls, 2);
    assert.equal(first.call_applications, 34 + 15);
    assert.equal(first.call_reviews, 68);
    assert.equal(first.call_review_scores, 68 * 3);
    assert.equal(first.pitch_slots, 15);
    assert.ok(first.pitch_ratings > 100, JSON.stringify(first));
    assert.equal(first.pitch_interests, 3);
    assert.equal(first.collaboration_projects, 2);
    assert.equal(first.collaboration_stage_entries, 5);
    // The meetings' confirmations and cancellations, to startups in Korean and to VCs in English.
    const languages: Array<{ language: string; kind: string }> = await dataSource.query(
      `SELECT DISTINCT u.language::text AS language, n.kind::text AS kind FROM notifications n JOIN users u ON u.id = n.recipient_user_id ORDER BY 1, 2`,
    );
    assert.deepEqual(languages, [
      { language: 'en', kind: 'meeting_cancelled' },
      { language: 'en', kind: 'meeting_confirmed' },
      { language: 'ko', kind: 'meeting_cancelled' },
      { language: 'ko', kind: 'meeting_confirmed' },
    ]);
  });

  it("K-Global: L'Oréal Big Bang took 34 applications for 2 places (17 to 1); Motionbank and Easytem won and work with L'Oréal", async () => {
    const dataSource = testApp.app.get(DataSource);
    await loadDemoData(dataSource);
    const signIn = async (email: string) => {
      const login = await testApp.http().post('/auth/login').send({ email, password: DEMO_PASSWORD });
      assert.equal(login.status, 200, JSON.stringify(login.body));
      return { Authorization: `Bearer ${login.body.accessToken}` };
    };
    const organizer = await signIn('organizer@matchday.demo');
    const [{ id: eventId }] = await dataSource.query('SELECT id FROM events WHERE slug = $1', ['k-global-cluster-2023']);
    const calls = await testApp.http().get(`/events/${eventId}/calls?kind=challenge`).set(organizer);
    assert.equal(calls.status, 200, JSON.stringify(calls.body));
    const [bigBang] = calls.body;
    assert.equal(bigBang.hostOrganization.name, "L'Oréal Group");
    assert.deepEqual(bigBang.competition, { applicants: 34, places: 2, ratio: 17, label: '17:1' });
    assert.ok(bigBang.resultsPublishedAt);
    const ranking = await testApp.http().get(`/events/${eventId}/calls/${bigBang.id}/ranking`).set(organizer);
    assert.equal(ranking.body.entries.length, 34);
    assert.deepEqual(
      ranking.body.entries.slice(0, 3).map((entry: { organization: { name: string }; decision: string; rank: number }) => [entry.organization.name, entry.decision, entry.rank]),
      [
        ['Motionbank', 'selected', 1],
        ['Easytem', 'selected', 2],
        ['DermaLab Devices', 'waitlisted', 3],
      ],
    );
    assert.ok(ranking.body.entries.slice(3).every((entry: { decision: string; reviewCount: number }) => entry.decision === 'rejected' && entry.reviewCount === 2));

    const loreal = await signIn('openinnovation@loreal.demo');
    const projects = await testApp.http().get(`/events/${eventId}/collaborations`).set(loreal);
    assert.deepEqual(
      projects.body.map((project: { startup: { name: string }; stage: string; history: unknown[] }) => [project.startup.name, project.stage, project.history.length]),
      [
        ['Motionbank', 'market_verification', 3],
        ['Easytem', 'technical_verification', 2],
      ],
    );
    // DermaLab sees its own application: waitlisted, with the reviewers' comments shared (no names).
    const dermalab = await signIn('dermalab@matchday.demo');
    const own = await testApp.http().get(`/events/${eventId}/calls/${bigBang.id}/applications`).set(dermalab);
    assert.equal(own.body.length, 1);
    assert.equal(own.body[0].decision, 'waitlisted');
    assert.equal(own.body[0].reviewComments.length, 2);
  });

  it("Boston: 15 IR pitches of 7 + 3 minutes from 17:30; the VCs' \"want to meet\" became follow-up requests", async () => {
    const dataSource = testApp.app.get(DataSource);
    await loadDemoData(dataSource);
    const login = await testApp.http().post('/auth/login').send({ email: 'organizer@matchday.demo', password: DEMO_PASSWORD });
    const auth = { Authorization: `Bearer ${login.body.accessToken}` };
    const [{ id: eventId }] = await dataSource.query('SELECT id FROM events WHERE slug = $1', ['korea-us-investment-day-boston-2023']);
    const sessions = await testApp.http().get(`/events/${eventId}/pitch-sessions`).set(auth);
    assert.equal(sessions.status, 200, JSON.stringify(sessions.body));
    const [session] = sessions.body;
    assert.equal(session.slots.length, 15);
    assert.equal(session.slots[0].startsAt, '2023-04-28T17:30:00-04:00');
    assert.equal(session.slots[14].endsAt, '2023-04-28T20:00:00-04:00');
    assert.equal(session.overruns, false);
    const interest = await testApp.http().get(`/events/${eventId}/pitch-sessions/${session.id}/interest`).set(auth);
    assert.equal(interest.body.reduce((sum: number, row: { wantToMeet: number }) => sum + row.wantToMeet, 0), 3);
    assert.ok(interest.body.every((row: { ratingCount: number; averageRating: number }) => row.ratingCount > 10 && row.averageRating >= 1 && row.averageRating <= 5));
    // Each request is the host's, in the follow-up round, for a pair whose main-day outcome asked for a follow-up.
    const requests = await dataSource.query(
      `SELECT r.initiated_by::text AS initiated_by, c.position,
              EXISTS (SELECT 1 FROM meetings m JOIN meeting_outcomes o ON o.meeting_id = m.id
                       WHERE m.round_id = c.eligibility_source_round_id AND m.host_user_id = r.host_user_id
                         AND m.guest_user_id = r.guest_user_id AND m.status = 'held' AND o.next_step = 'follow_up_meeting') AS eligible
         FROM pitch_interests i JOIN meeting_requests r ON r.id = i.meeting_request_id JOIN consultation_rounds c ON c.id = r.round_id`,
    );
    assert.deepEqual(requests, Array.from({ length: 3 }, () => ({ initiated_by: 'host', position: 4, eligible: true })));
  });

  it('Boston: the consultation of seed 001, whose figures show KRW 84.5 billion under discussion', async () => {
    const dataSource = testApp.app.get(DataSource);
    const started = Date.now();
    await loadDemoData(dataSource);
    const elapsed = Date.now() - started;
    assert.ok(elapsed < 5_000, `the demo seed took ${elapsed} ms`);
    const login = await testApp.http().post('/auth/login').send({ email: 'organizer@matchday.demo', password: DEMO_PASSWORD });
    const auth = { Authorization: `Bearer ${login.body.accessToken}` };
    const [{ id: eventId }] = await dataSource.query('SELECT id FROM events WHERE slug = $1', ['korea-us-investment-day-boston-2023']);
    const figures = await testApp.http().get(`/events/${eventId}/consultation-programmes/${BOSTON_PROGRAMME_ID}/figures`).set(auth);
    assert.equal(figures.status, 200, JSON.stringify(figures.body));
    assert.equal(figures.body.name, 'Boston investment consultation');
    assert.equal(figures.body.outcomes.investmentUnderDiscussion.KRW, 84_500_000_000);
    assert.ok(figures.body.outcomes.investmentUnderDiscussion.USD > 0);
    assert.deepEqual(
      figures.body.rounds.map((round: { position: number }) => round.position),
      [1, 2, 3, 4],
    );
    const { meetings, requests } = figures.body;
    assert.ok(meetings.held > 0 && meetings.noShow > 0 && meetings.cancelled > 0 && meetings.confirmed > 0, JSON.stringify(meetings));
    assert.ok(requests.accepted > 0 && requests.declined > 0 && requests.expired > 0, JSON.stringify(requests));
    const [counts] = await dataSource.query(
      `SELECT (SELECT count(*)::int FROM event_memberships WHERE event_id = $1 AND 'startup' = ANY(roles) AND user_id IN (SELECT id FROM users WHERE email LIKE 'demo-startup-%')) AS startups,
              (SELECT count(*)::int FROM event_memberships WHERE event_id = $1 AND 'investor' = ANY(roles) AND user_id IN (SELECT id FROM users WHERE email LIKE 'demo-vc-%')) AS vcs,
              (SELECT count(*)::int FROM consultation_rounds WHERE event_id = $1 AND position = 3) AS main_rounds,
              (SELECT count(*)::int FROM round_locations l JOIN consultation_rounds r ON r.id = l.round_id WHERE r.event_id = $1 AND r.position = 3 AND l.kind = 'table') AS tables`,
      [eventId],
    );
    assert.deepEqual(counts, { startups: 15, vcs: 38, main_rounds: 1, tables: 20 });
    // Every meeting has its history, as the API writes it: booked, then held, no-show or cancelled as it ended up.
    const [history] = await dataSource.query(
      `SELECT count(*) FILTER (WHERE (SELECT count(*) FROM meeting_history h WHERE h.meeting_id = m.id AND h.action = 'booked') <> 1)::int AS "bookedNotOnce",
              count(*) FILTER (WHERE (SELECT count(*) FROM meeting_history h WHERE h.meeting_id = m.id)
                                     <> CASE WHEN m.status IN ('held', 'no_show', 'cancelled') THEN 2 ELSE 1 END)::int AS "wrongLength",
              count(*) FILTER (WHERE (SELECT h.status FROM meeting_history h WHERE h.meeting_id = m.id ORDER BY h.created_at DESC LIMIT 1) <> m.status)::int AS "lastNotStatus",
              count(*) FILTER (WHERE m.status IN ('held', 'no_show', 'cancelled')
                                 AND NOT EXISTS (SELECT 1 FROM meeting_history h WHERE h.meeting_id = m.id AND h.action::text = m.status::text))::int AS "endMissing",
              count(*)::int AS meetings
         FROM meetings m WHERE m.event_id = $1`,
      [eventId],
    );
    assert.ok(history.meetings > 200, JSON.stringify(history));
    assert.deepEqual({ ...history, meetings: undefined }, { bookedNotOnce: 0, wrongLength: 0, lastNotStatus: 0, endMissing: 0, meetings: undefined });
    // Nobody and no table is ever in two active meetings at once.
    const [{ overlaps }] = await dataSource.query(
      `SELECT count(*)::int AS overlaps FROM meetings a JOIN meetings b ON a.id < b.id AND a.status <> 'cancelled' AND b.status <> 'cancelled'
                AND tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)
                AND (a.host_user_id IN (b.host_user_id, b.guest_user_id) OR a.guest_user_id IN (b.host_user_id, b.guest_user_id) OR a.location_id = b.location_id)`,
    );
    assert.equal(overlaps, 0);
    // The main day runs 09:00-17:00 in Boston; the video round's evenings in Seoul are Boston mornings.
    const [day] = await dataSource.query(
      `SELECT min(starts_at AT TIME ZONE 'America/New_York')::text AS first, max(ends_at AT TIME ZONE 'America/New_York')::text AS last
         FROM meetings WHERE round_id = (SELECT id FROM consultation_rounds WHERE event_id = $1 AND position = 3)`,
      [eventId],
    );
    assert.deepEqual(day, { first: '2023-04-28 09:00:00', last: '2023-04-28 16:50:00' });
    // Each round on its own clock: the video round before departure and the follow-up in Seoul, the two days in Boston.
    const rounds = await dataSource.query(
      `SELECT r.position, r.mode::text AS mode, r.time_zone AS "timeZone",
              (SELECT min(m.starts_at AT TIME ZONE r.time_zone)::text FROM meetings m WHERE m.round_id = r.id) AS "firstLocal",
              (SELECT min(m.starts_at AT TIME ZONE 'America/New_York')::text FROM meetings m WHERE m.round_id = r.id) AS "firstInBoston"
         FROM consultation_rounds r WHERE r.event_id = $1 ORDER BY r.position`,
      [eventId],
    );
    assert.deepEqual(rounds, [
      { position: 1, mode: 'online', timeZone: 'Asia/Seoul', firstLocal: '2023-04-19 20:00:00', firstInBoston: '2023-04-19 07:00:00' },
      { position: 2, mode: 'on_site', timeZone: 'America/New_York', firstLocal: '2023-04-27 14:00:00', firstInBoston: '2023-04-27 14:00:00' },
      { position: 3, mode: 'on_site', timeZone: 'America/New_York', firstLocal: '2023-04-28 09:00:00', firstInBoston: '2023-04-28 09:00:00' },
      { position: 4, mode: 'online', timeZone: 'Asia/Seoul', firstLocal: '2023-05-08 09:00:00', firstInBoston: '2023-05-07 20:00:00' },
    ]);
    const vc = await testApp.http().post('/auth/login').send({ email: 'demo-vc-38@matchday.demo', password: DEMO_PASSWORD });
    assert.equal(vc.status, 200);
  });

  it('lets the demo organizer sign in and find K-Global Cluster 2023 in Seoul time', async () => {
    await loadDemoData(testApp.app.get(DataSource));
    const login = await testApp.http().post('/auth/login').send({ email: 'organizer@matchday.demo', password: DEMO_PASSWORD });
    assert.equal(login.status, 200);
    const mine = await testApp.http().get('/events/mine').set({ Authorization: `Bearer ${login.body.accessToken}` });
    const expo = mine.body.find((event: { slug: string }) => event.slug === 'k-global-cluster-2023');
    assert.ok(expo, JSON.stringify(mine.body));
    assert.deepEqual(expo.myRoles, ['organizer']);
    assert.equal(expo.venueName, 'S-Factory');
    assert.equal(expo.startsAt, '2023-11-07T15:00:00.000Z');

    const publicView = await testApp.http().get('/events/korea-us-investment-day-boston-2023');
    assert.equal(publicView.status, 200);
    assert.equal(publicView.body.timeZone, 'America/New_York');
    assert.equal(publicView.body.startsAt, '2023-04-28T04:00:00.000Z');
  });

  it('a re-seed leaves out a meeting whose people were booked at that time since, whole: never one attendee row', async () => {
    const dataSource = testApp.app.get(DataSource);
    await loadDemoData(dataSource);
    // A seeded follow-up meeting goes, and its host is booked with someone else at that time.
    const [seeded] = await dataSource.query(
      `SELECT m.id, m.event_id AS "eventId", m.round_id AS "roundId", m.host_user_id AS "hostUserId", m.starts_at AS "startsAt", m.ends_at AS "endsAt"
         FROM meetings m JOIN consultation_rounds r ON r.id = m.round_id
        WHERE r.programme_id = $1 AND r.position = 4 AND m.status = 'confirmed' ORDER BY m.id LIMIT 1`,
      [BOSTON_PROGRAMME_ID],
    );
    await dataSource.query('DELETE FROM meetings WHERE id = $1', [seeded.id]);
    const [visitor] = await dataSource.query(
      `INSERT INTO users (email, password_hash, name, language, time_zone) VALUES ('walk-in@matchday.test', 'no-login', 'Walk-in founder', 'en', 'Asia/Seoul') RETURNING id`,
    );
    const [{ id: takenBy }] = await dataSource.query(
      `INSERT INTO meetings (event_id, round_id, host_user_id, guest_user_id, starts_at, ends_at, status, created_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, 'confirmed', $3) RETURNING id`,
      [seeded.eventId, seeded.roundId, seeded.hostUserId, visitor.id, seeded.startsAt, seeded.endsAt],
    );
    await dataSource.query(
      `INSERT INTO meeting_attendees (meeting_id, user_id, starts_at, ends_at, status)
       SELECT id, unnest(ARRAY[host_user_id, guest_user_id]), starts_at, ends_at, status FROM meetings WHERE id = $1`,
      [takenBy],
    );

    await loadDemoData(dataSource);
    const [{ again }] = await dataSource.query('SELECT count(*)::int AS again FROM meetings WHERE id = $1', [seeded.id]);
    assert.equal(again, 0, 'the meeting came back though its host is taken');
    const [{ lopsided }] = await dataSource.query(
      `SELECT count(*)::int AS lopsided FROM meetings m WHERE (SELECT count(*) FROM meeting_attendees a WHERE a.meeting_id = m.id) <> 2`,
    );
    assert.equal(lopsided, 0);
  });
});
