import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { EventRole } from './event.enums';
import { Event } from './event.entity';

@Entity('event_memberships')
@Check('event_memberships_has_role', `cardinality("roles") > 0`)
export class EventMembership {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'event_memberships_pkey' })
  eventId!: string;

  @Index('event_memberships_user_id')
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'event_memberships_pkey' })
  userId!: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'event_memberships_event_fk' })
  event?: Event;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'event_memberships_user_fk' })
  user?: User;

  @Column({ type: 'enum', enum: EventRole, enumName: 'event_role', array: true })
  roles!: EventRole[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
