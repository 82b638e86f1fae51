import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { PitchSlot } from './pitch-slot.entity';

/** An investor's private rating of a pitch, 1 to 5: one per investor and pitch. */
@Entity('pitch_ratings')
@Check('pitch_ratings_score', `"score" BETWEEN 1 AND 5`)
export class PitchRating {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pitch_ratings_pkey' })
  pitchSlotId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pitch_ratings_pkey' })
  investorUserId!: string;

  @ManyToOne(() => PitchSlot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pitch_slot_id', foreignKeyConstraintName: 'pitch_ratings_pitch_slot_fk' })
  pitchSlot?: PitchSlot;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'investor_user_id', foreignKeyConstraintName: 'pitch_ratings_investor_fk' })
  investor?: User;

  @Column({ type: 'int' })
  score!: number;

  /** The investor's own note; nobody else reads it. */
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
