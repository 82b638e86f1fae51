import { Check, Column, CreateDateColumn, Entity, Exclusion, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { MeetingStatus } from './consultation.enums';
import { ConsultationRound } from './consultation-round.entity';
import { RoundLocation } from './round-location.entity';

/**
 * A 1:1 meeting between a host and a guest in a round. PostgreSQL keeps every person (through MeetingAttendee,
 * whichever side they are on) and every place out of two overlapping meetings that are not cancelled, across
 * rounds, programmes and slot lengths: a place is its location's key within the event (RoundLocation), so "Table 7"
 * of two rounds of one event is one table.
 */
@Entity('meetings')
@Check('meetings_time_ordered', `"ends_at" > "starts_at"`)
@Check('meetings_two_people', `"host_user_id" <> "guest_user_id"`)
@Check('meetings_version_positive', `"version" >= 1`)
@Check('meetings_location_key_present', `("location_id" IS NULL) = ("location_key" IS NULL)`)
@Exclusion(
  'meetings_event_location_no_overlap',
  `USING gist ("event_id" WITH =, "location_key" WITH =, tstzrange("starts_at", "ends_at") WITH &&) WHERE ("location_key" IS NOT NULL AND "status" <> 'cancelled')`,
)
// Attendees copy (id, starts_at, ends_at, status) through a foreign key ON UPDATE CASCADE.
@Unique('meetings_id_times_status', ['id', 'startsAt', 'endsAt', 'status'])
@Index('meetings_round_starts', ['roundId', 'startsAt'])
@Index('meetings_event_starts', ['eventId', 'startsAt'])
@Index('meetings_host', ['hostUserId', 'startsAt'])
@Index('meetings_guest', ['guestUserId', 'startsAt'])
// Bookings waiting for the other side, by round: what expiry looks for once a booking window has closed (few rows).
@Index('meetings_requested_round', ['roundId'], { where: `"status" = 'requested'` })
export class Meeting {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'meetings_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  eventId!: string;

  @Column({ type: 'uuid' })
  roundId!: string;

  @ManyToOne(() => ConsultationRound, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'meetings_round_fk' })
  round?: ConsultationRound;

  @Column({ type: 'uuid' })
  hostUserId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'host_user_id', foreignKeyConstraintName: 'meetings_host_fk' })
  host?: User;

  @Column({ type: 'uuid' })
  guestUserId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'guest_user_id', foreignKeyConstraintName: 'meetings_guest_fk' })
  guest?: User;

  /** The request this meeting came from, if any. */
  @Column({ type: 'uuid', nullable: true })
  requestId!: string | null;

  @Column({ type: 'timestamptz' })
  startsAt!: Date;

  @Column({ type: 'timestamptz' })
  endsAt!: Date;

  @Column({ type: 'enum', enum: MeetingStatus, enumName: 'meeting_status' })
  status!: MeetingStatus;

  /** On-site meetings: the table, room or booth. */
  @Column({ type: 'uuid', nullable: true })
  locationId!: string | null;

  /**
   * On-site meetings: the location's key (the place within the event), copied from the location and kept equal to it
   * by the foreign key ON UPDATE CASCADE, which also holds the location to the meeting's round.
   */
  @Column({ type: 'text', nullable: true })
  locationKey!: string | null;

  @ManyToOne(() => RoundLocation, { onDelete: 'RESTRICT', onUpdate: 'CASCADE' })
  @JoinColumn([
    { name: 'location_id', referencedColumnName: 'id', foreignKeyConstraintName: 'meetings_location_fk' },
    { name: 'round_id', referencedColumnName: 'roundId', foreignKeyConstraintName: 'meetings_location_fk' },
    { name: 'location_key', referencedColumnName: 'key', foreignKeyConstraintName: 'meetings_location_fk' },
  ])
  location?: RoundLocation;

  /** Online meetings: where to join. */
  @Column({ type: 'text', nullable: true })
  videoLink!: string | null;

  /** Goes up on every reschedule or change of place, so calendars and reminders can tell versions apart. */
  @Column({ type: 'int', default: 1 })
  version!: number;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  cancelledById!: string | null;

  @Column({ type: 'text', nullable: true })
  cancellationReason!: string | null;

  /** When the host, staff or an organizer checked the pair in at the table. */
  @Column({ type: 'timestamptz', nullable: true })
  checkedInAt!: Date | null;

  @Column({ type: 'uuid' })
  createdById!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
