import { MeetingInvitations } from '../calendars/meeting-invitations.service';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { AgendaService } from '../agenda/agenda.service';
import { queryRows } from '../common/database-queries';
import { ConsultationFacts } from '../consultations/consultation-facts.service';
import { MeetingStatus, RequestStatus } from '../consultations/consultation.enums';
import { PersonSummary, UsersService } from '../users/users.service';
import { offsetsOfEvent } from './event-offsets';
import { MailAttachment, MailService } from './mail.service';
import { PersonZones } from '../users/person-zones.service';
import { NotificationKind } from './notification.enums';
import { composeMessage, MessagePayload, MessageSubject, withNames } from './notification-messages';

/** A pending row a job woke for, read before the claim: what the checks and the message need. */
export interface DueNotification {
  id: string;
  recipientUserId: string;
  eventId: string | null;
  kind: NotificationKind;
  meetingId: string | null;
  requestId: string | null;
  sessionId: string | null;
  roundId: string | null;
  offsetMinutes: number | null;
  payload: MessagePayload & Record<string, unknown>;
  dueAt: Date;
  revision: number;
  /** Whether the recipient muted this kind (read with the row, to save a round trip). */
  muted: boolean;
  /** How long until it is due by PostgreSQL's clock (0 once due): a job woken early waits that long. */
  dueInMs: number;
}

/** Ready to send, or why not (the subject moved, was cancelled, the person muted the kind...). */
type Prepared = { subject: MessageSubject; at: Date; invitation?: 'REQUEST' | 'CANCEL' } | { skip: string };

/** The people a message names or is sent to, by id. */
type People = Map<string, PersonSummary>;

/** `stale`: the job no longer speaks for the row (a newer revision, already sent, withdrawn, or another job won). */
export type DeliveryOutcome = 'sent' | 'skipped' | 'stale';

/** A job woken this much before its row is due (a dashboard "promote", clocks apart) is put back to wait. */
export const EARLY_TOLERANCE_MS = 1000;

/** Recording a send that went out: tries, the first retry after this long, doubling (about 6 s in all). */
const MARK_SENT_ATTEMPTS = 7;
const MARK_SENT_RETRY_MS = 100;

const DUE_COLUMNS = `n.id, n.recipient_user_id AS "recipientUserId", n.event_id AS "eventId", n.kind::text AS kind, n.meeting_id AS "meetingId",
  n.request_id AS "requestId", n.session_id AS "sessionId", n.round_id AS "roundId", n.offset_minutes AS "offsetMinutes",
  n.payload, n.due_at AS "dueAt", n.revision,
  EXISTS (SELECT 1 FROM notification_mutes m WHERE m.user_id = n.recipient_user_id AND m.kind = n.kind) AS muted,
  GREATEST(0, extract(epoch FROM n.due_at - now()) * 1000)::float8 AS "dueInMs"`;

/**
 * Sends one notification at most once. A job reads its row (pending, at the job's revision), checks that the subject
 * still stands as the row announced it and composes the email in the recipient's language and zones; only then does it
 * claim the row (`pending -> sending` for that revision and only once due: one UPDATE only one worker can win), send it
 * and mark it sent.
 *
 * Why the claim comes after the checks, right before the send: every change that makes a message wrong (a cancel
 * withdraws the meeting's pending rows, a reschedule moves its reminders to a new revision) writes the row in the
 * transaction of the change, so the claim is the moment a send is decided. A cancel committed before the claim makes
 * the claim fail (the row is no longer pending at that revision; a cancel still in flight holds the row's lock and the
 * claim waits for its outcome), and nothing is sent even though the checks read the meeting as confirmed. A claim
 * committed before the cancel decided the send while the meeting stood: the cancel leaves `sending` rows alone, the
 * email (composed already) goes out within the SMTP round trip and the cancellation follows it. Locks: the claim and
 * the final marks touch one notification row each and wait on nothing else while holding it; a cancel takes the
 * meeting, then its notification rows. So no cycle.
 *
 * An SMTP failure puts the row back to pending for BullMQ's retry, or marks it failed after the last try. A send that
 * went out is never put back: recording it is retried, and if that never succeeds the row stays `sending` and the
 * reconciliation marks it failed after the lease (as after a crash mid-send), so it is not sent twice.
 */
@Injectable()
export class NotificationDelivery {
  private readonly logger = new Logger(NotificationDelivery.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mail: MailService,
    private readonly users: UsersService,
    private readonly consultations: ConsultationFacts,
    private readonly agenda: AgendaService,
    private readonly personZones: PersonZones,
    private readonly meetingInvitations: MeetingInvitations,
  ) {}

  /** The row, if this job still speaks for it (same revision, still pending): else null and nothing to do. */
  async load(notificationId: string, revision: number): Promise<DueNotification | null> {
    const [row] = await queryRows<DueNotification>(
      this.dataSource.manager,
      `SELECT ${DUE_COLUMNS} FROM notifications n WHERE n.id = $1 AND n.revision = $2 AND n.status = 'pending'`,
      [notificationId, revision],
    );
    return row ?? null;
  }

  /**
   * Checks, composes, claims and sends a due row; marks it sent or skipped. Throws when the mail could not be sent
   * (the row is back to pending, or failed after the last try) or when a check could not run (the row stays pending).
   */
  async deliver(row: DueNotification, lastAttempt: boolean): Promise<DeliveryOutcome> {
    // Cancellations cannot be muted (the mutes table refuses such a row).
    if (row.muted) return this.skip(row, 'muted by the recipient');
    const prepared = await this.prepare(row);
    if ('skip' in prepared) return this.skip(row, prepared.skip);
    const recipient = prepared.people.get(row.recipientUserId);
    if (!recipient) return this.skip(row, 'the recipient no longer exists');
    const reader = { name: recipient.name, language: recipient.language, timeZone: await this.personZones.zoneAt(recipient.id, prepared.at) };
    const message = composeMessage(row.kind, reader, prepared.subject, row.payload);
    const attachment = prepared.invitation && row.meetingId ? await this.meetingInvitation(row.meetingId, prepared.invitation, recipient.id) : undefined;
    // The claim last, after every check (see the class comment): a change committed before it withdrew the row.
    if (!(await this.claim(row))) return 'stale';
    try {
      await this.mail.send({
        to: recipient.email,
        ...message,
        attachments: attachment ? [attachment] : undefined,
        messageId: `<${row.id}.r${row.revision}@matchday>`,
      });
    } catch (error) {
      await this.release(row, error, lastAttempt).catch((releaseError: unknown) =>
        this.logger.error({ err: releaseError, notificationId: row.id }, 'Could not release a failed send; the lease will mark it failed'),
      );
      throw error;
    }
    await this.markSent(row);
    return 'sent';
  }

  /**
   * After a job failed for good without a send (e.g. the database refused the claim on every try): the row, still
   * pending at that revision, is marked failed so that the organizer sees it.
   */
  async failUnsent(notificationId: string, revision: number, error: unknown): Promise<void> {
    await this.dataSource.query(
      `UPDATE notifications SET status = 'failed', last_error = $3 WHERE id = $1 AND revision = $2 AND status = 'pending'`,
      [notificationId, revision, errorText(error)],
    );
  }

  /** `pending -> sending` for this revision, once due: true for the one worker that wins. */
  private async claim(row: DueNotification): Promise<boolean> {
    const won = await queryRows<{ id: string }>(
      this.dataSource.manager,
      `UPDATE notifications SET status = 'sending', attempts = attempts + 1, claimed_at = now()
        WHERE id = $1 AND revision = $2 AND status = 'pending' AND due_at <= now() + make_interval(secs => $3)
        RETURNING id`,
      [row.id, row.revision, EARLY_TOLERANCE_MS / 1000],
    );
    return won.length === 1;
  }

  /** After a failed send: back to pending for the next try, or failed after the last one (the organizer sees it). */
  private async release(row: DueNotification, error: unknown, final: boolean): Promise<void> {
    await this.dataSource.query(`UPDATE notifications SET status = $3::delivery_status, last_error = $4 WHERE id = $1 AND revision = $2 AND status = 'sending'`, [
      row.id,
      row.revision,
      final ? 'failed' : 'pending',
      errorText(error),
    ]);
  }

  /**
   * The mail went out: record it, retrying a failing database for a few seconds; never back to pending, which would
   * send it again. (No row matched: a reschedule moved the reminder meanwhile, and its new revision will be sent.)
   */
  private async markSent(row: DueNotification): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.dataSource.query(`UPDATE notifications SET status = 'sent', sent_at = now(), last_error = NULL WHERE id = $1 AND revision = $2 AND status = 'sending'`, [
          row.id,
          row.revision,
        ]);
        return;
      } catch (error) {
        if (attempt >= MARK_SENT_ATTEMPTS) {
          this.logger.error({ err: error, notificationId: row.id }, 'Sent, but could not record it; it stays sending and is never sent again');
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, MARK_SENT_RETRY_MS * 2 ** (attempt - 1)));
      }
    }
  }

  /**
   * The ICS attachment of a meeting email, METHOD:REQUEST for a confirmation or a reschedule, METHOD:CANCEL for a
   * cancellation: the same object as the meeting's .ics download, with its stable UID and SEQUENCE.
   */
  private async meetingInvitation(meetingId: string, method: 'REQUEST' | 'CANCEL', recipientUserId: string): Promise<MailAttachment> {
    return this.meetingInvitations.forMeeting(meetingId, method, recipientUserId);
  }

  /** Nothing to send: recorded as skipped, with why, if the row is still this job's. */
  private async skip(row: DueNotification, reason: string): Promise<DeliveryOutcome> {
    const skipped = await queryRows<{ id: string }>(
      this.dataSource.manager,
      `UPDATE notifications SET status = 'skipped', last_error = $3 WHERE id = $1 AND revision = $2 AND status = 'pending' RETURNING id`,
      [row.id, row.revision, reason],
    );
    return skipped.length === 1 ? 'skipped' : 'stale';
  }

  /** The subject as it stands now, if it still stands as the row announced it, with the people the message names. */
  private async prepare(row: DueNotification): Promise<(Prepared & { people: People }) | { skip: string }> {
    switch (row.kind) {
      case NotificationKind.MeetingReminder:
      case NotificationKind.MeetingConfirmed:
      case NotificationKind.MeetingRescheduled:
      case NotificationKind.MeetingCancelled:
      case NotificationKind.OutcomePrompt:
        return this.prepareMeeting(row);
      case NotificationKind.RequestReceived:
        return row.meetingId ? this.prepareMeeting(row) : this.prepareRequest(row, [RequestStatus.Pending]);
      case NotificationKind.RequestAccepted:
        return this.prepareRequest(row, [RequestStatus.Accepted, RequestStatus.Scheduled]);
      case NotificationKind.RequestDeclined:
        return this.prepareRequest(row, [RequestStatus.Declined]);
      case NotificationKind.RequestExpired:
        // A booking that expired waiting for the host is a meeting; a request sent with POST .../requests is not.
        return row.meetingId ? this.prepareMeeting(row) : this.prepareRequest(row, [RequestStatus.Expired]);
      case NotificationKind.SessionReminder:
        return this.withRecipient(row, await this.prepareSession(row));
      case NotificationKind.BookingWindowOpening:
      case NotificationKind.BookingWindowClosing:
        return this.withRecipient(row, await this.prepareRound(row));
      case NotificationKind.DailyDigest:
        return this.prepareDigest(row);
    }
  }

  private async withRecipient(row: DueNotification, prepared: Prepared): Promise<(Prepared & { people: People }) | { skip: string }> {
    if ('skip' in prepared) return prepared;
    return { ...prepared, people: await this.users.findByIds([row.recipientUserId]) };
  }

  private async prepareMeeting(row: DueNotification): Promise<(Prepared & { people: People }) | { skip: string }> {
    const fact = row.meetingId ? (await this.consultations.meetings([row.meetingId])).get(row.meetingId) : undefined;
    if (!fact) return { skip: 'the meeting no longer exists' };
    const stillAt = row.payload.startsAt === undefined || new Date(String(row.payload.startsAt)).getTime() === fact.startsAt.getTime();
    const active = fact.status === MeetingStatus.Confirmed || fact.status === MeetingStatus.Requested;
    let invitation: 'REQUEST' | 'CANCEL' | undefined;
    switch (row.kind) {
      case NotificationKind.MeetingReminder:
        if (fact.status !== MeetingStatus.Confirmed) return { skip: `the meeting is ${fact.status}` };
        if (!stillAt) return { skip: 'the meeting moved' };
        break;
      case NotificationKind.RequestReceived:
        if (fact.status !== MeetingStatus.Requested) return { skip: `the meeting is ${fact.status}` };
        break;
      case NotificationKind.RequestExpired:
        if (fact.status !== MeetingStatus.Cancelled) return { skip: `the meeting is ${fact.status}` };
        // A waiting booking reaches calendars only when it was rescheduled (METHOD:REQUEST to both): then it is taken out.
        if (fact.version > 1) invitation = 'CANCEL';
        break;
      case NotificationKind.MeetingConfirmed:
        if (!active && fact.status !== MeetingStatus.Held) return { skip: `the meeting is ${fact.status}` };
        invitation = 'REQUEST';
        break;
      case NotificationKind.MeetingRescheduled:
        if (!active) return { skip: `the meeting is ${fact.status}` };
        if (row.payload.version !== fact.version) return { skip: 'the meeting moved again' };
        invitation = 'REQUEST';
        break;
      case NotificationKind.MeetingCancelled:
        invitation = 'CANCEL';
        break;
      case NotificationKind.OutcomePrompt:
        if (fact.status !== MeetingStatus.Held || fact.hasOutcome) return { skip: 'the outcome is recorded, or the meeting was not held' };
        break;
    }
    // Both people in one read: the recipient, and the other party, whose name and zone the message shows.
    const people = await this.users.findByIds([fact.host.userId, fact.guest.userId]);
    const meeting = withNames(fact, namesOf(people));
    const otherId = fact.host.userId === row.recipientUserId ? fact.guest.userId : fact.host.userId;
    const other = people.get(otherId);
    const otherTimeZone = other ? await this.personZones.zoneAt(other.id, fact.startsAt) : fact.roundTimeZone;
    return { subject: { type: 'meeting', meeting, readerUserId: row.recipientUserId, otherTimeZone }, at: fact.startsAt, invitation, people };
  }

  private async prepareRequest(row: DueNotification, statuses: RequestStatus[]): Promise<(Prepared & { people: People }) | { skip: string }> {
    const fact = row.requestId ? (await this.consultations.requests([row.requestId])).get(row.requestId) : undefined;
    if (!fact) return { skip: 'the request no longer exists' };
    if (!statuses.includes(fact.status)) return { skip: `the request is ${fact.status}` };
    const people = await this.users.findByIds([fact.host.userId, fact.guest.userId]);
    return { subject: { type: 'request', request: withNames(fact, namesOf(people)), readerUserId: row.recipientUserId }, at: new Date(), people };
  }

  private async prepareSession(row: DueNotification): Promise<Prepared> {
    const session = row.sessionId ? (await this.agenda.sessionFacts([row.sessionId])).get(row.sessionId) : undefined;
    if (!session) return { skip: 'the session no longer exists' };
    if (new Date(String(row.payload.startsAt)).getTime() !== session.startsAt.getTime()) return { skip: 'the session moved' };
    const offsets = await offsetsOfEvent(this.dataSource.manager, session.eventId);
    if (row.offsetMinutes === null || !offsets.reminder.includes(row.offsetMinutes)) return { skip: 'the event no longer has this reminder offset' };
    if (!(await this.agenda.attends(session.id, row.recipientUserId))) return { skip: 'no longer speaking or registered' };
    return { subject: { type: 'session', session }, at: session.startsAt };
  }

  private async prepareRound(row: DueNotification): Promise<Prepared> {
    const round = row.roundId ? (await this.consultations.rounds([row.roundId])).get(row.roundId) : undefined;
    if (!round) return { skip: 'the round no longer exists' };
    const edge = row.kind === NotificationKind.BookingWindowOpening ? round.bookingOpensAt : round.bookingClosesAt;
    if (new Date(String(row.payload.at)).getTime() !== edge.getTime()) return { skip: 'the booking window changed' };
    if (edge.getTime() <= Date.now()) return { skip: 'the moment has passed' };
    if (!round.participantUserIds.includes(row.recipientUserId)) return { skip: 'no longer in the programme' };
    return { subject: { type: 'round', round }, at: edge };
  }

  private async prepareDigest(row: DueNotification): Promise<(Prepared & { people: People }) | { skip: string }> {
    const date = String(row.payload.date);
    const zone = String(row.payload.timeZone);
    const dayStart = DateTime.fromISO(date, { zone }).startOf('day');
    const [from, to] = [dayStart.toJSDate(), dayStart.plus({ days: 1 }).toJSDate()];
    const [meetings, sessions] = await Promise.all([
      this.consultations.activeMeetingsBetween(from, to, [row.recipientUserId]),
      this.agenda.sessionsOf(row.recipientUserId, from, to),
    ]);
    if (meetings.length === 0 && sessions.length === 0) return { skip: 'nothing on the agenda that day' };
    // Planned in a zone the person is no longer in at any of these (their zone changed): the reconciliation has planned
    // the digest of the zone they will be in, by the same rule (the zone at an item's start).
    const schedule = await this.personZones.schedule(row.recipientUserId);
    if ([...meetings, ...sessions].every((item) => schedule.zoneAt(item.startsAt) !== zone)) return { skip: 'the person is in another zone that day' };
    const people = await this.users.findByIds([row.recipientUserId, ...meetings.flatMap((meeting) => [meeting.host.userId, meeting.guest.userId])]);
    const names = namesOf(people);
    return {
      subject: { type: 'digest', date, meetings: meetings.map((meeting) => withNames(meeting, names)), sessions, readerUserId: row.recipientUserId },
      at: from,
      people,
    };
  }
}

function namesOf(people: People): Map<string, string> {
  return new Map([...people.values()].map((person) => [person.id, person.name]));
}

function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 1000);
}
