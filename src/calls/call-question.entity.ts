import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { QuestionKind } from './call.enums';
import { Call } from './call.entity';

/** numeric arrives from pg as a string; the bounds people give are ordinary numbers. */
const numericAsNumber = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/** A question of a call's application form, answered as text, one of `choices`, a link or a number. */
@Entity('call_questions')
@Index('call_questions_position', ['callId', 'position'], { unique: true })
// Answers name their call and question together, so an answer can only be to a question of its own call.
@Unique('call_questions_call_id', ['callId', 'id'])
@Check('call_questions_choices', `("kind" = 'choice') = (cardinality("choices") > 0)`)
@Check('call_questions_number_range', `("kind" = 'number' OR ("min_value" IS NULL AND "max_value" IS NULL)) AND ("min_value" IS NULL OR "max_value" IS NULL OR "min_value" <= "max_value")`)
export class CallQuestion {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'call_questions_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  callId!: string;

  @ManyToOne(() => Call, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'call_id', foreignKeyConstraintName: 'call_questions_call_fk' })
  call?: Call;

  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'enum', enum: QuestionKind, enumName: 'question_kind' })
  kind!: QuestionKind;

  @Column({ type: 'text' })
  prompt!: string;

  @Column({ type: 'boolean', default: true })
  required!: boolean;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  choices!: string[];

  @Column({ type: 'numeric', nullable: true, transformer: numericAsNumber })
  minValue!: number | null;

  @Column({ type: 'numeric', nullable: true, transformer: numericAsNumber })
  maxValue!: number | null;
}
