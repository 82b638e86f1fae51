import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { queryRows, retryOnDeadlock } from '../common/database-queries';
import { NotificationOutbox } from '../notifications/notification-outbox.service';
import { bookingExpiredSql, EXPIRED_REASON } from './booking-expiry';
import { MeetingStatus } from './consultation.enums';
import { hostMeetingsSubject, pairMeetingsSubject } from './meeting-placement.service';

/** Which requested meetings to look at: every closed round's, an event's, or one round's. */
export interface ExpiryScope {
  eventId?: string;
  roundId?: string;
}

interface ExpiredRow {
  id: string;
  eventId: string;
  hostUserId: string;
  guestUserId: string;
  startsAt: Date;
  endsAt: Date;
  version: number;
  locationId: string | null;
}

/**
 * Bookings waiting for the other side (requested meetings) expire when their round's booking window closes, as
 * pending requests do: each is cancelled with reason "expired" and no canceller, which frees both people and the table,
 * gives back the host's and the pair's quotas (the guest's request stays counted, as a request's does), writes its
 * history entry and tells both people that it expired (not that it was cancelled), through the notifications outbox. Which bookings have expired is the rule of
 * booking-expiry.ts; the cancellation is dated at the close, so the row says what reads showed before it was written.
 *
 * Only the worker runs it, for every closed round each minute (ConsultationMaintenance): it is the one writer of
 * expiry. Until it has run, reads derive the expired state and confirm, reschedule and cancel refuse to act on it.
 */
@Injectable()
export class MeetingExpiry {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: NotificationOutbox,
  ) {}

  /** Expires what is due in the scope; returns the ids of the meetings it expired. */
  async expireClosedBookings(scope: ExpiryScope = {}): Promise<string[]> {
    const candidates = await queryRows<{ id: string; roundId: string; hostUserId: string; guestUserId: string }>(
      this.dataSource.manager,
      `SELECT m.id, m.round_id AS "roundId", m.host_user_id AS "hostUserId", m.guest_user_id AS "guestUserId"
         FROM meetings m JOIN consultation_rounds r ON r.id = m.round_id
        WHERE ${bookingExpiredSql('m', 'r')}
          AND ($1::uuid IS NULL OR m.event_id = $1) AND ($2::uuid IS NULL OR m.round_id = $2)`,
      [scope.eventId ?? null, scope.roundId ?? null],
    );
    if (candidates.length === 0) return [];
    const quotaRounds = candidates.flatMap((meeting) => [meeting.roundId, meeting.roundId]);
    const quotaSubjects = candidates.flatMap((meeting) => [hostMeetingsSubject(meeting.hostUserId), pairMeetingsSubject(meeting.hostUserId, meeting.guestUserId)]);
    const expired = await retryOnDeadlock(() =>
      this.dataSource.transaction(async (manager) => {
        // The rounds FOR KEY SHARE, then the quota rows in a fixed order, then the meetings: the order a cancel takes
        // them in, so the two never wait on each other in a cycle, and an organizer setting a host cap (under the
        // round's FOR UPDATE) counts these meetings as they end up. Only the meetings still requested (and still in a
        // closed round) then expire, and only what they took is given back.
        await manager.query('SELECT 1 FROM consultation_rounds WHERE id = ANY($1::uuid[]) ORDER BY id FOR KEY SHARE', [[...new Set(quotaRounds)]]);
        await manager.query(
          `SELECT 1 FROM round_quotas q JOIN unnest($1::uuid[], $2::text[]) AS t(round_id, subject) ON q.round_id = t.round_id AND q.subject = t.subject
            ORDER BY q.round_id, q.subject FOR UPDATE OF q`,
          [quotaRounds, quotaSubjects],
        );
        const rows = await queryRows<ExpiredRow>(
          manager,
          `WITH expired AS (
             UPDATE meetings m
                SET status = 'cancelled', cancelled_at = r.booking_closes_at, cancelled_by_id = NULL, cancellation_reason = $2, updated_at = now()
               FROM consultation_rounds r
              WHERE m.id = ANY($1::uuid[]) AND r.id = m.round_id AND ${bookingExpiredSql('m', 'r')}
             RETURNING m.id, m.event_id, m.round_id, m.host_user_id, m.guest_user_id, m.starts_at, m.ends_at, m.version, m.location_id,
                       m.status, m.cancellation_reason
           ), taken AS (
             SELECT round_id, subject, count(*)::int AS count
               FROM expired CROSS JOIN LATERAL (VALUES ('host-meetings:' || host_user_id), ('pair:' || host_user_id || ':' || guest_user_id)) AS s(subject)
              GROUP BY round_id, subject
           ), released AS (
             UPDATE round_quotas q SET used = greatest(q.used - taken.count, 0)
               FROM taken WHERE q.round_id = taken.round_id AND q.subject = taken.subject
           ), history AS (
             INSERT INTO meeting_history (meeting_id, action, actor_user_id, status, version, starts_at, ends_at, location_id, reason)
             SELECT id, 'cancelled'::meeting_action, NULL::uuid, status, version, starts_at, ends_at, location_id, cancellation_reason FROM expired
           )
           SELECT id, event_id AS "eventId", host_user_id AS "hostUserId", guest_user_id AS "guestUserId", starts_at AS "startsAt",
                  ends_at AS "endsAt", version, location_id AS "locationId"
             FROM expired`,
          [candidates.map((meeting) => meeting.id), EXPIRED_REASON],
        );
        for (const row of rows) {
          await this.outbox.meetingChanged(manager, {
            change: 'expired',
            meetingId: row.id,
            eventId: row.eventId,
            hostUserId: row.hostUserId,
            guestUserId: row.guestUserId,
            startsAt: row.startsAt,
            endsAt: row.endsAt,
            version: row.version,
            status: MeetingStatus.Cancelled,
            onSite: row.locationId !== null,
          });
        }
        return rows;
      }),
    );
    return expired.map((row) => row.id);
  }
}
