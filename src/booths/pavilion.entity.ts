import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Event } from '../events/event.entity';

/** An exhibition hall of an event, e.g. "1F Cosmetics pavilion" or "3F Autonomous driving". */
@Entity('pavilions')
@Index('pavilions_name_unique', ['eventId', 'nameEn'], { unique: true })
export class Pavilion {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pavilions_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  eventId!: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'pavilions_event_fk' })
  event?: Event;

  /** As signposted at the venue, e.g. "1F". */
  @Column({ type: 'text', nullable: true })
  floor!: string | null;

  @Column({ type: 'text' })
  nameKo!: string;

  @Column({ type: 'text' })
  nameEn!: string;

  @Column({ type: 'text', nullable: true })
  theme!: string | null;

  @Column({ type: 'int', default: 0 })
  sortOrder!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
