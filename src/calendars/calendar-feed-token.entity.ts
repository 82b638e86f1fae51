import { Column, CreateDateColumn, Entity, Index, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';

/**
 * A person's calendar subscription link: only the SHA-256 of its token is kept. One per person; renewing replaces it
 * and revoking deletes it, so an old link answers 404 from the next request on.
 */
@Entity('calendar_feed_tokens')
export class CalendarFeedToken {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'calendar_feed_tokens_pkey' })
  userId!: string;

  @OneToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'calendar_feed_tokens_user_fk' })
  user?: User;

  @Index('calendar_feed_tokens_hash_unique', { unique: true })
  @Column({ type: 'text' })
  tokenHash!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
