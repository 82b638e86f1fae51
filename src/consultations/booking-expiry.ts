import { MeetingStatus } from './consultation.enums';
import { ConsultationRound } from './consultation-round.entity';
import { Meeting } from './meeting.entity';

/** The cancellation reason of a booking that expired (cancelled by nobody: the booking window closed unanswered). */
export const EXPIRED_REASON = 'expired';

/**
 * The rule of expiry, in one place. A booking waiting for the other side (a requested meeting) has expired once its
 * round's booking window has closed, if it was booked while the window was open: an organizer may book a requested
 * meeting after the close, and that one waits for the host.
 *
 * The worker's timer (MeetingExpiry) is the only writer of expiry. Until it has run, every read derives the same
 * state from this rule, and the writes that would act on a waiting booking refuse it in their own UPDATE.
 */
export function bookingExpired(
  meeting: Pick<Meeting, 'status' | 'createdAt'>,
  round: Pick<ConsultationRound, 'bookingClosesAt'>,
  now: Date = new Date(),
): boolean {
  return meeting.status === MeetingStatus.Requested && round.bookingClosesAt <= now && meeting.createdAt < round.bookingClosesAt;
}

/** Whether a cancelled meeting was cancelled by expiry (the worker), not by a person. */
export function cancelledByExpiry(meeting: Pick<Meeting, 'status' | 'cancelledById' | 'cancellationReason'>): boolean {
  return meeting.status === MeetingStatus.Cancelled && meeting.cancelledById === null && meeting.cancellationReason === EXPIRED_REASON;
}

/** `cancelledByExpiry` as an SQL condition on a meeting (table alias); the reason's text is inlined, it is a constant. */
export function cancelledByExpirySql(meeting: string): string {
  return `(${meeting}.status = 'cancelled' AND ${meeting}.cancelled_by_id IS NULL AND ${meeting}.cancellation_reason = '${EXPIRED_REASON}')`;
}

/**
 * The rule as an SQL condition on a meeting and its round (table aliases), at `now` (an SQL expression: now() in a
 * write, so the statement judges at its own instant; a bound parameter in a read that presents the same instant).
 */
export function bookingExpiredSql(meeting: string, round: string, now = 'now()'): string {
  return `(${meeting}.status = 'requested' AND ${round}.booking_closes_at <= ${now} AND ${meeting}.created_at < ${round}.booking_closes_at)`;
}
