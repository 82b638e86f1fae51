import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';

/**
 * The first answer to a request sent with an Idempotency-Key, per person and key. Inserted in the same transaction
 * as the write it guards, so a retry (even a concurrent one) waits for the first and then returns its answer.
 */
@Entity('idempotency_records')
export class IdempotencyRecord {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'idempotency_records_pkey' })
  userId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'idempotency_records_pkey' })
  key!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'idempotency_records_user_fk' })
  user?: User;

  /** Method, route and a hash of the body: the same key with another request is refused. */
  @Column({ type: 'text' })
  requestFingerprint!: string;

  @Column({ type: 'int', nullable: true })
  responseStatus!: number | null;

  @Column({ type: 'jsonb', nullable: true })
  responseBody!: unknown;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
