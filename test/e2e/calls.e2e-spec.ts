import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { Actor, addEventMember, assertProblem, createEvent, registerActor } from '../support/actors';
import { addCompanyMember, closeCall, Company, createCompany, decidedCall, openCall, publish, submitApplication, unique } from '../support/call-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

const HOUR = 3_600_000;

function applicationPath(eventId: string, callId: string, applicationId = ''): string {
  return `/events/${eventId}/calls/${callId}/applications${applicationId ? `/${applicationId}` : ''}`;
}

/** Calls for applications, end to end: open, apply, review, decide, publish; and the rules that refuse bad input. */
describe('calls', () => {
  let testApp: TestApp;
  let dataSource: DataSource;
  const http = () => testApp.http();

  before(async () => {
    testApp = await startTestApp();
    dataSource = testApp.app.get(DataSource);
  });
  after(async () => {
    await testApp.close();
  });

  /** An organizer, a published event, and a corporate host (a member of its company, exhibitor at the event). */
  async function world() {
    const organizer = await registerActor(testApp, { name: 'MSS organizer' });
    const event = await createEvent(testApp, organizer, { name: unique('K-Global Cluster') });
    const host = await createCompany(testApp, unique("L'Oréal"), 'corporate');
    await addEventMember(testApp, event.id, organizer, host.owner, 'exhibitor');
    return { organizer, eventId: event.id, host };
  }

  it('runs a challenge end to end: open, apply, review, decide, publish; applicants see only what is theirs', async () => {
    const { organizer, eventId, host } = await world();
    const opened = await http()
      .post(`/events/${eventId}/calls`)
      .set(host.owner.auth)
      .send({
        kind: 'challenge',
        hostOrganizationId: host.organizationId,
        title: "L'Oréal Big Bang open innovation",
        description: 'Beauty tech for the North Asian beauty triangle',
        eligibility: 'Korean startups with a working prototype',
        opensAt: new Date(Date.now() - HOUR).toISOString(),
        closesAt: new Date(Date.now() + 24 * HOUR).toISOString(),
        places: 2,
        questions: [
          { kind: 'text', prompt: 'What does your technology do for beauty?' },
          { kind: 'choice', prompt: 'Track', choices: ['Digital device', 'Advanced material', 'Generative AI'] },
          { kind: 'link', prompt: 'Pitch deck', required: false },
          { kind: 'number', prompt: 'Employees', required: false, minValue: 1, maxValue: 500 },
        ],
        criteria: [
          { name: 'Innovation', maxScore: 10 },
          { name: "Fit with L'Oréal", maxScore: 5 },
        ],
      });
    assert.equal(opened.status, 201, JSON.stringify(opened.body));
    const call = opened.body;
    assert.equal(call.kind, 'challenge');
    assert.equal(call.hostOrganization.id, host.organizationId);
    assert.equal(call.isOpen, true);
    assert.equal(call.canManage, true);
    assert.equal(call.opensAt.endsWith('+09:00'), true, call.opensAt);
    const [pitchQuestion, trackQuestion, deckQuestion, staffQuestion] = call.questions;
    const [innovation, fit] = call.criteria;

    // Startup A drafts, answers, submits, edits until the call closes.
    const a = await createCompany(testApp, unique('Motionbank'));
    const draft = await http()
      .post(applicationPath(eventId, call.id))
      .set(a.owner.auth)
      .send({ organizationId: a.organizationId, answers: [{ questionId: deckQuestion.id, value: 'https://motionbank.example/deck.pdf' }] });
    assert.equal(draft.status, 201, JSON.stringify(draft.body));
    assert.equal(draft.body.status, 'draft');
    const appA = draft.body.id;
    const missing = await http().post(`${applicationPath(eventId, call.id, appA)}/submit`).set(a.owner.auth);
    assertProblem(missing, 422, 'answers_missing');
    assert.equal(missing.body.errors.length, 2);
    const answerRows = () =>
      dataSource.query('SELECT question_id, value, updated_at FROM call_answers WHERE application_id = $1 ORDER BY question_id', [appA]);
    const draftAnswers = await answerRows();
    assert.equal(draftAnswers.length, 1);
    assertProblem(
      await http().patch(applicationPath(eventId, call.id, appA)).set(a.owner.auth).send({ answers: [{ questionId: '5a0f0000-0000-4000-8000-000000000000', value: 'x' }] }),
      422,
      'unknown_question',
    );
    const badAnswers = await http()
      .patch(applicationPath(eventId, call.id, appA))
      .set(a.owner.auth)
      .send({ answers: [{ questionId: trackQuestion.id, value: 'Cosmetics' }, { questionId: staffQuestion.id, value: 501 }] });
    assertProblem(badAnswers, 400, 'validation_failed');
    assert.deepEqual(badAnswers.body.errors.map((error: { field: string }) => error.field), ['answers[0].value', 'answers[1].value']);
    // Neither the unknown question nor the bad values changed anything, not even with a good answer sent alongside.
    assertProblem(
      await http()
        .patch(applicationPath(eventId, call.id, appA))
        .set(a.owner.auth)
        .send({ answers: [{ questionId: pitchQuestion.id, value: 'A good answer' }, { questionId: '5a0f0000-0000-4000-8000-000000000000', value: 'x' }] }),
      422,
      'unknown_question',
    );
    assertProblem(
      await http()
        .patch(applicationPath(eventId, call.id, appA))
        .set(a.owner.auth)
        .send({ answers: [{ questionId: pitchQuestion.id, value: 'A good answer' }, { questionId: staffQuestion.id, value: 0 }] }),
      400,
      'validation_failed',
    );
    assert.deepEqual(await answerRows(), draftAnswers);
    const answered = await http()
      .patch(applicationPath(eventId, call.id, appA))
      .set(a.owner.auth)
      .send({
        answers: [
          { questionId: pitchQuestion.id, value: 'A smart meter of the UV dose your skin took today' },
          { questionId: trackQuestion.id, value: 'Digital device' },
          { questionId: staffQuestion.id, value: 12 },
        ],
      });
    assert.equal(answered.status, 200, JSON.stringify(answered.body));
    assert.deepEqual(
      answered.body.answers.map((answer: { value: unknown }) => answer.value),
      ['A smart meter of the UV dose your skin took today', 'Digital device', 'https://motionbank.example/deck.pdf', 12],
    );
    const submitted = await http().post(`${applicationPath(eventId, call.id, appA)}/submit`).set(a.owner.auth);
    assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
    assert.equal(submitted.body.status, 'submitted');
    assertProblem(await http().post(`${applicationPath(eventId, call.id, appA)}/submit`).set(a.owner.auth), 409, 'already_submitted');
    // A submitted application stays editable until the call closes, but keeps its required answers.
    assertProblem(
      await http().patch(applicationPath(eventId, call.id, appA)).set(a.owner.auth).send({ answers: [{ questionId: pitchQuestion.id, value: null }] }),
      422,
      'answers_missing',
    );
    const edited = await http()
      .patch(applicationPath(eventId, call.id, appA))
      .set(a.owner.auth)
      .send({ answers: [{ questionId: staffQuestion.id, value: null }] });
    assert.equal(edited.status, 200);
    assert.equal(edited.body.answers.length, 3);

    // A colleague of A applying again for the same company: a duplicate.
    const colleague = await registerActor(testApp, { name: 'Motionbank CTO' });
    await addCompanyMember(testApp, a, colleague);
    const duplicate = await http().post(applicationPath(eventId, call.id)).set(colleague.auth).send({ organizationId: a.organizationId });
    assertProblem(duplicate, 409, 'already_applied_to_call');
    // Only startups apply, and only for their own company.
    assertProblem(await http().post(applicationPath(eventId, call.id)).set(host.owner.auth).send({ organizationId: host.organizationId }), 400, 'validation_failed');
    assertProblem(await http().post(applicationPath(eventId, call.id)).set(colleague.auth).send({ organizationId: (await createCompany(testApp)).organizationId }), 403, 'not_organization_member');

    const answers = (text: string) => [
      { questionId: pitchQuestion.id, value: text },
      { questionId: trackQuestion.id, value: 'Advanced material' },
    ];
    const applyAndSubmit = async (company: Company, text: string): Promise<string> => {
      const created = await http().post(applicationPath(eventId, call.id)).set(company.owner.auth).send({ organizationId: company.organizationId, answers: answers(text) });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal((await http().post(`${applicationPath(eventId, call.id, created.body.id)}/submit`).set(company.owner.auth)).status, 200);
      return created.body.id;
    };
    const b = await createCompany(testApp, unique('Easytem'));
    const c = await createCompany(testApp, unique('Glowlab'));
    const d = await createCompany(testApp, unique('Withdrawn Co'));
    const appB = await applyAndSubmit(b, 'AP absorption booster for cosmetic actives');
    const appC = await applyAndSubmit(c, 'Generative AI shade matching');
    const appD = await applyAndSubmit(d, 'We will withdraw');
    const withdrawn = await http().post(`${applicationPath(eventId, call.id, appD)}/withdraw`).set(d.owner.auth);
    assert.equal(withdrawn.body.status, 'withdrawn');
    assertProblem(await http().post(`${applicationPath(eventId, call.id, appD)}/withdraw`).set(d.owner.auth), 409, 'application_not_editable');
    const e = await createCompany(testApp, unique('Late Co'));
    const late = await http().post(applicationPath(eventId, call.id)).set(e.owner.auth).send({ organizationId: e.organizationId, answers: answers('Too late') });
    assert.equal(late.status, 201);

    // Three submitted applications for two places: 1.5 to 1.
    const afterApplying = await http().get(`/events/${eventId}/calls/${call.id}`).set(a.owner.auth);
    assert.deepEqual(afterApplying.body.competition, { applicants: 3, places: 2, ratio: 1.5, label: '1.5:1' });
    assert.equal(afterApplying.body.canManage, false);
    // Managers see submitted applications (and the withdrawn one), never a draft; applicants only their own.
    const managed = await http().get(applicationPath(eventId, call.id)).set(host.owner.auth);
    assert.deepEqual(new Set(managed.body.map((application: { id: string }) => application.id)), new Set([appA, appB, appC, appD]));
    assertProblem(await http().get(applicationPath(eventId, call.id, late.body.id)).set(organizer.auth), 404, 'not_found');
    const own = await http().get(applicationPath(eventId, call.id)).set(colleague.auth);
    assert.deepEqual(own.body.map((application: { id: string }) => application.id), [appA]);

    // Reviewers: event members, never on their own company; all or nothing.
    const expert = await registerActor(testApp, { name: 'Beauty-tech expert' });
    const insider = await registerActor(testApp, { name: 'Easytem adviser' });
    await addEventMember(testApp, eventId, organizer, expert, 'expert');
    await addEventMember(testApp, eventId, organizer, insider, 'expert');
    await addCompanyMember(testApp, b, insider);
    const assign = (reviewer: Actor, applicationIds: string[]) =>
      http().post(`/events/${eventId}/calls/${call.id}/reviewers`).set(host.owner.auth).send({ reviewerUserId: reviewer.id, applicationIds });
    const conflict = await assign(insider, [appA, appB, appC]);
    assertProblem(conflict, 409, 'reviewer_own_organization');
    const [{ count: insiderAssignments }] = await dataSource.query('SELECT count(*)::int AS count FROM call_review_assignments WHERE reviewer_user_id = $1', [insider.id]);
    assert.equal(insiderAssignments, 0);
    assert.equal((await assign(insider, [appA, appC])).status, 200);
    const assigned = await assign(expert, [appA, appB, appC]);
    assert.equal(assigned.status, 200, JSON.stringify(assigned.body));
    assert.equal(assigned.body.length, 3);
    assertProblem(await assign(expert, [appD]), 409, 'application_not_submitted');
    assertProblem(await assign(await registerActor(testApp), [appA]), 400, 'validation_failed');

    // Reviews: every criterion, on its scale.
    const review = (reviewer: Actor, applicationId: string, scores: Array<[string, number]>, comment?: string) =>
      http()
        .put(`/events/${eventId}/calls/${call.id}/applications/${applicationId}/review`)
        .set(reviewer.auth)
        .send({ scores: scores.map(([criterionId, score]) => ({ criterionId, score })), ...(comment ? { comment } : {}) });
    const outOfScale = await review(expert, appA, [[innovation.id, 11], [fit.id, 0]]);
    assertProblem(outOfScale, 400, 'validation_failed');
    assert.deepEqual(outOfScale.body.errors.map((error: { field: string }) => error.field), ['scores[0].score', 'scores[1].score']);
    assertProblem(await review(expert, appA, [[innovation.id, 9]]), 400, 'validation_failed');
    assertProblem(await review(expert, appA, [[innovation.id, 9], [fit.id, 4], ['5a0f0000-0000-4000-8000-000000000000', 1]]), 422, 'unknown_criterion');
    const [{ count: noReviews }] = await dataSource.query('SELECT count(*)::int AS count FROM call_reviews');
    assert.equal(noReviews, 0);
    const first = await review(expert, appA, [[innovation.id, 9], [fit.id, 5]], 'Convincing prototype; clear retail use');
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(first.body.total, 14);
    assert.equal((await review(expert, appB, [[innovation.id, 8], [fit.id, 4]], 'Strong lab data')).status, 200);
    assert.equal((await review(expert, appC, [[innovation.id, 5], [fit.id, 3]], 'Crowded space; needs proprietary data')).status, 200);
    assert.equal((await review(insider, appA, [[innovation.id, 7], [fit.id, 3]])).status, 200);
    assert.equal((await review(insider, appC, [[innovation.id, 6], [fit.id, 2]], 'Shade data is not theirs')).status, 200);
    // The insider sees B's application as one of its people, but never reviews it; a reviewer not assigned to B does
    // not even see it.
    assertProblem(await review(insider, appB, [[innovation.id, 1], [fit.id, 1]]), 403, 'forbidden');
    const bystander = await registerActor(testApp);
    await addEventMember(testApp, eventId, organizer, bystander, 'expert');
    assertProblem(await review(bystander, appB, [[innovation.id, 1], [fit.id, 1]]), 404, 'not_found');
    // Sending a review again replaces it.
    assert.equal((await review(insider, appA, [[innovation.id, 8], [fit.id, 4]])).body.total, 12);
    assertProblem(await http().delete(`/events/${eventId}/calls/${call.id}/applications/${appA}/reviewers/${insider.id}`).set(organizer.auth), 409, 'already_reviewed');

    // The ranking: averages and spread of the reviews' totals, best first.
    const ranking = await http().get(`/events/${eventId}/calls/${call.id}/ranking`).set(organizer.auth);
    assert.equal(ranking.status, 200, JSON.stringify(ranking.body));
    assert.equal(ranking.body.maxTotal, 15);
    assert.deepEqual(
      ranking.body.entries.map((entry: { applicationId: string; rank: number; average: number; standardDeviation: number; lowest: number; highest: number; reviewCount: number }) => [
        entry.applicationId,
        entry.rank,
        entry.average,
        entry.standardDeviation,
        entry.lowest,
        entry.highest,
        entry.reviewCount,
      ]),
      [
        [appA, 1, 13, 1, 12, 14, 2],
        [appB, 2, 12, 0, 12, 12, 1],
        [appC, 3, 8, 0, 8, 8, 2],
      ],
    );
    assert.deepEqual(ranking.body.entries[0].criteria, [
      { criterionId: innovation.id, average: 8.5 },
      { criterionId: fit.id, average: 4.5 },
    ]);

    // Decisions: two places; a third selection needs overPlaces.
    const decideOn = (applicationId: string, body: Record<string, unknown>) =>
      http().post(`${applicationPath(eventId, call.id, applicationId)}/decision`).set(host.owner.auth).send(body);
    assert.equal((await decideOn(appA, { decision: 'selected', note: 'See you at the award ceremony' })).status, 200);
    assert.equal((await decideOn(appB, { decision: 'selected' })).status, 200);
    const third = await decideOn(appC, { decision: 'selected' });
    assertProblem(third, 409, 'places_filled');
    assert.equal(third.body.errors[0].field, 'overPlaces');
    const [{ decision: stillUndecided }] = await dataSource.query('SELECT decision FROM call_applications WHERE id = $1', [appC]);
    assert.equal(stillUndecided, null);
    assert.equal((await decideOn(appC, { decision: 'selected', overPlaces: true })).status, 200);
    const waitlisted = await decideOn(appC, { decision: 'waitlisted', note: 'First in line if a winner withdraws', shareReviewComments: true });
    assert.equal(waitlisted.body.decision, 'waitlisted');
    assert.equal(waitlisted.body.reviewCommentsShared, true);
    assertProblem(await decideOn(appD, { decision: 'rejected' }), 409, 'application_not_submitted');
    assertProblem(
      await http().patch(`/events/${eventId}/calls/${call.id}`).set(organizer.auth).send({ places: 1 }),
      409,
      'places_below_selections',
    );

    // Before publication the applicant sees their status, not the decision.
    const beforePublication = await http().get(applicationPath(eventId, call.id, appA)).set(a.owner.auth);
    assert.equal(beforePublication.body.status, 'submitted');
    assert.equal(beforePublication.body.decision, null);
    assert.equal(beforePublication.body.decisionNote, null);
    assertProblem(await http().post(`/events/${eventId}/calls/${call.id}/publish`).set(organizer.auth), 409, 'call_still_open');

    // The call closes: late work is refused and changes nothing.
    await closeCall(testApp, organizer, eventId, call.id);
    const lateSubmit = await http().post(`${applicationPath(eventId, call.id, late.body.id)}/submit`).set(e.owner.auth);
    assertProblem(lateSubmit, 409, 'call_closed');
    const [{ status: lateStatus }] = await dataSource.query('SELECT status FROM call_applications WHERE id = $1', [late.body.id]);
    assert.equal(lateStatus, 'draft');
    assertProblem(await http().post(applicationPath(eventId, call.id)).set((await createCompany(testApp)).owner.auth).send({ organizationId: (await createCompany(testApp)).organizationId }), 403, 'not_organization_member');
    const lateStartup = await createCompany(testApp);
    assertProblem(await http().post(applicationPath(eventId, call.id)).set(lateStartup.owner.auth).send({ organizationId: lateStartup.organizationId }), 409, 'call_closed');
    assertProblem(
      await http().patch(applicationPath(eventId, call.id, appA)).set(a.owner.auth).send({ answers: [{ questionId: staffQuestion.id, value: 13 }] }),
      409,
      'call_closed',
    );

    const published = await http().post(`/events/${eventId}/calls/${call.id}/publish`).set(organizer.auth);
    assert.equal(published.status, 200, JSON.stringify(published.body));
    assert.ok(published.body.resultsPublishedAt);
    assertProblem(await review(expert, appA, [[innovation.id, 1], [fit.id, 1]]), 409, 'results_published');

    // Published: the winner sees the decision and note, not the comments (not shared); the waitlisted startup reads
    // the comments without the reviewers' names.
    const winner = await http().get(applicationPath(eventId, call.id, appA)).set(colleague.auth);
    assert.equal(winner.body.decision, 'selected');
    assert.equal(winner.body.decisionNote, 'See you at the award ceremony');
    assert.equal(winner.body.reviewComments, null);
    assert.equal(winner.body.reviewers, null);
    assert.equal(JSON.stringify(winner.body).includes('Convincing prototype'), false);
    const runnerUp = await http().get(applicationPath(eventId, call.id, appC)).set(c.owner.auth);
    assert.equal(runnerUp.body.decision, 'waitlisted');
    assert.deepEqual(new Set(runnerUp.body.reviewComments), new Set(['Crowded space; needs proprietary data', 'Shade data is not theirs']));
    assert.equal(JSON.stringify(runnerUp.body).includes(expert.name), false);
    assertProblem(await http().get(`${applicationPath(eventId, call.id, appC)}/reviews`).set(c.owner.auth), 403, 'forbidden');
    const allReviews = await http().get(`${applicationPath(eventId, call.id, appC)}/reviews`).set(host.owner.auth);
    assert.equal(allReviews.body.length, 2);
    const ownReviews = await http().get(`${applicationPath(eventId, call.id, appC)}/reviews`).set(insider.auth);
    assert.deepEqual(ownReviews.body.map((entry: { reviewer: { userId: string } }) => entry.reviewer.userId), [insider.id]);
    const managerView = await http().get(applicationPath(eventId, call.id, appA)).set(organizer.auth);
    assert.deepEqual(
      new Set(managerView.body.reviewers.map((reviewer: { userId: string; reviewed: boolean }) => `${reviewer.userId}:${reviewer.reviewed}`)),
      new Set([`${expert.id}:true`, `${insider.id}:true`]),
    );
    // Publishing again changes nothing.
    const again = await http().post(`/events/${eventId}/calls/${call.id}/publish`).set(host.owner.auth);
    assert.equal(again.body.resultsPublishedAt, published.body.resultsPublishedAt);
  });

  it('publishes only once every submitted application is decided', async () => {
    const { organizer, eventId } = await world();
    const call = await openCall(testApp, organizer, eventId, { kind: 'ir_pitch' });
    const startup = await createCompany(testApp);
    const applicationId = await submitApplication(testApp, startup, eventId, call);
    await closeCall(testApp, organizer, eventId, call.id);
    const refused = await http().post(`/events/${eventId}/calls/${call.id}/publish`).set(organizer.auth);
    assertProblem(refused, 409, 'undecided_applications');
    const [{ published }] = await dataSource.query('SELECT results_published_at AS published FROM calls WHERE id = $1', [call.id]);
    assert.equal(published, null);
    await http().post(applicationPath(eventId, call.id, applicationId) + '/decision').set(organizer.auth).send({ decision: 'rejected' });
    assert.equal((await http().post(`/events/${eventId}/calls/${call.id}/publish`).set(organizer.auth)).status, 200);
  });

  it('keeps to the places under concurrent selections, and to one application per company under concurrent applies', async () => {
    const { organizer, eventId } = await world();
    const call = await openCall(testApp, organizer, eventId, { kind: 'ir_pitch', places: 1 });
    const companies = await Promise.all([createCompany(testApp), createCompany(testApp), createCompany(testApp), createCompany(testApp)]);
    const applicationIds: string[] = [];
    for (const company of companies) applicationIds.push(await submitApplication(testApp, company, eventId, call));
    const answers = await Promise.all(
      applicationIds.map((applicationId) => http().post(`${applicationPath(eventId, call.id, applicationId)}/decision`).set(organizer.auth).send({ decision: 'selected' })),
    );
    assert.deepEqual(answers.map((answer) => answer.status).sort(), [200, 409, 409, 409]);
    const [{ selected }] = await dataSource.query(`SELECT count(*)::int AS selected FROM call_applications WHERE call_id = $1 AND decision = 'selected'`, [call.id]);
    assert.equal(selected, 1);

    const racer = await createCompany(testApp);
    const colleague = await registerActor(testApp);
    await addCompanyMember(testApp, racer, colleague);
    const applies = await Promise.all(
      [racer.owner, colleague].map((person) => http().post(applicationPath(eventId, call.id)).set(person.auth).send({ organizationId: racer.organizationId })),
    );
    assert.deepEqual(applies.map((answer) => answer.status).sort(), [201, 409]);
    assert.equal(applies.find((answer) => answer.status === 409)!.body.code, 'already_applied_to_call');
  });

  it('reads times on the event clock, across daylight saving time and the Seoul-Boston gap', async () => {
    const organizer = await registerActor(testApp);
    const boston = await createEvent(testApp, organizer, { timeZone: 'America/New_York', startsOn: '2031-04-28', endsOn: '2031-04-28' });
    const base = { kind: 'ir_pitch', title: 'Boston IR pitch places', places: 10 };
    // 9 March 2031: clocks in New York skip from 02:00 to 03:00.
    const skipped = await http().post(`/events/${boston.id}/calls`).set(organizer.auth).send({ ...base, opensAt: '2031-03-01T09:00', closesAt: '2031-03-09T02:30' });
    assertProblem(skipped, 400, 'validation_failed');
    assert.equal(skipped.body.errors[0].field, 'closesAt');
    const created = await http().post(`/events/${boston.id}/calls`).set(organizer.auth).send({ ...base, opensAt: '2031-03-08T12:00', closesAt: '2031-03-09T12:00' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.opensAt, '2031-03-08T12:00:00-05:00');
    assert.equal(created.body.closesAt, '2031-03-09T12:00:00-04:00');
    // The same instant, read on the Seoul clock of another event: 13 hours ahead of Boston in April.
    const seoul = await createEvent(testApp, organizer, { timeZone: 'Asia/Seoul' });
    const seoulCall = await http()
      .post(`/events/${seoul.id}/calls`)
      .set(organizer.auth)
      .send({ ...base, opensAt: '2031-04-28T09:00:00-04:00', closesAt: '2031-04-29T09:00:00-04:00' });
    assert.equal(seoulCall.body.opensAt, '2031-04-28T22:00:00+09:00');
    assertProblem(
      await http().post(`/events/${seoul.id}/calls`).set(organizer.auth).send({ ...base, opensAt: '2031-04-29T09:00', closesAt: '2031-04-28T09:00' }),
      400,
      'invalid_date_range',
    );
  });

  it('refuses calls that do not add up, and form changes once answers or scores refer to the form', async () => {
    const { organizer, eventId, host } = await world();
    const base = { title: 'A call', opensAt: new Date(Date.now() - HOUR).toISOString(), closesAt: new Date(Date.now() + HOUR).toISOString(), places: 1 };
    const post = (actor: Actor, body: Record<string, unknown>) => http().post(`/events/${eventId}/calls`).set(actor.auth).send({ ...base, ...body });
    assertProblem(await post(organizer, { kind: 'challenge' }), 400, 'validation_failed');
    assertProblem(await post(organizer, { kind: 'ir_pitch', hostOrganizationId: host.organizationId }), 400, 'validation_failed');
    assertProblem(await post(host.owner, { kind: 'ir_pitch' }), 403, 'forbidden');
    const otherCompany = await createCompany(testApp, unique('Coupang'), 'corporate');
    assertProblem(await post(host.owner, { kind: 'challenge', hostOrganizationId: otherCompany.organizationId }), 403, 'forbidden');
    assertProblem(await post(organizer, { kind: 'ir_pitch', places: 0 }), 400, 'validation_failed');
    assertProblem(await post(organizer, { kind: 'ir_pitch', unknownField: true }), 400, 'validation_failed');
    const badForm = await post(organizer, {
      kind: 'ir_pitch',
      questions: [
        { kind: 'choice', prompt: 'Track' },
        { kind: 'text', prompt: 'Pitch', choices: ['a'] },
        { kind: 'number', prompt: 'Staff', minValue: 10, maxValue: 1 },
      ],
      criteria: [{ name: 'Team', maxScore: 101 }],
    });
    assertProblem(badForm, 400, 'validation_failed');
    const [{ count: calls }] = await dataSource.query('SELECT count(*)::int AS count FROM calls WHERE event_id = $1', [eventId]);
    assert.equal(calls, 0);

    const call = await openCall(testApp, organizer, eventId, { kind: 'ir_pitch' });
    const replaced = await http()
      .patch(`/events/${eventId}/calls/${call.id}`)
      .set(organizer.auth)
      .send({ questions: [{ kind: 'text', prompt: 'One line about you' }], title: 'Boston IR pitch' });
    assert.equal(replaced.status, 200, JSON.stringify(replaced.body));
    assert.equal(replaced.body.questions.length, 1);
    const startup = await createCompany(testApp);
    const applicationId = await submitApplication(testApp, startup, eventId, replaced.body);
    const inUse = await http().patch(`/events/${eventId}/calls/${call.id}`).set(organizer.auth).send({ questions: [], title: 'Renamed' });
    assertProblem(inUse, 409, 'call_in_use');
    const unchanged = await http().get(`/events/${eventId}/calls/${call.id}`).set(organizer.auth);
    assert.equal(unchanged.body.title, 'Boston IR pitch');
    assert.equal(unchanged.body.questions.length, 1);

    const reviewer = await registerActor(testApp);
    await addEventMember(testApp, eventId, organizer, reviewer, 'investor');
    await http().post(`/events/${eventId}/calls/${call.id}/reviewers`).set(organizer.auth).send({ reviewerUserId: reviewer.id, applicationIds: [applicationId] });
    const scored = await http()
      .put(`/events/${eventId}/calls/${call.id}/applications/${applicationId}/review`)
      .set(reviewer.auth)
      .send({ scores: unchanged.body.criteria.map((criterion: { id: string }) => ({ criterionId: criterion.id, score: 3 })) });
    assert.equal(scored.status, 200, JSON.stringify(scored.body));
    assertProblem(await http().patch(`/events/${eventId}/calls/${call.id}`).set(organizer.auth).send({ criteria: [{ name: 'Team', maxScore: 3 }] }), 409, 'call_in_use');
    // An unreviewed assignment can be taken back.
    const other = await registerActor(testApp);
    await addEventMember(testApp, eventId, organizer, other, 'expert');
    await http().post(`/events/${eventId}/calls/${call.id}/reviewers`).set(organizer.auth).send({ reviewerUserId: other.id, applicationIds: [applicationId] });
    const removed = await http().delete(`/events/${eventId}/calls/${call.id}/applications/${applicationId}/reviewers/${other.id}`).set(organizer.auth);
    assert.equal(removed.status, 204);
    assertProblem(await http().delete(`/events/${eventId}/calls/${call.id}/applications/${applicationId}/reviewers/${other.id}`).set(organizer.auth), 404, 'not_found');
  });

  it('takes drafts before the call opens but submissions only while it is open', async () => {
    const { organizer, eventId } = await world();
    const call = await openCall(testApp, organizer, eventId, {
      kind: 'ir_pitch',
      opensAt: new Date(Date.now() + HOUR).toISOString(),
      closesAt: new Date(Date.now() + 2 * HOUR).toISOString(),
    });
    assert.equal(call.isOpen, false);
    const startup = await createCompany(testApp);
    const draft = await http()
      .post(applicationPath(eventId, call.id))
      .set(startup.owner.auth)
      .send({ organizationId: startup.organizationId, answers: [{ questionId: call.questions[0].id, value: 'Ready early' }] });
    assert.equal(draft.status, 201);
    assertProblem(await http().post(`${applicationPath(eventId, call.id, draft.body.id)}/submit`).set(startup.owner.auth), 409, 'call_not_open');
  });

  it('keeps the decisions once published: no change of decision, no withdrawal of a winner; the ratio counts who was in at the close', async () => {
    const { organizer, eventId } = await world();
    const call = await openCall(testApp, organizer, eventId, { kind: 'ir_pitch', places: 2 });
    const [a, b, c, d, e] = await Promise.all(Array.from({ length: 5 }, () => createCompany(testApp)));
    const ids = new Map<Company, string>();
    for (const company of [a, b, c, d, e]) ids.set(company, await submitApplication(testApp, company, eventId, call));
    const decideOn = (company: Company, body: Record<string, unknown>) =>
      http().post(`${applicationPath(eventId, call.id, ids.get(company))}/decision`).set(organizer.auth).send(body);
    const withdraw = (company: Company) => http().post(`${applicationPath(eventId, call.id, ids.get(company))}/withdraw`).set(company.owner.auth);
    const competition = async () => {
      const fromCall = (await http().get(`/events/${eventId}/calls/${call.id}`).set(organizer.auth)).body.competition;
      const fromRanking = (await http().get(`/events/${eventId}/calls/${call.id}/ranking`).set(organizer.auth)).body.competition;
      assert.deepEqual(fromRanking, fromCall);
      return fromCall;
    };
    const atTheClose = { applicants: 5, places: 2, ratio: 2.5, label: '2.5:1' };
    await closeCall(testApp, organizer, eventId, call.id);
    assert.deepEqual(await competition(), atTheClose);

    // Under review, after the close: a startup may still withdraw, and the ratio stays what it was at the close.
    assert.equal((await withdraw(d)).status, 200);
    assert.deepEqual(await competition(), atTheClose);
    // A selection not yet published frees its place when the startup withdraws; the organizer may still change decisions.
    assert.equal((await decideOn(a, { decision: 'selected' })).status, 200);
    assert.equal((await decideOn(b, { decision: 'selected' })).status, 200);
    assert.equal((await decideOn(c, { decision: 'rejected' })).status, 200);
    assert.equal((await decideOn(e, { decision: 'rejected' })).status, 200);
    assert.equal((await withdraw(b)).status, 200);
    assert.equal((await decideOn(c, { decision: 'selected' })).status, 200);
    assert.deepEqual(await competition(), atTheClose);
    await publish(testApp, organizer, eventId, call.id);

    // Published: decisions are final, and a winner stays in.
    const rows = () =>
      dataSource.query('SELECT id, status::text, decision::text, decision_note, decided_at, withdrawn_at FROM call_applications WHERE call_id = $1 ORDER BY id', [
        call.id,
      ]);
    const published = await rows();
    const changed = await decideOn(a, { decision: 'rejected', note: 'Changed our mind' });
    assertProblem(changed, 409, 'results_published');
    assertProblem(await decideOn(e, { decision: 'selected', overPlaces: true }), 409, 'results_published');
    assertProblem(await withdraw(a), 409, 'results_published');
    assertProblem(await withdraw(c), 409, 'results_published');
    assert.deepEqual(await rows(), published);
    const winner = await http().get(applicationPath(eventId, call.id, ids.get(a))).set(a.owner.auth);
    assert.equal(winner.body.decision, 'selected');
    assert.equal(winner.body.status, 'submitted');
    // A startup that was not selected may still withdraw; the ratio does not move.
    assert.equal((await withdraw(e)).status, 200);
    assert.deepEqual(await competition(), atTheClose);
  });

  it('keeps the note of an earlier decision when a new decision comes without one; null removes it', async () => {
    const { organizer, eventId } = await world();
    const call = await openCall(testApp, organizer, eventId, { kind: 'ir_pitch', places: 1 });
    const startup = await createCompany(testApp);
    const applicationId = await submitApplication(testApp, startup, eventId, call);
    const decideOn = (body: Record<string, unknown>) => http().post(`${applicationPath(eventId, call.id, applicationId)}/decision`).set(organizer.auth).send(body);
    const note = async () => (await dataSource.query('SELECT decision_note AS note FROM call_applications WHERE id = $1', [applicationId]))[0].note;
    assert.equal((await decideOn({ decision: 'selected', note: 'Pitch on the Boston day at 17:30' })).body.decisionNote, 'Pitch on the Boston day at 17:30');
    const waitlisted = await decideOn({ decision: 'waitlisted' });
    assert.equal(waitlisted.status, 200, JSON.stringify(waitlisted.body));
    assert.equal(waitlisted.body.decision, 'waitlisted');
    assert.equal(waitlisted.body.decisionNote, 'Pitch on the Boston day at 17:30');
    assert.equal((await decideOn({ decision: 'selected', shareReviewComments: true })).body.decisionNote, 'Pitch on the Boston day at 17:30');
    assert.equal(await note(), 'Pitch on the Boston day at 17:30');
    assert.equal((await decideOn({ decision: 'selected', note: 'Pitch at 17:40 instead' })).body.decisionNote, 'Pitch at 17:40 instead');
    const cleared = await decideOn({ decision: 'rejected', note: null });
    assert.equal(cleared.status, 200, JSON.stringify(cleared.body));
    assert.equal(cleared.body.decisionNote, null);
    assert.equal(await note(), null);
  });

  it("keeps the call's times once its results are published", async () => {
    const { organizer, eventId } = await world();
    const { call } = await decidedCall(testApp, organizer, eventId, { kind: 'ir_pitch' }, { selected: 1, rejected: 1 });
    const patch = (body: Record<string, unknown>) => http().patch(`/events/${eventId}/calls/${call.id}`).set(organizer.auth).send(body);
    const times = async () => (await dataSource.query('SELECT opens_at, closes_at, updated_at FROM calls WHERE id = $1', [call.id]))[0];
    const published = await times();
    const reopened = await patch({ closesAt: new Date(Date.now() + 24 * HOUR).toISOString() });
    assertProblem(reopened, 409, 'results_published');
    assert.deepEqual(reopened.body.errors.map((error: { field: string }) => error.field), ['closesAt']);
    const moved = await patch({ opensAt: new Date(published.opens_at.getTime() - HOUR).toISOString(), closesAt: new Date(published.closes_at.getTime() - HOUR).toISOString(), title: 'Moved' });
    assertProblem(moved, 409, 'results_published');
    assert.deepEqual(moved.body.errors.map((error: { field: string }) => error.field), ['opensAt', 'closesAt']);
    assert.deepEqual(await times(), published);
    // The same times sent again, with other changes: fine.
    const renamed = await patch({ opensAt: published.opens_at.toISOString(), closesAt: published.closes_at.toISOString(), title: 'Boston IR pitch: results' });
    assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
    assert.equal(renamed.body.title, 'Boston IR pitch: results');
  });

  it('keeps a host company off its own challenge: no startup hosts, and a host turned startup cannot apply', async () => {
    const { organizer, eventId, host } = await world();
    const startup = await createCompany(testApp);
    const base = { title: 'Startup-hosted challenge', opensAt: new Date(Date.now() - HOUR).toISOString(), closesAt: new Date(Date.now() + HOUR).toISOString(), places: 1 };
    const startupHosted = await http()
      .post(`/events/${eventId}/calls`)
      .set(organizer.auth)
      .send({ ...base, kind: 'challenge', hostOrganizationId: startup.organizationId });
    assertProblem(startupHosted, 400, 'validation_failed');
    assert.equal(startupHosted.body.errors[0].field, 'hostOrganizationId');
    const [{ count: calls }] = await dataSource.query('SELECT count(*)::int AS count FROM calls WHERE event_id = $1', [eventId]);
    assert.equal(calls, 0);

    const call = await openCall(testApp, host.owner, eventId, { kind: 'challenge', hostOrganizationId: host.organizationId });
    const turned = await http().patch(`/organizations/${host.organizationId}`).set(host.owner.auth).send({ kind: 'startup' });
    assert.equal(turned.status, 200, JSON.stringify(turned.body));
    const own = await http()
      .post(applicationPath(eventId, call.id))
      .set(host.owner.auth)
      .send({ organizationId: host.organizationId, answers: [{ questionId: call.questions[0].id, value: 'Our own problem' }] });
    assertProblem(own, 409, 'own_challenge');
    assert.equal(own.body.errors[0].field, 'organizationId');
    const [{ count: applications }] = await dataSource.query('SELECT count(*)::int AS count FROM call_applications WHERE call_id = $1', [call.id]);
    assert.equal(applications, 0);
  });

  it('refuses the review of a reviewer who joined the applying company after being assigned, and writes nothing', async () => {
    const { organizer, eventId } = await world();
    const call = await openCall(testApp, organizer, eventId, { kind: 'ir_pitch' });
    const startup = await createCompany(testApp);
    const applicationId = await submitApplication(testApp, startup, eventId, call);
    const reviewer = await registerActor(testApp, { name: 'Adviser' });
    await addEventMember(testApp, eventId, organizer, reviewer, 'expert');
    const assigned = await http().post(`/events/${eventId}/calls/${call.id}/reviewers`).set(organizer.auth).send({ reviewerUserId: reviewer.id, applicationIds: [applicationId] });
    assert.equal(assigned.status, 200, JSON.stringify(assigned.body));
    await addCompanyMember(testApp, startup, reviewer);
    const refused = await http()
      .put(`${applicationPath(eventId, call.id, applicationId)}/review`)
      .set(reviewer.auth)
      .send({ scores: call.criteria.map((criterion) => ({ criterionId: criterion.id, score: 1 })), comment: 'My own company, of course' });
    assertProblem(refused, 409, 'reviewer_own_organization');
    const [{ reviews, scores }] = await dataSource.query(
      `SELECT (SELECT count(*)::int FROM call_reviews WHERE application_id = $1) AS reviews,
              (SELECT count(*)::int FROM call_review_scores s JOIN call_reviews r ON r.id = s.review_id WHERE r.application_id = $1) AS scores`,
      [applicationId],
    );
    assert.deepEqual([reviews, scores], [0, 0]);
  });

  it('never keeps a review with a score missing while the criteria are replaced at the same moment', async () => {
    const { organizer, eventId } = await world();
    const reviewer = await registerActor(testApp);
    await addEventMember(testApp, eventId, organizer, reviewer, 'expert');
    for (let round = 0; round < 6; round += 1) {
      const call = await openCall(testApp, organizer, eventId, { kind: 'ir_pitch' });
      const applicationId = await submitApplication(testApp, await createCompany(testApp), eventId, call);
      await http().post(`/events/${eventId}/calls/${call.id}/reviewers`).set(organizer.auth).send({ reviewerUserId: reviewer.id, applicationIds: [applicationId] });
      const [replaced, reviewed] = await Promise.all([
        http()
          .patch(`/events/${eventId}/calls/${call.id}`)
          .set(organizer.auth)
          .send({ criteria: [{ name: 'Team', maxScore: 5 }, { name: 'Market', maxScore: 5 }, { name: 'Traction', maxScore: 5 }] }),
        http()
          .put(`${applicationPath(eventId, call.id, applicationId)}/review`)
          .set(reviewer.auth)
          .send({ scores: call.criteria.map((criterion) => ({ criterionId: criterion.id, score: 2 })) }),
      ]);
      // One goes first: the review on the old criteria (and the criteria, now scored, stay), or the new criteria (and
      // the review names criteria the call no longer has).
      const outcome = `${replaced.status}/${reviewed.status}`;
      assert.ok(['409/200', '200/422'].includes(outcome), `${outcome}: ${replaced.body.code} ${reviewed.body.code}`);
      if (reviewed.status === 200) {
        assertProblem(replaced, 409, 'call_in_use');
        assert.equal(reviewed.body.scores.length, 2);
      } else {
        assertProblem(reviewed, 422, 'unknown_criterion');
      }
      const [{ incomplete }] = await dataSource.query(
        `SELECT count(*)::int AS incomplete FROM call_reviews r JOIN call_applications a ON a.id = r.application_id
          WHERE a.call_id = $1 AND (SELECT count(*) FROM call_review_scores s WHERE s.review_id = r.id) <> (SELECT count(*) FROM call_criteria c WHERE c.call_id = $1)`,
        [call.id],
      );
      assert.equal(incomplete, 0);
    }
  });

  it('starts no application when its answers are bad: an unknown question is a 422, a bad value a 400', async () => {
    const { organizer, eventId } = await world();
    const call = await openCall(testApp, organizer, eventId, { kind: 'ir_pitch' });
    const [pitchQuestion, trackQuestion] = call.questions;
    const startup = await createCompany(testApp);
    const apply = (answers: Array<{ questionId: string; value: unknown }>) =>
      http().post(applicationPath(eventId, call.id)).set(startup.owner.auth).send({ organizationId: startup.organizationId, answers });
    assertProblem(await apply([{ questionId: pitchQuestion.id, value: 'Fine' }, { questionId: '5a0f0000-0000-4000-8000-000000000000', value: 'x' }]), 422, 'unknown_question');
    const badChoice = await apply([{ questionId: pitchQuestion.id, value: 'Fine' }, { questionId: trackQuestion.id, value: 'Cosmetics' }]);
    assertProblem(badChoice, 400, 'validation_failed');
    assert.deepEqual(badChoice.body.errors.map((error: { field: string }) => error.field), ['answers[1].value']);
    const [{ applications, answers }] = await dataSource.query(
      `SELECT (SELECT count(*)::int FROM call_applications WHERE call_id = $1) AS applications, (SELECT count(*)::int FROM call_answers WHERE call_id = $1) AS answers`,
      [call.id],
    );
    assert.deepEqual([applications, answers], [0, 0]);
    // The same startup may then apply properly.
    assert.equal((await apply([{ questionId: pitchQuestion.id, value: 'Fine' }])).status, 201);
  });

  it('answers 201 or a clear 4xx, never a 500, when the questions are replaced while a startup applies', async () => {
    const { organizer, eventId } = await world();
    for (let round = 0; round < 6; round += 1) {
      const call = await openCall(testApp, organizer, eventId, { kind: 'ir_pitch' });
      const startup = await createCompany(testApp);
      const [replaced, applied] = await Promise.all([
        http()
          .patch(`/events/${eventId}/calls/${call.id}`)
          .set(organizer.auth)
          .send({ questions: [{ kind: 'text', prompt: 'Your company in one line' }] }),
        http()
          .post(applicationPath(eventId, call.id))
          .set(startup.owner.auth)
          .send({ organizationId: startup.organizationId, answers: [{ questionId: call.questions[0].id, value: 'A smart UV meter' }] }),
      ]);
      // The application first (its answer keeps the questions), or the new questions first (the answer is to none).
      const outcome = `${replaced.status}/${applied.status}`;
      assert.ok(['409/201', '200/422'].includes(outcome), `${outcome}: ${replaced.body.code} ${applied.body.code}`);
      if (applied.status === 201) assertProblem(replaced, 409, 'call_in_use');
      else assertProblem(applied, 422, 'unknown_question');
      const [{ applications }] = await dataSource.query('SELECT count(*)::int AS applications FROM call_applications WHERE call_id = $1', [call.id]);
      assert.equal(applications, applied.status === 201 ? 1 : 0);
    }
  });
});
