/** What a notification is about. One row kind per message a person can receive (by email and in the app). */
export enum NotificationKind {
  MeetingReminder = 'meeting_reminder',
  SessionReminder = 'session_reminder',
  RequestReceived = 'request_received',
  RequestAccepted = 'request_accepted',
  RequestDeclined = 'request_declined',
  RequestExpired = 'request_expired',
  MeetingConfirmed = 'meeting_confirmed',
  MeetingRescheduled = 'meeting_rescheduled',
  MeetingCancelled = 'meeting_cancelled',
  BookingWindowOpening = 'booking_window_opening',
  BookingWindowClosing = 'booking_window_closing',
  OutcomePrompt = 'outcome_prompt',
  DailyDigest = 'daily_digest',
}

/** Kinds nobody can mute: a cancellation must reach both sides. */
export const UNMUTABLE_KINDS: readonly NotificationKind[] = [NotificationKind.MeetingCancelled];

/**
 * Where a row stands. `pending` rows are mirrored as BullMQ delayed jobs; a worker wins a row by moving it
 * `pending -> sending` in one UPDATE, so only one send can ever start.
 */
export enum DeliveryStatus {
  Pending = 'pending',
  Sending = 'sending',
  Sent = 'sent',
  /** Every try failed, or a send was interrupted by a crash: visible to the organizer, never retried by itself. */
  Failed = 'failed',
  /** Woke for a subject that no longer stands (moved, cancelled, muted, due in the past): nothing sent. */
  Skipped = 'skipped',
  /** Withdrawn before it was due (the meeting was cancelled). */
  Cancelled = 'cancelled',
}

/** Default reminder offsets in minutes before a meeting or session, and the extra ones of on-site meetings. */
export const DEFAULT_REMINDER_OFFSETS_MINUTES: readonly number[] = [1440, 60];
export const DEFAULT_ON_SITE_OFFSETS_MINUTES: readonly number[] = [10];

/** Notices of a booking window come this long before it opens or closes. */
export const BOOKING_WINDOW_NOTICE_MINUTES = 1440;

/** Local hour of the daily agenda digest. */
export const DAILY_DIGEST_HOUR = 8;
