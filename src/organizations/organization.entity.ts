import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { CompanyStage, InvestorType, OrganizationKind } from './organization.enums';

/** bigint arrives from pg as a string; amounts stay far below 2^53, so a number is exact. */
const bigintAsNumber = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

@Entity('organizations')
@Check('organizations_investor_type_only_for_investors', `"investor_type" IS NULL OR "kind" = 'investor'`)
@Check('organizations_ticket_range', `"ticket_min" IS NULL OR "ticket_max" IS NULL OR "ticket_min" <= "ticket_max"`)
export class Organization {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'organizations_pkey' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'enum', enum: OrganizationKind, enumName: 'organization_kind' })
  kind!: OrganizationKind;

  @Column({ type: 'enum', enum: InvestorType, enumName: 'investor_type', nullable: true })
  investorType!: InvestorType | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  sectors!: string[];

  @Column({ type: 'enum', enum: CompanyStage, enumName: 'company_stage', nullable: true })
  stage!: CompanyStage | null;

  /** ISO 3166-1 alpha-2. */
  @Column({ type: 'char', length: 2, nullable: true })
  country!: string | null;

  @Column({ type: 'text', nullable: true })
  website!: string | null;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'text', nullable: true })
  pitchDeckUrl!: string | null;

  @Column({ type: 'bigint', nullable: true, transformer: bigintAsNumber })
  ticketMin!: number | null;

  @Column({ type: 'bigint', nullable: true, transformer: bigintAsNumber })
  ticketMax!: number | null;

  /** ISO 4217. */
  @Column({ type: 'char', length: 3, nullable: true })
  ticketCurrency!: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  focusSectors!: string[];

  @Column({ type: 'enum', enum: CompanyStage, enumName: 'company_stage', array: true, default: () => "'{}'" })
  focusStages!: CompanyStage[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
