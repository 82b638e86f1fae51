import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Event } from '../events/event.entity';
import { Organization } from '../organizations/organization.entity';
import { BoothStatus } from './booth.enums';
import { ExhibitorApplication } from './exhibitor-application.entity';
import { Pavilion } from './pavilion.entity';

/**
 * A booth on a pavilion's floor. It holds at most one exhibitor by construction (one application column), and it
 * is `assigned` exactly when it has one.
 */
@Entity('booths')
@Index('booths_code_unique', ['eventId', 'code'], { unique: true })
@Check('booths_assigned_has_exhibitor', `("status" = 'assigned') = ("application_id" IS NOT NULL)`)
@Check('booths_exhibitor_complete', `("application_id" IS NULL) = ("organization_id" IS NULL)`)
export class Booth {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'booths_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  eventId!: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'booths_event_fk' })
  event?: Event;

  @Index('booths_pavilion_id')
  @Column({ type: 'uuid' })
  pavilionId!: string;

  @ManyToOne(() => Pavilion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'pavilion_id', foreignKeyConstraintName: 'booths_pavilion_fk' })
  pavilion?: Pavilion;

  /** E.g. "C-07"; unique within the event. */
  @Column({ type: 'text' })
  code!: string;

  /** Size or type as the organizer sells it, e.g. "3x3 m shell scheme". */
  @Column({ type: 'text', nullable: true })
  boothType!: string | null;

  @Column({ type: 'enum', enum: BoothStatus, enumName: 'booth_status', default: BoothStatus.Available })
  status!: BoothStatus;

  @Index('booths_application_id')
  @Column({ type: 'uuid', nullable: true })
  applicationId!: string | null;

  @ManyToOne(() => ExhibitorApplication, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'booths_application_fk' })
  application?: ExhibitorApplication;

  @Column({ type: 'uuid', nullable: true })
  organizationId!: string | null;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'booths_organization_fk' })
  organization?: Organization;

  // The booth profile, edited by the exhibitor.
  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  products!: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  links!: string[];

  /** Names of the people at the booth, as the exhibitor lists them. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  staffOnDuty!: string[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
