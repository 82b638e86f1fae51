import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Actor, addEventMember, createEvent, registerActor } from './actors';
import { TestApp } from './test-app';

/** Meetings, requests, programmes and rounds written straight with SQL: what notes, outcomes and figures work on. */
export class ConsultationSql {
  constructor(private readonly dataSource: DataSource) {}

  async programme(eventId: string, name = 'Boston investment consultation'): Promise<string> {
    const [{ id }] = await this.dataSource.query('INSERT INTO consultation_programmes (event_id, name) VALUES ($1, $2) RETURNING id', [eventId, name]);
    return id;
  }

  async round(eventId: string, programmeId: string, position: number, name = `Round ${position}`): Promise<string> {
    const [{ id }] = await this.dataSource.query(
      `INSERT INTO consultation_rounds (programme_id, event_id, position, name, mode, time_zone, slot_minutes, gap_minutes,
                                        booking_opens_at, booking_closes_at)
       VALUES ($1, $2, $3, $4, 'online', 'America/New_York', 30, 10, now() - interval '30 days', now() + interval '30 days')
       RETURNING id`,
      [programmeId, eventId, position, name],
    );
    return id;
  }

  /** A meeting and both attendee rows; `startsInMinutes` from now (negative: in the past), 30 minutes long. */
  async meeting(
    target: { eventId: string; roundId: string },
    host: { id: string },
    guest: { id: string },
    status: string,
    startsInMinutes: number,
  ): Promise<string> {
    const id = randomUUID();
    const startsAt = new Date(Date.now() + startsInMinutes * 60_000);
    const endsAt = new Date(startsAt.getTime() + 30 * 60_000);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO meetings (id, event_id, round_id, host_user_id, guest_user_id, starts_at, ends_at, status, created_by_id, checked_in_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::meeting_status, $5, CASE WHEN $8::meeting_status = 'held' THEN $7::timestamptz END)`,
        [id, target.eventId, target.roundId, host.id, guest.id, startsAt, endsAt, status],
      );
      await manager.query(
        `INSERT INTO meeting_attendees (meeting_id, user_id, starts_at, ends_at, status)
         SELECT id, unnest(ARRAY[host_user_id, guest_user_id]), starts_at, ends_at, status FROM meetings WHERE id = $1`,
        [id],
      );
    });
    return id;
  }

  async request(roundId: string, host: { id: string }, guest: { id: string }, status: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO meeting_requests (round_id, event_id, host_user_id, guest_user_id, initiated_by, status)
       SELECT $1, event_id, $2, $3, 'guest', $4 FROM consultation_rounds WHERE id = $1`,
      [roundId, host.id, guest.id, status],
    );
  }

  async outcome(meetingId: string, host: { id: string }, interestLevel: string, nextStep: string, amount: number | null, currency: string | null): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO meeting_outcomes (meeting_id, interest_level, next_step, amount, currency, recorded_by_id) VALUES ($1, $2, $3, $4, $5, $6)`,
      [meetingId, interestLevel, nextStep, amount, currency, host.id],
    );
  }

  async note(meetingId: string, author: { id: string }, body: string, rating: number): Promise<void> {
    await this.dataSource.query('INSERT INTO meeting_notes (meeting_id, author_user_id, body, rating) VALUES ($1, $2, $3, $4)', [meetingId, author.id, body, rating]);
  }

  /** Every row a request about the event's meetings could change. */
  async snapshot(eventIds: string[]): Promise<unknown> {
    const meetings = 'SELECT id FROM meetings WHERE event_id = ANY($1)';
    return {
      meetings: await this.dataSource.query('SELECT * FROM meetings WHERE event_id = ANY($1) ORDER BY id', [eventIds]),
      attendees: await this.dataSource.query(`SELECT * FROM meeting_attendees WHERE meeting_id IN (${meetings}) ORDER BY meeting_id, user_id`, [eventIds]),
      notes: await this.dataSource.query(`SELECT * FROM meeting_notes WHERE meeting_id IN (${meetings}) ORDER BY meeting_id, author_user_id`, [eventIds]),
      outcomes: await this.dataSource.query(`SELECT * FROM meeting_outcomes WHERE meeting_id IN (${meetings}) ORDER BY meeting_id`, [eventIds]),
      history: await this.dataSource.query(`SELECT * FROM meeting_history WHERE meeting_id IN (${meetings}) ORDER BY id`, [eventIds]),
    };
  }
}

export interface ConsultationWorld {
  organizer: Actor;
  /** The host (an investor). */
  host: Actor;
  /** The guest (a startup). */
  guest: Actor;
  /** A startup of the same event with a meeting of its own, not a party to the world's meetings. */
  otherGuest: Actor;
  staff: Actor;
  outsider: Actor;
  otherOrganizer: Actor;
  eventId: string;
  otherEventId: string;
  programmeId: string;
  roundId: string;
  otherRoundId: string;
  /** A held meeting of the other event (the other organizer's). */
  foreignMeetingId: string;
}

/** A Boston consultation day with its people, one programme and round, and a second event with its own meeting. */
export async function consultationWorld(testApp: TestApp, sql: ConsultationSql): Promise<ConsultationWorld> {
  const [organizer, host, guest, otherGuest, staff, outsider, otherOrganizer, otherHost] = await Promise.all(
    ['Organizer', 'Emily Carter (VC)', 'Choi Jiwoo (startup)', 'Han Yuna (startup)', 'Staff', 'Outsider', 'Other organizer', 'Other VC'].map((name) =>
      registerActor(testApp, { name, timeZone: 'America/New_York' }),
    ),
  );
  const event = await createEvent(testApp, organizer, { timeZone: 'America/New_York', startsOn: '2023-04-28', endsOn: '2023-04-28' });
  const otherEvent = await createEvent(testApp, otherOrganizer, { timeZone: 'America/New_York', startsOn: '2023-04-28', endsOn: '2023-04-28' });
  await addEventMember(testApp, event.id, organizer, host, 'investor');
  await addEventMember(testApp, event.id, organizer, guest, 'startup');
  await addEventMember(testApp, event.id, organizer, otherGuest, 'startup');
  await addEventMember(testApp, event.id, organizer, staff, 'staff');
  await addEventMember(testApp, otherEvent.id, otherOrganizer, otherHost, 'investor');
  await addEventMember(testApp, otherEvent.id, otherOrganizer, guest, 'startup');
  const programmeId = await sql.programme(event.id);
  const roundId = await sql.round(event.id, programmeId, 1);
  const otherProgrammeId = await sql.programme(otherEvent.id, 'Other programme');
  const otherRoundId = await sql.round(otherEvent.id, otherProgrammeId, 1);
  // The other guest's own meeting with the host, far from any the tests make.
  await sql.meeting({ eventId: event.id, roundId }, host, otherGuest, 'held', -60 * 24 * 5);
  const foreignMeetingId = await sql.meeting({ eventId: otherEvent.id, roundId: otherRoundId }, otherHost, guest, 'held', -60 * 24 * 6);
  return {
    organizer,
    host,
    guest,
    otherGuest,
    staff,
    outsider,
    otherOrganizer,
    eventId: event.id,
    otherEventId: otherEvent.id,
    programmeId,
    roundId,
    otherRoundId,
    foreignMeetingId,
  };
}
