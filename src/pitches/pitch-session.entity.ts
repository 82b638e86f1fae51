import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { AgendaSession } from '../agenda/agenda-session.entity';
import { Call } from '../calls/call.entity';
import { ConsultationRound } from '../consultations/consultation-round.entity';
import { Event } from '../events/event.entity';

/**
 * The running order of an IR pitch session: which selected applications of an IR call pitch in an agenda session of
 * kind ir_pitch, each for `pitchMinutes` plus `qaMinutes` of questions, one after another from the session's start.
 * Investors' "want to meet" goes to the linked consultation round as a meeting request.
 */
@Entity('pitch_sessions')
@Index('pitch_sessions_one_per_agenda_session', ['agendaSessionId'], { unique: true })
@Index('pitch_sessions_event_id', ['eventId'])
// Slots copy the session's event through a foreign key on (id, event_id).
@Unique('pitch_sessions_id_event', ['id', 'eventId'])
@Check('pitch_sessions_minutes', `"pitch_minutes" BETWEEN 1 AND 120 AND "qa_minutes" BETWEEN 0 AND 120`)
export class PitchSession {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pitch_sessions_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  eventId!: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'pitch_sessions_event_fk' })
  event?: Event;

  @Column({ type: 'uuid' })
  agendaSessionId!: string;

  @ManyToOne(() => AgendaSession, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agenda_session_id', foreignKeyConstraintName: 'pitch_sessions_agenda_session_fk' })
  agendaSession?: AgendaSession;

  /** The IR pitch call whose selected applications pitch here (of the same event: the foreign key says so). */
  @Column({ type: 'uuid' })
  callId!: string;

  @ManyToOne(() => Call, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'call_id', referencedColumnName: 'id', foreignKeyConstraintName: 'pitch_sessions_call_fk' },
    { name: 'event_id', referencedColumnName: 'eventId', foreignKeyConstraintName: 'pitch_sessions_call_fk' },
  ])
  call?: Call;

  /** Where "want to meet" sends its meeting requests; null: nowhere yet. */
  @Column({ type: 'uuid', nullable: true })
  consultationRoundId!: string | null;

  @ManyToOne(() => ConsultationRound, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'consultation_round_id', foreignKeyConstraintName: 'pitch_sessions_consultation_round_fk' })
  consultationRound?: ConsultationRound;

  @Column({ type: 'int', default: 7 })
  pitchMinutes!: number;

  @Column({ type: 'int', default: 3 })
  qaMinutes!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
