import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { ConsultationRound } from './consultation-round.entity';

/** A slot a person closed in a round (every slot is open unless closed here). */
@Entity('unavailable_slots')
// A person's closed slots across rounds, for their calendar.
@Index('unavailable_slots_user_starts', ['userId', 'startsAt'])
export class UnavailableSlot {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'unavailable_slots_pkey' })
  roundId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'unavailable_slots_pkey' })
  userId!: string;

  /** The slot's start instant. */
  @PrimaryColumn({ type: 'timestamptz', primaryKeyConstraintName: 'unavailable_slots_pkey' })
  startsAt!: Date;

  @ManyToOne(() => ConsultationRound, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'unavailable_slots_round_fk' })
  round?: ConsultationRound;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'unavailable_slots_user_fk' })
  user?: User;
}
