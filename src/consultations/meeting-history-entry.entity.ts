import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { MeetingAction, MeetingStatus } from './consultation.enums';
import { Meeting } from './meeting.entity';

/** What happened to a meeting, when and by whom: kept for every change. */
@Entity('meeting_history')
@Index('meeting_history_meeting', ['meetingId', 'createdAt'])
export class MeetingHistoryEntry {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'meeting_history_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  meetingId!: string;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'meeting_history_meeting_fk' })
  meeting?: Meeting;

  @Column({ type: 'enum', enum: MeetingAction, enumName: 'meeting_action' })
  action!: MeetingAction;

  @Column({ type: 'uuid', nullable: true })
  actorUserId!: string | null;

  @Column({ type: 'enum', enum: MeetingStatus, enumName: 'meeting_status' })
  status!: MeetingStatus;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'timestamptz' })
  startsAt!: Date;

  @Column({ type: 'timestamptz' })
  endsAt!: Date;

  @Column({ type: 'uuid', nullable: true })
  locationId!: string | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
