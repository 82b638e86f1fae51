import { EntityManager } from 'typeorm';
import { CallKind } from '../calls/call.enums';
import { EventRole } from '../events/event.enums';
import { OrganizationKind } from '../organizations/organization.enums';
import {
  BIG_BANG,
  BIG_BANG_APPLICANTS,
  BIG_BANG_PROJECTS,
  BIG_BANG_REVIEWER_EMAILS,
  bigBangReviewId,
  BOSTON_IR,
  bostonApplicationId,
  bostonSlotId,
  buildBostonPitchFeedback,
  DemoQuestion,
  LOREAL_ORGANIZATION_ID,
} from './demo-calls-data';
import { BOSTON_EVENT_SLUG, DEMO_STARTUPS, DEMO_VCS } from './demo-consultations-data';
import { DEMO_FLOOR_EVENT_SLUG } from './demo-floor-data';

const MINUTE = 60_000;

/**
 * L'Oréal Big Bang on K-Global Cluster 2023 (seed 000): the challenge, its 34 applications with their answers, two
 * reviewers' scores, the decisions (Motionbank and Easytem win, 17 to 1), and the winners' collaboration projects with
 * L'Oréal through their stages. Like the rest of the demo: fixed ids, ON CONFLICT DO NOTHING, rows joined to their
 * parents so a second run (or one after people changed things) writes nothing twice and nothing dangling.
 */
export async function seedBigBangChallenge(manager: EntityManager): Promise<void> {
  const eventId = await eventIdOf(manager, DEMO_FLOOR_EVENT_SLUG);
  if (!eventId) return;
  const userId = await userIds(manager, [...BIG_BANG_REVIEWER_EMAILS, 'dermalab@matchday.demo']);
  const [expertEmail, lorealEmail] = BIG_BANG_REVIEWER_EMAILS;

  await manager.query(
    `INSERT INTO organizations (id, name, kind, sectors, country, description)
     SELECT r.id, r.name, $2::organization_kind, ARRAY['cosmetics', 'beauty tech'], 'KR', r.description
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, name text, description text)
     ON CONFLICT (id) DO NOTHING`,
    [
      json(BIG_BANG_APPLICANTS.filter((applicant) => applicant.invented).map((applicant) => ({ id: applicant.organizationId, name: applicant.name, description: `${applicant.pitch}. Invented for the demo.` }))),
      OrganizationKind.Startup,
    ],
  );
  // The patent expert reviews the applications, so she is a member of the expo too.
  await manager.query(`INSERT INTO event_memberships (event_id, user_id, roles) VALUES ($1, $2, ARRAY[$3::event_role]) ON CONFLICT DO NOTHING`, [
    eventId,
    userId.get(expertEmail),
    EventRole.Expert,
  ]);
  await insertCall(manager, {
    id: BIG_BANG.id,
    eventId,
    kind: CallKind.Challenge,
    hostOrganizationId: LOREAL_ORGANIZATION_ID,
    title: BIG_BANG.title,
    description: BIG_BANG.description,
    eligibility: BIG_BANG.eligibility,
    opensAt: BIG_BANG.opensAt,
    closesAt: BIG_BANG.closesAt,
    places: BIG_BANG.places,
    publishedAt: BIG_BANG.publishedAt,
    createdById: userId.get(lorealEmail) ?? null,
    questions: BIG_BANG.questions,
  });
  await manager.query(
    `INSERT INTO call_criteria (id, call_id, position, name, description, max_score)
     SELECT r.id, $2, r.position, r.name, r.description, r.max_score
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, position int, name text, description text, max_score int)
      WHERE EXISTS (SELECT 1 FROM calls WHERE id = $2)
     ON CONFLICT DO NOTHING`,
    [json(BIG_BANG.criteria.map((criterion, index) => ({ id: criterion.id, position: index + 1, name: criterion.name, description: criterion.description, max_score: criterion.maxScore }))), BIG_BANG.id],
  );
  const opensAt = Date.parse(BIG_BANG.opensAt);
  await insertApplications(
    manager,
    BIG_BANG.id,
    BIG_BANG_APPLICANTS.map((applicant, index) => ({
      id: applicant.applicationId,
      organization_id: applicant.organizationId,
      decision: applicant.decision,
      decision_note: applicant.note,
      review_comments_shared: applicant.shareReviewComments,
      // Spread over September, most of them in the last week.
      submitted_at: new Date(opensAt + (10 + ((index * 7) % 19)) * 24 * 60 * MINUTE + index * 37 * MINUTE),
      decided_at: BIG_BANG.decidedAt,
      created_by_id: applicant.organizationId === '6f0e2a4c-0000-4000-8000-000000000003' ? (userId.get('dermalab@matchday.demo') ?? null) : null,
    })),
  );
  const [pitchQuestion, trackQuestion, deckQuestion, staffQuestion] = BIG_BANG.questions;
  await insertAnswers(
    manager,
    BIG_BANG.id,
    BIG_BANG_APPLICANTS.flatMap((applicant, index) => [
      { application_id: applicant.applicationId, question_id: pitchQuestion.id, value: applicant.pitch },
      { application_id: applicant.applicationId, question_id: trackQuestion.id, value: applicant.track },
      ...(index % 3 === 0 ? [{ application_id: applicant.applicationId, question_id: deckQuestion.id, value: `https://deck.matchday.demo/big-bang-2023/${index + 1}.pdf` }] : []),
      { application_id: applicant.applicationId, question_id: staffQuestion.id, value: String(applicant.employees) },
    ]),
  );
  const reviewers = BIG_BANG_REVIEWER_EMAILS.map((email) => userId.get(email));
  // Each reviewer's organizations as they stand, written next to the applicant's: the CHECK keeps them apart.
  await manager.query(
    `INSERT INTO call_review_assignments (application_id, reviewer_user_id, applicant_organization_id, reviewer_organization_ids, assigned_by_id, created_at)
     SELECT a.id, r.reviewer, a.organization_id, ARRAY(SELECT m.organization_id FROM organization_members m WHERE m.user_id = r.reviewer), $2, $3
       FROM jsonb_to_recordset($1::jsonb) AS r(application_id uuid, reviewer uuid) JOIN call_applications a ON a.id = r.application_id
     ON CONFLICT DO NOTHING`,
    [json(BIG_BANG_APPLICANTS.flatMap((applicant) => reviewers.map((reviewer) => ({ application_id: applicant.applicationId, reviewer })))), reviewers[1], BIG_BANG.closesAt],
  );
  const reviews = BIG_BANG_APPLICANTS.flatMap((applicant, index) =>
    reviewers.map((reviewer, side) => ({
      id: bigBangReviewId(index, side),
      application_id: applicant.applicationId,
      reviewer,
      comment: applicant.comments[side],
      scores: applicant.scores[side],
    })),
  );
  await manager.query(
    `INSERT INTO call_reviews (id, application_id, reviewer_user_id, comment, created_at, updated_at)
     SELECT r.id, x.application_id, x.reviewer_user_id, r.comment, $2::timestamptz, $2::timestamptz
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, application_id uuid, reviewer uuid, comment text)
       JOIN call_review_assignments x ON x.application_id = r.application_id AND x.reviewer_user_id = r.reviewer
     ON CONFLICT DO NOTHING`,
    [json(reviews.map(({ scores: _scores, ...review }) => review)), '2023-10-10T18:00:00+09:00'],
  );
  await manager.query(
    `INSERT INTO call_review_scores (review_id, criterion_id, max_score, score)
     SELECT r.review_id, c.id, c.max_score, r.score
       FROM jsonb_to_recordset($1::jsonb) AS r(review_id uuid, criterion_id uuid, score int)
       JOIN call_reviews v ON v.id = r.review_id JOIN call_criteria c ON c.id = r.criterion_id
     ON CONFLICT DO NOTHING`,
    [json(reviews.flatMap((review) => review.scores.map((score, criterion) => ({ review_id: review.id, criterion_id: BIG_BANG.criteria[criterion].id, score }))))],
  );

  await manager.query(
    `INSERT INTO collaboration_projects (id, event_id, call_id, application_id, host_organization_id, startup_organization_id, title, stage,
                                         stage_since, created_by_id, created_at)
     SELECT r.id, a.event_id, a.call_id, a.id, $2, a.organization_id, r.title, r.stage::collaboration_stage, r.stage_since, $3, r.created_at
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, application_id uuid, title text, stage text, stage_since date, created_at timestamptz)
       JOIN call_applications a ON a.id = r.application_id
     ON CONFLICT DO NOTHING`,
    [
      json(
        BIG_BANG_PROJECTS.map((project) => {
          const current = project.stages[project.stages.length - 1];
          return { id: project.id, application_id: project.applicationId, title: project.title, stage: current.stage, stage_since: current.on, created_at: BIG_BANG.publishedAt };
        }),
      ),
      LOREAL_ORGANIZATION_ID,
      userId.get(lorealEmail) ?? null,
    ],
  );
  await manager.query(
    `INSERT INTO collaboration_stage_entries (id, project_id, stage, entered_on, note, recorded_by_id, created_at)
     SELECT r.id, p.id, r.stage::collaboration_stage, r.entered_on, r.note, $2, r.entered_on + time '18:00'
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, project_id uuid, stage text, entered_on date, note text)
       JOIN collaboration_projects p ON p.id = r.project_id
     ON CONFLICT DO NOTHING`,
    [
      json(BIG_BANG_PROJECTS.flatMap((project) => project.stages.map((entry) => ({ id: entry.id, project_id: project.id, stage: entry.stage, entered_on: entry.on, note: entry.note })))),
      userId.get(lorealEmail) ?? null,
    ],
  );
}

/**
 * The IR pitches of the Boston day (seed 001): the IR call the 15 startups applied to, all selected; the 7 + 3 minute
 * running order from 17:30; the VCs' ratings; and the "want to meet" marks with the follow-up requests they sent.
 */
export async function seedBostonPitches(manager: EntityManager): Promise<void> {
  const eventId = await eventIdOf(manager, BOSTON_EVENT_SLUG);
  if (!eventId) return;
  const userId = await userIds(manager, ['organizer@matchday.demo', ...DEMO_STARTUPS.map((startup) => startup.email), ...DEMO_VCS.map((vc) => vc.email)]);
  await insertCall(manager, {
    id: BOSTON_IR.callId,
    eventId,
    kind: CallKind.IrPitch,
    hostOrganizationId: null,
    title: BOSTON_IR.title,
    description: BOSTON_IR.description,
    eligibility: BOSTON_IR.eligibility,
    opensAt: BOSTON_IR.opensAt,
    closesAt: BOSTON_IR.closesAt,
    places: DEMO_STARTUPS.length,
    publishedAt: BOSTON_IR.publishedAt,
    createdById: userId.get('organizer@matchday.demo') ?? null,
    questions: BOSTON_IR.questions,
  });
  const opensAt = Date.parse(BOSTON_IR.opensAt);
  await insertApplications(
    manager,
    BOSTON_IR.callId,
    DEMO_STARTUPS.map((startup, index) => ({
      id: bostonApplicationId(index),
      organization_id: startup.organizationId,
      decision: 'selected',
      decision_note: `Your pitch is number ${index + 1} of the running order, from 17:30 on 28 April.`,
      review_comments_shared: false,
      submitted_at: new Date(opensAt + (index + 2) * 24 * 60 * MINUTE),
      decided_at: BOSTON_IR.decidedAt,
      created_by_id: userId.get(startup.email) ?? null,
    })),
  );
  const [summaryQuestion, fundingQuestion] = BOSTON_IR.questions;
  await insertAnswers(
    manager,
    BOSTON_IR.callId,
    DEMO_STARTUPS.flatMap((startup, index) => [
      { application_id: bostonApplicationId(index), question_id: summaryQuestion.id, value: `${startup.organizationName}: ${startup.sectors.join(', ')}, ${startup.stage.replaceAll('_', ' ')}.` },
      { application_id: bostonApplicationId(index), question_id: fundingQuestion.id, value: String(500_000 * (1 + (index % 6))) },
    ]),
  );
  await manager.query(
    `INSERT INTO agenda_sessions (id, event_id, title_ko, title_en, kind, starts_at, ends_at, description, visibility)
     VALUES ($1, $2, '투자설명회(IR)', 'IR pitches to the VCs', 'ir_pitch', $3, $4, $5, 'members') ON CONFLICT (id) DO NOTHING`,
    [BOSTON_IR.agendaSessionId, eventId, BOSTON_IR.startsAt, BOSTON_IR.endsAt, 'Fifteen Korean startups, seven minutes of pitch and three of questions each.'],
  );
  await manager.query(
    `INSERT INTO pitch_sessions (id, event_id, agenda_session_id, call_id, consultation_round_id, pitch_minutes, qa_minutes)
     SELECT $1, s.event_id, s.id, c.id, (SELECT id FROM consultation_rounds WHERE id = $4), 7, 3
       FROM agenda_sessions s JOIN calls c ON c.id = $3 AND c.event_id = s.event_id
      WHERE s.id = $2
     ON CONFLICT DO NOTHING`,
    [BOSTON_IR.pitchSessionId, BOSTON_IR.agendaSessionId, BOSTON_IR.callId, BOSTON_IR.roundId],
  );
  await manager.query(
    `INSERT INTO pitch_slots (id, pitch_session_id, event_id, application_id, position)
     SELECT r.id, p.id, p.event_id, a.id, r.position
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, application_id uuid, position int)
       JOIN pitch_sessions p ON p.id = $2 JOIN call_applications a ON a.id = r.application_id
      -- The position's uniqueness is deferrable, which ON CONFLICT cannot take as an arbiter: skip taken ones here.
      WHERE NOT EXISTS (SELECT 1 FROM pitch_slots x WHERE x.application_id = a.id OR (x.pitch_session_id = p.id AND x.position = r.position))
     ON CONFLICT (id) DO NOTHING`,
    [json(DEMO_STARTUPS.map((_, index) => ({ id: bostonSlotId(index), application_id: bostonApplicationId(index), position: index + 1 }))), BOSTON_IR.pitchSessionId],
  );
  const { ratings, interests } = buildBostonPitchFeedback();
  await manager.query(
    `INSERT INTO pitch_ratings (pitch_slot_id, investor_user_id, score, created_at, updated_at)
     SELECT s.id, r.investor, r.score, r.rated_at, r.rated_at
       FROM jsonb_to_recordset($1::jsonb) AS r(slot_id uuid, investor uuid, score int, rated_at timestamptz) JOIN pitch_slots s ON s.id = r.slot_id
     ON CONFLICT DO NOTHING`,
    [json(ratings.map((rating) => ({ slot_id: bostonSlotId(rating.startup), investor: userId.get(DEMO_VCS[rating.vc].email), score: rating.score, rated_at: pitchEnds(rating.startup) })))],
  );
  // "Want to meet": the request in the follow-up round, then the mark that sent it.
  await manager.query(
    `INSERT INTO meeting_requests (id, round_id, event_id, host_user_id, guest_user_id, initiated_by, message, priority, status, created_at, updated_at)
     SELECT r.id, c.id, c.event_id, r.host, r.guest, 'host', r.message, 3, 'pending', $2, $2
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, host uuid, guest uuid, message text) JOIN consultation_rounds c ON c.id = $3
     ON CONFLICT DO NOTHING`,
    [
      json(
        interests.map((interest) => ({
          id: interest.requestId,
          host: userId.get(DEMO_VCS[interest.vc].email),
          guest: userId.get(DEMO_STARTUPS[interest.startup].email),
          message: `After your IR pitch: ${DEMO_STARTUPS[interest.startup].organizationName}, I would like to meet.`,
        })),
      ),
      BOSTON_IR.interestAt,
      BOSTON_IR.roundId,
    ],
  );
  await manager.query(
    `INSERT INTO pitch_interests (pitch_slot_id, investor_user_id, meeting_request_id, round_id, created_at)
     SELECT s.id, m.host_user_id, m.id, m.round_id, $2
       FROM jsonb_to_recordset($1::jsonb) AS r(slot_id uuid, request_id uuid)
       JOIN pitch_slots s ON s.id = r.slot_id JOIN meeting_requests m ON m.id = r.request_id
     ON CONFLICT DO NOTHING`,
    [json(interests.map((interest) => ({ slot_id: bostonSlotId(interest.startup), request_id: interest.requestId }))), BOSTON_IR.interestAt],
  );
}

/** When the pitch of the startup at that index ends (ratings come in then). */
function pitchEnds(startup: number): Date {
  return new Date(Date.parse(BOSTON_IR.startsAt) + (startup + 1) * 10 * MINUTE);
}

interface CallRow {
  id: string;
  eventId: string;
  kind: CallKind;
  hostOrganizationId: string | null;
  title: string;
  description: string;
  eligibility: string;
  opensAt: string;
  closesAt: string;
  places: number;
  publishedAt: string;
  createdById: string | null;
  questions: DemoQuestion[];
}

async function insertCall(manager: EntityManager, call: CallRow): Promise<void> {
  await manager.query(
    `INSERT INTO calls (id, event_id, kind, host_organization_id, title, description, eligibility, opens_at, closes_at, places,
                        results_published_at, created_by_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $8) ON CONFLICT (id) DO NOTHING`,
    [call.id, call.eventId, call.kind, call.hostOrganizationId, call.title, call.description, call.eligibility, call.opensAt, call.closesAt, call.places, call.publishedAt, call.createdById],
  );
  await manager.query(
    `INSERT INTO call_questions (id, call_id, position, kind, prompt, required, choices, min_value)
     SELECT r.id, $2, r.position, r.kind::question_kind, r.prompt, r.required, ARRAY(SELECT jsonb_array_elements_text(r.choices)), r.min_value
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, position int, kind text, prompt text, required boolean, choices jsonb, min_value numeric)
      WHERE EXISTS (SELECT 1 FROM calls WHERE id = $2)
     ON CONFLICT DO NOTHING`,
    [
      json(call.questions.map((question, index) => ({ id: question.id, position: index + 1, kind: question.kind, prompt: question.prompt, required: question.required, choices: question.choices, min_value: question.minValue }))),
      call.id,
    ],
  );
}

/** Submitted, decided applications of a call (its event copied from the call). */
async function insertApplications(manager: EntityManager, callId: string, applications: Array<Record<string, unknown>>): Promise<void> {
  await manager.query(
    `INSERT INTO call_applications (id, call_id, event_id, organization_id, status, decision, decision_note, review_comments_shared,
                                    submitted_at, decided_at, created_by_id, created_at, updated_at)
     SELECT r.id, c.id, c.event_id, r.organization_id, 'submitted', r.decision::call_decision, r.decision_note, r.review_comments_shared,
            r.submitted_at, r.decided_at, r.created_by_id, r.submitted_at - interval '2 days', r.decided_at
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, organization_id uuid, decision text, decision_note text, review_comments_shared boolean,
                                                submitted_at timestamptz, decided_at timestamptz, created_by_id uuid)
       JOIN calls c ON c.id = $2 JOIN organizations o ON o.id = r.organization_id
     ON CONFLICT DO NOTHING`,
    [json(applications), callId],
  );
}

async function insertAnswers(manager: EntityManager, callId: string, answers: Array<{ application_id: string; question_id: string; value: string }>): Promise<void> {
  await manager.query(
    `INSERT INTO call_answers (application_id, question_id, call_id, value, updated_at)
     SELECT a.id, q.id, $2, r.value, a.submitted_at
       FROM jsonb_to_recordset($1::jsonb) AS r(application_id uuid, question_id uuid, value text)
       JOIN call_applications a ON a.id = r.application_id AND a.call_id = $2 JOIN call_questions q ON q.id = r.question_id AND q.call_id = $2
     ON CONFLICT DO NOTHING`,
    [json(answers), callId],
  );
}

async function eventIdOf(manager: EntityManager, slug: string): Promise<string | null> {
  const [event]: Array<{ id: string }> = await manager.query('SELECT id FROM events WHERE slug = $1', [slug]);
  return event?.id ?? null;
}

async function userIds(manager: EntityManager, emails: string[]): Promise<Map<string, string>> {
  const rows: Array<{ id: string; email: string }> = await manager.query('SELECT id, email FROM users WHERE email = ANY($1)', [emails]);
  return new Map(rows.map((row) => [row.email, row.id]));
}

function json(rows: unknown[]): string {
  return JSON.stringify(rows);
}
