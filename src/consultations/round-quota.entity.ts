import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ConsultationRound } from './consultation-round.entity';

/**
 * A counted cap of a round: requests per guest ("guest-requests:<userId>"), meetings per host
 * ("host-meetings:<userId>", counted only while the round caps them) or per pair ("pair:<hostId>:<guestId>"). Taking
 * one is a single conditional UPDATE (`used < cap`), so caps hold under concurrent requests: the row lock orders the
 * takers.
 */
@Entity('round_quotas')
@Check('round_quotas_used', `"used" >= 0`)
export class RoundQuota {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'round_quotas_pkey' })
  roundId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'round_quotas_pkey' })
  subject!: string;

  @ManyToOne(() => ConsultationRound, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'round_quotas_round_fk' })
  round?: ConsultationRound;

  @Column({ type: 'int', default: 0 })
  used!: number;
}
