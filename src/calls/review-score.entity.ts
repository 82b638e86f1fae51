import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CallCriterion } from './call-criterion.entity';
import { CallReview } from './call-review.entity';

/** A review's score on one criterion; the criterion's scale comes along through the foreign key and bounds it. */
@Entity('call_review_scores')
@Check('call_review_scores_in_scale', `"score" BETWEEN 1 AND "max_score"`)
export class ReviewScore {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'call_review_scores_pkey' })
  reviewId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'call_review_scores_pkey' })
  criterionId!: string;

  @ManyToOne(() => CallReview, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'review_id', foreignKeyConstraintName: 'call_review_scores_review_fk' })
  review?: CallReview;

  @Column({ type: 'int' })
  maxScore!: number;

  // NO ACTION, checked at the end of the statement: deleting a call takes the scores along with its criteria.
  @ManyToOne(() => CallCriterion, { onDelete: 'NO ACTION', onUpdate: 'NO ACTION' })
  @JoinColumn([
    { name: 'criterion_id', referencedColumnName: 'id', foreignKeyConstraintName: 'call_review_scores_criterion_fk' },
    { name: 'max_score', referencedColumnName: 'maxScore', foreignKeyConstraintName: 'call_review_scores_criterion_fk' },
  ])
  criterion?: CallCriterion;

  @Column({ type: 'int' })
  score!: number;
}
