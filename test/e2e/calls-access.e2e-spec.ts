import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { Actor, addEventMember, assertProblem, createEvent, CreatedEvent, registerActor } from '../support/actors';
import { CallBody, Company, createCompany, openCall, submitApplication, unique } from '../support/call-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

// ---------------------------------------------------------------------------------------------------------------
// Who gets what on every route of calls. A call is seen by whoever may see its event; its managers are the event's
// organizers and, for a challenge, the host company's people. An application is seen by its own company, by the
// reviewers assigned to it, and by the managers once submitted; to anyone else it is a 404, as is anything addressed
// through another event or call. A refused request changes nothing and shows nothing.
// ---------------------------------------------------------------------------------------------------------------

const MALFORMED_ID = 'not-a-uuid';

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
type CallerName = 'anonymous' | 'outsider' | 'applicantOther' | 'reviewerOther' | 'otherHost' | 'otherOrganizer';
type Expected = Record<CallerName, [number, string?]>;

interface Ids {
  eventId: string;
  callId: string;
  applicationId: string;
  reviewerUserId: string;
}

interface RouteCase {
  method: Method;
  path: (ids: Ids) => string;
  body?: Record<string, unknown>;
  params: Array<keyof Omit<Ids, 'eventId'>>;
}

let testApp: TestApp;
let dataSource: DataSource;
const http = () => testApp.http();

/** Every row of the calls tables: what a refused request must leave as it was. */
async function snapshot(): Promise<unknown> {
  const tables = ['calls', 'call_questions', 'call_criteria', 'call_applications', 'call_answers', 'call_review_assignments', 'call_reviews', 'call_review_scores'];
  const result: Record<string, unknown> = {};
  for (const table of tables) result[table] = await dataSource.query(`SELECT * FROM ${table} ORDER BY 1, 2`);
  return result;
}

describe('access to calls', () => {
  let organizer: Actor;
  let otherOrganizer: Actor;
  let outsider: Actor;
  let event: CreatedEvent;
  let otherEvent: CreatedEvent;
  let draft: CreatedEvent;
  let host: Company;
  let otherHost: Company;
  let applicant: Company;
  let applicantOther: Company;
  let drafter: Company;
  let reviewer: Actor;
  let reviewerOther: Actor;
  let challenge: CallBody;
  let irCall: CallBody;
  let draftApplicationId: string;
  let otherApplicationId: string;
  let irApplicationId: string;
  let draftEventCallId: string;
  let ids: Ids;
  let otherIds: Ids;
  const secrets = {
    answer: unique('Secret answer of the applicant'),
    otherAnswer: unique('Secret answer of another applicant'),
    comment: unique('Secret reviewer comment'),
    draftTitle: unique('Secret call of a draft event'),
  };

  before(async () => {
    testApp = await startTestApp();
    dataSource = testApp.app.get(DataSource);
    [organizer, otherOrganizer, outsider, reviewer, reviewerOther] = await Promise.all([
      registerActor(testApp, { name: 'Organizer' }),
      registerActor(testApp, { name: 'Other organizer' }),
      registerActor(testApp, { name: 'Outsider' }),
      registerActor(testApp, { name: 'Reviewer' }),
      registerActor(testApp, { name: 'Other reviewer' }),
    ]);
    event = await createEvent(testApp, organizer, { name: unique('K-Global Cluster') });
    otherEvent = await createEvent(testApp, otherOrganizer);
    draft = await createEvent(testApp, organizer, { status: 'draft' });
    host = await createCompany(testApp, unique("L'Oréal"), 'corporate');
    otherHost = await createCompany(testApp, unique('Coupang'), 'corporate');
    for (const company of [host, otherHost]) await addEventMember(testApp, event.id, organizer, company.owner, 'exhibitor');
    for (const person of [reviewer, reviewerOther]) await addEventMember(testApp, event.id, organizer, person, 'expert');

    challenge = await openCall(testApp, host.owner, event.id, { kind: 'challenge', hostOrganizationId: host.organizationId });
    applicant = await createCompany(testApp);
    applicantOther = await createCompany(testApp);
    drafter = await createCompany(testApp);
    const applicationId = await submitApplication(testApp, applicant, event.id, challenge, secrets.answer);
    otherApplicationId = await submitApplication(testApp, applicantOther, event.id, challenge, secrets.otherAnswer);
    const drafted = await http().post(`/events/${event.id}/calls/${challenge.id}/applications`).set(drafter.owner.auth).send({ organizationId: drafter.organizationId });
    draftApplicationId = drafted.body.id;
    const assign = async (person: Actor, applicationIds: string[]) => {
      const response = await http().post(`/events/${event.id}/calls/${challenge.id}/reviewers`).set(organizer.auth).send({ reviewerUserId: person.id, applicationIds });
      assert.equal(response.status, 200, JSON.stringify(response.body));
    };
    await assign(reviewer, [applicationId]);
    await assign(reviewerOther, [otherApplicationId]);
    const reviewed = await http()
      .put(`/events/${event.id}/calls/${challenge.id}/applications/${applicationId}/review`)
      .set(reviewer.auth)
      .send({ scores: challenge.criteria.map((criterion) => ({ criterionId: criterion.id, score: 1 })), comment: secrets.comment });
    assert.equal(reviewed.status, 200, JSON.stringify(reviewed.body));
    irCall = await openCall(testApp, organizer, event.id, { kind: 'ir_pitch' });
    irApplicationId = await submitApplication(testApp, applicant, event.id, irCall);
    ids = { eventId: event.id, callId: challenge.id, applicationId, reviewerUserId: reviewer.id };

    const elsewhere = await openCall(testApp, otherOrganizer, otherEvent.id, { kind: 'ir_pitch' });
    const elsewhereApplication = await submitApplication(testApp, await createCompany(testApp), otherEvent.id, elsewhere);
    otherIds = { eventId: otherEvent.id, callId: elsewhere.id, applicationId: elsewhereApplication, reviewerUserId: otherOrganizer.id };
    draftEventCallId = (await openCall(testApp, organizer, draft.id, { kind: 'ir_pitch', title: secrets.draftTitle })).id;
  });
  after(async () => {
    await testApp.close();
  });

  function callers(): Record<CallerName, Actor | undefined> {
    return {
      anonymous: undefined,
      outsider,
      applicantOther: applicantOther.owner,
      reviewerOther,
      otherHost: otherHost.owner,
      otherOrganizer,
    };
  }

  function send(route: RouteCase, routeIds: Ids, caller?: Actor) {
    let request = http()[route.method](route.path(routeIds));
    if (caller) request = request.set(caller.auth);
    return route.body ? request.send(route.body) : request;
  }

  function assertNoLeak(body: unknown): void {
    const text = JSON.stringify({ ...(body as Record<string, unknown>), instance: undefined });
    for (const secret of Object.values(secrets)) assert.ok(!text.includes(secret), `response leaks ${secret}: ${text}`);
  }

  /**
   * Sends the route as each caller; then as this event's organizer with each path id malformed (404); then as the other
   * event's organizer through their own event, and as this organizer with the other event's ids (404). Nothing changes.
   */
  async function checkMatrix(route: RouteCase, expected: Expected): Promise<void> {
    const unchanged = await snapshot();
    for (const [name, caller] of Object.entries(callers()) as Array<[CallerName, Actor | undefined]>) {
      const [status, code] = expected[name];
      const response = await send(route, ids, caller);
      if (code) {
        assertProblem(response, status, code);
        assertNoLeak(response.body);
      } else {
        assert.equal(response.status, status, `${name}: ${JSON.stringify(response.body)}`);
      }
    }
    for (const param of ['eventId', ...route.params] as Array<keyof Ids>) {
      const response = await send(route, { ...ids, [param]: MALFORMED_ID }, organizer);
      assertProblem(response, 404, 'not_found');
    }
    if (route.params.length > 0) {
      const crossed = await send(route, { ...ids, eventId: otherEvent.id }, otherOrganizer);
      assertProblem(crossed, 404, 'not_found');
      assertNoLeak(crossed.body);
      for (const param of route.params) {
        if (param === 'reviewerUserId') continue;
        const foreign = await send(route, { ...ids, [param]: otherIds[param] }, organizer);
        assertProblem(foreign, 404, 'not_found');
      }
    }
    assert.deepEqual(await snapshot(), unchanged, 'a refused request changed something');
  }

  const seenByWhoeverSeesTheEvent: Expected = {
    anonymous: [401, 'unauthenticated'],
    outsider: [200],
    applicantOther: [200],
    reviewerOther: [200],
    otherHost: [200],
    otherOrganizer: [200],
  };
  const forManagers: Expected = {
    anonymous: [401, 'unauthenticated'],
    // The call is public to anyone who sees the event, so they learn only that the route is not theirs.
    outsider: [403, 'forbidden'],
    applicantOther: [403, 'forbidden'],
    reviewerOther: [403, 'forbidden'],
    otherHost: [403, 'forbidden'],
    otherOrganizer: [403, 'forbidden'],
  };
  const onlyWhoSeesTheApplication: Expected = {
    anonymous: [401, 'unauthenticated'],
    outsider: [404, 'not_found'],
    applicantOther: [404, 'not_found'],
    reviewerOther: [404, 'not_found'],
    otherHost: [404, 'not_found'],
    otherOrganizer: [404, 'not_found'],
  };

  /** A route only the applying company uses: everyone else who sees the application gets 403, nothing changes. */
  const applicantOnly = (path: (ids: Ids) => string, body?: Record<string, unknown>) => async () => {
    await checkMatrix({ method: body ? 'patch' : 'post', path, body, params: ['callId', 'applicationId'] }, onlyWhoSeesTheApplication);
    for (const actor of [reviewer, host.owner, organizer]) {
      const unchanged = await snapshot();
      const response = await http()[body ? 'patch' : 'post'](path(ids)).set(actor.auth).send(body ?? {});
      assertProblem(response, 403, 'forbidden');
      assert.deepEqual(await snapshot(), unchanged);
    }
  };

  describe('calls', () => {
    it('POST /events/:eventId/calls: organizers, or a member of the host company (for its challenge), who are members of the event', async () => {
      const body = { kind: 'ir_pitch', title: 'Sneaky call', opensAt: '2031-01-01T09:00', closesAt: '2031-01-02T09:00', places: 1 };
      await checkMatrix(
        { method: 'post', path: (p) => `/events/${p.eventId}/calls`, body, params: [] },
        {
          anonymous: [401, 'unauthenticated'],
          outsider: [404, 'not_found'],
          applicantOther: [404, 'not_found'],
          reviewerOther: [403, 'forbidden'],
          otherHost: [403, 'forbidden'],
          otherOrganizer: [404, 'not_found'],
        },
      );
      // Another company's people cannot open a challenge in this host's name.
      const unchanged = await snapshot();
      const hijack = await http()
        .post(`/events/${event.id}/calls`)
        .set(otherHost.owner.auth)
        .send({ ...body, kind: 'challenge', hostOrganizationId: host.organizationId });
      assertProblem(hijack, 403, 'forbidden');
      assert.deepEqual(await snapshot(), unchanged);
    });

    it('GET /events/:eventId/calls: whoever sees the event; a draft event only its organizers', async () => {
      await checkMatrix({ method: 'get', path: (p) => `/events/${p.eventId}/calls`, params: [] }, seenByWhoeverSeesTheEvent);
      const listed = await http().get(`/events/${event.id}/calls`).set(outsider.auth);
      assert.deepEqual(new Set(listed.body.map((call: { id: string }) => call.id)), new Set([challenge.id, irCall.id]));
      assert.ok(listed.body.every((call: { canManage: boolean }) => !call.canManage));
      const hosts = await http().get(`/events/${event.id}/calls`).set(host.owner.auth);
      assert.deepEqual(
        hosts.body.map((call: { id: string; canManage: boolean }) => [call.id === challenge.id, call.canManage]).sort(),
        [
          [false, false],
          [true, true],
        ],
      );
      const hidden = await http().get(`/events/${draft.id}/calls`).set(outsider.auth);
      assertProblem(hidden, 404, 'not_found');
      assertNoLeak(hidden.body);
    });

    it('GET /events/:eventId/calls/:callId: whoever sees the event', async () => {
      await checkMatrix({ method: 'get', path: (p) => `/events/${p.eventId}/calls/${p.callId}`, params: ['callId'] }, seenByWhoeverSeesTheEvent);
      const hidden = await http().get(`/events/${draft.id}/calls/${draftEventCallId}`).set(otherHost.owner.auth);
      assertProblem(hidden, 404, 'not_found');
      assertNoLeak(hidden.body);
      assert.equal((await http().get(`/events/${draft.id}/calls/${draftEventCallId}`).set(organizer.auth)).status, 200);
    });

    it('PATCH /events/:eventId/calls/:callId: managers only', async () => {
      await checkMatrix({ method: 'patch', path: (p) => `/events/${p.eventId}/calls/${p.callId}`, body: { title: 'Hijacked' }, params: ['callId'] }, forManagers);
      // The host company manages its challenge, not the organizers' IR call.
      assertProblem(await http().patch(`/events/${event.id}/calls/${irCall.id}`).set(host.owner.auth).send({ title: 'Hijacked' }), 403, 'forbidden');
    });

    it('POST /events/:eventId/calls/:callId/publish: managers only', async () => {
      await checkMatrix({ method: 'post', path: (p) => `/events/${p.eventId}/calls/${p.callId}/publish`, params: ['callId'] }, forManagers);
    });

    it('GET /events/:eventId/calls/:callId/ranking: managers only', async () => {
      await checkMatrix({ method: 'get', path: (p) => `/events/${p.eventId}/calls/${p.callId}/ranking`, params: ['callId'] }, forManagers);
      assert.equal((await http().get(`/events/${event.id}/calls/${challenge.id}/ranking`).set(host.owner.auth)).status, 200);
      assertProblem(await http().get(`/events/${event.id}/calls/${challenge.id}/ranking`).set(reviewer.auth), 403, 'forbidden');
    });

    it('POST /events/:eventId/calls/:callId/reviewers: managers only; another event\'s applications are refused', async () => {
      await checkMatrix(
        {
          method: 'post',
          path: (p) => `/events/${p.eventId}/calls/${p.callId}/reviewers`,
          body: { reviewerUserId: reviewerOther.id, applicationIds: [ids.applicationId] },
          params: ['callId'],
        },
        forManagers,
      );
      const unchanged = await snapshot();
      const foreign = await http()
        .post(`/events/${event.id}/calls/${challenge.id}/reviewers`)
        .set(organizer.auth)
        .send({ reviewerUserId: reviewerOther.id, applicationIds: [otherIds.applicationId] });
      assertProblem(foreign, 400, 'validation_failed');
      assert.deepEqual(await snapshot(), unchanged);
    });
  });

  describe('applications', () => {
    it('POST /events/:eventId/calls/:callId/applications: only for a company you belong to', async () => {
      await checkMatrix(
        {
          method: 'post',
          path: (p) => `/events/${p.eventId}/calls/${p.callId}/applications`,
          body: { organizationId: applicant.organizationId },
          params: ['callId'],
        },
        {
          anonymous: [401, 'unauthenticated'],
          outsider: [403, 'not_organization_member'],
          applicantOther: [403, 'not_organization_member'],
          reviewerOther: [403, 'not_organization_member'],
          otherHost: [403, 'not_organization_member'],
          otherOrganizer: [403, 'not_organization_member'],
        },
      );
    });

    it('GET /events/:eventId/calls/:callId/applications: managers all submitted, reviewers their assigned, applicants their own', async () => {
      await checkMatrix({ method: 'get', path: (p) => `/events/${p.eventId}/calls/${p.callId}/applications`, params: ['callId'] }, seenByWhoeverSeesTheEvent);
      const seen = async (actor: Actor, callId = challenge.id) =>
        new Set(((await http().get(`/events/${event.id}/calls/${callId}/applications`).set(actor.auth)).body as Array<{ id: string }>).map((application) => application.id));
      assert.deepEqual(await seen(host.owner), new Set([ids.applicationId, otherApplicationId]));
      assert.deepEqual(await seen(applicantOther.owner), new Set([otherApplicationId]));
      assert.equal((await seen(host.owner)).has(draftApplicationId), false);
      assert.deepEqual(await seen(drafter.owner), new Set([draftApplicationId]));
      assert.deepEqual(await seen(reviewer), new Set([ids.applicationId]));
      assert.equal((await seen(reviewerOther)).has(ids.applicationId), false);
      assert.deepEqual(await seen(outsider), new Set());
      assert.deepEqual(await seen(otherHost.owner), new Set());
      // The host company sees only its own challenge's applications.
      assert.deepEqual(await seen(host.owner, irCall.id), new Set());
      assert.deepEqual(await seen(organizer, irCall.id), new Set([irApplicationId]));
      const forOutsider = await http().get(`/events/${event.id}/calls/${challenge.id}/applications`).set(outsider.auth);
      assertNoLeak(forOutsider.body);
    });

    it('GET /events/:eventId/calls/:callId/applications/:applicationId: its company, its reviewers, the managers', async () => {
      await checkMatrix(
        { method: 'get', path: (p) => `/events/${p.eventId}/calls/${p.callId}/applications/${p.applicationId}`, params: ['callId', 'applicationId'] },
        onlyWhoSeesTheApplication,
      );
      for (const actor of [applicant.owner, reviewer, host.owner, organizer]) {
        const response = await http().get(`/events/${event.id}/calls/${challenge.id}/applications/${ids.applicationId}`).set(actor.auth);
        assert.equal(response.status, 200, JSON.stringify(response.body));
      }
      // The host company cannot see the IR call's applications; nobody but its company sees a draft.
      assertProblem(await http().get(`/events/${event.id}/calls/${irCall.id}/applications/${irApplicationId}`).set(host.owner.auth), 404, 'not_found');
      assertProblem(await http().get(`/events/${event.id}/calls/${challenge.id}/applications/${draftApplicationId}`).set(organizer.auth), 404, 'not_found');
      // Addressed through the other call of the same event: 404.
      assertProblem(await http().get(`/events/${event.id}/calls/${irCall.id}/applications/${ids.applicationId}`).set(organizer.auth), 404, 'not_found');
      // The reviewer does not read other reviewers' comments in the application.
      const asReviewer = await http().get(`/events/${event.id}/calls/${challenge.id}/applications/${ids.applicationId}`).set(reviewer.auth);
      assert.equal(asReviewer.body.reviewers, null);
      assert.equal(asReviewer.body.myReview.comment, secrets.comment);
      const asApplicant = await http().get(`/events/${event.id}/calls/${challenge.id}/applications/${ids.applicationId}`).set(applicant.owner.auth);
      assert.equal(JSON.stringify(asApplicant.body).includes(secrets.comment), false);
    });

    it(
      'PATCH /events/:eventId/calls/:callId/applications/:applicationId: the applicant only',
      applicantOnly((p) => `/events/${p.eventId}/calls/${p.callId}/applications/${p.applicationId}`, { answers: [] }),
    );

    it(
      'POST /events/:eventId/calls/:callId/applications/:applicationId/submit: the applicant only',
      applicantOnly((p) => `/events/${p.eventId}/calls/${p.callId}/applications/${p.applicationId}/submit`),
    );

    it(
      'POST /events/:eventId/calls/:callId/applications/:applicationId/withdraw: the applicant only',
      applicantOnly((p) => `/events/${p.eventId}/calls/${p.callId}/applications/${p.applicationId}/withdraw`),
    );

    it('POST /events/:eventId/calls/:callId/applications/:applicationId/decision: managers only', async () => {
      const route: RouteCase = {
        method: 'post',
        path: (p) => `/events/${p.eventId}/calls/${p.callId}/applications/${p.applicationId}/decision`,
        body: { decision: 'selected' },
        params: ['callId', 'applicationId'],
      };
      await checkMatrix(route, onlyWhoSeesTheApplication);
      for (const actor of [reviewer, applicant.owner]) {
        const unchanged = await snapshot();
        assertProblem(await send(route, ids, actor), 403, 'forbidden');
        assert.deepEqual(await snapshot(), unchanged);
      }
      assertProblem(await http().post(`/events/${event.id}/calls/${irCall.id}/applications/${irApplicationId}/decision`).set(host.owner.auth).send({ decision: 'selected' }), 404, 'not_found');
    });
  });

  describe('reviews', () => {
    it('PUT /events/:eventId/calls/:callId/applications/:applicationId/review: assigned reviewers only', async () => {
      const route: RouteCase = {
        method: 'put',
        path: (p) => `/events/${p.eventId}/calls/${p.callId}/applications/${p.applicationId}/review`,
        body: { scores: [] },
        params: ['callId', 'applicationId'],
      };
      await checkMatrix(route, onlyWhoSeesTheApplication);
      for (const actor of [applicant.owner, host.owner, organizer]) {
        const unchanged = await snapshot();
        assertProblem(await send(route, ids, actor), 403, 'forbidden');
        assert.deepEqual(await snapshot(), unchanged);
      }
    });

    it('GET /events/:eventId/calls/:callId/applications/:applicationId/reviews: managers, and each reviewer their own', async () => {
      await checkMatrix(
        { method: 'get', path: (p) => `/events/${p.eventId}/calls/${p.callId}/applications/${p.applicationId}/reviews`, params: ['callId', 'applicationId'] },
        onlyWhoSeesTheApplication,
      );
      assertProblem(await http().get(`/events/${event.id}/calls/${challenge.id}/applications/${ids.applicationId}/reviews`).set(applicant.owner.auth), 403, 'forbidden');
      const hosts = await http().get(`/events/${event.id}/calls/${challenge.id}/applications/${ids.applicationId}/reviews`).set(host.owner.auth);
      assert.equal(hosts.body[0].comment, secrets.comment);
    });

    it('DELETE /events/:eventId/calls/:callId/applications/:applicationId/reviewers/:reviewerUserId: managers only', async () => {
      const route: RouteCase = {
        method: 'delete',
        path: (p) => `/events/${p.eventId}/calls/${p.callId}/applications/${p.applicationId}/reviewers/${p.reviewerUserId}`,
        params: ['callId', 'applicationId', 'reviewerUserId'],
      };
      await checkMatrix(route, onlyWhoSeesTheApplication);
      for (const actor of [applicant.owner, reviewer]) {
        const unchanged = await snapshot();
        assertProblem(await send(route, ids, actor), 403, 'forbidden');
        assert.deepEqual(await snapshot(), unchanged);
      }
    });
  });
});
