import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
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
    assert.equal(first.agenda_sessions, 6);
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
});
