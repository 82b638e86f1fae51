import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertProblem, DEFAULT_PASSWORD, registerActor } from '../support/actors';
import { startTestApp, TestApp } from '../support/test-app';

describe('sign-up, sign-in and sessions', () => {
  let testApp: TestApp;
  before(async () => {
    testApp = await startTestApp({ LOGIN_FAILURE_LIMIT: '3' });
  });
  after(async () => {
    await testApp.close();
  });

  it('registers with a case-insensitive unique email and signs the person in', async () => {
    const response = await testApp
      .http()
      .post('/auth/register')
      .send({ email: '  Minji.Kim@Example.COM ', password: DEFAULT_PASSWORD, name: 'Kim Minji', language: 'ko', timeZone: 'Asia/Seoul' });
    assert.equal(response.status, 201);
    assert.equal(response.body.user.email, 'minji.kim@example.com');
    assert.equal(response.body.user.language, 'ko');
    assert.equal(response.body.tokenType, 'Bearer');
    assert.ok(response.body.accessToken && response.body.refreshToken);
    assert.equal(response.body.user.passwordHash, undefined);

    const again = await testApp
      .http()
      .post('/auth/register')
      .send({ email: 'MINJI.KIM@example.com', password: DEFAULT_PASSWORD, name: 'Other', language: 'en', timeZone: 'Asia/Seoul' });
    assertProblem(again, 409, 'email_taken');
    assert.deepEqual(again.body.errors.map((error: { field: string }) => error.field), ['email']);
  });

  it('issues an access token that lasts about 15 minutes', async () => {
    const actor = await registerActor(testApp);
    const [, payload] = actor.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    assert.equal(claims.exp - claims.iat, 900);
    assert.equal(claims.sub, actor.id);
  });

  it('rejects bad sign-up input field by field, and unknown fields, creating nothing', async () => {
    const response = await testApp
      .http()
      .post('/auth/register')
      .send({ email: 'not-an-email', password: 'short', name: '', language: 'fr', timeZone: 'Mars/Olympus', isPlatformAdmin: true });
    assertProblem(response, 400, 'validation_failed');
    const fields = response.body.errors.map((error: { field: string }) => error.field).sort();
    assert.deepEqual(fields, ['email', 'isPlatformAdmin', 'language', 'name', 'password', 'timeZone']);
    const login = await testApp.http().post('/auth/login').send({ email: 'not-an-email', password: 'short' });
    assert.equal(login.status, 400);
  });

  it('signs in with the right password only, whatever the email case', async () => {
    const actor = await registerActor(testApp);
    const good = await testApp.http().post('/auth/login').send({ email: actor.email.toUpperCase(), password: DEFAULT_PASSWORD });
    assert.equal(good.status, 200);
    assert.equal(good.body.user.id, actor.id);
    const bad = await testApp.http().post('/auth/login').send({ email: actor.email, password: 'wrong password!!' });
    assertProblem(bad, 401, 'invalid_credentials');
    const unknown = await testApp.http().post('/auth/login').send({ email: 'nobody@example.com', password: 'whatever123' });
    assertProblem(unknown, 401, 'invalid_credentials');
  });

  it('answers 429 with Retry-After after repeated failed sign-ins, even with the right password', async () => {
    const actor = await registerActor(testApp);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const failed = await testApp.http().post('/auth/login').send({ email: actor.email, password: 'wrong password!!' });
      assert.equal(failed.status, 401);
    }
    const blocked = await testApp.http().post('/auth/login').send({ email: actor.email, password: DEFAULT_PASSWORD });
    assertProblem(blocked, 429, 'too_many_attempts');
    assert.ok(Number(blocked.headers['retry-after']) > 0);
  });

  it('GET /me needs a valid token and returns the profile; PATCH /me updates it', async () => {
    const actor = await registerActor(testApp);
    assertProblem(await testApp.http().get('/me'), 401, 'unauthenticated');
    assertProblem(await testApp.http().get('/me').set({ Authorization: 'Bearer nonsense' }), 401, 'unauthenticated');
    const me = await testApp.http().get('/me').set(actor.auth);
    assert.equal(me.status, 200);
    assert.equal(me.body.email, actor.email);

    const updated = await testApp.http().patch('/me').set(actor.auth).send({ timeZone: 'America/New_York', language: 'ko' });
    assert.equal(updated.status, 200);
    assert.equal(updated.body.timeZone, 'America/New_York');
    assert.equal(updated.body.language, 'ko');

    const invalid = await testApp.http().patch('/me').set(actor.auth).send({ timeZone: 'Seoul', email: 'x@example.com' });
    assertProblem(invalid, 400, 'validation_failed');
    assertProblem(await testApp.http().patch('/me').set(actor.auth).send({ name: null }), 400, 'validation_failed');
    const unchanged = await testApp.http().get('/me').set(actor.auth);
    assert.equal(unchanged.body.timeZone, 'America/New_York');
    assert.equal(unchanged.body.email, actor.email);
    assert.equal(unchanged.body.name, actor.name);
  });

  it('rotates refresh tokens, and reusing an old one revokes the whole session', async () => {
    const actor = await registerActor(testApp);
    const first = await testApp.http().post('/auth/refresh').send({ refreshToken: actor.refreshToken });
    assert.equal(first.status, 200);
    assert.notEqual(first.body.refreshToken, actor.refreshToken);

    const second = await testApp.http().post('/auth/refresh').send({ refreshToken: first.body.refreshToken });
    assert.equal(second.status, 200);

    const reuse = await testApp.http().post('/auth/refresh').send({ refreshToken: actor.refreshToken });
    assertProblem(reuse, 401, 'refresh_token_reused');

    // The newest token of that family is dead too, and so are its access tokens.
    assertProblem(await testApp.http().post('/auth/refresh').send({ refreshToken: second.body.refreshToken }), 401, 'refresh_token_invalid');
    assertProblem(await testApp.http().get('/me').set({ Authorization: `Bearer ${second.body.accessToken}` }), 401, 'unauthenticated');
  });

  it('lets only one of two simultaneous refreshes with the same token through', async () => {
    const actor = await registerActor(testApp);
    const results = await Promise.all([
      testApp.http().post('/auth/refresh').send({ refreshToken: actor.refreshToken }),
      testApp.http().post('/auth/refresh').send({ refreshToken: actor.refreshToken }),
    ]);
    assert.deepEqual(results.map((result) => result.status).sort(), [200, 401]);
  });

  it('logs out: the session ends at once, other sessions stay', async () => {
    const actor = await registerActor(testApp);
    const other = await testApp.http().post('/auth/login').send({ email: actor.email, password: DEFAULT_PASSWORD });
    const logout = await testApp.http().post('/auth/logout').set(actor.auth);
    assert.equal(logout.status, 204);
    assertProblem(await testApp.http().get('/me').set(actor.auth), 401, 'unauthenticated');
    assertProblem(await testApp.http().post('/auth/refresh').send({ refreshToken: actor.refreshToken }), 401, 'refresh_token_invalid');
    assert.equal((await testApp.http().get('/me').set({ Authorization: `Bearer ${other.body.accessToken}` })).status, 200);
  });

  it('changes the password after checking the current one, and signs out the other sessions', async () => {
    const actor = await registerActor(testApp);
    const other = await testApp.http().post('/auth/login').send({ email: actor.email, password: DEFAULT_PASSWORD });

    const wrong = await testApp.http().post('/auth/password').set(actor.auth).send({ currentPassword: 'not it at all', newPassword: 'a brand new passphrase' });
    assertProblem(wrong, 400, 'wrong_password');

    const changed = await testApp.http().post('/auth/password').set(actor.auth).send({ currentPassword: DEFAULT_PASSWORD, newPassword: 'a brand new passphrase' });
    assert.equal(changed.status, 204);
    assert.equal((await testApp.http().get('/me').set(actor.auth)).status, 200);
    assertProblem(await testApp.http().get('/me').set({ Authorization: `Bearer ${other.body.accessToken}` }), 401, 'unauthenticated');
    assertProblem(await testApp.http().post('/auth/login').send({ email: actor.email, password: DEFAULT_PASSWORD }), 401, 'invalid_credentials');
    assert.equal((await testApp.http().post('/auth/login').send({ email: actor.email, password: 'a brand new passphrase' })).status, 200);
  });

  it('answers unknown routes and malformed JSON with problems carrying a request id', async () => {
    const missing = await testApp.http().get('/no-such-route').set({ 'x-request-id': 'trace-123' });
    assertProblem(missing, 404, 'route_not_found');
    assert.equal(missing.body.requestId, 'trace-123');
    assert.equal(missing.headers['x-request-id'], 'trace-123');
    const malformed = await testApp.http().post('/auth/register').set('content-type', 'application/json').send('{"email":');
    assertProblem(malformed, 400, 'malformed_request');
    assertProblem(await testApp.http().post('/auth/register').set('content-type', 'application/xml').send('<email/>'), 415, 'malformed_request');
    assertProblem(await testApp.http().post('/auth/register').send({ email: 'a@example.com', name: 'x'.repeat(200 * 1024) }), 413, 'malformed_request');
    const undecodable = await testApp.http().get('/events/%E0%A4%A').set({ 'x-request-id': 'trace-456' });
    assertProblem(undecodable, 400, 'malformed_request');
    assert.equal(undecodable.headers['x-request-id'], 'trace-456');
    // Paths match in any letter case and with a trailing slash.
    assert.equal((await testApp.http().get('/HEALTH/')).status, 200);
    // A JSON content type with no body is no body: the action goes through, and a route needing fields says which.
    const actor = await registerActor(testApp);
    const readAll = await testApp.http().post('/me/notifications/read-all').set(actor.auth).set('content-type', 'application/json');
    assert.equal(readAll.status, 200);
    const empty = await testApp.http().post('/auth/register').set('content-type', 'application/json');
    assertProblem(empty, 400, 'validation_failed');
    assert.ok(empty.body.errors.some((error: { field: string }) => error.field === 'email'));
  });
});
