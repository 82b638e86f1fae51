import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ConfirmationRule, Eligibility, RequestInitiator, RoundMode, VideoLinkRule } from './consultation.enums';
import { ConsultationProgramme } from './consultation-programme.entity';

/**
 * One round of a programme (e.g. "Round 1: video consultation before departure"), with its own time zone, daily
 * windows (RoundWindow), slot length and gap, booking window and rules.
 */
@Entity('consultation_rounds')
@Index('consultation_rounds_position_unique', ['programmeId', 'position'], { unique: true })
@Check('consultation_rounds_slot_length', `"slot_minutes" BETWEEN 5 AND 480 AND "gap_minutes" BETWEEN 0 AND 240`)
@Check('consultation_rounds_booking_window', `"booking_closes_at" > "booking_opens_at"`)
@Check('consultation_rounds_caps', `("max_requests_per_guest" IS NULL OR "max_requests_per_guest" > 0) AND ("max_meetings_per_host" IS NULL OR "max_meetings_per_host" > 0) AND "max_meetings_per_pair" > 0`)
@Check('consultation_rounds_eligibility_source', `("eligibility" = 'open') = ("eligibility_source_round_id" IS NULL)`)
@Check('consultation_rounds_video_template', `"video_link_rule" <> 'template' OR "video_link_template" IS NOT NULL`)
export class ConsultationRound {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'consultation_rounds_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  programmeId!: string;

  @ManyToOne(() => ConsultationProgramme, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'programme_id', foreignKeyConstraintName: 'consultation_rounds_programme_fk' })
  programme?: ConsultationProgramme;

  /** The event, copied from the programme so access checks need no join. */
  @Index('consultation_rounds_event_id')
  @Column({ type: 'uuid' })
  eventId!: string;

  /** Order within the programme: 1, 2, 3... */
  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'enum', enum: RoundMode, enumName: 'round_mode' })
  mode!: RoundMode;

  /** IANA zone the round's days and windows are in (Asia/Seoul for a video round before departure). */
  @Column({ type: 'text' })
  timeZone!: string;

  @Column({ type: 'int' })
  slotMinutes!: number;

  @Column({ type: 'int', default: 0 })
  gapMinutes!: number;

  @Column({ type: 'timestamptz' })
  bookingOpensAt!: Date;

  @Column({ type: 'timestamptz' })
  bookingClosesAt!: Date;

  @Column({ type: 'enum', enum: RequestInitiator, enumName: 'request_initiator', default: RequestInitiator.Guest })
  initiator!: RequestInitiator;

  @Column({ type: 'enum', enum: ConfirmationRule, enumName: 'confirmation_rule', default: ConfirmationRule.HostAccepts })
  confirmation!: ConfirmationRule;

  @Column({ type: 'int', nullable: true })
  maxRequestsPerGuest!: number | null;

  @Column({ type: 'int', nullable: true })
  maxMeetingsPerHost!: number | null;

  @Column({ type: 'int', default: 1 })
  maxMeetingsPerPair!: number;

  @Column({ type: 'enum', enum: Eligibility, enumName: 'eligibility', default: Eligibility.Open })
  eligibility!: Eligibility;

  /** The earlier round eligibility looks at (usually the one before). */
  @Column({ type: 'uuid', nullable: true })
  eligibilitySourceRoundId!: string | null;

  @ManyToOne(() => ConsultationRound, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'eligibility_source_round_id', foreignKeyConstraintName: 'consultation_rounds_eligibility_source_fk' })
  eligibilitySourceRound?: ConsultationRound;

  @Column({ type: 'enum', enum: VideoLinkRule, enumName: 'video_link_rule', nullable: true })
  videoLinkRule!: VideoLinkRule | null;

  @Column({ type: 'text', nullable: true })
  videoLinkTemplate!: string | null;

  /**
   * Goes up with every change an organizer makes to the round. A booking checks it in the statement that inserts the
   * meeting (holding the row FOR KEY SHARE), so a booking checked against the round as it was (its grid, places,
   * rules) and a change committed meanwhile cannot both stand: the booking answers 409 concurrent_update.
   */
  @Column({ type: 'int', default: 1 })
  revision!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
