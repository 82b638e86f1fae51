import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Event } from '../events/event.entity';
import { Organization } from '../organizations/organization.entity';
import { User } from '../users/user.entity';
import { ApplicationStatus } from './booth.enums';

export interface TeamMember {
  name: string;
  title?: string;
}

/**
 * An organization's application to exhibit at an event. `assignedBoothCount` moves in the same transaction as each
 * booth assignment, and its CHECK against `boothAllowance` is what keeps an exhibitor to its allowance of booths,
 * also under concurrent assignments (the row lock orders them).
 */
@Entity('exhibitor_applications')
@Index('exhibitor_applications_one_per_organization', ['eventId', 'organizationId'], { unique: true })
@Check('exhibitor_applications_booth_allowance', `"assigned_booth_count" >= 0 AND "assigned_booth_count" <= "booth_allowance"`)
@Check('exhibitor_applications_allowance_positive', `"booth_allowance" >= 1`)
export class ExhibitorApplication {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'exhibitor_applications_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  eventId!: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'exhibitor_applications_event_fk' })
  event?: Event;

  @Column({ type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'exhibitor_applications_organization_fk' })
  organization?: Organization;

  /** The organization's name and sectors when it applied: what the directory shows and searches. */
  @Column({ type: 'text' })
  exhibitorName!: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  sectors!: string[];

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  preferredPavilionIds!: string[];

  @Column({ type: 'text' })
  pitch!: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  products!: string[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  teamMembers!: TeamMember[];

  @Index('exhibitor_applications_status')
  @Column({ type: 'enum', enum: ApplicationStatus, enumName: 'application_status', default: ApplicationStatus.Submitted })
  status!: ApplicationStatus;

  /** Why it was rejected or waitlisted; shown to the applicant. */
  @Column({ type: 'text', nullable: true })
  decisionReason!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'int', default: 1 })
  boothAllowance!: number;

  @Column({ type: 'int', default: 0 })
  assignedBoothCount!: number;

  @Column({ type: 'uuid' })
  appliedById!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'applied_by_id', foreignKeyConstraintName: 'exhibitor_applications_applied_by_fk' })
  appliedBy?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
