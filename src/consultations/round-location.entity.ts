import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { LocationKind } from './consultation.enums';
import { ConsultationRound } from './consultation-round.entity';

/** Where on-site meetings of a round happen: a numbered table, a room, or a host's booth. */
@Entity('round_locations')
@Index('round_locations_name_unique', ['roundId', 'name'], { unique: true })
export class RoundLocation {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'round_locations_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  roundId!: string;

  @ManyToOne(() => ConsultationRound, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'round_locations_round_fk' })
  round?: ConsultationRound;

  /** "Table 7", "Room B", "Booth C-03". */
  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'enum', enum: LocationKind, enumName: 'location_kind' })
  kind!: LocationKind;

  /** A location kept for one host (their booth, or a table assigned to them). */
  @Column({ type: 'uuid', nullable: true })
  hostUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'host_user_id', foreignKeyConstraintName: 'round_locations_host_fk' })
  host?: User;
}
