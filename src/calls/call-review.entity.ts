import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { CallApplication } from './call-application.entity';
import { ReviewAssignment } from './review-assignment.entity';

/**
 * A reviewer's review of an application: one per reviewer and application, and only on an assignment (the foreign
 * key), which therefore cannot be removed once reviewed.
 */
@Entity('call_reviews')
@Index('call_reviews_one_per_reviewer', ['applicationId', 'reviewerUserId'], { unique: true })
export class CallReview {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'call_reviews_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  applicationId!: string;

  @Column({ type: 'uuid' })
  reviewerUserId!: string;

  @ManyToOne(() => CallApplication, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'call_reviews_application_fk' })
  application?: CallApplication;

  // NO ACTION, checked at the end of the statement: an application's deletion takes its reviews and assignments
  // together, but an assignment alone cannot go while its review stays.
  @ManyToOne(() => ReviewAssignment, { onDelete: 'NO ACTION' })
  @JoinColumn([
    { name: 'application_id', referencedColumnName: 'applicationId', foreignKeyConstraintName: 'call_reviews_assignment_fk' },
    { name: 'reviewer_user_id', referencedColumnName: 'reviewerUserId', foreignKeyConstraintName: 'call_reviews_assignment_fk' },
  ])
  assignment?: ReviewAssignment;

  /** For the organizers; the applicant reads it (without the reviewer's name) only if they share it. */
  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
