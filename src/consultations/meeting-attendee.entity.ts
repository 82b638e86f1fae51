import { Column, Entity, Exclusion, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { MeetingStatus } from './consultation.enums';
import { Meeting } from './meeting.entity';

/**
 * Both people of a meeting, one row each, carrying the meeting's times and status (kept equal by a foreign key
 * ON UPDATE CASCADE). One exclusion constraint here keeps a person out of two overlapping meetings whether they
 * host one and attend the other as a guest or not.
 */
@Entity('meeting_attendees')
@Exclusion('meeting_attendees_no_overlap', `USING gist ("user_id" WITH =, tstzrange("starts_at", "ends_at") WITH &&) WHERE ("status" <> 'cancelled')`)
@Index('meeting_attendees_user_times', ['userId', 'startsAt'])
export class MeetingAttendee {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'meeting_attendees_pkey' })
  meetingId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'meeting_attendees_pkey' })
  userId!: string;

  @Column({ type: 'timestamptz' })
  startsAt!: Date;

  @Column({ type: 'timestamptz' })
  endsAt!: Date;

  @Column({ type: 'enum', enum: MeetingStatus, enumName: 'meeting_status' })
  status!: MeetingStatus;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE', onUpdate: 'CASCADE' })
  @JoinColumn([
    { name: 'meeting_id', referencedColumnName: 'id', foreignKeyConstraintName: 'meeting_attendees_meeting_fk' },
    { name: 'starts_at', referencedColumnName: 'startsAt', foreignKeyConstraintName: 'meeting_attendees_meeting_fk' },
    { name: 'ends_at', referencedColumnName: 'endsAt', foreignKeyConstraintName: 'meeting_attendees_meeting_fk' },
    { name: 'status', referencedColumnName: 'status', foreignKeyConstraintName: 'meeting_attendees_meeting_fk' },
  ])
  meeting?: Meeting;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'meeting_attendees_user_fk' })
  user?: User;
}
