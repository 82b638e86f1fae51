import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Organization } from '../organizations/organization.entity';
import { User } from '../users/user.entity';
import { ParticipantSide } from './consultation.enums';
import { ConsultationProgramme } from './consultation-programme.entity';

/** A host (investor or expert) or guest (startup) of a programme. */
@Entity('programme_participants')
@Index('programme_participants_user_id', ['userId'])
export class ProgrammeParticipant {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'programme_participants_pkey' })
  programmeId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'programme_participants_pkey' })
  userId!: string;

  @ManyToOne(() => ConsultationProgramme, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'programme_id', foreignKeyConstraintName: 'programme_participants_programme_fk' })
  programme?: ConsultationProgramme;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'programme_participants_user_fk' })
  user?: User;

  @Column({ type: 'enum', enum: ParticipantSide, enumName: 'participant_side' })
  side!: ParticipantSide;

  /** The company the person meets for (the startup, the fund). */
  @Column({ type: 'uuid', nullable: true })
  organizationId!: string | null;

  @ManyToOne(() => Organization, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'programme_participants_organization_fk' })
  organization?: Organization;

  /** For experts: patent, labour, marketing, technology, investment... */
  @Column({ type: 'text', nullable: true })
  expertise!: string | null;

  /** For online rounds whose links the hosts enter: this host's meeting link. */
  @Column({ type: 'text', nullable: true })
  videoLink!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
