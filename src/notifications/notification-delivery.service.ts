import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { AgendaService } from '../agenda/agenda.service';
import { queryRows } from '../common/database-queries';
import { ConsultationFacts, MeetingFact } from '../consultations/consultation-facts.service';
import { MeetingStatus, RequestStatus } from '../consultations/consultation.enums';
import { PersonSummary, UsersService } from '../users/users.service';
import { MailAttachment, MailService } from './mail.service';
import { NotificationKind } from './notification.enums';
import { composeMessage, MessagePayload, MessageSubject } from './notification-messages';
import { RecipientZones } from './recipient-zones.service';

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
}

const CLAIMED_COLUMNS = `id, recipient_user_id AS "recipientUserId", event_id AS "eventId", kind::text AS kind, meeting_id AS "meetingId",
  request_id AS "requestId", session_id AS "sessionId", round_id AS "roundId", offset_minutes AS "offsetMinutes", payload,
  due_at AS "dueAt", revision, attempts`;

/** Ready to send, or why not (the subject moved, was cancelled, the person muted the kind...). */
type Prepared = { subject: MessageSubject; at: Date; invitation?: 'REQUEST' | 'CANCEL' } | { skip: string };

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
    private readonly zones: RecipientZones,
  ) {}

  /** The row, if this job still speaks for it (same revision, still pending): else null and nothing to do. */
  async claim(notificationId: string, revision: number): Promise<ClaimedNotification | null> {
    const [row] = await queryRows<ClaimedNotification>(
      this.dataSource.manager,
      `UPDATE notifications SET status = 'sending', attempts = attempts + 1, claimed_at = now()
        WHERE id = $1 AND revision = $2 AND status = 'pending'
        RETURNING ${CLAIMED_COLUMNS}`,
      [notificationId, revision],
    );
    return row ?? null;
  }

  /** Checks, composes and sends a claimed row; marks it sent or skipped. Throws if the mail could not be sent. */
  async deliver(row: ClaimedNotification): Promise<DeliveryOutcome> {
    const recipient = (await this.users.findByIds([row.recipientUserId])).get(row.recipientUserId);
    if (!recipient) return this.skip(row, 'the recipient no longer exists');
    if (await this.muted(row)) return this.skip(row, 'muted by the recipient');
    const prepared = await this.prepare(row, recipient);
    if ('skip' in prepared) return this.skip(row, prepared.skip);
    const reader = { name: recipient.name, language: recipient.language, timeZone: await this.zones.zoneOf(recipient, prepared.at) };
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
   * PLUG POINT (calendars): the ICS attachment of a meeting email, METHOD:REQUEST for a confirmation or a reschedule,
   * METHOD:CANCEL for a cancellation, with the meeting's stable UID and SEQUENCE. Once the calendars module is merged,
   * inject its `MeetingInvitations` and return `this.meetingInvitations.forMeeting(meetingId, method, recipientUserId)`
   * (`{ filename, contentType, content }`); the composer already sends whatever this returns.
   */
  private async meetingInvitation(meetingId: string, method: 'REQUEST' | 'CANCEL', recipientUserId: string): Promise<MailAttachment | undefined> {
    void meetingId;
    void method;
    void recipientUserId;
    return undefined;
  }

  private async skip(row: ClaimedNotification, reason: string): Promise<DeliveryOutcome> {
    await this.dataSource.query(`UPDATE notifications SET status = 'skipped', last_error = $3 WHERE id = $1 AND revision = $2 AND status = 'sending'`, [
      row.id,
      row.revision,
      reason,
    ]);
    return 'skipped';
  }

  private async muted(row: ClaimedNotification): Promise<boolean> {
    // Cancellations cannot be muted (the table refuses such a row).
    const rows: unknown[] = await this.dataSource.query('SELECT 1 FROM notification_mutes WHERE user_id = $1 AND kind = $2', [row.recipientUserId, row.kind]);
    return rows.length > 0;
  }

  /** The subject as it stands now, if it still stands as the row announced it. */
  private async prepare(row: ClaimedNotification, recipient: PersonSummary): Promise<Prepared> {
    switch (row.kind) {
      case NotificationKind.MeetingReminder:
      case NotificationKind.MeetingConfirmed:
      case NotificationKind.MeetingRescheduled:
      case NotificationKind.MeetingCancelled:
      case NotificationKind.OutcomePrompt:
        return this.prepareMeeting(row, recipient);
      case NotificationKind.RequestReceived:
        return row.meetingId ? this.prepareMeeting(row, recipient) : this.prepareRequest(row, [RequestStatus.Pending]);
      case NotificationKind.RequestAccepted:
        return this.prepareRequest(row, [RequestStatus.Accepted, RequestStatus.Scheduled]);
      case NotificationKind.RequestDeclined:
        return this.prepareRequest(row, [RequestStatus.Declined]);
      case NotificationKind.RequestExpired:
        return this.prepareRequest(row, [RequestStatus.Expired]);
      case NotificationKind.SessionReminder:
        return this.prepareSession(row);
      case NotificationKind.BookingWindowOpening:
      case NotificationKind.BookingWindowClosing:
        return this.prepareRound(row);
      case NotificationKind.DailyDigest:
        return this.prepareDigest(row, recipient);
    }
  }

  private async prepareMeeting(row: ClaimedNotification, recipient: PersonSummary): Promise<Prepared> {
    const meeting = row.meetingId ? (await this.consultations.meetings([row.meetingId])).get(row.meetingId) : undefined;
    if (!meeting) return { skip: 'the meeting no longer exists' };
    const stillAt = row.payload.startsAt === undefined || new Date(String(row.payload.startsAt)).getTime() === meeting.startsAt.getTime();
    const active = meeting.status === MeetingStatus.Confirmed || meeting.status === MeetingStatus.Requested;
    let invitation: 'REQUEST' | 'CANCEL' | undefined;
    switch (row.kind) {
      case NotificationKind.MeetingReminder:
        if (meeting.status !== MeetingStatus.Confirmed) return { skip: `the meeting is ${meeting.status}` };
        if (!stillAt) return { skip: 'the meeting moved' };
        break;
      case NotificationKind.RequestReceived:
        if (meeting.status !== MeetingStatus.Requested) return { skip: `the meeting is ${meeting.status}` };
        break;
      case NotificationKind.MeetingConfirmed:
        if (!active && meeting.status !== MeetingStatus.Held) return { skip: `the meeting is ${meeting.status}` };
        invitation = 'REQUEST';
        break;
      case NotificationKind.MeetingRescheduled:
        if (!active) return { skip: `the meeting is ${meeting.status}` };
        if (row.payload.version !== meeting.version) return { skip: 'the meeting moved again' };
        invitation = 'REQUEST';
        break;
      case NotificationKind.MeetingCancelled:
        invitation = 'CANCEL';
        break;
      case NotificationKind.OutcomePrompt:
        if (meeting.status !== MeetingStatus.Held || meeting.hasOutcome) return { skip: 'the outcome is recorded, or the meeting was not held' };
        break;
    }
    const otherTimeZone = await this.otherZone(meeting, recipient.id);
    return { subject: { type: 'meeting', meeting, readerUserId: recipient.id, otherTimeZone }, at: meeting.startsAt, invitation };
  }

  private async otherZone(meeting: MeetingFact, readerId: string): Promise<string> {
    const otherId = meeting.host.userId === readerId ? meeting.guest.userId : meeting.host.userId;
    const other = (await this.users.findByIds([otherId])).get(otherId);
    return other ? this.zones.zoneOf(other, meeting.startsAt) : meeting.roundTimeZone;
  }

  private async prepareRequest(row: ClaimedNotification, statuses: RequestStatus[]): Promise<Prepared> {
    const request = row.requestId ? (await this.consultations.requests([row.requestId])).get(row.requestId) : undefined;
    if (!request) return { skip: 'the request no longer exists' };
    if (!statuses.includes(request.status)) return { skip: `the request is ${request.status}` };
    return { subject: { type: 'request', request, readerUserId: row.recipientUserId }, at: new Date() };
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

  private async prepareDigest(row: ClaimedNotification, recipient: PersonSummary): Promise<Prepared> {
    const date = String(row.payload.date);
    const zone = String(row.payload.timeZone);
    const dayStart = DateTime.fromISO(date, { zone }).startOf('day');
    const [from, to] = [dayStart.toJSDate(), dayStart.plus({ days: 1 }).toJSDate()];
    const [meetings, sessions] = await Promise.all([this.consultations.activeMeetingsBetween(from, to, [recipient.id]), this.agenda.sessionsOf(recipient.id, from, to)]);
    if (meetings.length === 0 && sessions.length === 0) return { skip: 'nothing on the agenda that day' };
    return { subject: { type: 'digest', date, meetings, sessions, readerUserId: recipient.id }, at: from };
  }
}
