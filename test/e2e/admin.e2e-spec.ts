import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { Actor, actorFrom, assertProblem, createEvent, registerActor } from '../support/actors';
import { startTestApp, TestApp } from '../support/test-app';

describe('platform admins', () => {
  let testApp: TestApp;
  before(async () => {
    testApp = await startTestApp();
  });
  after(async () => {
    await testApp.close();
  });

  /** Operators get the flag from the database (or from another admin); it is in the token from the next sign-in. */
  async function registerAdmin(): Promise<Actor> {
    const person = await registerActor(testApp, { name: 'Operator' });
    await testApp.app.get(DataSource).query('UPDATE users SET is_platform_admin = true WHERE id = $1', [person.id]);
    const login = await testApp.http().post('/auth/login').send({ email: person.email, password: person.password });
    assert.equal(login.status, 200);
    return actorFrom(login.body, person.password);
  }

  it('lists and searches accounts; everyone else finds no such route', async () => {
    const admin = await registerAdmin();
    const person = await registerActor(testApp, { name: 'Searchable Name' });
    assertProblem(await testApp.http().get('/admin/users').set(person.auth), 404, 'route_not_found');
    assertProblem(await testApp.http().get('/admin/users'), 401, 'unauthenticated');

    const found = await testApp.http().get('/admin/users').query({ search: 'searchable' }).set(admin.auth);
    assert.equal(found.status, 200);
    assert.deepEqual(found.body.items.map((user: { id: string }) => user.id), [person.id]);
    assert.equal(found.body.items[0].passwordHash, undefined);
  });

  it('grants the admin role, which the person has from the next sign-in', async () => {
    const admin = await registerAdmin();
    const person = await registerActor(testApp);
    assertProblem(
      await testApp.http().patch(`/admin/users/${person.id}/platform-role`).set(person.auth).send({ isPlatformAdmin: true }),
      404,
      'route_not_found',
    );
    const granted = await testApp.http().patch(`/admin/users/${person.id}/platform-role`).set(admin.auth).send({ isPlatformAdmin: true });
    assert.equal(granted.status, 200);
    assert.equal(granted.body.isPlatformAdmin, true);
    const login = await testApp.http().post('/auth/login').send({ email: person.email, password: person.password });
    assert.equal((await testApp.http().get('/admin/users').set({ Authorization: `Bearer ${login.body.accessToken}` })).status, 200);
    assertProblem(await testApp.http().patch(`/admin/users/00000000-0000-4000-8000-000000000000/platform-role`).set(admin.auth).send({ isPlatformAdmin: true }), 404, 'not_found');
    assertProblem(await testApp.http().patch(`/admin/users/${admin.id}/platform-role`).set(admin.auth).send({ isPlatformAdmin: false }), 403, 'forbidden');
  });

  it('can see and manage any event, drafts included', async () => {
    const admin = await registerAdmin();
    const organizer = await registerActor(testApp);
    const draft = await createEvent(testApp, organizer, { status: 'draft' });
    const seen = await testApp.http().get(`/events/${draft.id}`).set(admin.auth);
    assert.equal(seen.status, 200);
    assert.deepEqual(seen.body.myRoles, ['organizer']);
    const updated = await testApp.http().patch(`/events/${draft.id}`).set(admin.auth).send({ status: 'published' });
    assert.equal(updated.status, 200);
    assert.equal(updated.body.status, 'published');
  });
});
