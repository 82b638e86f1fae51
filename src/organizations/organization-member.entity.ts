import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { Organization } from './organization.entity';
import { OrganizationRole } from './organization.enums';

@Entity('organization_members')
export class OrganizationMember {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'organization_members_pkey' })
  organizationId!: string;

  @Index('organization_members_user_id')
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'organization_members_pkey' })
  userId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'organization_members_organization_fk' })
  organization?: Organization;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'organization_members_user_fk' })
  user?: User;

  @Column({ type: 'enum', enum: OrganizationRole, enumName: 'organization_role' })
  role!: OrganizationRole;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
