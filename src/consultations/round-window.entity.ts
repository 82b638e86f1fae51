import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ConsultationRound } from './consultation-round.entity';

/** A day of a round and the hours meetings run that day, on the round's wall clock (e.g. 2023-04-28 09:00-17:00). */
@Entity('round_windows')
@Index('round_windows_round_id', ['roundId'])
@Check('round_windows_ordered', `"ends_at_time" > "starts_at_time"`)
export class RoundWindow {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'round_windows_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  roundId!: string;

  @ManyToOne(() => ConsultationRound, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'round_windows_round_fk' })
  round?: ConsultationRound;

  @Column({ type: 'date' })
  date!: string;

  /** "09:00:00", wall clock in the round's zone. */
  @Column({ type: 'time' })
  startsAtTime!: string;

  @Column({ type: 'time' })
  endsAtTime!: string;
}
