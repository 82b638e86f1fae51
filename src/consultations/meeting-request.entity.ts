import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { ParticipantSide, RequestStatus } from './consultation.enums';
import { ConsultationRound } from './consultation-round.entity';

/** A request for a meeting in a round, from a guest to a host or the other way round. */
@Entity('meeting_requests')
@Index('meeting_requests_round_status', ['roundId', 'status'])
@Index('meeting_requests_host', ['hostUserId', 'roundId'])
@Index('meeting_requests_guest', ['guestUserId', 'roundId'])
// One open request per pair and round: asking twice is a conflict, not a second request.
@Index('meeting_requests_one_open_per_pair', ['roundId', 'hostUserId', 'guestUserId'], {
  unique: true,
  where: `"status" IN ('pending', 'accepted')`,
})
@Check('meeting_requests_priority', `"priority" BETWEEN 1 AND 5`)
@Check('meeting_requests_two_people', `"host_user_id" <> "guest_user_id"`)
export class MeetingRequest {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'meeting_requests_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  roundId!: string;

  @ManyToOne(() => ConsultationRound, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'meeting_requests_round_fk' })
  round?: ConsultationRound;

  @Column({ type: 'uuid' })
  eventId!: string;

  @Column({ type: 'uuid' })
  hostUserId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'host_user_id', foreignKeyConstraintName: 'meeting_requests_host_fk' })
  host?: User;

  @Column({ type: 'uuid' })
  guestUserId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'guest_user_id', foreignKeyConstraintName: 'meeting_requests_guest_fk' })
  guest?: User;

  /** Which side asked. */
  @Column({ type: 'enum', enum: ParticipantSide, enumName: 'participant_side' })
  initiatedBy!: ParticipantSide;

  @Column({ type: 'text', nullable: true })
  message!: string | null;

  /** 1 (highest) to 5, as the asking side ranks its requests. */
  @Column({ type: 'int', default: 3 })
  priority!: number;

  @Column({ type: 'enum', enum: RequestStatus, enumName: 'request_status', default: RequestStatus.Pending })
  status!: RequestStatus;

  @Column({ type: 'text', nullable: true })
  declineReason!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  respondedAt!: Date | null;

  /** The meeting the request was placed in. */
  @Column({ type: 'uuid', nullable: true })
  meetingId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
