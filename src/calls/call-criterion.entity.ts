import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Call } from './call.entity';

/**
 * What reviewers score, each on a scale of 1 to `maxScore`. Scores carry the scale through a foreign key on
 * (id, max_score), so the database itself refuses a score outside it.
 */
@Entity('call_criteria')
@Index('call_criteria_position', ['callId', 'position'], { unique: true })
@Unique('call_criteria_id_scale', ['id', 'maxScore'])
@Check('call_criteria_scale', `"max_score" BETWEEN 1 AND 100`)
export class CallCriterion {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'call_criteria_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  callId!: string;

  @ManyToOne(() => Call, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'call_id', foreignKeyConstraintName: 'call_criteria_call_fk' })
  call?: Call;

  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'int' })
  maxScore!: number;
}
