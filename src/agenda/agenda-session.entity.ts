import { Check, Column, CreateDateColumn, Entity, Exclusion, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { Room } from '../booths/room.entity';
import { Event } from '../events/event.entity';
import { SessionKind, SessionVisibility } from './agenda.enums';

/**
 * A session of an event's programme. A room never holds two overlapping sessions (the exclusion constraint); the
 * seat count moves in the same statement that checks it, so capacity holds under concurrent registrations.
 */
@Entity('agenda_sessions')
@Check('agenda_sessions_time_ordered', `"ends_at" > "starts_at"`)
@Check('agenda_sessions_has_title', `"title_ko" IS NOT NULL OR "title_en" IS NOT NULL`)
@Check('agenda_sessions_capacity', `"capacity" IS NULL OR ("capacity" > 0 AND "registered_count" <= "capacity")`)
@Check('agenda_sessions_registered_count', `"registered_count" >= 0`)
@Exclusion('agenda_sessions_room_no_overlap', `USING gist ("room_id" WITH =, tstzrange("starts_at", "ends_at") WITH &&) WHERE ("room_id" IS NOT NULL)`)
// Speakers copy the session's times through a foreign key on (id, starts_at, ends_at) ON UPDATE CASCADE.
@Unique('agenda_sessions_id_times', ['id', 'startsAt', 'endsAt'])
@Index('agenda_sessions_event_starts', ['eventId', 'startsAt'])
export class AgendaSession {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'agenda_sessions_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  eventId!: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'agenda_sessions_event_fk' })
  event?: Event;

  @Column({ type: 'text', nullable: true })
  titleKo!: string | null;

  @Column({ type: 'text', nullable: true })
  titleEn!: string | null;

  @Column({ type: 'enum', enum: SessionKind, enumName: 'session_kind' })
  kind!: SessionKind;

  @Index('agenda_sessions_room_id')
  @Column({ type: 'uuid', nullable: true })
  roomId!: string | null;

  @ManyToOne(() => Room, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'room_id', foreignKeyConstraintName: 'agenda_sessions_room_fk' })
  room?: Room;

  @Column({ type: 'timestamptz' })
  startsAt!: Date;

  @Column({ type: 'timestamptz' })
  endsAt!: Date;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  /** Track or part of the programme, e.g. "Part 2". */
  @Column({ type: 'text', nullable: true })
  track!: string | null;

  @Column({ type: 'enum', enum: SessionVisibility, enumName: 'session_visibility', default: SessionVisibility.Public })
  visibility!: SessionVisibility;

  /** Seats for registration; null: no registration limit. */
  @Column({ type: 'int', nullable: true })
  capacity!: number | null;

  @Column({ type: 'int', default: 0 })
  registeredCount!: number;

  @Column({ type: 'boolean', default: false })
  waitlistEnabled!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
