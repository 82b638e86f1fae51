import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { CallApplication } from './call-application.entity';
import { CallQuestion } from './call-question.entity';

/**
 * An application's answer to one question, as text (numbers in their decimal form). Both foreign keys carry the call,
 * so an answer can only be to a question of the application's own call; a question with answers cannot be deleted.
 */
@Entity('call_answers')
export class CallAnswer {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'call_answers_pkey' })
  applicationId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'call_answers_pkey' })
  questionId!: string;

  @Column({ type: 'uuid' })
  callId!: string;

  @ManyToOne(() => CallApplication, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'application_id', referencedColumnName: 'id', foreignKeyConstraintName: 'call_answers_application_fk' },
    { name: 'call_id', referencedColumnName: 'callId', foreignKeyConstraintName: 'call_answers_application_fk' },
  ])
  application?: CallApplication;

  // NO ACTION, checked at the end of the statement: deleting a call takes its answers along with its questions.
  @ManyToOne(() => CallQuestion, { onDelete: 'NO ACTION' })
  @JoinColumn([
    { name: 'call_id', referencedColumnName: 'callId', foreignKeyConstraintName: 'call_answers_question_fk' },
    { name: 'question_id', referencedColumnName: 'id', foreignKeyConstraintName: 'call_answers_question_fk' },
  ])
  question?: CallQuestion;

  @Column({ type: 'text' })
  value!: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
