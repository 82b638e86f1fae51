import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { preparedRows } from '../common/database-queries';
import { AppConfig } from '../config/app-config';
import { DEFAULT_ON_SITE_OFFSETS_MINUTES, DEFAULT_REMINDER_OFFSETS_MINUTES, NotificationKind } from './notification.enums';

/** What happened to a meeting, as the consultations module tells it, inside the transaction of the change. */
export interface MeetingChange {
  /** `expired`: a booking that waited for the other side when booking closed (cancelled by nobody). */
  change: 'booked' | 'confirmed' | 'rescheduled' | 'cancelled' | 'expired';
  meetingId: string;
  eventId: string;
  hostUserId: string;
  guestUserId: string;
  /** The meeting as it now stands. */
  startsAt: Date;
  endsAt: Date;
  version: number;
  status: 'requested' | 'confirmed' | 'cancelled';
  onSite: boolean;
  /** Booked as requested: who is asked to confirm it. */
  confirmerUserId?: string;
  /** Rescheduled: the times it had before. */
  previous?: { startsAt: Date; endsAt: Date };
  reason?: string | null;
}

/** A request for a meeting was sent, accepted or declined: one notice to one person. */
export interface RequestNotice {
  kind: NotificationKind.RequestReceived | NotificationKind.RequestAccepted | NotificationKind.RequestDeclined;
  requestId: string;
  eventId: string;
  roundId: string;
  recipientUserId: string;
  reason?: string | null;
}

/** Meeting notices and who gets them, by change (reminders go to both people whatever the change). */
function meetingNotices(change: MeetingChange): Array<{ recipient: string; kind: NotificationKind; dedupeKey: string }> {
  const both = [change.hostUserId, change.guestUserId];
  const notice = (kind: NotificationKind, prefix: string, recipients: string[]) =>
    recipients.map((recipient) => ({ recipient, kind, dedupeKey: `${prefix}:${change.meetingId}:${recipient}` }));
  switch (change.change) {
    case 'booked':
      return change.status === 'requested'
        ? notice(NotificationKind.RequestReceived, 'meeting-requested', change.confirmerUserId ? [change.confirmerUserId] : [])
        : notice(NotificationKind.MeetingConfirmed, 'meeting-confirmed', both);
    case 'confirmed':
      return notice(NotificationKind.MeetingConfirmed, 'meeting-confirmed', both);
    case 'rescheduled':
      return notice(NotificationKind.MeetingRescheduled, `meeting-rescheduled-v${change.version}`, both);
    case 'cancelled':
      return notice(NotificationKind.MeetingCancelled, 'meeting-cancelled', both);
    case 'expired':
      // Nobody cancelled it: it was never agreed, so both are told it expired rather than that it was cancelled.
      return notice(NotificationKind.RequestExpired, 'meeting-expired', both);
  }
}

/**
 * The outbox: other modules call it inside the transaction of a change, so the notifications commit or roll back with
 * the change itself (a rolled-back booking sends nothing; a crash after commit loses nothing, the worker's relay picks
 * the rows up). Each change is ONE statement, since booking is a hot path.
 */
@Injectable()
export class NotificationOutbox {
  constructor(private readonly config: AppConfig) {}

  /**
   * Booked, confirmed or rescheduled: the meeting's reminders (event offsets, plus the on-site ones) are upserted by
   * their dedupe key (meeting, person, offset), so a reschedule moves the same rows (revision + 1, the relay moves
   * the jobs) and a reminder whose time has passed is written as skipped, except one already sent (or being sent),
   * which stays as it went out; the notices are added alongside.
   * Cancelled or expired: the meeting's pending rows are withdrawn (revision + 1, the relay removes their jobs) and the
   * cancellation (or expiry) notices added. A row being sent (`sending`) is left alone: its send was decided before this cancel
   * (see NotificationDelivery), and it ends sent or failed as it really did.
   */
  async meetingChanged(manager: EntityManager, change: MeetingChange): Promise<void> {
    const payload = JSON.stringify({
      startsAt: change.startsAt.toISOString(),
      endsAt: change.endsAt.toISOString(),
      version: change.version,
      // Kept so that a later change of the event's offsets can rewrite the reminders without asking consultations.
      onSite: change.onSite,
      ...(change.previous ? { previousStartsAt: change.previous.startsAt.toISOString(), previousEndsAt: change.previous.endsAt.toISOString() } : {}),
      ...(change.reason ? { reason: change.reason } : {}),
    });
    const notices = meetingNotices(change);
    const noticeColumns = [notices.map((notice) => notice.recipient), notices.map((notice) => notice.kind), notices.map((notice) => notice.dedupeKey)];
    if (change.change === 'cancelled' || change.change === 'expired') {
      await manager.query(
        `WITH withdrawn AS (
           UPDATE notifications SET status = 'cancelled', revision = revision + 1
            WHERE meeting_id = $1::uuid AND status = 'pending' AND kind <> 'meeting_cancelled'
         )
         INSERT INTO notifications (recipient_user_id, event_id, kind, meeting_id, payload, due_at, dedupe_key)
         SELECT notice.recipient, $2::uuid, notice.kind::notification_kind, $1::uuid, $3::jsonb, now(), notice.dedupe_key
           FROM unnest($4::uuid[], $5::text[], $6::text[]) AS notice(recipient, kind, dedupe_key)
         ON CONFLICT (dedupe_key) DO NOTHING`,
        [change.meetingId, change.eventId, payload, ...noticeColumns],
      );
      return;
    }
    // Every booking and move writes it: prepared.
    await preparedRows(
      manager,
      `WITH offsets AS (
         SELECT DISTINCT offset_value
           FROM (SELECT 1) AS one
           LEFT JOIN event_notification_settings settings ON settings.event_id = $2::uuid
          CROSS JOIN LATERAL unnest(COALESCE(settings.reminder_offsets_minutes, $7::int[])
                                    || CASE WHEN $8::boolean THEN COALESCE(settings.on_site_offsets_minutes, $9::int[]) ELSE '{}'::int[] END) AS offset_value
       ), wanted AS (
         SELECT person.recipient, 'meeting_reminder' AS kind, offsets.offset_value AS offset_minutes,
                $10::timestamptz - make_interval(secs => offsets.offset_value * $11::int) AS due_at,
                'meeting-reminder:' || $1::text || ':' || person.recipient || ':' || offsets.offset_value AS dedupe_key
           FROM unnest($12::uuid[]) AS person(recipient) CROSS JOIN offsets
         UNION ALL
         SELECT notice.recipient, notice.kind, NULL, now(), notice.dedupe_key
           FROM unnest($4::uuid[], $5::text[], $6::text[]) AS notice(recipient, kind, dedupe_key)
       )
       INSERT INTO notifications AS existing (recipient_user_id, event_id, kind, meeting_id, offset_minutes, payload, due_at, status, synced_revision, dedupe_key)
       SELECT wanted.recipient, $2::uuid, wanted.kind::notification_kind, $1::uuid, wanted.offset_minutes, $3::jsonb, wanted.due_at,
              CASE WHEN wanted.due_at >= now() THEN 'pending' ELSE 'skipped' END::delivery_status,
              CASE WHEN wanted.due_at >= now() THEN NULL ELSE 1 END,
              wanted.dedupe_key
         FROM wanted
       ON CONFLICT (dedupe_key) DO UPDATE
          SET due_at = EXCLUDED.due_at, payload = EXCLUDED.payload, status = EXCLUDED.status, attempts = 0, last_error = NULL,
              claimed_at = NULL, sent_at = NULL, read_at = NULL, revision = existing.revision + 1
        WHERE existing.kind = 'meeting_reminder' AND existing.due_at <> EXCLUDED.due_at
          AND NOT (existing.status IN ('sent', 'sending') AND EXCLUDED.status = 'skipped')`,
      [
        change.meetingId,
        change.eventId,
        payload,
        ...noticeColumns,
        DEFAULT_REMINDER_OFFSETS_MINUTES,
        change.onSite,
        DEFAULT_ON_SITE_OFFSETS_MINUTES,
        change.startsAt,
        this.config.NOTIFICATION_OFFSET_UNIT_SECONDS,
        [change.hostUserId, change.guestUserId],
      ],
    );
  }

  /**
   * The event's offsets changed: the reminders of its meetings still to come follow, in one statement. Reminders of
   * offsets no longer wanted are cancelled (the relay removes their jobs), new offsets get rows (due in the past:
   * skipped), withdrawn ones wanted again come back. Pending session reminders of dropped offsets are cancelled too;
   * the reconciliation writes those of new offsets. A cancelled meeting, which has its cancellation notices, is left
   * alone.
   *
   * The meeting as it now stands is read from the outbox itself: every change writes the whole meeting (start, end,
   * version, on site) into the payload of the rows it writes, and a reschedule always writes new notices of its
   * version, so the row of the highest version holds the current start. (Reminder rows alone would not do: a
   * withdrawn or sent one keeps the time it had.)
   */
  async eventOffsetsChanged(manager: EntityManager, eventId: string): Promise<void> {
    await manager.query(
      `WITH settings AS (
         SELECT COALESCE(s.reminder_offsets_minutes, $3::int[]) AS reminder, COALESCE(s.on_site_offsets_minutes, $4::int[]) AS on_site
           FROM (SELECT 1) AS one LEFT JOIN event_notification_settings s ON s.event_id = $1
       ), meetings AS (
         SELECT DISTINCT ON (n.meeting_id) n.meeting_id, n.payload
           FROM notifications n
          WHERE n.event_id = $1 AND n.kind IN ('meeting_reminder', 'meeting_confirmed', 'meeting_rescheduled', 'request_received')
            AND n.meeting_id IS NOT NULL AND n.payload ? 'version'
          ORDER BY n.meeting_id, (n.payload->>'version')::int DESC, n.revision DESC
       ), pairs AS (
         -- Reminders go to both people: those who have reminders, or heard it was confirmed or moved.
         SELECT DISTINCT meetings.meeting_id, n.recipient_user_id, meetings.payload
           FROM meetings JOIN notifications n ON n.meeting_id = meetings.meeting_id
          WHERE n.kind IN ('meeting_reminder', 'meeting_confirmed', 'meeting_rescheduled')
            AND (meetings.payload->>'startsAt')::timestamptz > now()
            AND NOT EXISTS (SELECT 1 FROM notifications c WHERE c.meeting_id = meetings.meeting_id AND c.kind = 'meeting_cancelled')
       ), wanted AS (
         SELECT pairs.meeting_id, pairs.recipient_user_id, pairs.payload, offsets.offset_value,
                (pairs.payload->>'startsAt')::timestamptz - make_interval(secs => offsets.offset_value * $2::int) AS due_at
           FROM pairs CROSS JOIN settings
          CROSS JOIN LATERAL (
            SELECT DISTINCT unnest(settings.reminder || CASE WHEN (pairs.payload->>'onSite')::boolean THEN settings.on_site ELSE '{}'::int[] END) AS offset_value
          ) AS offsets
       ), dropped AS (
         UPDATE notifications n SET status = 'cancelled', revision = n.revision + 1
           FROM pairs
          WHERE n.meeting_id = pairs.meeting_id AND n.recipient_user_id = pairs.recipient_user_id AND n.kind = 'meeting_reminder' AND n.status = 'pending'
            AND NOT EXISTS (SELECT 1 FROM wanted WHERE wanted.meeting_id = n.meeting_id AND wanted.recipient_user_id = n.recipient_user_id AND wanted.offset_value = n.offset_minutes)
       ), dropped_session_reminders AS (
         UPDATE notifications n SET status = 'cancelled', revision = n.revision + 1
           FROM settings
          WHERE n.event_id = $1 AND n.kind = 'session_reminder' AND n.status = 'pending' AND NOT (n.offset_minutes = ANY (settings.reminder))
       )
       INSERT INTO notifications AS existing (recipient_user_id, event_id, kind, meeting_id, offset_minutes, payload, due_at, status, synced_revision, dedupe_key)
       SELECT wanted.recipient_user_id, $1, 'meeting_reminder', wanted.meeting_id, wanted.offset_value, wanted.payload, wanted.due_at,
              CASE WHEN wanted.due_at >= now() THEN 'pending' ELSE 'skipped' END::delivery_status,
              CASE WHEN wanted.due_at >= now() THEN NULL ELSE 1 END,
              'meeting-reminder:' || wanted.meeting_id || ':' || wanted.recipient_user_id || ':' || wanted.offset_value
         FROM wanted
       ON CONFLICT (dedupe_key) DO UPDATE
          SET status = EXCLUDED.status, due_at = EXCLUDED.due_at, payload = EXCLUDED.payload, attempts = 0, last_error = NULL,
              claimed_at = NULL, sent_at = NULL, read_at = NULL, revision = existing.revision + 1
        WHERE existing.status = 'cancelled' AND EXCLUDED.status = 'pending'`,
      [eventId, this.config.NOTIFICATION_OFFSET_UNIT_SECONDS, DEFAULT_REMINDER_OFFSETS_MINUTES, DEFAULT_ON_SITE_OFFSETS_MINUTES],
    );
  }

  /** A request sent, accepted or declined: its notice, once per request and kind. */
  async requestChanged(manager: EntityManager, notice: RequestNotice): Promise<void> {
    await manager.query(
      `INSERT INTO notifications (recipient_user_id, event_id, kind, request_id, round_id, payload, due_at, dedupe_key)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, now(), $7)
       ON CONFLICT (dedupe_key) DO NOTHING`,
      [
        notice.recipientUserId,
        notice.eventId,
        notice.kind,
        notice.requestId,
        notice.roundId,
        JSON.stringify(notice.reason ? { reason: notice.reason } : {}),
        `${notice.kind}:${notice.requestId}`,
      ],
    );
  }
}
