import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { Event } from '../events/event.entity';
import { Organization } from '../organizations/organization.entity';
import { User } from '../users/user.entity';
import { CallKind } from './call.enums';

/**
 * A call for applications in an event: IR pitch places, or an open-innovation challenge hosted by a company.
 * Applications are taken from `opensAt` until `closesAt`; `places` is how many the organizer means to select.
 */
@Entity('calls')
@Index('calls_event_id', ['eventId'])
// Applications copy the call's event through a foreign key on (id, event_id).
@Unique('calls_id_event', ['id', 'eventId'])
@Check('calls_time_ordered', `"closes_at" > "opens_at"`)
@Check('calls_places', `"places" BETWEEN 1 AND 10000`)
@Check('calls_host_for_challenges', `("kind" = 'challenge') = ("host_organization_id" IS NOT NULL)`)
export class Call {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'calls_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  eventId!: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'calls_event_fk' })
  event?: Event;

  @Column({ type: 'enum', enum: CallKind, enumName: 'call_kind' })
  kind!: CallKind;

  /** The company running a challenge (its members manage the call with the organizers); null for IR pitch calls. */
  @Column({ type: 'uuid', nullable: true })
  hostOrganizationId!: string | null;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'host_organization_id', foreignKeyConstraintName: 'calls_host_organization_fk' })
  hostOrganization?: Organization;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  /** Who may apply, as the call states it. */
  @Column({ type: 'text', default: '' })
  eligibility!: string;

  @Column({ type: 'timestamptz' })
  opensAt!: Date;

  @Column({ type: 'timestamptz' })
  closesAt!: Date;

  @Column({ type: 'int' })
  places!: number;

  /** Once set, applicants see the decisions. */
  @Column({ type: 'timestamptz', nullable: true })
  resultsPublishedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  createdById!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'calls_created_by_fk' })
  createdBy?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
