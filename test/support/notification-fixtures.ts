import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { Actor } from './actors';
import { addParticipant, ConsultationWorld, createConsultationWorld, createRoundRow, RoundFixture } from './consultation-fixtures';
import { TestApp } from './test-app';

/**
 * Worlds for notification tests: a consultation round whose one slot starts at a chosen moment from now (rounds are
 * grids of whole minutes in their zone), with a startup in Seoul (Korean) and an investor in Boston (English).
 */

/** Test settings: reminder "minutes" last one second, the relay and the reconciliation run often, retries are quick. */
export const FAST_NOTIFICATIONS = {
  NOTIFICATION_OFFSET_UNIT_SECONDS: '1',
  NOTIFICATION_RELAY_POLL_MS: '100',
  NOTIFICATION_RECONCILE_EVERY_MS: '1000',
  NOTIFICATION_RETRY_DELAY_MS: '200',
  NOTIFICATION_DELIVERY_ATTEMPTS: '2',
  NOTIFICATION_SEND_LEASE_SECONDS: '2',
  WORKER_SHUTDOWN_TIMEOUT_SECONDS: '10',
} as const;

export interface SoonWorld extends ConsultationWorld {
  round: RoundFixture;
  host: Actor;
  guest: Actor;
  /** The start of the round's first slot. */
  startsAt: Date;
  /** The round's zone (chosen so that the slot does not cross midnight there). */
  timeZone: string;
}

/**
 * A round whose first slot starts at the first whole minute at least `leadSeconds` from now, 5-minute slots for 20
 * minutes, booking open, instant confirmation.
 */
export async function createSoonWorld(
  testApp: TestApp,
  leadSeconds: number,
  options: { mode?: 'online' | 'on_site'; locations?: number } = {},
): Promise<SoonWorld> {
  const startsAt = DateTime.now().plus({ seconds: leadSeconds }).endOf('minute').plus({ milliseconds: 1 });
  const timeZone = ['America/New_York', 'Asia/Seoul', 'Europe/London'].find((zone) => {
    const local = startsAt.setZone(zone);
    return local.hour < 23 || local.minute < 30;
  })!;
  const local = startsAt.setZone(timeZone);
  const world = await createConsultationWorld(testApp, { startsOn: local.minus({ days: 1 }).toISODate(), endsOn: local.plus({ days: 1 }).toISODate() });
  const host = await addParticipant(testApp, world, 'host', { name: 'Ellen Park', timeZone: 'America/New_York', organizationName: 'Harbor Ventures' });
  const guest = await addParticipant(testApp, world, 'guest', { name: '김민지', timeZone: 'Asia/Seoul', organizationName: '바이오랩' });
  await testApp.app.get(DataSource).query(`UPDATE users SET language = 'ko' WHERE id = $1`, [guest.id]);
  const round = await createRoundRow(testApp, world.eventId, world.programmeId, {
    mode: options.mode ?? 'online',
    timeZone,
    slotMinutes: 5,
    windows: [{ date: local.toISODate()!, startsAtTime: local.toFormat('HH:mm'), endsAtTime: local.plus({ minutes: 20 }).toFormat('HH:mm') }],
    confirmation: 'instant',
    videoLinkRule: (options.mode ?? 'online') === 'online' ? 'template' : null,
    videoLinkTemplate: (options.mode ?? 'online') === 'online' ? 'https://meet.example.com/matchday-{meetingId}' : null,
    locations: Array.from({ length: options.locations ?? 0 }, (_, index) => ({ name: `Table ${index + 1}` })),
  });
  return { ...world, round, host, guest, startsAt: startsAt.toJSDate(), timeZone };
}

/** The guest books the host at `startsAt` (default the first slot); returns the meeting id. */
export async function bookMeeting(testApp: TestApp, world: SoonWorld, startsAt: Date = world.startsAt): Promise<string> {
  const response = await testApp
    .http()
    .post(`/events/${world.eventId}/consultation-rounds/${world.round.id}/bookings`)
    .set(world.guest.auth)
    .send({ hostUserId: world.host.id, startsAt: startsAt.toISOString() });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  return response.body.id;
}

/** Sets the event's offsets (seconds under FAST_NOTIFICATIONS), as its organizer. */
export async function setOffsets(testApp: TestApp, world: ConsultationWorld, reminderOffsetsMinutes: number[], onSiteOffsetsMinutes: number[] = []): Promise<void> {
  const body: Record<string, number[]> = { reminderOffsetsMinutes };
  if (onSiteOffsetsMinutes.length > 0) body.onSiteOffsetsMinutes = onSiteOffsetsMinutes;
  const response = await testApp.http().patch(`/events/${world.eventId}/notification-settings`).set(world.organizer.auth).send(body);
  assert.equal(response.status, 200, JSON.stringify(response.body));
}

export interface NotificationRow {
  id: string;
  kind: string;
  status: string;
  recipientUserId: string;
  offsetMinutes: number | null;
  dueAt: Date;
  revision: number;
  syncedRevision: number | null;
  attempts: number;
  lastError: string | null;
}

/** The notification rows of a meeting, in a stable order. */
export async function meetingRows(testApp: TestApp, meetingId: string): Promise<NotificationRow[]> {
  return testApp.app.get(DataSource).query(
    `SELECT id, kind::text AS kind, status::text AS status, recipient_user_id AS "recipientUserId", offset_minutes AS "offsetMinutes",
            due_at AS "dueAt", revision, synced_revision AS "syncedRevision", attempts, last_error AS "lastError"
       FROM notifications WHERE meeting_id = $1 ORDER BY kind, recipient_user_id, offset_minutes`,
    [meetingId],
  );
}

/** The offset (in test "minutes", i.e. seconds) that makes the reminder of a meeting at `startsAt` due `seconds` from now. */
export function offsetDueIn(startsAt: Date, seconds: number): number {
  return Math.round((startsAt.getTime() - Date.now()) / 1000) - seconds;
}

/** The guest moves the meeting to `startsAt` (a slot of its round); asserts 200. */
export async function rescheduleMeeting(testApp: TestApp, world: SoonWorld, meetingId: string, startsAt: Date): Promise<void> {
  const response = await testApp
    .http()
    .post(`/events/${world.eventId}/meetings/${meetingId}/reschedule`)
    .set(world.guest.auth)
    .send({ startsAt: startsAt.toISOString() });
  assert.equal(response.status, 200, JSON.stringify(response.body));
}

/**
 * A database that refuses some status changes of some notification rows, as a failing database would: after
 * `installRefusals`, `refuse(id, from, to, times)` makes the next `times` UPDATEs moving that row from `from` to `to`
 * fail (the refusal is counted by a sequence, which a failed statement does not roll back). Only the status changes
 * are refused; the relay's bookkeeping of the row still works.
 */
export async function installRefusals(dataSource: DataSource): Promise<void> {
  await dataSource.query(`
    CREATE TABLE test_refusals (notification_id uuid NOT NULL, from_status text NOT NULL, to_status text NOT NULL, counter text NOT NULL, times int NOT NULL);
    CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE refusal record;
    BEGIN
      FOR refusal IN SELECT * FROM test_refusals WHERE notification_id = OLD.id AND from_status = OLD.status::text AND to_status = NEW.status::text LOOP
        IF nextval(refusal.counter) <= refusal.times THEN
          RAISE EXCEPTION 'the database refused % -> % (test)', OLD.status, NEW.status;
        END IF;
      END LOOP;
      RETURN NEW;
    END $$;
    CREATE TRIGGER test_refuse BEFORE UPDATE ON notifications FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION test_refuse();`);
}

export async function refuse(dataSource: DataSource, notificationId: string, from: string, to: string, times = 1_000_000): Promise<void> {
  const counter = `test_refusal_${randomBytes(6).toString('hex')}`;
  await dataSource.query(`CREATE SEQUENCE ${counter}`);
  await dataSource.query('INSERT INTO test_refusals (notification_id, from_status, to_status, counter, times) VALUES ($1, $2, $3, $4, $5)', [notificationId, from, to, counter, times]);
}

export async function stopRefusing(dataSource: DataSource): Promise<void> {
  await dataSource.query('DELETE FROM test_refusals');
}
