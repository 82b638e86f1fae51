import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { CallApplication } from '../calls/call-application.entity';
import { Event } from '../events/event.entity';
import { Organization } from '../organizations/organization.entity';
import { User } from '../users/user.entity';
import { CollaborationStage } from './collaboration.enums';

/**
 * A collaboration between a challenge's host company and a winning startup (one per winning application), tracked
 * through its stages; `stage` and `stageSince` are the latest entry of its history, moved in the same conditional
 * UPDATE that checks the move is allowed.
 */
@Entity('collaboration_projects')
@Index('collaboration_projects_one_per_application', ['applicationId'], { unique: true })
@Index('collaboration_projects_event_id', ['eventId'])
@Index('collaboration_projects_host', ['hostOrganizationId'])
@Index('collaboration_projects_startup', ['startupOrganizationId'])
@Check('collaboration_projects_two_companies', `"host_organization_id" <> "startup_organization_id"`)
export class CollaborationProject {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'collaboration_projects_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  eventId!: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'collaboration_projects_event_fk' })
  event?: Event;

  @Column({ type: 'uuid' })
  callId!: string;

  @Column({ type: 'uuid' })
  applicationId!: string;

  @ManyToOne(() => CallApplication, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'application_id', referencedColumnName: 'id', foreignKeyConstraintName: 'collaboration_projects_application_fk' },
    { name: 'call_id', referencedColumnName: 'callId', foreignKeyConstraintName: 'collaboration_projects_application_fk' },
  ])
  application?: CallApplication;

  @Column({ type: 'uuid' })
  hostOrganizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'host_organization_id', foreignKeyConstraintName: 'collaboration_projects_host_fk' })
  hostOrganization?: Organization;

  @Column({ type: 'uuid' })
  startupOrganizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'startup_organization_id', foreignKeyConstraintName: 'collaboration_projects_startup_fk' })
  startupOrganization?: Organization;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'enum', enum: CollaborationStage, enumName: 'collaboration_stage', default: CollaborationStage.Matching })
  stage!: CollaborationStage;

  /** The day the current stage began. */
  @Column({ type: 'date' })
  stageSince!: string;

  @Column({ type: 'uuid', nullable: true })
  createdById!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'collaboration_projects_created_by_fk' })
  createdBy?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
