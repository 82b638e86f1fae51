import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ConsultationRound } from '../consultations/consultation-round.entity';
import { MeetingRequest } from '../consultations/meeting-request.entity';
import { User } from '../users/user.entity';
import { PitchSlot } from './pitch-slot.entity';

/**
 * An investor's "want to meet" after a pitch: one per investor and pitch (the key), written in the same transaction
 * as the meeting request it sends, so marking again finds this row and sends nothing more.
 */
@Entity('pitch_interests')
export class PitchInterest {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pitch_interests_pkey' })
  pitchSlotId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pitch_interests_pkey' })
  investorUserId!: string;

  @ManyToOne(() => PitchSlot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pitch_slot_id', foreignKeyConstraintName: 'pitch_interests_pitch_slot_fk' })
  pitchSlot?: PitchSlot;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'investor_user_id', foreignKeyConstraintName: 'pitch_interests_investor_fk' })
  investor?: User;

  @Column({ type: 'uuid', nullable: true })
  meetingRequestId!: string | null;

  @ManyToOne(() => MeetingRequest, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'meeting_request_id', foreignKeyConstraintName: 'pitch_interests_meeting_request_fk' })
  meetingRequest?: MeetingRequest;

  /** The round the request went to (the session may link another round later). */
  @Column({ type: 'uuid', nullable: true })
  roundId!: string | null;

  @ManyToOne(() => ConsultationRound, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'pitch_interests_round_fk' })
  round?: ConsultationRound;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
