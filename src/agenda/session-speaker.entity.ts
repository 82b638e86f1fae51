import { Check, Column, Entity, Exclusion, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { AgendaSession } from './agenda-session.entity';

/**
 * A speaker of a session: a member of the event, or a named guest. The session's times are copied here and kept
 * equal by the database (composite foreign key, ON UPDATE CASCADE) so that the exclusion constraint can forbid one
 * person speaking in two overlapping sessions.
 */
@Entity('session_speakers')
@Check('session_speakers_person_or_guest', `("user_id" IS NULL) <> ("guest_name" IS NULL)`)
@Exclusion('session_speakers_no_overlap', `USING gist ("user_id" WITH =, tstzrange("starts_at", "ends_at") WITH &&) WHERE ("user_id" IS NOT NULL)`)
@Index('session_speakers_one_per_person', ['sessionId', 'userId'], { unique: true })
@Index('session_speakers_user_times', ['userId', 'startsAt'])
export class SessionSpeaker {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'session_speakers_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  sessionId!: string;

  @Column({ type: 'timestamptz' })
  startsAt!: Date;

  @Column({ type: 'timestamptz' })
  endsAt!: Date;

  @ManyToOne(() => AgendaSession, { onDelete: 'CASCADE', onUpdate: 'CASCADE' })
  @JoinColumn([
    { name: 'session_id', referencedColumnName: 'id', foreignKeyConstraintName: 'session_speakers_session_fk' },
    { name: 'starts_at', referencedColumnName: 'startsAt', foreignKeyConstraintName: 'session_speakers_session_fk' },
    { name: 'ends_at', referencedColumnName: 'endsAt', foreignKeyConstraintName: 'session_speakers_session_fk' },
  ])
  session?: AgendaSession;

  @Column({ type: 'uuid', nullable: true })
  userId!: string | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'session_speakers_user_fk' })
  user?: User;

  @Column({ type: 'text', nullable: true })
  guestName!: string | null;

  /** Title and affiliation as the programme prints them, e.g. "Director, LabCentral". */
  @Column({ type: 'text', nullable: true })
  affiliation!: string | null;

  @Column({ type: 'int', default: 0 })
  sortOrder!: number;
}
