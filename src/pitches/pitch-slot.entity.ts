import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CallApplication } from '../calls/call-application.entity';
import { PitchSession } from './pitch-session.entity';

/**
 * One pitch of a running order. An application pitches once (unique), and positions are unique within the session;
 * that check waits for the end of the transaction, so one statement can swap positions when the order changes.
 */
@Entity('pitch_slots')
@Index('pitch_slots_one_per_application', ['applicationId'], { unique: true })
@Index('pitch_slots_event_id', ['eventId'])
@Unique('pitch_slots_position_unique', ['pitchSessionId', 'position'], { deferrable: 'INITIALLY DEFERRED' })
@Check('pitch_slots_position', `"position" >= 1`)
export class PitchSlot {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pitch_slots_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  pitchSessionId!: string;

  @Column({ type: 'uuid' })
  eventId!: string;

  @ManyToOne(() => PitchSession, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'pitch_session_id', referencedColumnName: 'id', foreignKeyConstraintName: 'pitch_slots_pitch_session_fk' },
    { name: 'event_id', referencedColumnName: 'eventId', foreignKeyConstraintName: 'pitch_slots_pitch_session_fk' },
  ])
  pitchSession?: PitchSession;

  @Column({ type: 'uuid' })
  applicationId!: string;

  @ManyToOne(() => CallApplication, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'pitch_slots_application_fk' })
  application?: CallApplication;

  /** 1 for the first pitch. */
  @Column({ type: 'int' })
  position!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
