import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { EventStatus } from './event.enums';

@Entity('events')
@Check('events_dates_ordered', `"ends_on" >= "starts_on"`)
@Check('events_slug_format', `"slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`)
export class Event {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'events_pkey' })
  id!: string;

  @Index('events_slug_unique', { unique: true })
  @Column({ type: 'text' })
  slug!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'text', nullable: true })
  venueName!: string | null;

  @Column({ type: 'text', nullable: true })
  venueAddress!: string | null;

  /** IANA zone the event's days are in; its dates are calendar dates there. */
  @Column({ type: 'text' })
  timeZone!: string;

  @Column({ type: 'date' })
  startsOn!: string;

  @Column({ type: 'date' })
  endsOn!: string;

  @Index('events_status')
  @Column({ type: 'enum', enum: EventStatus, enumName: 'event_status', default: EventStatus.Draft })
  status!: EventStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
