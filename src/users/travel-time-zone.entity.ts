import { Check, Column, CreateDateColumn, Entity, Exclusion, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from './user.entity';

/**
 * Where a person is for a stretch of days (e.g. Asia/Seoul until 26 April, America/New_York from 27 April): views and
 * reminders use this zone then instead of the profile's. Each day is a calendar day in the range's own zone; an open
 * end runs without limit. PostgreSQL keeps one person's ranges from sharing a day.
 */
@Entity('travel_time_zones')
@Check('travel_time_zones_dates_ordered', `"starts_on" IS NULL OR "ends_on" IS NULL OR "ends_on" >= "starts_on"`)
@Exclusion('travel_time_zones_no_overlap', `USING gist ("user_id" WITH =, daterange("starts_on", "ends_on", '[]') WITH &&)`)
export class TravelTimeZone {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'travel_time_zones_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'travel_time_zones_user_fk' })
  user?: User;

  /** IANA zone, e.g. America/New_York. */
  @Column({ type: 'text' })
  timeZone!: string;

  /** First day (a calendar date in `timeZone`); null: since always. */
  @Column({ type: 'date', nullable: true })
  startsOn!: string | null;

  /** Last day, inclusive; null: until further notice. */
  @Column({ type: 'date', nullable: true })
  endsOn!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
