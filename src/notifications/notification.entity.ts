import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AgendaSession } from '../agenda/agenda-session.entity';
import { ConsultationRound } from '../consultations/consultation-round.entity';
import { MeetingRequest } from '../consultations/meeting-request.entity';
import { Meeting } from '../consultations/meeting.entity';
import { Event } from '../events/event.entity';
import { User } from '../users/user.entity';
import { DeliveryStatus, NotificationKind } from './notification.enums';

/**
 * One message to one person: the outbox the worker relays into BullMQ, the delivery record that makes a send happen
 * at most once, and the person's in-app notification, in one row. Meetings and requests write their rows in the
 * transaction of the change; the reconciliation job writes the time-derived ones (session reminders, booking windows,
 * outcome prompts, daily digests). `revision` goes up on every change the relay must mirror (moved, cancelled);
 * `synced_revision` is the revision whose job Redis holds.
 */
@Entity('notifications')
@Index('notifications_dedupe_key', ['dedupeKey'], { unique: true })
@Index('notifications_recipient_due', ['recipientUserId', 'dueAt'])
// With status: a cancel's UPDATE of the meeting's pending rows stays on this index even before statistics exist.
@Index('notifications_meeting', ['meetingId', 'status'], { where: `"meeting_id" IS NOT NULL` })
@Index('notifications_request', ['requestId'], { where: `"request_id" IS NOT NULL` })
@Index('notifications_session', ['sessionId'], { where: `"session_id" IS NOT NULL` })
@Index('notifications_round', ['roundId'], { where: `"round_id" IS NOT NULL` })
@Index('notifications_event_status', ['eventId', 'status'])
// The relay's work list and the reconciliation's open rows stay small, so both read partial indexes.
@Index('notifications_unsynced', ['dueAt'], { where: `"synced_revision" IS DISTINCT FROM "revision"` })
@Index('notifications_open', ['status', 'dueAt'], { where: `"status" IN ('pending', 'sending')` })
@Check('notifications_revision', `"revision" >= 1 AND "attempts" >= 0`)
@Check('notifications_offset', `("kind" IN ('meeting_reminder', 'session_reminder')) = ("offset_minutes" IS NOT NULL)`)
export class Notification {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'notifications_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  recipientUserId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recipient_user_id', foreignKeyConstraintName: 'notifications_recipient_fk' })
  recipient?: User;

  /** The event it belongs to (null for a daily digest, which spans a person's events). */
  @Column({ type: 'uuid', nullable: true })
  eventId!: string | null;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'notifications_event_fk' })
  event?: Event;

  @Column({ type: 'enum', enum: NotificationKind, enumName: 'notification_kind' })
  kind!: NotificationKind;

  /** Subjects: which one is set depends on the kind. Deleting a subject deletes its notifications. */
  @Column({ type: 'uuid', nullable: true })
  meetingId!: string | null;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'notifications_meeting_fk' })
  meeting?: Meeting;

  @Column({ type: 'uuid', nullable: true })
  requestId!: string | null;

  @ManyToOne(() => MeetingRequest, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'notifications_request_fk' })
  request?: MeetingRequest;

  @Column({ type: 'uuid', nullable: true })
  sessionId!: string | null;

  @ManyToOne(() => AgendaSession, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'notifications_session_fk' })
  session?: AgendaSession;

  @Column({ type: 'uuid', nullable: true })
  roundId!: string | null;

  @ManyToOne(() => ConsultationRound, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'notifications_round_fk' })
  round?: ConsultationRound;

  /** Reminders: how long before the start, in minutes (see NOTIFICATION_OFFSET_UNIT_SECONDS). */
  @Column({ type: 'int', nullable: true })
  offsetMinutes!: number | null;

  /** What the message needs that can change: the times it announces, the old times of a reschedule, a reason. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  payload!: Record<string, unknown>;

  @Column({ type: 'timestamptz' })
  dueAt!: Date;

  @Column({ type: 'enum', enum: DeliveryStatus, enumName: 'delivery_status', default: DeliveryStatus.Pending })
  status!: DeliveryStatus;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'int', default: 1 })
  revision!: number;

  @Column({ type: 'int', nullable: true })
  syncedRevision!: number | null;

  /** e.g. meeting reminder = meeting, recipient and offset: writing the same notification twice updates one row. */
  @Column({ type: 'text' })
  dedupeKey!: string;

  /** When a worker won the send (`sending`): an old claim means the worker died mid-send. */
  @Column({ type: 'timestamptz', nullable: true })
  claimedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  readAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
