import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { inspect } from 'node:util';
import type { ParsedMail } from 'mailparser';
import { INestApplicationContext, Logger, LoggerService } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { bullOptions } from '../../src/queues/bull-connection';
import { QueueName } from '../../src/queues/queue-name';
import { Actor, actorFrom, addEventMember, assertProblem, createEvent, DEFAULT_PASSWORD, registerActor } from '../support/actors';
import { startTestApp, TestApp } from '../support/test-app';
import { eventually, startInProcessWorker } from '../support/test-worker';

const MALFORMED_ID = 'not-a-uuid';

function freshEmail(): string {
  return `invitee-${randomBytes(5).toString('hex')}@example.com`;
}

/** The token in an invitation email's link (text and html must carry the same one). */
function tokenFromMail(mail: ParsedMail): string {
  const fromText = /\/invitations\/([A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1];
  const fromHtml = /href="[^"]*\/invitations\/([A-Za-z0-9_-]+)"/.exec(typeof mail.html === 'string' ? mail.html : '')?.[1];
  assert.ok(fromText, `no invitation link in: ${mail.text}`);
  assert.equal(fromHtml, fromText);
  return fromText;
}

describe('invitations', () => {
  let testApp: TestApp;
  let worker: INestApplicationContext;
  let mailQueue: Queue;
  let dataSource: DataSource;

  before(async () => {
    // Short retries, so an email that cannot be sent fails for good within the test.
    testApp = await startTestApp({ PUBLIC_BASE_URL: 'https://matchday.example/', NOTIFICATION_RETRY_DELAY_MS: '200', NOTIFICATION_DELIVERY_ATTEMPTS: '2' });
    // The api queues invitation emails; the worker sends them.
    worker = await startInProcessWorker(testApp.config);
    mailQueue = new Queue(QueueName.Mail, bullOptions(testApp.config));
    dataSource = testApp.app.get(DataSource);
  });
  after(async () => {
    await mailQueue.close();
    await worker.close();
    await testApp.close();
  });

  function mailsTo(address: string): ParsedMail[] {
    return testApp.mail.messages.filter((mail) => JSON.stringify(mail.to ?? '').includes(address));
  }

  /** Invitation emails go out through the worker: waits until it has sent every one queued so far. */
  async function mailSettled(): Promise<void> {
    await eventually('the worker sent the queued mail', async () => {
      const counts = await mailQueue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      return Object.values(counts).every((count) => count === 0);
    });
  }

  async function invite(organizer: Actor, eventId: string, body: Record<string, unknown>) {
    return testApp.http().post(`/events/${eventId}/invitations`).set(organizer.auth).send(body);
  }

  async function invitationRows(eventId: string): Promise<Array<Record<string, unknown>>> {
    return dataSource.query('SELECT * FROM invitations WHERE event_id = $1 ORDER BY created_at, id', [eventId]);
  }

  async function rolesOf(eventId: string, userId: string): Promise<string[] | undefined> {
    const [row] = await dataSource.query('SELECT roles::text AS roles FROM event_memberships WHERE event_id = $1 AND user_id = $2', [
      eventId,
      userId,
    ]);
    return row ? row.roles.replace(/[{}]/g, '').split(',').sort() : undefined;
  }

  async function userCount(email: string): Promise<number> {
    const [{ count }] = await dataSource.query('SELECT count(*)::int AS count FROM users WHERE email = $1', [email]);
    return count;
  }

  describe('the whole flow', () => {
    it('sign up, create an event, invite an existing investor who reads the Korean email and accepts', async () => {
      const signUp = await testApp
        .http()
        .post('/auth/register')
        .send({ email: freshEmail(), password: DEFAULT_PASSWORD, name: 'Park Organizer', language: 'en', timeZone: 'Asia/Seoul' });
      assert.equal(signUp.status, 201);
      const organizer = actorFrom(signUp.body, DEFAULT_PASSWORD);
      const created = await testApp
        .http()
        .post('/events')
        .set(organizer.auth)
        .send({ name: 'Seoul Investment Day', timeZone: 'Asia/Seoul', startsOn: '2023-11-08', endsOn: '2023-11-09', status: 'published' });
      assert.equal(created.status, 201);
      const eventId = created.body.id;

      const investor = await registerActor(testApp, { name: 'Kim Investor', language: 'ko' });
      const invitation = await invite(organizer, eventId, { email: investor.email.toUpperCase(), role: 'investor' });
      assert.equal(invitation.status, 201, JSON.stringify(invitation.body));
      assert.equal(invitation.body.email, investor.email);
      assert.equal(invitation.body.role, 'investor');
      assert.equal(invitation.body.language, 'ko', "defaults to the invitee's language");
      assert.equal(invitation.body.status, 'pending');
      assert.equal(invitation.body.acceptUrl, `https://matchday.example/invitations/${invitation.body.token}`);
      const expiresInDays = (Date.parse(invitation.body.expiresAt) - Date.now()) / 86_400_000;
      assert.ok(expiresInDays > 13.9 && expiresInDays <= 14, String(expiresInDays));

      const mail = await testApp.mail.waitForMailTo(investor.email);
      assert.match(mail.subject ?? '', /초대/);
      assert.match(mail.subject ?? '', /Seoul Investment Day/);
      assert.match(mail.text ?? '', /투자자/);
      assert.match(mail.text ?? '', /Park Organizer/);
      const token = tokenFromMail(mail);
      assert.equal(token, invitation.body.token);

      const preview = await testApp.http().get(`/invitations/${token}`);
      assert.equal(preview.status, 200);
      assert.deepEqual(preview.body.event, {
        id: eventId,
        slug: created.body.slug,
        name: 'Seoul Investment Day',
        startsOn: '2023-11-08',
        endsOn: '2023-11-09',
        timeZone: 'Asia/Seoul',
      });
      assert.equal(preview.body.email, investor.email);
      assert.equal(preview.body.role, 'investor');
      assert.equal(preview.body.accountExists, true);

      const accepted = await testApp.http().post(`/invitations/${token}/accept`).set(investor.auth);
      assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
      assert.equal(accepted.body.id, eventId);
      assert.deepEqual(accepted.body.myRoles, ['investor']);

      const event = await testApp.http().get(`/events/${eventId}`).set(investor.auth);
      assert.deepEqual(event.body.myRoles, ['investor']);
      const members = await testApp.http().get(`/events/${eventId}/members`).set(organizer.auth);
      assert.deepEqual(
        members.body.map((member: { userId: string; roles: string[] }) => [member.userId, member.roles]),
        [
          [organizer.id, ['organizer']],
          [investor.id, ['investor']],
        ],
      );
      const list = await testApp.http().get(`/events/${eventId}/invitations`).set(organizer.auth);
      assert.equal(list.status, 200);
      assert.equal(list.body.length, 1);
      assert.equal(list.body[0].status, 'accepted');
      assert.ok(list.body[0].acceptedAt);
      assert.equal(list.body[0].token, undefined, 'the token is shown once only');
      assert.equal(JSON.stringify(list.body).includes(token), false);
    });

    it('invite someone without an account, who registers from the English email and is signed in as an investor', async () => {
      const organizer = await registerActor(testApp, { language: 'ko' });
      const event = await createEvent(testApp, organizer, { name: 'Boston Demo Day', timeZone: 'America/New_York' });
      const email = freshEmail();
      const invitation = await invite(organizer, event.id, { email, role: 'investor', language: 'en' });
      assert.equal(invitation.status, 201);
      assert.equal(invitation.body.language, 'en');

      const mail = await testApp.mail.waitForMailTo(email);
      assert.match(mail.subject ?? '', /You are invited to Boston Demo Day as an investor/);
      assert.doesNotMatch(mail.subject ?? '', /초대/);
      const token = tokenFromMail(mail);

      const preview = await testApp.http().get(`/invitations/${token}`);
      assert.equal(preview.status, 200);
      assert.equal(preview.body.accountExists, false);

      const registered = await testApp
        .http()
        .post(`/invitations/${token}/register`)
        .send({ password: DEFAULT_PASSWORD, name: 'Jane Investor', language: 'en', timeZone: 'America/New_York' });
      assert.equal(registered.status, 201, JSON.stringify(registered.body));
      assert.equal(registered.body.user.email, email);
      const investor = actorFrom(registered.body, DEFAULT_PASSWORD);

      const me = await testApp.http().get('/me').set(investor.auth);
      assert.equal(me.status, 200);
      assert.equal(me.body.email, email);
      assert.equal(me.body.timeZone, 'America/New_York');
      const seen = await testApp.http().get(`/events/${event.id}`).set(investor.auth);
      assert.deepEqual(seen.body.myRoles, ['investor']);
      const login = await testApp.http().post('/auth/login').send({ email, password: DEFAULT_PASSWORD });
      assert.equal(login.status, 200);

      // The link is spent.
      assertProblem(await testApp.http().get(`/invitations/${token}`), 404, 'invitation_invalid');
      const again = await testApp
        .http()
        .post(`/invitations/${token}/register`)
        .send({ password: DEFAULT_PASSWORD, name: 'Jane Again', language: 'en', timeZone: 'America/New_York' });
      assertProblem(again, 404, 'invitation_invalid');
      assert.equal(await userCount(email), 1);
    });

    it('gives a person several roles in one event when they accept several invitations', async () => {
      const organizer = await registerActor(testApp);
      const person = await registerActor(testApp);
      const event = await createEvent(testApp, organizer);
      await addEventMember(testApp, event.id, organizer, person, 'investor');
      await addEventMember(testApp, event.id, organizer, person, 'staff');
      assert.deepEqual(await rolesOf(event.id, person.id), ['investor', 'staff']);
      const seen = await testApp.http().get(`/events/${event.id}`).set(person.auth);
      assert.deepEqual(seen.body.myRoles, ['investor', 'staff']);

      // Both at once, from scratch: both roles land.
      const other = await registerActor(testApp);
      const [asStartup, asExpert] = await Promise.all([
        invite(organizer, event.id, { email: other.email, role: 'startup' }),
        invite(organizer, event.id, { email: other.email, role: 'expert' }),
      ]);
      const results = await Promise.all([
        testApp.http().post(`/invitations/${asStartup.body.token}/accept`).set(other.auth),
        testApp.http().post(`/invitations/${asExpert.body.token}/accept`).set(other.auth),
      ]);
      assert.deepEqual(results.map((result) => result.status), [200, 200]);
      assert.deepEqual(await rolesOf(event.id, other.id), ['expert', 'startup']);
    });

    it('lets an organizer invite a co-organizer, who then has the organizer’s powers', async () => {
      const organizer = await registerActor(testApp);
      const colleague = await registerActor(testApp);
      const event = await createEvent(testApp, organizer, { status: 'draft' });
      await addEventMember(testApp, event.id, organizer, colleague, 'organizer');
      const draft = await testApp.http().get(`/events/${event.id}`).set(colleague.auth);
      assert.equal(draft.status, 200);
      const list = await testApp.http().get(`/events/${event.id}/invitations`).set(colleague.auth);
      assert.equal(list.status, 200);
    });
  });

  describe('single use, expiry, revocation and resending', () => {
    it('works once: a second accept fails with invitation_invalid', async () => {
      const organizer = await registerActor(testApp);
      const investor = await registerActor(testApp);
      const event = await createEvent(testApp, organizer);
      const invitation = await invite(organizer, event.id, { email: investor.email, role: 'investor' });
      assert.equal((await testApp.http().post(`/invitations/${invitation.body.token}/accept`).set(investor.auth)).status, 200);
      assertProblem(await testApp.http().post(`/invitations/${invitation.body.token}/accept`).set(investor.auth), 404, 'invitation_invalid');
      assertProblem(await testApp.http().get(`/invitations/${invitation.body.token}`), 404, 'invitation_invalid');
      assert.deepEqual(await rolesOf(event.id, investor.id), ['investor']);
    });

    it('lets exactly one of several simultaneous accepts through', async () => {
      for (let round = 0; round < 3; round += 1) {
        const organizer = await registerActor(testApp);
        const investor = await registerActor(testApp);
        const event = await createEvent(testApp, organizer);
        const invitation = await invite(organizer, event.id, { email: investor.email, role: 'investor' });
        const results = await Promise.all(
          Array.from({ length: 4 }, () => testApp.http().post(`/invitations/${invitation.body.token}/accept`).set(investor.auth)),
        );
        assert.deepEqual(results.map((result) => result.status).sort(), [200, 404, 404, 404]);
        for (const failed of results.filter((result) => result.status === 404)) assertProblem(failed, 404, 'invitation_invalid');
        const [row] = await invitationRows(event.id);
        assert.equal(row.accepted_by_id, investor.id);
        assert.deepEqual(await rolesOf(event.id, investor.id), ['investor']);
      }
    });

    it('lets exactly one of two simultaneous registrations through, creating one account', async () => {
      const organizer = await registerActor(testApp);
      const event = await createEvent(testApp, organizer);
      const email = freshEmail();
      const invitation = await invite(organizer, event.id, { email, role: 'startup' });
      const body = { password: DEFAULT_PASSWORD, name: 'Racer', language: 'en', timeZone: 'Asia/Seoul' };
      const results = await Promise.all([
        testApp.http().post(`/invitations/${invitation.body.token}/register`).send(body),
        testApp.http().post(`/invitations/${invitation.body.token}/register`).send(body),
      ]);
      const statuses = results.map((result) => result.status).sort();
      assert.equal(statuses[0], 201, JSON.stringify(results.map((result) => result.body)));
      assert.ok(statuses[1] === 404 || statuses[1] === 409, JSON.stringify(results.map((result) => result.body)));
      assert.equal(await userCount(email), 1);
      const [row] = await invitationRows(event.id);
      assert.ok(row.accepted_at);
    });

    it('refuses an invitation past its expiry everywhere, shows it as expired, and a new one can be sent', async () => {
      const organizer = await registerActor(testApp);
      const investor = await registerActor(testApp);
      const event = await createEvent(testApp, organizer);
      const invitation = await invite(organizer, event.id, { email: investor.email, role: 'investor' });
      const newcomer = freshEmail();
      const forNewcomer = await invite(organizer, event.id, { email: newcomer, role: 'investor' });
      await dataSource.query(`UPDATE invitations SET expires_at = now() - interval '1 second' WHERE event_id = $1`, [event.id]);

      assertProblem(await testApp.http().get(`/invitations/${invitation.body.token}`), 404, 'invitation_invalid');
      assertProblem(await testApp.http().post(`/invitations/${invitation.body.token}/accept`).set(investor.auth), 404, 'invitation_invalid');
      const register = await testApp
        .http()
        .post(`/invitations/${forNewcomer.body.token}/register`)
        .send({ password: DEFAULT_PASSWORD, name: 'Late', language: 'en', timeZone: 'Asia/Seoul' });
      assertProblem(register, 404, 'invitation_invalid');
      assert.equal(await userCount(newcomer), 0);
      assert.equal(await rolesOf(event.id, investor.id), undefined);

      const list = await testApp.http().get(`/events/${event.id}/invitations`).set(organizer.auth);
      assert.deepEqual(list.body.map((item: { status: string }) => item.status), ['expired', 'expired']);
      assertProblem(await testApp.http().delete(`/events/${event.id}/invitations/${invitation.body.id}`).set(organizer.auth), 404, 'not_found');

      const renewed = await invite(organizer, event.id, { email: investor.email, role: 'investor' });
      assert.equal(renewed.status, 201, JSON.stringify(renewed.body));
      assert.equal((await testApp.http().post(`/invitations/${renewed.body.token}/accept`).set(investor.auth)).status, 200);
      assertProblem(await testApp.http().post(`/invitations/${invitation.body.token}/accept`).set(investor.auth), 404, 'invitation_invalid');
    });

    it('revokes a pending invitation: its link stops working, and revoking again is 404', async () => {
      const organizer = await registerActor(testApp);
      const investor = await registerActor(testApp);
      const event = await createEvent(testApp, organizer);
      const invitation = await invite(organizer, event.id, { email: investor.email, role: 'investor' });
      const revoked = await testApp.http().delete(`/events/${event.id}/invitations/${invitation.body.id}`).set(organizer.auth);
      assert.equal(revoked.status, 204);
      assertProblem(await testApp.http().get(`/invitations/${invitation.body.token}`), 404, 'invitation_invalid');
      assertProblem(await testApp.http().post(`/invitations/${invitation.body.token}/accept`).set(investor.auth), 404, 'invitation_invalid');
      const list = await testApp.http().get(`/events/${event.id}/invitations`).set(organizer.auth);
      assert.deepEqual(list.body.map((item: { id: string; status: string }) => [item.id, item.status]), [[invitation.body.id, 'revoked']]);
      assertProblem(await testApp.http().delete(`/events/${event.id}/invitations/${invitation.body.id}`).set(organizer.auth), 404, 'not_found');
      assert.equal(await rolesOf(event.id, investor.id), undefined);
    });

    it('cannot revoke an invitation that was already accepted', async () => {
      const organizer = await registerActor(testApp);
      const investor = await registerActor(testApp);
      const event = await createEvent(testApp, organizer);
      const invitation = await invite(organizer, event.id, { email: investor.email, role: 'investor' });
      await testApp.http().post(`/invitations/${invitation.body.token}/accept`).set(investor.auth);
      assertProblem(await testApp.http().delete(`/events/${event.id}/invitations/${invitation.body.id}`).set(organizer.auth), 404, 'not_found');
      const list = await testApp.http().get(`/events/${event.id}/invitations`).set(organizer.auth);
      assert.equal(list.body[0].status, 'accepted');
      assert.deepEqual(await rolesOf(event.id, investor.id), ['investor']);
    });

    it('resending replaces the pending invitation: a new email, the old link dead, the new one working', async () => {
      const organizer = await registerActor(testApp);
      const investor = await registerActor(testApp);
      const event = await createEvent(testApp, organizer);
      const first = await invite(organizer, event.id, { email: investor.email, role: 'investor' });
      const second = await invite(organizer, event.id, { email: investor.email, role: 'investor', language: 'ko' });
      assert.equal(second.status, 201);
      assert.notEqual(second.body.token, first.body.token);

      await mailSettled();
      const mails = mailsTo(investor.email);
      assert.equal(mails.length, 2);
      assert.equal(tokenFromMail(mails[0]), first.body.token);
      assert.equal(tokenFromMail(mails[1]), second.body.token);
      assert.match(mails[1].subject ?? '', /초대/);

      assertProblem(await testApp.http().get(`/invitations/${first.body.token}`), 404, 'invitation_invalid');
      assertProblem(await testApp.http().post(`/invitations/${first.body.token}/accept`).set(investor.auth), 404, 'invitation_invalid');
      const list = await testApp.http().get(`/events/${event.id}/invitations`).set(organizer.auth);
      assert.deepEqual(
        list.body.map((item: { id: string; status: string }) => [item.id, item.status]),
        [
          [second.body.id, 'pending'],
          [first.body.id, 'revoked'],
        ],
      );
      assert.equal((await testApp.http().post(`/invitations/${tokenFromMail(mails[1])}/accept`).set(investor.auth)).status, 200);
    });

    it('leaves exactly one pending invitation when the same person is invited twice at the same time', async () => {
      const organizer = await registerActor(testApp);
      const event = await createEvent(testApp, organizer);
      const email = freshEmail();
      const results = await Promise.all([
        invite(organizer, event.id, { email, role: 'investor' }),
        invite(organizer, event.id, { email, role: 'investor' }),
      ]);
      assert.ok(results.some((result) => result.status === 201));
      for (const result of results) {
        if (result.status !== 201) assertProblem(result, 409, 'invitation_pending');
      }
      const rows = await invitationRows(event.id);
      assert.equal(rows.filter((row) => row.accepted_at === null && row.revoked_at === null).length, 1);
    });
  });

  describe('who may accept and with what', () => {
    it('refuses an account with another email (403 invitation_email_mismatch) and keeps the invitation usable', async () => {
      const organizer = await registerActor(testApp);
      const investor = await registerActor(testApp);
      const intruder = await registerActor(testApp);
      const event = await createEvent(testApp, organizer);
      const invitation = await invite(organizer, event.id, { email: investor.email, role: 'investor' });
      assertProblem(await testApp.http().post(`/invitations/${invitation.body.token}/accept`).set(intruder.auth), 403, 'invitation_email_mismatch');
      assert.equal(await rolesOf(event.id, intruder.id), undefined);
      // The organizer, with another email, cannot take it either.
      assertProblem(await testApp.http().post(`/invitations/${invitation.body.token}/accept`).set(organizer.auth), 403, 'invitation_email_mismatch');
      assertProblem(await testApp.http().post(`/invitations/${invitation.body.token}/accept`), 401, 'unauthenticated');
      assert.equal((await testApp.http().post(`/invitations/${invitation.body.token}/accept`).set(investor.auth)).status, 200);
    });

    it('registering with an email that already has an account answers 409 email_taken and keeps the invitation usable', async () => {
      const organizer = await registerActor(testApp);
      const event = await createEvent(testApp, organizer);
      const email = freshEmail();
      const invitation = await invite(organizer, event.id, { email, role: 'investor' });
      // The person signs up on their own in the meantime.
      const existing = await registerActor(testApp, { email });
      const register = await testApp
        .http()
        .post(`/invitations/${invitation.body.token}/register`)
        .send({ password: 'another passphrase!', name: 'Impostor', language: 'en', timeZone: 'Asia/Seoul' });
      assertProblem(register, 409, 'email_taken');
      assert.equal(await userCount(email), 1);
      assert.equal((await testApp.http().post('/auth/login').send({ email, password: 'another passphrase!' })).status, 401);
      assert.equal((await testApp.http().get(`/invitations/${invitation.body.token}`)).body.accountExists, true);
      const accepted = await testApp.http().post(`/invitations/${invitation.body.token}/accept`).set(existing.auth);
      assert.equal(accepted.status, 200);
    });

    it('rejects bad registration input, including an attempt to pick another email, and changes nothing', async () => {
      const organizer = await registerActor(testApp);
      const event = await createEvent(testApp, organizer);
      const email = freshEmail();
      const other = freshEmail();
      const invitation = await invite(organizer, event.id, { email, role: 'investor' });
      const withEmail = await testApp
        .http()
        .post(`/invitations/${invitation.body.token}/register`)
        .send({ email: other, password: DEFAULT_PASSWORD, name: 'Sneaky', language: 'en', timeZone: 'Asia/Seoul' });
      assertProblem(withEmail, 400, 'validation_failed');
      assert.deepEqual(withEmail.body.errors.map((error: { field: string }) => error.field), ['email']);
      const bad = await testApp
        .http()
        .post(`/invitations/${invitation.body.token}/register`)
        .send({ password: 'short', name: '', language: 'fr', timeZone: 'Seoul' });
      assertProblem(bad, 400, 'validation_failed');
      assert.deepEqual(bad.body.errors.map((error: { field: string }) => error.field).sort(), ['language', 'name', 'password', 'timeZone']);
      assert.equal(await userCount(email), 0);
      assert.equal(await userCount(other), 0);
      assert.equal((await testApp.http().get(`/invitations/${invitation.body.token}`)).status, 200);
    });

    it('answers invitation_invalid for unknown tokens on every invitation link route', async () => {
      const person = await registerActor(testApp);
      const unknown = randomBytes(32).toString('base64url');
      assertProblem(await testApp.http().get(`/invitations/${unknown}`), 404, 'invitation_invalid');
      assertProblem(await testApp.http().post(`/invitations/${unknown}/accept`).set(person.auth), 404, 'invitation_invalid');
      const register = await testApp
        .http()
        .post(`/invitations/${unknown}/register`)
        .send({ password: DEFAULT_PASSWORD, name: 'Nobody', language: 'en', timeZone: 'Asia/Seoul' });
      assertProblem(register, 404, 'invitation_invalid');
    });
  });

  describe('creating invitations', () => {
    it('logs an email the worker could not send after its retries, without the link, keeps no job holding it, and the link still works', async () => {
      const organizer = await registerActor(testApp);
      const event = await createEvent(testApp, organizer);
      const email = freshEmail();
      testApp.mail.refuse(email);
      const logs = new CapturedLogs();
      // Both apps run with logging off (which set Nest's shared logger to none); the worker's logs come here instead.
      Logger.overrideLogger(logs);
      try {
        const invitation = await invite(organizer, event.id, { email, role: 'investor' });
        assert.equal(invitation.status, 201);
        const jobId = `invitation.${invitation.body.id}`;
        const logged = () => logs.entries.find((entry) => entry.args.includes('Invitation email not sent') && inspect(entry.args).includes(jobId));
        await eventually('the worker logged the email it gave up on', async () => logged() !== undefined);
        assert.equal(logged()!.level, 'error');
        assert.ok(!inspect(logs.entries, { depth: 10 }).includes(invitation.body.token), 'the logs must not hold the invitation link');
        assert.equal(await mailQueue.getJob(jobId), undefined, 'the failed job, which holds the link, is dropped');
        assert.equal(mailsTo(email).length, 0);
        assert.equal((await testApp.http().get(`/invitations/${invitation.body.token}`)).status, 200);
      } finally {
        Logger.overrideLogger(false);
      }
    });

    it('answers 409 already_member when the person already has that role, but allows another role', async () => {
      const organizer = await registerActor(testApp);
      const investor = await registerActor(testApp);
      const event = await createEvent(testApp, organizer);
      await addEventMember(testApp, event.id, organizer, investor, 'investor');
      const initial = await invitationRows(event.id);
      const again = await invite(organizer, event.id, { email: ` ${investor.email.toUpperCase()}`.trim(), role: 'investor' });
      assertProblem(again, 409, 'already_member');
      assertProblem(await invite(organizer, event.id, { email: organizer.email, role: 'organizer' }), 409, 'already_member');
      assert.equal((await invitationRows(event.id)).length, initial.length);
      await mailSettled();
      assert.equal(mailsTo(investor.email).length, 1);
      const staff = await invite(organizer, event.id, { email: investor.email, role: 'staff' });
      assert.equal(staff.status, 201);
    });

    it("writes to someone without an account in the inviter's language unless told otherwise", async () => {
      const organizer = await registerActor(testApp, { language: 'ko' });
      const event = await createEvent(testApp, organizer, { name: 'Pangyo Tech Day' });
      const email = freshEmail();
      const invitation = await invite(organizer, event.id, { email, role: 'startup' });
      assert.equal(invitation.body.language, 'ko');
      const mail = await testApp.mail.waitForMailTo(email);
      assert.match(mail.subject ?? '', /초대/);
      assert.match(mail.text ?? '', /창업기업/);
      assert.equal(tokenFromMail(mail), invitation.body.token);
    });

    it('rejects bad input and unknown fields, creating no invitation and sending no mail', async () => {
      const organizer = await registerActor(testApp);
      const event = await createEvent(testApp, organizer);
      const email = freshEmail();
      const attempts: Array<[Record<string, unknown>, string[]]> = [
        [{ email: 'not-an-email', role: 'investor' }, ['email']],
        [{ email, role: 'vip' }, ['role']],
        [{ email, role: 'investor', language: 'fr' }, ['language']],
        [{ email, role: 'investor', expiresAt: '2099-01-01T00:00:00Z' }, ['expiresAt']],
        [{ email }, ['role']],
        [{ role: 'investor' }, ['email']],
      ];
      for (const [body, expected] of attempts) {
        const response = await invite(organizer, event.id, body);
        assertProblem(response, 400, 'validation_failed');
        assert.deepEqual(response.body.errors.map((error: { field: string }) => error.field).sort(), expected, JSON.stringify(body));
      }
      assert.deepEqual(await invitationRows(event.id), []);
      await mailSettled();
      assert.equal(mailsTo(email).length, 0);
    });

    it('revokes only this event’s invitations: another event’s id or a malformed id is 404 and changes nothing', async () => {
      const organizer = await registerActor(testApp);
      const otherOrganizer = await registerActor(testApp);
      const event = await createEvent(testApp, organizer);
      const otherEvent = await createEvent(testApp, otherOrganizer);
      const foreign = await invite(otherOrganizer, otherEvent.id, { email: freshEmail(), role: 'investor' });
      const own = await invite(organizer, event.id, { email: freshEmail(), role: 'investor' });
      for (const path of [
        `/events/${event.id}/invitations/${foreign.body.id}`,
        `/events/${otherEvent.id}/invitations/${foreign.body.id}`,
        `/events/${otherEvent.id}/invitations/${own.body.id}`,
        `/events/${event.id}/invitations/${MALFORMED_ID}`,
        `/events/${MALFORMED_ID}/invitations/${own.body.id}`,
      ]) {
        assertProblem(await testApp.http().delete(path).set(organizer.auth), 404, 'not_found');
      }
      assert.equal((await testApp.http().get(`/invitations/${foreign.body.token}`)).status, 200);
      assert.equal((await testApp.http().get(`/invitations/${own.body.token}`)).status, 200);
    });

    it('lists the event’s invitations newest first, with nothing of another event', async () => {
      const organizer = await registerActor(testApp);
      const otherOrganizer = await registerActor(testApp);
      const event = await createEvent(testApp, organizer);
      const otherEvent = await createEvent(testApp, otherOrganizer);
      const foreign = await invite(otherOrganizer, otherEvent.id, { email: freshEmail(), role: 'investor' });
      const first = await invite(organizer, event.id, { email: freshEmail(), role: 'startup' });
      const second = await invite(organizer, event.id, { email: freshEmail(), role: 'expert' });
      const list = await testApp.http().get(`/events/${event.id}/invitations`).set(organizer.auth);
      assert.deepEqual(list.body.map((item: { id: string }) => item.id), [second.body.id, first.body.id]);
      const serialized = JSON.stringify(list.body);
      assert.ok(!serialized.includes(foreign.body.id) && !serialized.includes(foreign.body.email));
      assert.deepEqual(Object.keys(list.body[0]).sort(), ['acceptedAt', 'createdAt', 'email', 'expiresAt', 'id', 'language', 'role', 'status']);
    });
  });
});

/** Keeps what is logged through Nest's Logger, as the arguments each call got. */
class CapturedLogs implements LoggerService {
  readonly entries: Array<{ level: string; args: unknown[] }> = [];
  log(...args: unknown[]): void {
    this.entries.push({ level: 'log', args });
  }
  error(...args: unknown[]): void {
    this.entries.push({ level: 'error', args });
  }
  warn(...args: unknown[]): void {
    this.entries.push({ level: 'warn', args });
  }
  debug(...args: unknown[]): void {
    this.entries.push({ level: 'debug', args });
  }
  verbose(...args: unknown[]): void {
    this.entries.push({ level: 'verbose', args });
  }
}
