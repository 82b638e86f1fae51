import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { CallApplication } from './call-application.entity';

/**
 * A reviewer assigned to an application. The row records the applying organization (bound to the application by the
 * foreign key on (application_id, applicant_organization_id)) and the organizations the reviewer belonged to when
 * assigned (read in the same transaction); the CHECK refuses the row when the two meet, so nobody is ever assigned to
 * review their own organization.
 */
@Entity('call_review_assignments')
@Index('call_review_assignments_reviewer', ['reviewerUserId'])
@Check('call_review_assignments_not_own_organization', `NOT ("applicant_organization_id" = ANY ("reviewer_organization_ids"))`)
export class ReviewAssignment {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'call_review_assignments_pkey' })
  applicationId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'call_review_assignments_pkey' })
  reviewerUserId!: string;

  @Column({ type: 'uuid' })
  applicantOrganizationId!: string;

  @ManyToOne(() => CallApplication, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'application_id', referencedColumnName: 'id', foreignKeyConstraintName: 'call_review_assignments_application_fk' },
    { name: 'applicant_organization_id', referencedColumnName: 'organizationId', foreignKeyConstraintName: 'call_review_assignments_application_fk' },
  ])
  application?: CallApplication;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'reviewer_user_id', foreignKeyConstraintName: 'call_review_assignments_reviewer_fk' })
  reviewer?: User;

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  reviewerOrganizationIds!: string[];

  @Column({ type: 'uuid', nullable: true })
  assignedById!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'assigned_by_id', foreignKeyConstraintName: 'call_review_assignments_assigned_by_fk' })
  assignedBy?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
