import { MeetingInvitations } from '../calendars/meeting-invitations.service';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { AgendaService } from '../agenda/agenda.service';
import { queryRows } from '../common/database-queries';
import { ConsultationFacts } from '../consultations/consultation-facts.service';
import { MeetingStatus, RequestStatus } from '../consultations/consultation.enums';
import { PersonSummary, UsersService } from '../users/users.service';
import { MailAttachment, MailService } from './mail.service';
import { PersonZones } from '../users/person-zones.service';
import { NotificationKind } from './notification.enums';
import { composeMessage, MessagePayload, MessageSubject, withNames } from './notification-messages';

/** A row a worker has won (`sending`): only this worker may send it, for this revision. */
export interface ClaimedNotification {
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
  attempts: number;
  /** Whether the recipient muted this kind (read in the claim, to save a round trip). */
  muted: boolean;
}

/** Ready to send, or why not (the subject moved, was cancelled, the person muted the kind...). */
type Prepared = { subject: MessageSubject; at: Date; invitation?: 'REQUEST' | 'CANCEL' } | { skip: string };

/** The people a message names or is sent to, by id. */
type People = Map<string, PersonSummary>;

export type DeliveryOutcome = 'sent' | 'skipped';

/**
 * Sends one notification at most once. A worker first claims the row (`pending -> sending` for the job's revision, one
 * UPDATE only one worker can win), then checks its subject still stands as the row announced it, composes the email in
 * the recipient's language and zones, sends it and marks it sent. A failure puts the row back to pending for BullMQ's
 * retry, or marks it failed after the last try; a crash mid-send leaves it `sending`, which is never sent again (the
 * reconciliation marks it failed after a lease).
 */
@Injectable()
export class NotificationDelivery {
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
  async claim(notificationId: string, revision: number): Promise<ClaimedNotification | null> {
    const [row] = await queryRows<ClaimedNotification>(
      this.dataSource.manager,
      `UPDATE notifications n SET status = 'sending', attempts = n.attempts + 1, claimed_at = now()
        WHERE n.id = $1 AND n.revision = $2 AND n.status = 'pending'
        RETURNING n.id, n.recipient_user_id AS "recipientUserId", n.event_id AS "eventId", n.kind::text AS kind, n.meeting_id AS "meetingId",
                  n.request_id AS "requestId", n.session_id AS "sessionId", n.round_id AS "roundId", n.offset_minutes AS "offsetMinutes",
                  n.payload, n.due_at AS "dueAt", n.revision, n.attempts,
                  EXISTS (SELECT 1 FROM notification_mutes m WHERE m.user_id = n.recipient_user_id AND m.kind = n.kind) AS muted`,
      [notificationId, revision],
    );
    return row ?? null;
  }

  /** Checks, composes and sends a claimed row; marks it sent or skipped. Throws if the mail could not be sent. */
  async deliver(row: ClaimedNotification): Promise<DeliveryOutcome> {
    // Cancellations cannot be muted (the mutes table refuses such a row).
    if (row.muted) return this.skip(row, 'muted by the recipient');
    const prepared = await this.prepare(row);
    if ('skip' in prepared) return this.skip(row, prepared.skip);
    const recipient = prepared.people.get(row.recipientUserId);
    if (!recipient) return this.skip(row, 'the recipient no longer exists');
    const reader = { name: recipient.name, language: recipient.language, timeZone: await this.personZones.zoneAt(recipient.id, prepared.at) };
    const message = composeMessage(row.kind, reader, prepared.subject, row.payload);
    const attachment = prepared.invitation && row.meetingId ? await this.meetingInvitation(row.meetingId, prepared.invitation, recipient.id) : undefined;
    await this.mail.send({
      to: recipient.email,
      ...message,
      attachments: attachment ? [attachment] : undefined,
      messageId: `<${row.id}.r${row.revision}@matchday>`,
    });
    await this.dataSource.query(`UPDATE notifications SET status = 'sent', sent_at = now(), last_error = NULL WHERE id = $1 AND revision = $2 AND status = 'sending'`, [
      row.id,
      row.revision,
    ]);
    return 'sent';
  }

  /** After a failed send: back to pending for the next try, or failed after the last one (the organizer sees it). */
  async release(row: ClaimedNotification, error: unknown, final: boolean): Promise<void> {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
    await this.dataSource.query(`UPDATE notifications SET status = $3::delivery_status, last_error = $4 WHERE id = $1 AND revision = $2 AND status = 'sending'`, [
      row.id,
      row.revision,
      final ? 'failed' : 'pending',
      message,
    ]);
  }

  /**
   * The ICS attachment of a meeting email, METHOD:REQUEST for a confirmation or a reschedule, METHOD:CANCEL for a
   * cancellation: the same object as the meeting's .ics download, with its stable UID and SEQUENCE.
   */
  private async meetingInvitation(meetingId: string, method: 'REQUEST' | 'CANCEL', recipientUserId: string): Promise<MailAttachment> {
    return this.meetingInvitations.forMeeting(meetingId, method, recipientUserId);
  }

  private async skip(row: ClaimedNotification, reason: string): Promise<DeliveryOutcome> {
    await this.dataSource.query(`UPDATE notifications SET status = 'skipped', last_error = $3 WHERE id = $1 AND revision = $2 AND status = 'sending'`, [
      row.id,
      row.revision,
      reason,
    ]);
    return 'skipped';
  }

  /** The subject as it stands now, if it still stands as the row announced it, with the people the message names. */
  private async prepare(row: ClaimedNotification): Promise<(Prepared & { people: People }) | { skip: string }> {
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
        return this.prepareRequest(row, [RequestStatus.Expired]);
      case NotificationKind.SessionReminder:
        return this.withRecipient(row, await this.prepareSession(row));
      case NotificationKind.BookingWindowOpening:
      case NotificationKind.BookingWindowClosing:
        return this.withRecipient(row, await this.prepareRound(row));
      case NotificationKind.DailyDigest:
        return this.prepareDigest(row);
    }
  }

  private async withRecipient(row: ClaimedNotification, prepared: Prepared): Promise<(Prepared & { people: People }) | { skip: string }> {
    if ('skip' in prepared) return prepared;
    return { ...prepared, people: await this.users.findByIds([row.recipientUserId]) };
  }

  private async prepareMeeting(row: ClaimedNotification): Promise<(Prepared & { people: People }) | { skip: string }> {
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

  private async prepareRequest(row: ClaimedNotification, statuses: RequestStatus[]): Promise<(Prepared & { people: People }) | { skip: string }> {
    const fact = row.requestId ? (await this.consultations.requests([row.requestId])).get(row.requestId) : undefined;
    if (!fact) return { skip: 'the request no longer exists' };
    if (!statuses.includes(fact.status)) return { skip: `the request is ${fact.status}` };
    const people = await this.users.findByIds([fact.host.userId, fact.guest.userId]);
    return { subject: { type: 'request', request: withNames(fact, namesOf(people)), readerUserId: row.recipientUserId }, at: new Date(), people };
  }

  private async prepareSession(row: ClaimedNotification): Promise<Prepared> {
    const session = row.sessionId ? (await this.agenda.sessionFacts([row.sessionId])).get(row.sessionId) : undefined;
    if (!session) return { skip: 'the session no longer exists' };
    if (new Date(String(row.payload.startsAt)).getTime() !== session.startsAt.getTime()) return { skip: 'the session moved' };
    if (!(await this.agenda.attends(session.id, row.recipientUserId))) return { skip: 'no longer speaking or registered' };
    return { subject: { type: 'session', session }, at: session.startsAt };
  }

  private async prepareRound(row: ClaimedNotification): Promise<Prepared> {
    const round = row.roundId ? (await this.consultations.rounds([row.roundId])).get(row.roundId) : undefined;
    if (!round) return { skip: 'the round no longer exists' };
    const edge = row.kind === NotificationKind.BookingWindowOpening ? round.bookingOpensAt : round.bookingClosesAt;
    if (new Date(String(row.payload.at)).getTime() !== edge.getTime()) return { skip: 'the booking window changed' };
    if (edge.getTime() <= Date.now()) return { skip: 'the moment has passed' };
    if (!round.participantUserIds.includes(row.recipientUserId)) return { skip: 'no longer in the programme' };
    return { subject: { type: 'round', round }, at: edge };
  }

  private async prepareDigest(row: ClaimedNotification): Promise<(Prepared & { people: People }) | { skip: string }> {
    const date = String(row.payload.date);
    const zone = String(row.payload.timeZone);
    const dayStart = DateTime.fromISO(date, { zone }).startOf('day');
    const [from, to] = [dayStart.toJSDate(), dayStart.plus({ days: 1 }).toJSDate()];
    const [meetings, sessions] = await Promise.all([
      this.consultations.activeMeetingsBetween(from, to, [row.recipientUserId]),
      this.agenda.sessionsOf(row.recipientUserId, from, to),
    ]);
    if (meetings.length === 0 && sessions.length === 0) return { skip: 'nothing on the agenda that day' };
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
