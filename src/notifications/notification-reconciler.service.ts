import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { AgendaService } from '../agenda/agenda.service';
import { AppConfig } from '../config/app-config';
import { queryRows } from '../common/database-queries';
import { ConsultationFacts } from '../consultations/consultation-facts.service';
import { QueueName } from '../queues/queue-name';
import { REDIS_CLIENT } from '../redis/redis.module';
import { PersonZones } from '../users/person-zones.service';
import { ZoneSchedule } from '../users/zone-schedule';
import { offsetsOfEvents } from './event-offsets';
import { BOOKING_WINDOW_NOTICE_MINUTES, DAILY_DIGEST_HOUR, NotificationKind } from './notification.enums';
import { deliveryJobId, syncMarkerKey } from './notification-jobs';
import { deliveryJob } from './notification-relay.service';
import { MAX_OFFSET_MINUTES } from './dto/notification-settings.dto';

const BATCH_SIZE = 1000;
const DAY_MS = 24 * 3600_000;
/** A due job gets this long to run before a finished one of a still-pending row counts as lost. */
const OVERDUE_GRACE_MS = 5000;

/** A time-derived notification the reconciliation writes (idempotent by its dedupe key). */
export interface DerivedRow {
  recipientUserId: string;
  eventId: string | null;
  kind: NotificationKind;
  meetingId?: string;
  requestId?: string;
  sessionId?: string;
  roundId?: string;
  offsetMinutes?: number;
  payload: Record<string, unknown>;
  dueAt: Date;
  dedupeKey: string;
}

export interface ReconcileReport {
  /** True when Redis had lost its data (no marker): every pending row's job was added again. */
  full: boolean;
  requeued: number;
  interrupted: number;
  derived: number;
}

/**
 * The repeating reconciliation of PostgreSQL (the truth) with Redis (worker only):
 * - re-adds the jobs of pending rows Redis lost (idempotent by job id): every pending row after a flush or a restart
 *   without persistence (the marker key is gone), else only those due soon or overdue; overdue rows (the worker was
 *   down) get delay 0 and go out at once;
 * - marks failed the sends a crash left `sending` past the lease: they were perhaps sent, so never again;
 * - writes the time-derived notifications: session reminders, booking window opening and closing notices, outcome
 *   prompts, expired requests, and the 08:00 daily digest in each person's zone.
 */
@Injectable()
export class NotificationReconciler {
  private readonly logger = new Logger(NotificationReconciler.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Notifications) private readonly queue: Queue,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly config: AppConfig,
    private readonly consultations: ConsultationFacts,
    private readonly agenda: AgendaService,
    private readonly personZones: PersonZones,
  ) {}

  async markerPresent(): Promise<boolean> {
    return (await this.redis.exists(syncMarkerKey(this.config))) === 1;
  }

  async reconcile(now = new Date()): Promise<ReconcileReport> {
    const full = !(await this.markerPresent());
    // The marker goes in before the full resync, not after: Redis losing its data during the resync takes the marker
    // with it, and the next run starts over. A resync that fails takes its marker back.
    const token = `${now.toISOString()} ${randomUUID()}`;
    if (full) await this.redis.set(syncMarkerKey(this.config), token);
    let requeued: number;
    try {
      requeued = await this.requeue(full, now);
    } catch (error) {
      if (full && (await this.redis.get(syncMarkerKey(this.config))) === token) await this.redis.del(syncMarkerKey(this.config));
      throw error;
    }
    const interrupted = await this.failInterrupted();
    const derived = await this.deriveTimedRows(now);
    return { full, requeued, interrupted, derived };
  }

  /**
   * Adds the jobs of synced pending rows again (a no-op for jobs Redis still holds); an overdue row whose job has
   * finished without sending it (failed or completed, e.g. it failed for good while the database was down, or stalled
   * too often) gets a new revision, so the relay drops that job and adds a fresh one: a job id BullMQ keeps as finished
   * cannot be added again.
   */
  private async requeue(full: boolean, now: Date): Promise<number> {
    const until = full ? null : new Date(now.getTime() + 2 * this.config.NOTIFICATION_RECONCILE_EVERY_MS + 5000);
    // The cursor keeps due_at as PostgreSQL's text: a JavaScript Date drops the microseconds, and a row due at
    // 12:00:00.123456 would then come after the cursor 12:00:00.123 again, and again, for ever.
    let after = { dueAtCursor: '-infinity', id: '00000000-0000-0000-0000-000000000000' };
    let total = 0;
    for (;;) {
      const rows = await queryRows<{ id: string; revision: number; dueAt: Date; dueAtCursor: string }>(
        this.dataSource.manager,
        `SELECT id, revision, due_at AS "dueAt", due_at::text AS "dueAtCursor" FROM notifications
          WHERE status = 'pending' AND synced_revision = revision AND ($1::timestamptz IS NULL OR due_at < $1)
            AND (due_at, id) > ($2::timestamptz, $3::uuid)
          ORDER BY due_at, id LIMIT $4`,
        [until, after.dueAtCursor, after.id, BATCH_SIZE],
      );
      if (rows.length === 0) return total;
      const at = Date.now();
      await this.queue.addBulk(rows.map((row) => deliveryJob(this.config, row, at)));
      await this.restartFinishedJobs(rows.filter((row) => row.dueAt.getTime() < now.getTime() - OVERDUE_GRACE_MS));
      total += rows.length;
      after = rows[rows.length - 1];
    }
  }

  /** Overdue pending rows whose job finished without sending them: a new revision, so a new job (see requeue). */
  private async restartFinishedJobs(overdue: Array<{ id: string; revision: number }>): Promise<void> {
    if (overdue.length === 0) return;
    const states = await Promise.all(overdue.map((row) => this.queue.getJobState(deliveryJobId(row.id, row.revision))));
    const finished = overdue.filter((_, index) => states[index] === 'failed' || states[index] === 'completed');
    if (finished.length === 0) return;
    // Only if still pending at the revision read: a row sent, failed or moved meanwhile is left alone.
    const restarted = await queryRows<{ id: string }>(
      this.dataSource.manager,
      `UPDATE notifications n SET revision = n.revision + 1
         FROM unnest($1::uuid[], $2::int[]) AS finished(id, revision)
        WHERE n.id = finished.id AND n.revision = finished.revision AND n.status = 'pending' AND n.synced_revision = n.revision
        RETURNING n.id`,
      [finished.map((row) => row.id), finished.map((row) => row.revision)],
    );
    if (restarted.length > 0) this.logger.warn({ count: restarted.length }, 'Pending notifications whose jobs had finished were given new jobs');
  }

  private async failInterrupted(): Promise<number> {
    const rows = await queryRows<{ id: string }>(
      this.dataSource.manager,
      `UPDATE notifications
          SET status = 'failed', last_error = 'interrupted while sending (the worker stopped mid-send, or could not record the send); it may have gone out; not sent again'
        WHERE status = 'sending' AND claimed_at < now() - make_interval(secs => $1) RETURNING id`,
      [this.config.NOTIFICATION_SEND_LEASE_SECONDS],
    );
    return rows.length;
  }

  private async deriveTimedRows(now: Date): Promise<number> {
    const unitMs = this.config.NOTIFICATION_OFFSET_UNIT_SECONDS * 1000;
    const slack = 2 * this.config.NOTIFICATION_RECONCILE_EVERY_MS;
    const rows = [
      ...(await this.sessionReminders(now, new Date(now.getTime() + MAX_OFFSET_MINUTES * unitMs + slack), unitMs)),
      ...(await this.bookingWindowNotices(now, new Date(now.getTime() + BOOKING_WINDOW_NOTICE_MINUTES * unitMs + slack), unitMs)),
      ...(await this.outcomePrompts(now)),
      ...(await this.expiredRequests(now)),
      ...(await this.dailyDigests(now)),
    ];
    return this.insert(rows);
  }

  private async sessionReminders(now: Date, until: Date, unitMs: number): Promise<DerivedRow[]> {
    const attendance = await this.agenda.attendanceBetween(now, until);
    const offsets = await offsetsOfEvents(this.dataSource.manager, attendance.map((row) => row.eventId));
    return attendance.flatMap((row) =>
      offsets.get(row.eventId)!.reminder
        .map((offset) => ({
          recipientUserId: row.userId,
          eventId: row.eventId,
          kind: NotificationKind.SessionReminder,
          sessionId: row.sessionId,
          offsetMinutes: offset,
          payload: { startsAt: row.startsAt.toISOString() },
          dueAt: new Date(row.startsAt.getTime() - offset * unitMs),
          dedupeKey: `session-reminder:${row.sessionId}:${row.userId}:${offset}`,
        }))
        .filter((reminder) => reminder.dueAt >= now),
    );
  }

  private async bookingWindowNotices(now: Date, until: Date, unitMs: number): Promise<DerivedRow[]> {
    const rounds = await this.consultations.roundsWithBookingEdgeBetween(now, until);
    const lead = BOOKING_WINDOW_NOTICE_MINUTES * unitMs;
    return rounds.flatMap((round) =>
      (
        [
          [NotificationKind.BookingWindowOpening, round.bookingOpensAt, 'booking-opening'],
          [NotificationKind.BookingWindowClosing, round.bookingClosesAt, 'booking-closing'],
        ] as const
      )
        .filter(([, at]) => at >= now && at < until)
        .flatMap(([kind, at, prefix]) =>
          round.participantUserIds.map((userId) => ({
            recipientUserId: userId,
            eventId: round.eventId,
            kind,
            roundId: round.id,
            payload: { at: at.toISOString() },
            dueAt: new Date(Math.max(now.getTime(), at.getTime() - lead)),
            dedupeKey: `${prefix}:${round.id}:${userId}`,
          })),
        ),
    );
  }

  private async outcomePrompts(now: Date): Promise<DerivedRow[]> {
    const meetings = await this.consultations.heldMeetingsEndedBetween(new Date(now.getTime() - DAY_MS), new Date(now.getTime() + DAY_MS));
    return meetings.map((meeting) => ({
      recipientUserId: meeting.hostUserId,
      eventId: meeting.eventId,
      kind: NotificationKind.OutcomePrompt,
      meetingId: meeting.meetingId,
      payload: {},
      dueAt: meeting.endsAt,
      dedupeKey: `outcome-prompt:${meeting.meetingId}`,
    }));
  }

  private async expiredRequests(now: Date): Promise<DerivedRow[]> {
    const requests = await this.consultations.requestsExpiredBetween(new Date(now.getTime() - DAY_MS), now);
    return requests.map((request) => ({
      recipientUserId: request.askerUserId,
      eventId: request.eventId,
      kind: NotificationKind.RequestExpired,
      requestId: request.requestId,
      roundId: request.roundId,
      payload: {},
      dueAt: request.expiredAt,
      dedupeKey: `${NotificationKind.RequestExpired}:${request.requestId}`,
    }));
  }

  /** 08:00 in the person's zone on each of the next days they have a meeting or a session. */
  private async dailyDigests(now: Date): Promise<DerivedRow[]> {
    const until = new Date(now.getTime() + 1.5 * DAY_MS);
    const busy = [
      ...(await this.consultations.peopleInMeetingsBetween(now, until)),
      ...(await this.agenda.attendanceBetween(now, until)).map((row) => ({ userId: row.userId, startsAt: row.startsAt })),
    ];
    // Everyone's zones in one query (unknown people are left out).
    return planDailyDigests(busy, await this.personZones.schedules(busy.map((item) => item.userId)), now);
  }

  /**
   * One statement per batch; an existing row is moved only when its time changed (a session or a booking window moved,
   * the person's zone changed under a digest) and it has not gone out.
   */
  private async insert(all: DerivedRow[]): Promise<number> {
    const unique = [...new Map(all.map((row) => [row.dedupeKey, row])).values()];
    let written = 0;
    for (let start = 0; start < unique.length; start += BATCH_SIZE) {
      const rows = unique.slice(start, start + BATCH_SIZE);
      const result = await queryRows<{ id: string }>(
        this.dataSource.manager,
        `INSERT INTO notifications AS existing (recipient_user_id, event_id, kind, meeting_id, request_id, session_id, round_id, offset_minutes, payload, due_at, dedupe_key)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::notification_kind[], $4::uuid[], $5::uuid[], $6::uuid[], $7::uuid[], $8::int[], $9::jsonb[], $10::timestamptz[], $11::text[])
         ON CONFLICT (dedupe_key) DO UPDATE
            SET due_at = EXCLUDED.due_at, payload = EXCLUDED.payload, status = 'pending', attempts = 0, last_error = NULL, revision = existing.revision + 1
          WHERE (existing.due_at <> EXCLUDED.due_at AND existing.status IN ('pending', 'skipped')
                 AND existing.kind IN ('session_reminder', 'booking_window_opening', 'booking_window_closing', 'daily_digest'))
             -- A session reminder withdrawn with its offset, wanted again since.
             OR (existing.status = 'cancelled' AND existing.kind = 'session_reminder')
         RETURNING id`,
        [
          rows.map((row) => row.recipientUserId),
          rows.map((row) => row.eventId),
          rows.map((row) => row.kind),
          rows.map((row) => row.meetingId ?? null),
          rows.map((row) => row.requestId ?? null),
          rows.map((row) => row.sessionId ?? null),
          rows.map((row) => row.roundId ?? null),
          rows.map((row) => row.offsetMinutes ?? null),
          rows.map((row) => JSON.stringify(row.payload)),
          rows.map((row) => row.dueAt),
          rows.map((row) => row.dedupeKey),
        ],
      );
      written += result.length;
    }
    return written;
  }
}

/**
 * The digests for what people have on: one per person and day, at 08:00 on that day in the zone they are in when
 * the item starts (a travel range's, else their own), if that is still to come.
 */
export function planDailyDigests(busy: Array<{ userId: string; startsAt: Date }>, schedules: Map<string, ZoneSchedule>, now: Date): DerivedRow[] {
  const rows: DerivedRow[] = [];
  for (const item of busy) {
    const schedule = schedules.get(item.userId);
    if (!schedule) continue;
    const zone = schedule.zoneAt(item.startsAt);
    const day = DateTime.fromJSDate(item.startsAt, { zone });
    const dueAt = day.set({ hour: DAILY_DIGEST_HOUR, minute: 0, second: 0, millisecond: 0 }).toJSDate();
    if (dueAt < now) continue;
    const date = day.toISODate()!;
    rows.push({
      recipientUserId: item.userId,
      eventId: null,
      kind: NotificationKind.DailyDigest,
      payload: { date, timeZone: zone },
      dueAt,
      dedupeKey: `daily-digest:${item.userId}:${date}`,
    });
  }
  return rows;
}
