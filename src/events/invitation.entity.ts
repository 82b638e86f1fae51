import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Language } from '../users/language';
import { User } from '../users/user.entity';
import { EventRole } from './event.enums';
import { Event } from './event.entity';

/** An organizer's invitation to join an event in a role; single use, expiring, revocable. */
@Entity('invitations')
@Check('invitations_email_lowercase', `"email" = lower("email")`)
@Index('invitations_one_pending_per_role', ['eventId', 'email', 'role'], {
  unique: true,
  where: `"accepted_at" IS NULL AND "revoked_at" IS NULL`,
})
export class Invitation {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'invitations_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  eventId!: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'invitations_event_fk' })
  event?: Event;

  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'enum', enum: EventRole, enumName: 'event_role' })
  role!: EventRole;

  /** Language of the invitation email. */
  @Column({ type: 'enum', enum: Language, enumName: 'language' })
  language!: Language;

  @Index('invitations_token_hash_unique', { unique: true })
  @Column({ type: 'text' })
  tokenHash!: string;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'uuid' })
  invitedById!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'invited_by_id', foreignKeyConstraintName: 'invitations_invited_by_fk' })
  invitedBy?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  acceptedById!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'accepted_by_id', foreignKeyConstraintName: 'invitations_accepted_by_fk' })
  acceptedBy?: User;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
