import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Event } from '../events/event.entity';

/** An event's reminder offsets, set by its organizers; without a row the defaults apply (24 h and 1 h, plus 10 min on site). */
@Entity('event_notification_settings')
@Check('event_notification_settings_offsets', `cardinality("reminder_offsets_minutes") <= 5 AND cardinality("on_site_offsets_minutes") <= 5`)
export class EventNotificationSettings {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'event_notification_settings_pkey' })
  eventId!: string;

  @OneToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'event_notification_settings_event_fk' })
  event?: Event;

  /** Minutes before every meeting and session of the event. */
  @Column({ type: 'int', array: true })
  reminderOffsetsMinutes!: number[];

  /** Further minutes before on-site meetings (walking to the table). */
  @Column({ type: 'int', array: true })
  onSiteOffsetsMinutes!: number[];

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
