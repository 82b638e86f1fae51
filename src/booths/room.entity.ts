import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Event } from '../events/event.entity';
import { RoomKind } from './booth.enums';

/** A space of the venue that is not exhibition floor: press room, business lounge, stage, meeting area. */
@Entity('rooms')
@Index('rooms_name_unique', ['eventId', 'nameEn'], { unique: true })
@Check('rooms_capacity_positive', `"capacity" IS NULL OR "capacity" > 0`)
export class Room {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'rooms_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  eventId!: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'rooms_event_fk' })
  event?: Event;

  @Column({ type: 'text', nullable: true })
  floor!: string | null;

  @Column({ type: 'text' })
  nameKo!: string;

  @Column({ type: 'text' })
  nameEn!: string;

  @Column({ type: 'enum', enum: RoomKind, enumName: 'room_kind' })
  kind!: RoomKind;

  @Column({ type: 'int', nullable: true })
  capacity!: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
