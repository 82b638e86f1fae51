import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { assertProblem, registerActor } from '../support/actors';
import { addEventRoleRow } from '../support/consultation-fixtures';
import { bookMeeting, createSoonWorld, FAST_NOTIFICATIONS, meetingRows } from '../support/notification-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

const one = (eventId: string, id: string): string => `/events/${eventId}/notification-deliveries/${id}`;

/** Who may reach which notification route: another person's or another event's record is a 404. */
describe('notifications: access', () => {
  let testApp: TestApp;

  before(async () => {
    testApp = await startTestApp(FAST_NOTIFICATIONS);
  });
  after(async () => {
    await testApp.close();
  });

  it("keeps an event's reminder offsets to its organizers", async () => {
    const world = await createSoonWorld(testApp, 3600);
    const other = await createSoonWorld(testApp, 3600);
    const stranger = await registerActor(testApp);
    const path = `/events/${world.eventId}/notification-settings`;
    const defaults = await testApp.http().get(path).set(world.organizer.auth);
    assert.deepEqual(defaults.body, { eventId: world.eventId, reminderOffsetsMinutes: [1440, 60], onSiteOffsetsMinutes: [10] });
    const changed = await testApp.http().patch(path).set(world.organizer.auth).send({ reminderOffsetsMinutes: [2880, 30] });
    assert.deepEqual(changed.body, { eventId: world.eventId, reminderOffsetsMinutes: [2880, 30], onSiteOffsetsMinutes: [10] });
    // A party of the event sees the event but not this: 403; everyone else, and another event's organizer: 404.
    assertProblem(await testApp.http().get(path).set(world.guest.auth), 403, 'forbidden');
    assertProblem(await testApp.http().patch(path).set(world.host.auth).send({ reminderOffsetsMinutes: [5] }), 403, 'forbidden');
    assertProblem(await testApp.http().get(path).set(stranger.auth), 404, 'not_found');
    assertProblem(await testApp.http().patch(path).set(other.organizer.auth).send({ reminderOffsetsMinutes: [5] }), 404, 'not_found');
    assertProblem(await testApp.http().get(path), 401, 'unauthenticated');
    assertProblem(await testApp.http().get('/events/not-an-id/notification-settings').set(world.organizer.auth), 404, 'not_found');
    // Bad offsets are refused, field by field, and nothing changes.
    for (const body of [{ reminderOffsetsMinutes: [0] }, { reminderOffsetsMinutes: [60, 60] }, { reminderOffsetsMinutes: [1, 2, 3, 4, 5, 6] }, { onSiteOffsetsMinutes: [20_000] }, { reminderOffsetsMinutes: null }, { colour: 'red' }]) {
      assertProblem(await testApp.http().patch(path).set(world.organizer.auth).send(body), 400, 'validation_failed');
    }
    assert.deepEqual((await testApp.http().get(path).set(world.organizer.auth)).body.reminderOffsetsMinutes, [2880, 30]);
  });

  it("keeps an event's deliveries to its organizers, and one event's delivery out of another's", async () => {
    const world = await createSoonWorld(testApp, 3600);
    const other = await createSoonWorld(testApp, 3600);
    const meetingId = await bookMeeting(testApp, world);
    const otherMeetingId = await bookMeeting(testApp, other);
    const [row] = await meetingRows(testApp, meetingId);
    const [otherRow] = await meetingRows(testApp, otherMeetingId);
    const staff = await registerActor(testApp);
    await addEventRoleRow(testApp, world.eventId, staff.id, 'staff');

    const found = await testApp.http().get(one(world.eventId, row.id)).set(world.organizer.auth);
    assert.equal(found.status, 200);
    assert.equal(found.body.id, row.id);
    assertProblem(await testApp.http().get(one(world.eventId, otherRow.id)).set(world.organizer.auth), 404, 'not_found');
    assertProblem(await testApp.http().get(one(other.eventId, row.id)).set(other.organizer.auth), 404, 'not_found');
    assertProblem(await testApp.http().get(one(world.eventId, row.id)).set(other.organizer.auth), 404, 'not_found');
    assertProblem(await testApp.http().get(one(world.eventId, row.id)).set(world.guest.auth), 403, 'forbidden');
    assertProblem(await testApp.http().get(one(world.eventId, row.id)).set(staff.auth), 403, 'forbidden');
    assertProblem(await testApp.http().get(one(world.eventId, 'not-an-id')).set(world.organizer.auth), 404, 'not_found');
    assertProblem(await testApp.http().get(`/events/${world.eventId}/notification-deliveries`).set(other.organizer.auth), 404, 'not_found');
    assertProblem(await testApp.http().get(`/events/${world.eventId}/notification-deliveries`).query({ status: 'lost' }).set(world.organizer.auth), 400, 'validation_failed');
  });

  it("keeps a person's notifications and mutes to them", async () => {
    const world = await createSoonWorld(testApp, 3600);
    const meetingId = await bookMeeting(testApp, world);
    const guestRow = (await meetingRows(testApp, meetingId)).find((row) => row.kind === 'meeting_confirmed' && row.recipientUserId === world.guest.id)!;
    const futureReminder = (await meetingRows(testApp, meetingId)).find((row) => row.kind === 'meeting_reminder' && row.recipientUserId === world.guest.id)!;
    const stranger = await registerActor(testApp);
    for (const actor of [world.host, world.organizer, stranger]) {
      assertProblem(await testApp.http().post(`/me/notifications/${guestRow.id}/read`).set(actor.auth), 404, 'not_found');
      const list = await testApp.http().get('/me/notifications').set(actor.auth);
      assert.ok(!list.body.items.some((item: { id: string }) => item.id === guestRow.id));
    }
    // Not yet due: not shown, so not found either.
    assertProblem(await testApp.http().post(`/me/notifications/${futureReminder.id}/read`).set(world.guest.auth), 404, 'not_found');
    assert.equal((await testApp.http().post(`/me/notifications/${guestRow.id}/read`).set(world.guest.auth)).status, 200);
    // Mutes are one's own: setting them changes nobody else's.
    await testApp.http().put('/me/notification-settings').set(stranger.auth).send({ mutedKinds: ['daily_digest'] });
    assert.deepEqual((await testApp.http().get('/me/notification-settings').set(world.guest.auth)).body.mutedKinds, []);
    assert.equal(
      (await testApp.app.get(DataSource).query('SELECT count(*)::int AS count FROM notification_mutes WHERE user_id = $1', [stranger.id]))[0].count,
      1,
    );
  });
});
