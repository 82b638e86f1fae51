import { Check, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { NotificationKind } from './notification.enums';

/** A kind of notification a person does not want (neither email nor in-app). Cancellations cannot be muted. */
@Entity('notification_mutes')
@Check('notification_mutes_not_cancellations', `"kind" <> 'meeting_cancelled'`)
export class NotificationMute {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'notification_mutes_pkey' })
  userId!: string;

  @PrimaryColumn({ type: 'enum', enum: NotificationKind, enumName: 'notification_kind', primaryKeyConstraintName: 'notification_mutes_pkey' })
  kind!: NotificationKind;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'notification_mutes_user_fk' })
  user?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
