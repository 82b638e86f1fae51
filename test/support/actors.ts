import { randomBytes } from 'node:crypto';
import assert from 'node:assert/strict';
import { TestApp } from './test-app';

export interface Actor {
  id: string;
  email: string;
  password: string;
  name: string;
  accessToken: string;
  refreshToken: string;
  auth: { Authorization: string };
}

export const DEFAULT_PASSWORD = 'correct horse battery staple';

/** Registers a new person with a unique email (each test makes its own people). */
export async function registerActor(
  testApp: TestApp,
  overrides: Partial<{ name: string; email: string; language: string; timeZone: string; password: string }> = {},
): Promise<Actor> {
  const email = overrides.email ?? `person-${randomBytes(5).toString('hex')}@example.com`;
  const password = overrides.password ?? DEFAULT_PASSWORD;
  const name = overrides.name ?? 'Test Person';
  const response = await testApp
    .http()
    .post('/auth/register')
    .send({ email, password, name, language: overrides.language ?? 'en', timeZone: overrides.timeZone ?? 'Asia/Seoul' });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  return actorFrom(response.body, password);
}

export function actorFrom(
  body: { accessToken: string; refreshToken: string; user: { id: string; email: string; name: string } },
  password: string,
): Actor {
  return {
    id: body.user.id,
    email: body.user.email,
    name: body.user.name,
    password,
    accessToken: body.accessToken,
    refreshToken: body.refreshToken,
    auth: { Authorization: `Bearer ${body.accessToken}` },
  };
}

export interface CreatedEvent {
  id: string;
  slug: string;
}

/** Creates an event as `organizer` (published unless said otherwise). */
export async function createEvent(
  testApp: TestApp,
  organizer: Actor,
  overrides: Record<string, unknown> = {},
): Promise<CreatedEvent> {
  const response = await testApp
    .http()
    .post('/events')
    .set(organizer.auth)
    .send({
      name: `Expo ${randomBytes(3).toString('hex')}`,
      timeZone: 'Asia/Seoul',
      startsOn: '2023-11-08',
      endsOn: '2023-11-10',
      status: 'published',
      ...overrides,
    });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  return { id: response.body.id, slug: response.body.slug };
}

/** Invites `invitee` into the event in `role` and has them accept; returns nothing, asserts it worked. */
export async function addEventMember(testApp: TestApp, eventId: string, organizer: Actor, invitee: Actor, role: string): Promise<void> {
  const invitation = await testApp
    .http()
    .post(`/events/${eventId}/invitations`)
    .set(organizer.auth)
    .send({ email: invitee.email, role });
  assert.equal(invitation.status, 201, JSON.stringify(invitation.body));
  const accepted = await testApp.http().post(`/invitations/${invitation.body.token}/accept`).set(invitee.auth);
  assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
}

/** Asserts an RFC 9457 problem with the given status and code. */
export function assertProblem(
  response: { status: number; headers: Record<string, string>; body: { code?: string; requestId?: string } },
  status: number,
  code: string,
): void {
  assert.equal(response.status, status, JSON.stringify(response.body));
  assert.match(response.headers['content-type'] ?? '', /^application\/problem\+json/);
  assert.equal(response.body.code, code, JSON.stringify(response.body));
  assert.ok(response.body.requestId, 'problem carries a request id');
}
