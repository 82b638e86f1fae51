import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organization } from '../organizations/organization.entity';
import { PartyRole } from './agenda.enums';
import { AgendaSession } from './agenda-session.entity';

/**
 * Who signed an MOU at a session, or won an award there: an organization on Matchday, or a named party that is not
 * (e.g. a French cosmetics agency).
 */
@Entity('session_parties')
@Check('session_parties_organization_or_name', `("organization_id" IS NULL) <> ("name" IS NULL)`)
@Index('session_parties_session_id', ['sessionId'])
export class SessionParty {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'session_parties_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  sessionId!: string;

  @ManyToOne(() => AgendaSession, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'session_parties_session_fk' })
  session?: AgendaSession;

  @Column({ type: 'enum', enum: PartyRole, enumName: 'party_role' })
  role!: PartyRole;

  @Column({ type: 'uuid', nullable: true })
  organizationId!: string | null;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'session_parties_organization_fk' })
  organization?: Organization;

  @Column({ type: 'text', nullable: true })
  name!: string | null;

  /** ISO 3166-1 alpha-2 of the party, e.g. FR or JP for the Korea-France and Korea-Japan MOUs. */
  @Column({ type: 'char', length: 2, nullable: true })
  country!: string | null;

  /** For award winners: the award, e.g. "Best regulation-free special zone". */
  @Column({ type: 'text', nullable: true })
  awardTitle!: string | null;

  @Column({ type: 'int', default: 0 })
  sortOrder!: number;
}
