import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { User } from '../users/user.entity';
import { LocationKind } from './consultation.enums';
import { ConsultationRound } from './consultation-round.entity';

/**
 * The SQL that makes a location's key from its name: lower case, runs of white space as one space, no space at either
 * end ("Table 7", "table  7" and " TABLE 7" are the same table). Written by SQL only (inserts and the check below use
 * this one text), so the application never computes a key PostgreSQL would disagree with.
 */
export function locationKeySql(nameExpression: string): string {
  return `lower(btrim(regexp_replace(${nameExpression}, '\\s+', ' ', 'g')))`;
}

/**
 * Where on-site meetings of a round happen: a numbered table, a room, or a host's booth. Locations are a round's, but
 * the place is the event's: "Table 7" of round 3 and "Table 7" of another round or programme of the same event are
 * the same table, known by their `key`, which meetings carry (see Meeting) so one exclusion constraint keeps the table
 * out of two overlapping meetings across rounds.
 */
@Entity('round_locations')
@Index('round_locations_key_unique', ['roundId', 'key'], { unique: true })
// What a meeting's (location_id, round_id, location_key) points at, so the key it carries follows the location.
@Unique('round_locations_id_round_key', ['id', 'roundId', 'key'])
@Check('round_locations_key_normalized', `"key" = ${locationKeySql('"name"')}`)
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

  /** The name normalized (locationKeySql): what identifies the place within the event. */
  @Column({ type: 'text' })
  key!: string;

  @Column({ type: 'enum', enum: LocationKind, enumName: 'location_kind' })
  kind!: LocationKind;

  /** A location kept for one host (their booth, or a table assigned to them). */
  @Column({ type: 'uuid', nullable: true })
  hostUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'host_user_id', foreignKeyConstraintName: 'round_locations_host_fk' })
  host?: User;
}
