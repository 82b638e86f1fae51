import 'reflect-metadata';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { queryRows } from '../../src/common/database-queries';
import { startTestApp, TestApp } from '../support/test-app';
import { out } from './bench-support';

/**
 * `npm run bench:calls`: figures for calls and IR pitches, printed, not asserted as a test. Boots the built API in
 * process on a scratch database cloned from the test template (supertest on loopback) and removes it at the end.
 *
 *   1. Ranking: a call of 2,000 submitted applications, three reviewers each scoring all of them on three criteria
 *      (6,000 reviews, 18,000 scores); GET ranking and the managers' GET applications, timed.
 *   2. Deadline rush: 300 startups submit their drafts at once: every one submitted, nothing else.
 *   3. "Want to meet" rush: 200 investors mark the same pitch, each twice at once: exactly 200 interests and 200
 *      meeting requests.
 */

const APPLICATIONS = Number(process.env.BENCH_APPLICATIONS ?? 2_000);
const REVIEWERS = 3;
const SUBMITTERS = 300;
const INVESTORS = 200;
const CONCURRENCY = 32;


function latencies(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (fraction: number) => sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
  return `p50 ${at(0.5).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms (${sorted.length} calls)`;
}

async function bounded<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<number> {
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const item = items[next];
        next += 1;
        await work(item);
      }
    }),
  );
  return performance.now() - started;
}

async function main(): Promise<void> {
  const testApp: TestApp = await startTestApp();
  const dataSource = testApp.app.get(DataSource);
  const jwt = new JwtService({ secret: testApp.config.JWT_ACCESS_SECRET, signOptions: { expiresIn: 3600, algorithm: 'HS256' } });
  const sql = <T>(query: string, parameters: unknown[] = []): Promise<T[]> => queryRows<T>(dataSource.manager, query, parameters);
  /** People with live sessions, members of the event in `role`; returns their ids and bearer headers. */
  const people = async (group: string, count: number, eventId: string, role: string) => {
    const users = await sql<{ id: string }>(
      `INSERT INTO users (email, password_hash, name, language, time_zone)
       SELECT format('bench-%s-%s@bench.test', $1::text, g), 'no-login', format('%s %s', $1::text, g), 'en', 'Asia/Seoul'
         FROM generate_series(1, $2::int) AS g ORDER BY g RETURNING id`,
      [group, count],
    );
    const ids = users.map((user) => user.id);
    const sessions = await sql<{ id: string; user_id: string }>('INSERT INTO auth_sessions (user_id) SELECT unnest($1::uuid[]) RETURNING id, user_id', [ids]);
    await sql(`INSERT INTO event_memberships (event_id, user_id, roles) SELECT $1, unnest($2::uuid[]), ARRAY[$3::event_role]`, [eventId, ids, role]);
    const sessionOf = new Map(sessions.map((session) => [session.user_id, session.id]));
    return ids.map((id) => ({ id, auth: { Authorization: `Bearer ${jwt.sign({ sub: id, sid: sessionOf.get(id), adm: false })}` } }));
  };
  try {
    const [{ id: eventId }] = await sql<{ id: string }>(
      `INSERT INTO events (slug, name, time_zone, starts_on, ends_on, status) VALUES ('bench-calls', 'Calls bench', 'America/New_York', '2023-04-28', '2023-04-28', 'published') RETURNING id`,
    );
    const [organizer] = await people('organizer', 1, eventId, 'organizer');
    const opened = await testApp
      .http()
      .post(`/events/${eventId}/calls`)
      .set(organizer.auth)
      .send({
        kind: 'ir_pitch',
        title: 'Bench call',
        opensAt: new Date(Date.now() - 3_600_000).toISOString(),
        closesAt: new Date(Date.now() + 3_600_000).toISOString(),
        places: 15,
        questions: [{ kind: 'text', prompt: 'Pitch' }],
        criteria: [1, 2, 3].map((index) => ({ name: `Criterion ${index}`, maxScore: 10 })),
      });
    const call = opened.body as { id: string; questions: Array<{ id: string }>; criteria: Array<{ id: string }> };

    // 1. Ranking of a large call.
    await sql(
      `WITH orgs AS (
         INSERT INTO organizations (name, kind) SELECT format('Bench startup %s', g), 'startup' FROM generate_series(1, $2::int) AS g RETURNING id)
       INSERT INTO call_applications (call_id, event_id, organization_id, status, submitted_at) SELECT $1, $3, id, 'submitted', now() FROM orgs`,
      [call.id, APPLICATIONS, eventId],
    );
    await sql(`INSERT INTO call_answers (application_id, question_id, call_id, value) SELECT id, $2, $1, 'A pitch' FROM call_applications WHERE call_id = $1`, [
      call.id,
      call.questions[0].id,
    ]);
    const reviewers = await people('reviewer', REVIEWERS, eventId, 'expert');
    for (const reviewer of reviewers) {
      await sql(
        `INSERT INTO call_review_assignments (application_id, reviewer_user_id, applicant_organization_id) SELECT id, $2, organization_id FROM call_applications WHERE call_id = $1`,
        [call.id, reviewer.id],
      );
      await sql(`INSERT INTO call_reviews (application_id, reviewer_user_id, comment) SELECT id, $2, 'Bench review' FROM call_applications WHERE call_id = $1`, [call.id, reviewer.id]);
    }
    await sql(
      `INSERT INTO call_review_scores (review_id, criterion_id, max_score, score)
       SELECT r.id, c.id, c.max_score, 1 + abs(hashtext(r.id::text || c.id::text)) % 10
         FROM call_reviews r JOIN call_applications a ON a.id = r.application_id JOIN call_criteria c ON c.call_id = a.call_id WHERE a.call_id = $1`,
      [call.id],
    );
    await sql('ANALYZE');
    const rankingTimes: number[] = [];
    let entries = 0;
    for (let run = 0; run < 20; run += 1) {
      const started = performance.now();
      const ranking = await testApp.http().get(`/events/${eventId}/calls/${call.id}/ranking`).set(organizer.auth);
      rankingTimes.push(performance.now() - started);
      entries = ranking.body.entries.length;
    }
    const listTimes: number[] = [];
    for (let run = 0; run < 5; run += 1) {
      const started = performance.now();
      await testApp.http().get(`/events/${eventId}/calls/${call.id}/applications`).set(organizer.auth);
      listTimes.push(performance.now() - started);
    }
    out(`1. Ranking of ${entries} applications, ${REVIEWERS * APPLICATIONS} reviews: ${latencies(rankingTimes)}`);
    out(`   Managers' list of ${APPLICATIONS} applications with answers and reviewers: ${latencies(listTimes)}`);

    // 2. Deadline rush: drafts of 300 startups submitted at once.
    const submitters = await people('submitter', SUBMITTERS, eventId, 'startup');
    const drafts = await sql<{ id: string }>(
      `WITH orgs AS (
         INSERT INTO organizations (name, kind) SELECT format('Rush startup %s', g), 'startup' FROM generate_series(1, $2::int) AS g RETURNING id),
       numbered AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM orgs),
       owners AS (SELECT unnest($4::uuid[]) AS user_id, generate_series(1, $2::int) AS n),
       members AS (INSERT INTO organization_members (organization_id, user_id, role) SELECT numbered.id, owners.user_id, 'owner' FROM numbered JOIN owners USING (n))
       INSERT INTO call_applications (call_id, event_id, organization_id, created_by_id)
       SELECT $1, $3, numbered.id, owners.user_id FROM numbered JOIN owners USING (n) ORDER BY numbered.n RETURNING id`,
      [call.id, SUBMITTERS, eventId, submitters.map((submitter) => submitter.id)],
    );
    await sql(`INSERT INTO call_answers (application_id, question_id, call_id, value) SELECT unnest($1::uuid[]), $2, $3, 'Last-minute pitch'`, [
      drafts.map((draft) => draft.id),
      call.questions[0].id,
      call.id,
    ]);
    const submitTimes: number[] = [];
    const submitStatuses: Record<number, number> = {};
    const submitWall = await bounded(
      drafts.map((draft, index) => ({ draft, submitter: submitters[index] })),
      CONCURRENCY,
      async ({ draft, submitter }) => {
        const started = performance.now();
        const response = await testApp.http().post(`/events/${eventId}/calls/${call.id}/applications/${draft.id}/submit`).set(submitter.auth);
        submitTimes.push(performance.now() - started);
        submitStatuses[response.status] = (submitStatuses[response.status] ?? 0) + 1;
      },
    );
    const [{ submitted }] = await sql<{ submitted: number }>(
      `SELECT count(*)::int AS submitted FROM call_applications WHERE id = ANY($1::uuid[]) AND status = 'submitted'`,
      [drafts.map((draft) => draft.id)],
    );
    out(`2. Deadline rush, ${SUBMITTERS} submissions at ${CONCURRENCY} at a time: ${(SUBMITTERS / (submitWall / 1000)).toFixed(0)} per second, ${latencies(submitTimes)}`);
    out(`   Answers ${JSON.stringify(submitStatuses)}; submitted ${submitted} of ${SUBMITTERS}`);

    // 3. "Want to meet" rush on one pitch.
    await sql(`UPDATE calls SET places = 1, opens_at = now() - interval '2 hours', closes_at = now() - interval '1 minute' WHERE id = $1`, [call.id]);
    const [pitcher] = await sql<{ id: string; organization_id: string; created_by_id: string }>(
      `UPDATE call_applications SET decision = 'selected', decided_at = now() WHERE id = $1 RETURNING id, organization_id, created_by_id`,
      [drafts[0].id],
    );
    await sql(`UPDATE call_applications SET decision = 'rejected', decided_at = now() WHERE call_id = $1 AND status = 'submitted' AND decision IS NULL`, [call.id]);
    await testApp.http().post(`/events/${eventId}/calls/${call.id}/publish`).set(organizer.auth);
    const [{ id: programmeId }] = await sql<{ id: string }>(`INSERT INTO consultation_programmes (event_id, name) VALUES ($1, 'Bench programme') RETURNING id`, [eventId]);
    const [{ id: roundId }] = await sql<{ id: string }>(
      `INSERT INTO consultation_rounds (programme_id, event_id, position, name, mode, time_zone, slot_minutes, booking_opens_at, booking_closes_at, initiator)
       VALUES ($1, $2, 1, 'Bench round', 'online', 'America/New_York', 30, now() - interval '1 day', now() + interval '1 day', 'both') RETURNING id`,
      [programmeId, eventId],
    );
    await sql(`INSERT INTO round_windows (round_id, date, starts_at_time, ends_at_time) VALUES ($1, '2023-04-28', '09:00', '17:00')`, [roundId]);
    await sql(`INSERT INTO programme_participants (programme_id, user_id, side, organization_id) VALUES ($1, $2, 'guest', $3)`, [programmeId, pitcher.created_by_id, pitcher.organization_id]);
    const investors = await people('investor', INVESTORS, eventId, 'investor');
    await sql(`INSERT INTO programme_participants (programme_id, user_id, side) SELECT $1, unnest($2::uuid[]), 'host'`, [programmeId, investors.map((investor) => investor.id)]);
    const session = await testApp
      .http()
      .post(`/events/${eventId}/sessions`)
      .set(organizer.auth)
      .send({ kind: 'ir_pitch', titleEn: 'Bench pitches', startsAt: '2023-04-28T17:30', endsAt: '2023-04-28T18:00' });
    const pitchSession = await testApp.http().post(`/events/${eventId}/pitch-sessions`).set(organizer.auth).send({ agendaSessionId: session.body.id, callId: call.id, consultationRoundId: roundId });
    const ordered = await testApp.http().put(`/events/${eventId}/pitch-sessions/${pitchSession.body.id}/running-order`).set(organizer.auth).send({ applicationIds: [pitcher.id] });
    const slotId = ordered.body.slots[0].id;
    const markTimes: number[] = [];
    const markStatuses: Record<number, number> = {};
    const marks = [...investors, ...investors];
    const markWall = await bounded(marks, CONCURRENCY, async (investor) => {
      const started = performance.now();
      const response = await testApp.http().put(`/events/${eventId}/pitch-slots/${slotId}/interest`).set(investor.auth).send({});
      markTimes.push(performance.now() - started);
      markStatuses[response.status] = (markStatuses[response.status] ?? 0) + 1;
    });
    const [{ interests, requests }] = await sql<{ interests: number; requests: number }>(
      `SELECT (SELECT count(*)::int FROM pitch_interests WHERE pitch_slot_id = $1) AS interests,
              (SELECT count(*)::int FROM meeting_requests WHERE round_id = $2) AS requests`,
      [slotId, roundId],
    );
    out(`3. "Want to meet" rush, ${marks.length} marks by ${INVESTORS} investors at ${CONCURRENCY} at a time: ${(marks.length / (markWall / 1000)).toFixed(0)} per second, ${latencies(markTimes)}`);
    out(`   Answers ${JSON.stringify(markStatuses)}; ${interests} interests and ${requests} meeting requests (expected ${INVESTORS} each)`);
  } finally {
    await testApp.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
