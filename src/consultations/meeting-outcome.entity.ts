import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { InterestLevel, NextStep } from './consultation.enums';
import { Meeting } from './meeting.entity';

const bigintAsNumber = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/** What the host recorded after the meeting: interest, next step, and the investment under discussion. */
@Entity('meeting_outcomes')
@Check('meeting_outcomes_amount', `("amount" IS NULL) = ("currency" IS NULL) AND ("amount" IS NULL OR "amount" >= 0)`)
export class MeetingOutcome {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'meeting_outcomes_pkey' })
  meetingId!: string;

  @OneToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'meeting_outcomes_meeting_fk' })
  meeting?: Meeting;

  @Column({ type: 'enum', enum: InterestLevel, enumName: 'interest_level' })
  interestLevel!: InterestLevel;

  @Column({ type: 'enum', enum: NextStep, enumName: 'next_step' })
  nextStep!: NextStep;

  /** Investment under discussion, in whole units of `currency` (e.g. KRW or USD). */
  @Column({ type: 'bigint', nullable: true, transformer: bigintAsNumber })
  amount!: number | null;

  /** ISO 4217. */
  @Column({ type: 'char', length: 3, nullable: true })
  currency!: string | null;

  @Column({ type: 'uuid' })
  recordedById!: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
