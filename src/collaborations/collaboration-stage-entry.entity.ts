import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { CollaborationStage } from './collaboration.enums';
import { CollaborationProject } from './collaboration-project.entity';

/** One step of a project's history: the stage it entered, on which day, and a note. */
@Entity('collaboration_stage_entries')
@Index('collaboration_stage_entries_project', ['projectId', 'enteredOn'])
export class CollaborationStageEntry {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'collaboration_stage_entries_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  projectId!: string;

  @ManyToOne(() => CollaborationProject, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'collaboration_stage_entries_project_fk' })
  project?: CollaborationProject;

  @Column({ type: 'enum', enum: CollaborationStage, enumName: 'collaboration_stage' })
  stage!: CollaborationStage;

  @Column({ type: 'date' })
  enteredOn!: string;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'uuid', nullable: true })
  recordedById!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'recorded_by_id', foreignKeyConstraintName: 'collaboration_stage_entries_recorded_by_fk' })
  recordedBy?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
