import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Actor, assertProblem, registerActor } from '../support/actors';
import { startTestApp, TestApp } from '../support/test-app';

// ---------------------------------------------------------------------------------------------------------------
// Fixtures and small helpers
// ---------------------------------------------------------------------------------------------------------------

const STARTUP_PROFILE = {
  name: 'Bio Ventures Co.',
  kind: 'startup',
  sectors: ['bio', 'cosmetics'],
  stage: 'seed',
  country: 'KR',
  website: 'https://bio-ventures.example.com',
  description: 'Skin care from fermented rice.',
  pitchDeckUrl: 'https://bio-ventures.example.com/deck.pdf',
};

const INVESTOR_PROFILE = {
  name: 'Han River Capital',
  kind: 'investor',
  investorType: 'venture_capital',
  country: 'KR',
  website: 'https://hanriver.example.com',
  ticketMin: 100_000_000,
  ticketMax: 2_000_000_000,
  ticketCurrency: 'KRW',
  focusSectors: ['bio-health', 'mobility'],
  focusStages: ['seed', 'series_a'],
};

/** Path ids that cannot name anything: every route answers them with 404. */
const MALFORMED_IDS = ['not-a-uuid', '12345', '00000000-0000-0000-0000-00000000000g', `${randomUUID()}x`];

interface Organization {
  id: string;
  name: string;
  [field: string]: unknown;
}

interface Team {
  organization: Organization;
  owner: Actor;
  member: Actor;
  outsider: Actor;
}

type Response = Awaited<ReturnType<ReturnType<TestApp['http']>['get']>>;

/** Set in the suite's before(): one app and database for this whole file. */
let testApp: TestApp;
const http = () => testApp.http();

/** A unique name, so a leak of one organization into another response can be spotted. */
function uniqueName(base: string): string {
  return `${base} ${randomUUID().slice(0, 8)}`;
}

async function createOrganization(owner: Actor, profile: Record<string, unknown> = STARTUP_PROFILE): Promise<Organization> {
  const response = await http()
    .post('/organizations')
    .set(owner.auth)
    .send({ ...profile, name: uniqueName(String(profile.name)) });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  return response.body;
}

async function addMember(organizationId: string, owner: Actor, person: Actor, role = 'member'): Promise<void> {
  const response = await http().post(`/organizations/${organizationId}/members`).set(owner.auth).send({ email: person.email, role });
  assert.equal(response.status, 201, JSON.stringify(response.body));
}

/** An organization with an owner, a plain member, and an outsider who belongs to it in no way. */
async function team(profile: Record<string, unknown> = STARTUP_PROFILE): Promise<Team> {
  const [owner, member, outsider] = await Promise.all([
    registerActor(testApp, { name: 'Owner' }),
    registerActor(testApp, { name: 'Member' }),
    registerActor(testApp, { name: 'Outsider' }),
  ]);
  const organization = await createOrganization(owner, profile);
  await addMember(organization.id, owner, member);
  return { organization, owner, member, outsider };
}

/** Roles by user id, as an owner or member sees them. */
async function rolesIn(organizationId: string, viewer: Actor): Promise<Record<string, string>> {
  const response = await http().get(`/organizations/${organizationId}/members`).set(viewer.auth);
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return Object.fromEntries(response.body.map((member: { userId: string; role: string }) => [member.userId, member.role]));
}

async function readProfile(organizationId: string, viewer: Actor): Promise<Organization> {
  const response = await http().get(`/organizations/${organizationId}`).set(viewer.auth);
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body;
}

async function myOrganizationIds(actor: Actor): Promise<string[]> {
  const response = await http().get('/organizations').set(actor.auth);
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body.map((organization: Organization) => organization.id);
}

function withoutRequestDetails(body: Record<string, unknown>): Record<string, unknown> {
  return { ...body, requestId: undefined, instance: undefined };
}

function fieldsOf(response: Response): string[] {
  return (response.body.errors ?? []).map((error: { field: string }) => error.field).sort();
}

/**
 * A 404 that says nothing about the organization: no profile field or member in the body, and the same body
 * (apart from the request id and echoed path) as for an id that names nothing.
 */
async function assertHiddenNotFound(
  response: Response,
  organization: Organization,
  sameRequestFor: (unknownId: string) => Promise<Response>,
): Promise<void> {
  assertProblem(response, 404, 'not_found');
  const text = JSON.stringify(response.body);
  for (const value of [organization.name, organization.description, organization.website]) {
    if (typeof value === 'string') assert.ok(!text.includes(value), `404 body leaks ${value}: ${text}`);
  }
  const unknown = await sameRequestFor(randomUUID());
  assertProblem(unknown, 404, 'not_found');
  assert.deepEqual(withoutRequestDetails(response.body), withoutRequestDetails(unknown.body));
}

/** Creates as a fresh person, expects 400 naming exactly `fields`, and checks nothing was created. */
async function assertRejectedCreate(body: Record<string, unknown>, fields: string[]): Promise<void> {
  const founder = await registerActor(testApp);
  const response = await http().post('/organizations').set(founder.auth).send(body);
  assertProblem(response, 400, 'validation_failed');
  assert.deepEqual(fieldsOf(response), [...fields].sort(), JSON.stringify(response.body));
  assert.deepEqual(await myOrganizationIds(founder), [], 'a rejected request creates nothing');
}

/** PATCH /organizations/:id as `actor`, trying to rename it. */
function renameAs(organizationId: string, actor: Actor) {
  return http().patch(`/organizations/${organizationId}`).set(actor.auth).send({ name: 'Hijacked' });
}

/** PATCH /organizations/:id/members/:userId as `actor`. */
function setRole(organizationId: string, actor: Actor, userId: string, role: string) {
  return http().patch(`/organizations/${organizationId}/members/${userId}`).set(actor.auth).send({ role });
}

/** DELETE /organizations/:id/members/:userId as `actor` (leaving, when it is their own id). */
function remove(organizationId: string, actor: Actor, userId: string) {
  return http().delete(`/organizations/${organizationId}/members/${userId}`).set(actor.auth);
}

describe('organizations', () => {
  before(async () => {
    testApp = await startTestApp();
  });
  after(async () => {
    await testApp.close();
  });

  // -------------------------------------------------------------------------------------------------------------
  // Profiles
  // -------------------------------------------------------------------------------------------------------------

  describe('creating and reading profiles', () => {
    it('creates a startup profile, makes the creator its owner, and reads it back', async () => {
      const founder = await registerActor(testApp);
      const created = await http().post('/organizations').set(founder.auth).send(STARTUP_PROFILE);
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.match(created.body.id, /^[0-9a-f-]{36}$/);
      assert.equal(created.body.myRole, 'owner');

      const expected = {
        ...STARTUP_PROFILE,
        id: created.body.id,
        investorType: null,
        ticketMin: null,
        ticketMax: null,
        ticketCurrency: null,
        focusSectors: [],
        focusStages: [],
        myRole: 'owner',
      };
      assert.deepEqual(created.body, expected);
      assert.deepEqual(await readProfile(created.body.id, founder), expected);
      assert.deepEqual(await rolesIn(created.body.id, founder), { [founder.id]: 'owner' });
    });

    it('creates an investor profile with a ticket range in a currency and focus sectors and stages', async () => {
      const partner = await registerActor(testApp);
      const created = await http()
        .post('/organizations')
        .set(partner.auth)
        .send({ ...INVESTOR_PROFILE, country: 'kr', ticketCurrency: 'krw' });
      assert.equal(created.status, 201, JSON.stringify(created.body));

      const profile = await readProfile(created.body.id, partner);
      assert.equal(profile.kind, 'investor');
      assert.equal(profile.investorType, 'venture_capital');
      assert.equal(profile.ticketMin, 100_000_000, 'amounts come back as numbers');
      assert.equal(profile.ticketMax, 2_000_000_000);
      assert.equal(profile.ticketCurrency, 'KRW', 'currency codes are stored upper-case');
      assert.equal(profile.country, 'KR', 'country codes are stored upper-case');
      assert.deepEqual(profile.focusSectors, ['bio-health', 'mobility']);
      assert.deepEqual(profile.focusStages, ['seed', 'series_a']);
      assert.deepEqual(profile.sectors, []);
      assert.equal(profile.stage, null);
      assert.equal(profile.myRole, 'owner');
    });

    it('accepts a profile with only a name and a kind, filling the rest with empty values', async () => {
      const founder = await registerActor(testApp);
      const created = await http().post('/organizations').set(founder.auth).send({ name: 'Bare', kind: 'agency' });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const profile = await readProfile(created.body.id, founder);
      assert.deepEqual(profile.sectors, []);
      assert.deepEqual(profile.focusSectors, []);
      assert.deepEqual(profile.focusStages, []);
      for (const field of ['investorType', 'stage', 'country', 'website', 'description', 'pitchDeckUrl', 'ticketMin', 'ticketMax', 'ticketCurrency']) {
        assert.equal(profile[field], null, field);
      }
    });

    it('lets any signed-in person read a profile, with myRole telling their role (null for outsiders)', async () => {
      const { organization, owner, member, outsider } = await team();
      assert.equal((await readProfile(organization.id, owner)).myRole, 'owner');
      assert.equal((await readProfile(organization.id, member)).myRole, 'member');
      const seenByOutsider = await readProfile(organization.id, outsider);
      assert.equal(seenByOutsider.myRole, null);
      assert.equal(seenByOutsider.name, organization.name);
      assert.equal(seenByOutsider.ownerId, undefined);
      assert.equal(seenByOutsider.members, undefined);
    });

    it('answers 401 without a token and 404 for an unknown or malformed organization id', async () => {
      const { organization } = await team();
      const reader = await registerActor(testApp);
      assertProblem(await http().get(`/organizations/${organization.id}`), 401, 'unauthenticated');
      assertProblem(await http().get('/organizations'), 401, 'unauthenticated');
      assertProblem(await http().post('/organizations').send(STARTUP_PROFILE), 401, 'unauthenticated');
      assertProblem(await http().get(`/organizations/${randomUUID()}`).set(reader.auth), 404, 'not_found');
      for (const id of MALFORMED_IDS) {
        assertProblem(await http().get(`/organizations/${encodeURIComponent(id)}`).set(reader.auth), 404, 'not_found');
      }
    });

    it('lists only the organizations I belong to, each with my role', async () => {
      const me = await registerActor(testApp);
      const colleague = await registerActor(testApp);
      const stranger = await registerActor(testApp);
      const mine = await createOrganization(me);
      const theirs = await createOrganization(colleague, INVESTOR_PROFILE);
      await addMember(theirs.id, colleague, me);
      const notMine = await createOrganization(stranger);

      const response = await http().get('/organizations').set(me.auth);
      assert.equal(response.status, 200);
      const byId = Object.fromEntries(response.body.map((organization: Organization) => [organization.id, organization]));
      assert.deepEqual(Object.keys(byId).sort(), [mine.id, theirs.id].sort());
      assert.equal(byId[mine.id].myRole, 'owner');
      assert.equal(byId[theirs.id].myRole, 'member');
      assert.equal(byId[theirs.id].name, theirs.name);
      assert.ok(!JSON.stringify(response.body).includes(notMine.name));

      assert.deepEqual(await myOrganizationIds(stranger), [notMine.id]);
      assert.deepEqual(await myOrganizationIds(await registerActor(testApp)), []);
    });
  });

  // -------------------------------------------------------------------------------------------------------------
  // Validation
  // -------------------------------------------------------------------------------------------------------------

  describe('validation', () => {
    it('rejects investorType on an organization that is not an investor, on the field investorType', async () => {
      await assertRejectedCreate({ ...STARTUP_PROFILE, investorType: 'angel' }, ['investorType']);
    });

    it('rejects a ticket range whose minimum is above its maximum', async () => {
      await assertRejectedCreate({ ...INVESTOR_PROFILE, ticketMin: 500, ticketMax: 100 }, ['ticketMax']);
    });

    it('rejects a ticket size without a currency', async () => {
      await assertRejectedCreate({ ...INVESTOR_PROFILE, ticketCurrency: undefined }, ['ticketCurrency']);
      await assertRejectedCreate({ name: 'Angel', kind: 'investor', ticketMax: 5_000 }, ['ticketCurrency']);
    });

    it('rejects a bad country, currency, website or pitch deck URL, naming each field', async () => {
      await assertRejectedCreate(
        {
          ...INVESTOR_PROFILE,
          country: 'Korea',
          ticketCurrency: 'WON',
          website: 'hanriver.example.com',
          pitchDeckUrl: 'javascript:alert(1)',
        },
        ['country', 'pitchDeckUrl', 'ticketCurrency', 'website'],
      );
      await assertRejectedCreate({ ...STARTUP_PROFILE, country: 'XX', website: 'ftp://bio.example.com/' }, ['country', 'website']);
    });

    it('rejects unknown kinds, stages and negative or fractional ticket sizes', async () => {
      await assertRejectedCreate(
        { ...INVESTOR_PROFILE, kind: 'bank', focusStages: ['seed', 'unicorn'], ticketMin: -1, ticketMax: 10.5 },
        ['focusStages', 'kind', 'ticketMax', 'ticketMin'],
      );
      await assertRejectedCreate({ name: '', kind: 'startup', stage: 'series_z' }, ['name', 'stage']);
    });

    it('rejects ticket sizes too large to store exactly', async () => {
      await assertRejectedCreate({ ...INVESTOR_PROFILE, ticketMin: 1, ticketMax: 1e19 }, ['ticketMax']);
    });

    it('rejects null where a profile cannot be empty (name, kind and the lists)', async () => {
      await assertRejectedCreate({ ...STARTUP_PROFILE, name: null }, ['name']);
      await assertRejectedCreate({ ...STARTUP_PROFILE, sectors: null, focusSectors: null, focusStages: null }, [
        'focusSectors',
        'focusStages',
        'sectors',
      ]);
    });

    it('rejects unknown fields, such as an id, an owner or myRole, instead of storing them', async () => {
      await assertRejectedCreate({ ...STARTUP_PROFILE, id: randomUUID(), ownerId: randomUUID(), myRole: 'owner' }, [
        'id',
        'myRole',
        'ownerId',
      ]);
    });
  });

  // -------------------------------------------------------------------------------------------------------------
  // Updating a profile
  // -------------------------------------------------------------------------------------------------------------

  describe('updating a profile', () => {
    it('lets an owner change some fields and leaves the others as they were', async () => {
      const { organization, owner, outsider } = await team(INVESTOR_PROFILE);
      const response = await http()
        .patch(`/organizations/${organization.id}`)
        .set(owner.auth)
        .send({ description: 'Early-stage bio and mobility.', ticketMax: 3_000_000_000, focusStages: ['pre_seed'] });
      assert.equal(response.status, 200, JSON.stringify(response.body));
      assert.equal(response.body.myRole, 'owner');

      const profile = await readProfile(organization.id, outsider);
      assert.equal(profile.description, 'Early-stage bio and mobility.');
      assert.equal(profile.ticketMax, 3_000_000_000);
      assert.deepEqual(profile.focusStages, ['pre_seed']);
      assert.equal(profile.name, organization.name);
      assert.equal(profile.investorType, 'venture_capital');
      assert.equal(profile.ticketMin, 100_000_000);
      assert.equal(profile.ticketCurrency, 'KRW');
      assert.deepEqual(profile.focusSectors, ['bio-health', 'mobility']);
    });

    it('clears investorType when an investor becomes another kind, and can clear optional fields with null', async () => {
      const { organization, owner } = await team(INVESTOR_PROFILE);
      const response = await http()
        .patch(`/organizations/${organization.id}`)
        .set(owner.auth)
        .send({ kind: 'corporate', website: null, ticketMin: null, ticketMax: null, ticketCurrency: null });
      assert.equal(response.status, 200, JSON.stringify(response.body));
      const profile = await readProfile(organization.id, owner);
      assert.equal(profile.kind, 'corporate');
      assert.equal(profile.investorType, null);
      assert.equal(profile.website, null);
      assert.equal(profile.ticketMin, null);
      assert.equal(profile.ticketCurrency, null);
    });

    it('checks rules across the stored and the new fields, and a rejected update changes nothing', async () => {
      const { organization, owner } = await team(INVESTOR_PROFILE);
      const startup = await createOrganization(owner, STARTUP_PROFILE);
      const original = await readProfile(organization.id, owner);

      const cases: [string, Record<string, unknown>, string[]][] = [
        [organization.id, { ticketMin: 5_000_000_000 }, ['ticketMax']],
        [organization.id, { ticketCurrency: null }, ['ticketCurrency']],
        [organization.id, { kind: 'startup', investorType: 'angel' }, ['investorType']],
        [organization.id, { name: 'Renamed', country: 'Korea' }, ['country']],
        [organization.id, { name: 'Renamed', secretField: true }, ['secretField']],
        [organization.id, { name: null }, ['name']],
        [organization.id, { kind: null }, ['kind']],
        [organization.id, { focusSectors: null }, ['focusSectors']],
        [startup.id, { investorType: 'angel' }, ['investorType']],
        [startup.id, { ticketMax: 1_000 }, ['ticketCurrency']],
      ];
      for (const [id, body, fields] of cases) {
        const response = await http().patch(`/organizations/${id}`).set(owner.auth).send(body);
        assertProblem(response, 400, 'validation_failed');
        assert.deepEqual(fieldsOf(response), fields, JSON.stringify(body));
      }
      assert.deepEqual(await readProfile(organization.id, owner), original);
      const startupNow = await readProfile(startup.id, owner);
      assert.equal(startupNow.investorType, null);
      assert.equal(startupNow.ticketMax, null);
    });

    it('answers 403 to a plain member, 404 to an outsider and for unknown or malformed ids, and changes nothing', async () => {
      const { organization, owner, member, outsider } = await team();
      const original = await readProfile(organization.id, owner);

      const byMember = await renameAs(organization.id, member);
      assertProblem(byMember, 403, 'forbidden');
      assert.ok(!JSON.stringify(byMember.body).includes(organization.name));

      await assertHiddenNotFound(await renameAs(organization.id, outsider), organization, (id) => renameAs(id, outsider));
      for (const id of MALFORMED_IDS) {
        assertProblem(await renameAs(encodeURIComponent(id), owner), 404, 'not_found');
      }
      assert.deepEqual(await readProfile(organization.id, owner), original);
    });
  });

  // -------------------------------------------------------------------------------------------------------------
  // Members
  // -------------------------------------------------------------------------------------------------------------

  describe('member list', () => {
    it('shows members with name, email and role to members and owners', async () => {
      const { organization, owner, member } = await team();
      for (const viewer of [owner, member]) {
        const response = await http().get(`/organizations/${organization.id}/members`).set(viewer.auth);
        assert.equal(response.status, 200);
        assert.deepEqual(
          response.body.map((row: { userId: string; name: string; email: string; role: string }) => [row.userId, row.name, row.email, row.role]),
          [
            [owner.id, owner.name, owner.email, 'owner'],
            [member.id, member.name, member.email, 'member'],
          ],
        );
        for (const row of response.body) assert.ok(!Number.isNaN(Date.parse(row.joinedAt)));
      }
    });

    it('answers 404 to outsiders and for unknown or malformed ids, without names or emails', async () => {
      const { organization, owner, member, outsider } = await team();
      const list = (id: string) => http().get(`/organizations/${id}/members`).set(outsider.auth);
      const response = await list(organization.id);
      await assertHiddenNotFound(response, organization, list);
      const text = JSON.stringify(response.body);
      for (const leaked of [owner.email, member.email, owner.id, member.id]) assert.ok(!text.includes(leaked));
      for (const id of MALFORMED_IDS) {
        assertProblem(await http().get(`/organizations/${encodeURIComponent(id)}/members`).set(owner.auth), 404, 'not_found');
      }
    });
  });

  describe('adding members', () => {
    it('lets an owner add an existing account by email, whatever its case, as member or owner', async () => {
      const { organization, owner } = await team();
      const [analyst, partner] = await Promise.all([registerActor(testApp), registerActor(testApp)]);
      const added = await http()
        .post(`/organizations/${organization.id}/members`)
        .set(owner.auth)
        .send({ email: analyst.email.toUpperCase(), role: 'member' });
      assert.equal(added.status, 201, JSON.stringify(added.body));
      assert.equal(added.body.userId, analyst.id);
      assert.equal(added.body.email, analyst.email);
      assert.equal(added.body.role, 'member');
      assert.ok(!Number.isNaN(Date.parse(added.body.joinedAt)), 'joinedAt is a timestamp');
      await addMember(organization.id, owner, partner, 'owner');

      const roles = await rolesIn(organization.id, owner);
      assert.equal(roles[analyst.id], 'member');
      assert.equal(roles[partner.id], 'owner');
      assert.equal((await readProfile(organization.id, analyst)).myRole, 'member');
      assert.ok((await myOrganizationIds(partner)).includes(organization.id));
    });

    it('answers 422 user_not_found on the email field for an address with no account', async () => {
      const { organization, owner } = await team();
      const original = await rolesIn(organization.id, owner);
      const response = await http()
        .post(`/organizations/${organization.id}/members`)
        .set(owner.auth)
        .send({ email: 'nobody-here@example.com', role: 'member' });
      assertProblem(response, 422, 'user_not_found');
      assert.deepEqual(fieldsOf(response), ['email']);
      assert.deepEqual(await rolesIn(organization.id, owner), original);
    });

    it('answers 409 already_member for someone already in, and keeps their role', async () => {
      const { organization, owner, member } = await team();
      const add = (person: Actor, role: string) =>
        http().post(`/organizations/${organization.id}/members`).set(owner.auth).send({ email: person.email, role });
      assertProblem(await add(member, 'owner'), 409, 'already_member');
      assertProblem(await add(member, 'member'), 409, 'already_member');
      // Re-adding the only owner as a plain member must not demote them.
      assertProblem(await add(owner, 'member'), 409, 'already_member');
      assert.deepEqual(await rolesIn(organization.id, owner), { [owner.id]: 'owner', [member.id]: 'member' });
    });

    it('adds a person only once when two owners add them at the same moment', async () => {
      const { organization, owner } = await team();
      const coOwner = await registerActor(testApp);
      await addMember(organization.id, owner, coOwner, 'owner');
      const newcomer = await registerActor(testApp);
      const results = await Promise.all(
        [owner, coOwner].map((actor) =>
          http().post(`/organizations/${organization.id}/members`).set(actor.auth).send({ email: newcomer.email, role: 'member' }),
        ),
      );
      assert.deepEqual(results.map((result) => result.status).sort(), [201, 409]);
      assert.equal((await rolesIn(organization.id, owner))[newcomer.id], 'member');
    });

    it('rejects a bad email, an unknown role and unknown fields', async () => {
      const { organization, owner, outsider } = await team();
      const response = await http()
        .post(`/organizations/${organization.id}/members`)
        .set(owner.auth)
        .send({ email: 'not an email', role: 'admin', userId: outsider.id });
      assertProblem(response, 400, 'validation_failed');
      assert.deepEqual(fieldsOf(response), ['email', 'role', 'userId']);
      assert.equal((await rolesIn(organization.id, owner))[outsider.id], undefined);
    });

    it('answers 403 to a plain member, 404 to an outsider and for malformed ids, and adds nobody', async () => {
      const { organization, owner, member, outsider } = await team();
      const newcomer = await registerActor(testApp);
      const add = (id: string, actor: Actor, email = newcomer.email) =>
        http().post(`/organizations/${id}/members`).set(actor.auth).send({ email, role: 'owner' });

      assertProblem(await add(organization.id, member), 403, 'forbidden');
      await assertHiddenNotFound(await add(organization.id, outsider), organization, (id) => add(id, outsider));
      // An outsider cannot add themselves either.
      assertProblem(await add(organization.id, outsider, outsider.email), 404, 'not_found');
      for (const id of MALFORMED_IDS) assertProblem(await add(encodeURIComponent(id), owner), 404, 'not_found');

      assert.deepEqual(await rolesIn(organization.id, owner), { [owner.id]: 'owner', [member.id]: 'member' });
      assert.deepEqual(await myOrganizationIds(newcomer), []);
    });
  });

  describe('changing roles', () => {
    it('lets an owner promote a member to owner and demote an owner while another owner remains', async () => {
      const { organization, owner, member } = await team();
      const promoted = await setRole(organization.id, owner, member.id, 'owner');
      assert.equal(promoted.status, 200, JSON.stringify(promoted.body));
      assert.deepEqual(
        { userId: promoted.body.userId, email: promoted.body.email, role: promoted.body.role },
        { userId: member.id, email: member.email, role: 'owner' },
      );
      assert.equal((await readProfile(organization.id, member)).myRole, 'owner');

      // The new owner can now demote the original one.
      const demoted = await setRole(organization.id, member, owner.id, 'member');
      assert.equal(demoted.status, 200, JSON.stringify(demoted.body));
      assert.deepEqual(await rolesIn(organization.id, owner), { [owner.id]: 'member', [member.id]: 'owner' });
    });

    it('answers 409 last_owner when the only owner would be demoted', async () => {
      const { organization, owner, member } = await team();
      assertProblem(await setRole(organization.id, owner, owner.id, 'member'), 409, 'last_owner');
      // Setting the role they already have is fine.
      assert.equal((await setRole(organization.id, owner, owner.id, 'owner')).status, 200);
      assert.deepEqual(await rolesIn(organization.id, owner), { [owner.id]: 'owner', [member.id]: 'member' });
    });

    it('answers 404 for a person who is not a member or a malformed user id, and 400 for an unknown role', async () => {
      const { organization, owner, member, outsider } = await team();
      assertProblem(await setRole(organization.id, owner, outsider.id, 'owner'), 404, 'not_found');
      assertProblem(await setRole(organization.id, owner, randomUUID(), 'owner'), 404, 'not_found');
      for (const id of MALFORMED_IDS) {
        assertProblem(await setRole(organization.id, owner, encodeURIComponent(id), 'owner'), 404, 'not_found');
      }
      const badRole = await setRole(organization.id, owner, member.id, 'admin');
      assertProblem(badRole, 400, 'validation_failed');
      assert.deepEqual(fieldsOf(badRole), ['role']);
      assert.deepEqual(await rolesIn(organization.id, owner), { [owner.id]: 'owner', [member.id]: 'member' });
      assert.deepEqual(await myOrganizationIds(outsider), []);
    });

    it('answers 403 to a plain member (even promoting themselves), 404 to an outsider and for malformed ids', async () => {
      const { organization, owner, member, outsider } = await team();
      assertProblem(await setRole(organization.id, member, member.id, 'owner'), 403, 'forbidden');
      assertProblem(await setRole(organization.id, member, owner.id, 'member'), 403, 'forbidden');
      await assertHiddenNotFound(await setRole(organization.id, outsider, member.id, 'owner'), organization, (id) =>
        setRole(id, outsider, member.id, 'owner'),
      );
      assertProblem(await setRole(organization.id, outsider, outsider.id, 'owner'), 404, 'not_found');
      for (const id of MALFORMED_IDS) {
        assertProblem(await setRole(encodeURIComponent(id), owner, member.id, 'owner'), 404, 'not_found');
      }
      assert.deepEqual(await rolesIn(organization.id, owner), { [owner.id]: 'owner', [member.id]: 'member' });
    });

    it('never leaves zero owners when the only two owners demote each other at the same moment', async () => {
      for (let round = 0; round < 5; round += 1) {
        const { organization, owner, member: secondOwner } = await team();
        await setRole(organization.id, owner, secondOwner.id, 'owner').expect(200);
        const results = await Promise.all([
          setRole(organization.id, owner, secondOwner.id, 'member'),
          setRole(organization.id, secondOwner, owner.id, 'member'),
        ]);
        const statuses = results.map((result) => result.status).sort();
        // One demotion wins; the other is refused, as last_owner or (if the winner already demoted its author) forbidden.
        assert.equal(statuses[0], 200, JSON.stringify(results.map((result) => result.body)));
        assert.ok([403, 409].includes(statuses[1]), JSON.stringify(results.map((result) => result.body)));

        const roles = Object.values(await rolesIn(organization.id, owner));
        assert.deepEqual(roles.sort(), ['member', 'owner']);
      }
    });

    it('never leaves zero owners when the only two owners demote themselves at the same moment', async () => {
      for (let round = 0; round < 5; round += 1) {
        const { organization, owner, member: secondOwner } = await team();
        await setRole(organization.id, owner, secondOwner.id, 'owner').expect(200);
        const results = await Promise.all([
          setRole(organization.id, owner, owner.id, 'member'),
          setRole(organization.id, secondOwner, secondOwner.id, 'member'),
        ]);
        assert.deepEqual(results.map((result) => result.status).sort(), [200, 409]);
        const roles = Object.values(await rolesIn(organization.id, owner));
        assert.deepEqual(roles.sort(), ['member', 'owner']);
      }
    });
  });

  describe('removing members and leaving', () => {
    it('lets an owner remove a member, who then loses access to the member list and the organization list', async () => {
      const { organization, owner, member } = await team();
      const response = await remove(organization.id, owner, member.id);
      assert.equal(response.status, 204, JSON.stringify(response.body));
      assert.deepEqual(await rolesIn(organization.id, owner), { [owner.id]: 'owner' });
      assertProblem(await http().get(`/organizations/${organization.id}/members`).set(member.auth), 404, 'not_found');
      assert.deepEqual(await myOrganizationIds(member), []);
      assert.equal((await readProfile(organization.id, member)).myRole, null);
      // Removing them again finds nobody.
      assertProblem(await remove(organization.id, owner, member.id), 404, 'not_found');
    });

    it('lets an owner remove another owner while one owner remains', async () => {
      const { organization, owner, member } = await team();
      const coOwner = await registerActor(testApp);
      await addMember(organization.id, owner, coOwner, 'owner');
      assert.equal((await remove(organization.id, owner, coOwner.id)).status, 204);
      assert.deepEqual(await rolesIn(organization.id, owner), { [owner.id]: 'owner', [member.id]: 'member' });
    });

    it('lets a plain member leave, and an owner leave when another owner remains', async () => {
      const { organization, owner, member } = await team();
      assert.equal((await remove(organization.id, member, member.id)).status, 204);
      assert.deepEqual(await myOrganizationIds(member), []);

      const coOwner = await registerActor(testApp);
      await addMember(organization.id, owner, coOwner, 'owner');
      assert.equal((await remove(organization.id, owner, owner.id)).status, 204);
      assert.deepEqual(await rolesIn(organization.id, coOwner), { [coOwner.id]: 'owner' });
      assert.equal((await readProfile(organization.id, owner)).myRole, null);
    });

    it('answers 409 last_owner when the only owner tries to leave, and keeps them', async () => {
      const { organization, owner, member } = await team();
      assertProblem(await remove(organization.id, owner, owner.id), 409, 'last_owner');
      assert.deepEqual(await rolesIn(organization.id, owner), { [owner.id]: 'owner', [member.id]: 'member' });
    });

    it('never leaves zero owners when the only two owners leave at the same moment', async () => {
      for (let round = 0; round < 5; round += 1) {
        const { organization, owner, member } = await team();
        const coOwner = await registerActor(testApp);
        await addMember(organization.id, owner, coOwner, 'owner');
        const results = await Promise.all([remove(organization.id, owner, owner.id), remove(organization.id, coOwner, coOwner.id)]);
        assert.deepEqual(results.map((result) => result.status).sort(), [204, 409]);
        const roles = await rolesIn(organization.id, member);
        assert.deepEqual(Object.values(roles).sort(), ['member', 'owner']);
      }
    });

    it('answers 403 when a plain member removes someone else, 404 to outsiders and for malformed ids', async () => {
      const { organization, owner, member, outsider } = await team();
      const colleague = await registerActor(testApp);
      await addMember(organization.id, owner, colleague);

      assertProblem(await remove(organization.id, member, colleague.id), 403, 'forbidden');
      assertProblem(await remove(organization.id, member, owner.id), 403, 'forbidden');
      await assertHiddenNotFound(await remove(organization.id, outsider, member.id), organization, (id) =>
        remove(id, outsider, member.id),
      );
      // An outsider "leaving" an organization they are not in.
      assertProblem(await remove(organization.id, outsider, outsider.id), 404, 'not_found');
      // An owner removing someone who is not a member.
      assertProblem(await remove(organization.id, owner, outsider.id), 404, 'not_found');
      for (const id of MALFORMED_IDS) {
        assertProblem(await remove(encodeURIComponent(id), owner, member.id), 404, 'not_found');
        assertProblem(await remove(organization.id, owner, encodeURIComponent(id)), 404, 'not_found');
      }
      assert.deepEqual(await rolesIn(organization.id, owner), {
        [owner.id]: 'owner',
        [member.id]: 'member',
        [colleague.id]: 'member',
      });
    });
  });
});
