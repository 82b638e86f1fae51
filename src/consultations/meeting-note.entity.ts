import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { Meeting } from './meeting.entity';

/** One side's private notes and rating of a meeting: visible to its author only, never to the other side or organizers. */
@Entity('meeting_notes')
@Check('meeting_notes_rating', `"rating" IS NULL OR "rating" BETWEEN 1 AND 5`)
export class MeetingNote {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'meeting_notes_pkey' })
  meetingId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'meeting_notes_pkey' })
  authorUserId!: string;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'meeting_notes_meeting_fk' })
  meeting?: Meeting;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'author_user_id', foreignKeyConstraintName: 'meeting_notes_author_fk' })
  author?: User;

  @Column({ type: 'text', nullable: true })
  body!: string | null;

  @Column({ type: 'int', nullable: true })
  rating!: number | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
