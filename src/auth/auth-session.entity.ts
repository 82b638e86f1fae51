import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';

export enum SessionEndReason {
  Logout = 'logout',
  RefreshTokenReuse = 'refresh_token_reuse',
  PasswordChange = 'password_change',
}

/** A sign-in on one device: the family its rotating refresh tokens belong to. Revoking it ends them all. */
@Entity('auth_sessions')
export class AuthSession {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'auth_sessions_pkey' })
  id!: string;

  @Index('auth_sessions_user_id')
  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'auth_sessions_user_fk' })
  user?: User;

  @Column({ type: 'text', nullable: true })
  userAgent!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ type: 'enum', enum: SessionEndReason, enumName: 'session_end_reason', nullable: true })
  revokedReason!: SessionEndReason | null;
}
