import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Actor, registerActor } from './actors';
import { TestApp } from './test-app';

/**
 * Calls, startups and applications made through the API, for the suites of calls, pitch sessions and
 * collaborations. Additive: add options, do not change what they mean.
 */

export interface Company {
  owner: Actor;
  organizationId: string;
  name: string;
}

const HOUR = 3_600_000;

export function unique(base: string): string {
  return `${base} ${randomBytes(3).toString('hex')}`;
}

/** A new person owning a new organization (a startup unless said otherwise). */
export async function createCompany(testApp: TestApp, name = unique('Startup'), kind = 'startup'): Promise<Company> {
  const owner = await registerActor(testApp, { name: `${name} founder` });
  const response = await testApp.http().post('/organizations').set(owner.auth).send({ name, kind });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  return { owner, organizationId: response.body.id, name };
}

/** Adds a registered person to an organization as a member (the owner adds them). */
export async function addCompanyMember(testApp: TestApp, company: Company, person: Actor): Promise<void> {
  const response = await testApp
    .http()
    .post(`/organizations/${company.organizationId}/members`)
    .set(company.owner.auth)
    .send({ email: person.email, role: 'member' });
  assert.equal(response.status, 201, JSON.stringify(response.body));
}

/** Two questions (a required text, an optional choice) and two criteria (innovation /10, fit /5). */
export const STANDARD_FORM = {
  questions: [
    { kind: 'text', prompt: 'What does your product do?' },
    { kind: 'choice', prompt: 'Track', required: false, choices: ['Digital device', 'Advanced material', 'Generative AI'] },
  ],
  criteria: [
    { name: 'Innovation', maxScore: 10 },
    { name: 'Fit with the host', maxScore: 5 },
  ],
};

export interface CallBody {
  id: string;
  questions: Array<{ id: string; kind: string; required: boolean }>;
  criteria: Array<{ id: string; maxScore: number }>;
  [key: string]: unknown;
}

/** Opens a call (open since an hour ago, closing in a day) as `actor`; asserts it worked. */
export async function openCall(testApp: TestApp, actor: Actor, eventId: string, body: Record<string, unknown>): Promise<CallBody> {
  const response = await testApp
    .http()
    .post(`/events/${eventId}/calls`)
    .set(actor.auth)
    .send({
      title: unique('Call'),
      opensAt: new Date(Date.now() - HOUR).toISOString(),
      closesAt: new Date(Date.now() + 24 * HOUR).toISOString(),
      places: 2,
      ...STANDARD_FORM,
      ...body,
    });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  return response.body;
}

/** A company's application with the required answer, submitted. Returns its id. */
export async function submitApplication(testApp: TestApp, company: Company, eventId: string, call: CallBody, pitch = 'Our product'): Promise<string> {
  const created = await testApp
    .http()
    .post(`/events/${eventId}/calls/${call.id}/applications`)
    .set(company.owner.auth)
    .send({ organizationId: company.organizationId, answers: call.questions.filter((question) => question.required).map((question) => ({ questionId: question.id, value: pitch })) });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const submitted = await testApp.http().post(`/events/${eventId}/calls/${call.id}/applications/${created.body.id}/submit`).set(company.owner.auth);
  assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
  return created.body.id;
}

/** Closes the call now (a closing time a moment ago). */
export async function closeCall(testApp: TestApp, manager: Actor, eventId: string, callId: string): Promise<void> {
  const response = await testApp
    .http()
    .patch(`/events/${eventId}/calls/${callId}`)
    .set(manager.auth)
    .send({ opensAt: new Date(Date.now() - 2 * HOUR).toISOString(), closesAt: new Date(Date.now() - 1000).toISOString() });
  assert.equal(response.status, 200, JSON.stringify(response.body));
}

export async function decide(testApp: TestApp, manager: Actor, eventId: string, callId: string, applicationId: string, body: Record<string, unknown>): Promise<void> {
  const response = await testApp.http().post(`/events/${eventId}/calls/${callId}/applications/${applicationId}/decision`).set(manager.auth).send(body);
  assert.equal(response.status, 200, JSON.stringify(response.body));
}

export async function publish(testApp: TestApp, manager: Actor, eventId: string, callId: string): Promise<void> {
  const response = await testApp.http().post(`/events/${eventId}/calls/${callId}/publish`).set(manager.auth);
  assert.equal(response.status, 200, JSON.stringify(response.body));
}

export interface DecidedCall {
  call: CallBody;
  selected: Array<{ company: Company; applicationId: string }>;
  rejected: Array<{ company: Company; applicationId: string }>;
}

/**
 * A call with `selected` + `rejected` startups that applied; the first `selected` are selected, the rest rejected; the
 * call is closed and its results published.
 */
export async function decidedCall(
  testApp: TestApp,
  manager: Actor,
  eventId: string,
  body: Record<string, unknown>,
  counts: { selected: number; rejected: number },
): Promise<DecidedCall> {
  const call = await openCall(testApp, manager, eventId, { places: Math.max(1, counts.selected), ...body });
  const applicants: Array<{ company: Company; applicationId: string }> = [];
  for (let index = 0; index < counts.selected + counts.rejected; index += 1) {
    const company = await createCompany(testApp);
    applicants.push({ company, applicationId: await submitApplication(testApp, company, eventId, call) });
  }
  await closeCall(testApp, manager, eventId, call.id);
  const selected = applicants.slice(0, counts.selected);
  const rejected = applicants.slice(counts.selected);
  for (const applicant of selected) await decide(testApp, manager, eventId, call.id, applicant.applicationId, { decision: 'selected' });
  for (const applicant of rejected) await decide(testApp, manager, eventId, call.id, applicant.applicationId, { decision: 'rejected' });
  await publish(testApp, manager, eventId, call.id);
  return { call, selected, rejected };
}
