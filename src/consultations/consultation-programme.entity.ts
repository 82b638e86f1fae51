import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Event } from '../events/event.entity';

/** A consultation programme of an event, e.g. "Boston investment consultation" or an expert track. */
@Entity('consultation_programmes')
@Index('consultation_programmes_event_id', ['eventId'])
export class ConsultationProgramme {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'consultation_programmes_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  eventId!: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'consultation_programmes_event_fk' })
  event?: Event;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
