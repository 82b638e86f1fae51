import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { Organization } from '../organizations/organization.entity';
import { User } from '../users/user.entity';
import { CallApplicationStatus, CallDecision } from './call.enums';
import { Call } from './call.entity';

/**
 * A startup's application to a call: one per organization and call (a company applies, whoever of its people writes
 * it). Drafts are the applicant's alone; submitting is a conditional UPDATE that only succeeds before the call closes.
 */
@Entity('call_applications')
@Index('call_applications_one_per_organization', ['callId', 'organizationId'], { unique: true })
@Index('call_applications_organization_id', ['organizationId'])
@Index('call_applications_event_id', ['eventId'])
// Answers and reviewer assignments name (id, call_id) and (id, organization_id) in their foreign keys.
@Unique('call_applications_id_call', ['id', 'callId'])
@Unique('call_applications_id_organization', ['id', 'organizationId'])
@Check('call_applications_submitted_at', `"status" <> 'submitted' OR "submitted_at" IS NOT NULL`)
@Check('call_applications_decided_after_submission', `"decision" IS NULL OR "submitted_at" IS NOT NULL`)
export class CallApplication {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'call_applications_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  callId!: string;

  /** The call's event, copied (and kept equal by the foreign key) so access checks need no join. */
  @Column({ type: 'uuid' })
  eventId!: string;

  @ManyToOne(() => Call, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'call_id', referencedColumnName: 'id', foreignKeyConstraintName: 'call_applications_call_fk' },
    { name: 'event_id', referencedColumnName: 'eventId', foreignKeyConstraintName: 'call_applications_call_fk' },
  ])
  call?: Call;

  @Column({ type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'call_applications_organization_fk' })
  organization?: Organization;

  @Column({ type: 'enum', enum: CallApplicationStatus, enumName: 'call_application_status', default: CallApplicationStatus.Draft })
  status!: CallApplicationStatus;

  @Column({ type: 'enum', enum: CallDecision, enumName: 'call_decision', nullable: true })
  decision!: CallDecision | null;

  /** A word to the applicant with the decision; shown once the results are published. */
  @Column({ type: 'text', nullable: true })
  decisionNote!: string | null;

  /** Whether the applicant may read the reviewers' comments (anonymously) once the results are published. */
  @Column({ type: 'boolean', default: false })
  reviewCommentsShared!: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  createdById!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'call_applications_created_by_fk' })
  createdBy?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
