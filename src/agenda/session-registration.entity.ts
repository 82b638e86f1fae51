import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { RegistrationStatus } from './agenda.enums';
import { AgendaSession } from './agenda-session.entity';

/** A person's seat (or place on the waitlist, in order of `createdAt`) for a session. */
@Entity('session_registrations')
@Index('session_registrations_user_id', ['userId'])
export class SessionRegistration {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'session_registrations_pkey' })
  sessionId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'session_registrations_pkey' })
  userId!: string;

  @ManyToOne(() => AgendaSession, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'session_registrations_session_fk' })
  session?: AgendaSession;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'session_registrations_user_fk' })
  user?: User;

  @Column({ type: 'enum', enum: RegistrationStatus, enumName: 'registration_status' })
  status!: RegistrationStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
