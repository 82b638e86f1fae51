import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotFoundError } from '../common/errors/domain-error';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { EventAccessService } from '../events/event-access.service';
import { EventRole } from '../events/event.enums';
import { ConsultationFiguresResponse, ProgrammeFiguresResponse, RoundFiguresResponse } from './dto/consultation-figures.dto';
import { bookingExpiredSql, cancelledByExpirySql } from './booking-expiry';

interface RoundRef {
  id: string;
  position: number;
  name: string;
}

/** One row per round: every count of the round at once (FILTER clauses), and its money as {currency: "sum"}. */
interface FiguresRow {
  round_id: string;
  requests_total: number;
  requests_accepted: number;
  requests_declined: number;
  requests_expired: number;
  requests_pending: number;
  requests_withdrawn: number;
  meetings_total: number;
  meetings_requested: number;
  meetings_confirmed: number;
  meetings_held: number;
  meetings_no_show: number;
  meetings_cancelled: number;
  outcomes_recorded: number;
  outcomes_high_interest: number;
  outcomes_follow_up: number;
  outcomes_due_diligence: number;
  outcomes_term_sheet: number;
  outcomes_pass: number;
  /** Sums as text: bigint sums are exact in PostgreSQL and stay so until summed across rounds here. */
  investment: Record<string, string> | null;
}

/**
 * The figures of every round in `$1`, in one statement: requests, meetings and outcomes are each aggregated once
 * (GROUP BY round, FILTER per status), whatever the number of rounds or meetings. Notes are never read.
 *
 * Requests are the requests sent and the bookings a host or guest made that waited for the other side (their
 * 'booked' history entry is `requested`, by one of the two): such a booking counts as accepted once it was confirmed,
 * expired when its window closed unanswered (cancelled by nobody with reason `expired`), withdrawn when its booker
 * cancelled it, declined when anyone else did. A request still pending in a round whose booking window has closed,
 * and a booking that has expired by the rule of booking-expiry.ts, count as expired whether or not they have been
 * marked so yet; such a booking counts among the cancelled meetings too. The figures are the API's view.
 */
const FIGURES_SQL = `
  WITH scope AS (SELECT unnest($1::uuid[]) AS round_id),
  booking_requests AS (
    SELECT m.round_id,
           CASE WHEN m.status IN ('confirmed', 'held', 'no_show')
                  OR EXISTS (SELECT 1 FROM meeting_history c WHERE c.meeting_id = m.id AND c.action = 'confirmed') THEN 'accepted'
                WHEN ${bookingExpiredSql('m', 'r')} THEN 'expired'
                WHEN m.status = 'requested' THEN 'pending'
                WHEN ${cancelledByExpirySql('m')} THEN 'expired'
                WHEN m.cancelled_by_id = m.created_by_id THEN 'withdrawn'
                ELSE 'declined' END AS status
      FROM meetings m JOIN consultation_rounds r ON r.id = m.round_id
     WHERE m.round_id = ANY($1::uuid[])
       AND EXISTS (SELECT 1 FROM meeting_history b
                    WHERE b.meeting_id = m.id AND b.action = 'booked' AND b.status = 'requested'
                      AND b.actor_user_id IN (m.host_user_id, m.guest_user_id))
  ),
  all_requests AS (
    SELECT q.round_id, CASE WHEN q.status = 'pending' AND r.booking_closes_at <= now() THEN 'expired' ELSE q.status::text END AS status
      FROM meeting_requests q JOIN consultation_rounds r ON r.id = q.round_id
     WHERE q.round_id = ANY($1::uuid[])
    UNION ALL
    SELECT round_id, status FROM booking_requests
  ),
  request_counts AS (
    SELECT round_id,
           count(*)::int AS total,
           count(*) FILTER (WHERE status IN ('accepted', 'scheduled'))::int AS accepted,
           count(*) FILTER (WHERE status = 'declined')::int AS declined,
           count(*) FILTER (WHERE status = 'expired')::int AS expired,
           count(*) FILTER (WHERE status = 'pending')::int AS pending,
           count(*) FILTER (WHERE status = 'withdrawn')::int AS withdrawn
      FROM all_requests
     GROUP BY round_id
  ),
  meeting_counts AS (
    SELECT m.round_id,
           count(*)::int AS total,
           count(*) FILTER (WHERE m.status = 'requested' AND NOT ${bookingExpiredSql('m', 'r')})::int AS requested,
           count(*) FILTER (WHERE m.status = 'confirmed')::int AS confirmed,
           count(*) FILTER (WHERE m.status = 'held')::int AS held,
           count(*) FILTER (WHERE m.status = 'no_show')::int AS no_show,
           count(*) FILTER (WHERE m.status = 'cancelled' OR ${bookingExpiredSql('m', 'r')})::int AS cancelled,
           count(o.meeting_id) FILTER (WHERE m.status = 'held')::int AS recorded,
           count(*) FILTER (WHERE m.status = 'held' AND o.interest_level = 'high')::int AS high_interest,
           count(*) FILTER (WHERE m.status = 'held' AND o.next_step = 'follow_up_meeting')::int AS follow_up,
           count(*) FILTER (WHERE m.status = 'held' AND o.next_step = 'due_diligence')::int AS due_diligence,
           count(*) FILTER (WHERE m.status = 'held' AND o.next_step = 'term_sheet')::int AS term_sheet,
           count(*) FILTER (WHERE m.status = 'held' AND o.next_step = 'pass')::int AS pass
      FROM meetings m JOIN consultation_rounds r ON r.id = m.round_id LEFT JOIN meeting_outcomes o ON o.meeting_id = m.id
     WHERE m.round_id = ANY($1::uuid[]) GROUP BY m.round_id
  ),
  money AS (
    SELECT round_id, jsonb_object_agg(currency, total::text) AS investment
      FROM (SELECT m.round_id, o.currency, sum(o.amount) AS total
              FROM meetings m JOIN meeting_outcomes o ON o.meeting_id = m.id
             WHERE m.round_id = ANY($1::uuid[]) AND m.status = 'held' AND o.amount IS NOT NULL
             GROUP BY m.round_id, o.currency) AS sums
     GROUP BY round_id
  )
  SELECT s.round_id,
         coalesce(r.total, 0) AS requests_total, coalesce(r.accepted, 0) AS requests_accepted,
         coalesce(r.declined, 0) AS requests_declined, coalesce(r.expired, 0) AS requests_expired,
         coalesce(r.pending, 0) AS requests_pending, coalesce(r.withdrawn, 0) AS requests_withdrawn,
         coalesce(m.total, 0) AS meetings_total, coalesce(m.requested, 0) AS meetings_requested,
         coalesce(m.confirmed, 0) AS meetings_confirmed, coalesce(m.held, 0) AS meetings_held,
         coalesce(m.no_show, 0) AS meetings_no_show, coalesce(m.cancelled, 0) AS meetings_cancelled,
         coalesce(m.recorded, 0) AS outcomes_recorded, coalesce(m.high_interest, 0) AS outcomes_high_interest,
         coalesce(m.follow_up, 0) AS outcomes_follow_up, coalesce(m.due_diligence, 0) AS outcomes_due_diligence,
         coalesce(m.term_sheet, 0) AS outcomes_term_sheet, coalesce(m.pass, 0) AS outcomes_pass,
         money.investment
    FROM scope s
    LEFT JOIN request_counts r ON r.round_id = s.round_id
    LEFT JOIN meeting_counts m ON m.round_id = s.round_id
    LEFT JOIN money ON money.round_id = s.round_id`;

/** Organizers' figures for a round or a programme: requests, acceptance, attendance, investment under discussion. */
@Injectable()
export class ConsultationFiguresService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly eventAccess: EventAccessService,
  ) {}

  async forRound(user: AuthenticatedUser, eventId: string, roundId: string): Promise<RoundFiguresResponse> {
    await this.requireOrganizer(user, eventId, 'Round');
    const rounds: RoundRef[] = await this.dataSource.query(
      'SELECT id, position, name FROM consultation_rounds WHERE id = $1 AND event_id = $2',
      [roundId, eventId],
    );
    if (rounds.length === 0) throw new NotFoundError('Round');
    const [figures] = await this.figuresOf(rounds);
    return figures;
  }

  async forProgramme(user: AuthenticatedUser, eventId: string, programmeId: string): Promise<ProgrammeFiguresResponse> {
    await this.requireOrganizer(user, eventId, 'Programme');
    const [programme]: Array<{ name: string }> = await this.dataSource.query(
      'SELECT name FROM consultation_programmes WHERE id = $1 AND event_id = $2',
      [programmeId, eventId],
    );
    if (!programme) throw new NotFoundError('Programme');
    const rounds: RoundRef[] = await this.dataSource.query(
      'SELECT id, position, name FROM consultation_rounds WHERE programme_id = $1 AND event_id = $2 ORDER BY position',
      [programmeId, eventId],
    );
    const perRound = await this.figuresOf(rounds);
    return { programmeId, name: programme.name, ...combine(perRound), rounds: perRound };
  }

  /** The event's organizers (and platform admins); everyone else 404, members included, as if there were nothing. */
  private async requireOrganizer(user: AuthenticatedUser, eventId: string, resource: string): Promise<void> {
    const roles = await this.eventAccess.rolesOf(user, eventId);
    if (!roles.includes(EventRole.Organizer)) throw new NotFoundError(resource);
  }

  private async figuresOf(rounds: RoundRef[]): Promise<RoundFiguresResponse[]> {
    if (rounds.length === 0) return [];
    const rows: FiguresRow[] = await this.dataSource.query(FIGURES_SQL, [rounds.map((round) => round.id)]);
    const byRound = new Map(rows.map((row) => [row.round_id, row]));
    return rounds.map((round) => ({ roundId: round.id, position: round.position, name: round.name, ...fromRow(byRound.get(round.id)!) }));
  }
}

function fromRow(row: FiguresRow): ConsultationFiguresResponse {
  const investment: Record<string, bigint> = {};
  for (const [currency, total] of Object.entries(row.investment ?? {})) investment[currency] = BigInt(total);
  return build(
    {
      total: row.requests_total,
      accepted: row.requests_accepted,
      declined: row.requests_declined,
      expired: row.requests_expired,
      pending: row.requests_pending,
      withdrawn: row.requests_withdrawn,
    },
    {
      total: row.meetings_total,
      requested: row.meetings_requested,
      confirmed: row.meetings_confirmed,
      held: row.meetings_held,
      noShow: row.meetings_no_show,
      cancelled: row.meetings_cancelled,
    },
    {
      recorded: row.outcomes_recorded,
      highInterest: row.outcomes_high_interest,
      followUpMeetings: row.outcomes_follow_up,
      dueDiligence: row.outcomes_due_diligence,
      termSheets: row.outcomes_term_sheet,
      passes: row.outcomes_pass,
    },
    investment,
  );
}

type Counts<T> = { [K in keyof T as T[K] extends number ? K : never]: number };
type RequestCounts = Omit<Counts<ConsultationFiguresResponse['requests']>, 'acceptanceRate'>;
type MeetingCounts = Counts<ConsultationFiguresResponse['meetings']>;
type OutcomeCounts = Omit<ConsultationFiguresResponse['outcomes'], 'investmentUnderDiscussion'>;

function build(requests: RequestCounts, meetings: MeetingCounts, outcomes: OutcomeCounts, investment: Record<string, bigint>): ConsultationFiguresResponse {
  const decided = requests.accepted + requests.declined + requests.expired;
  const investmentUnderDiscussion: Record<string, number> = {};
  for (const currency of Object.keys(investment).sort()) investmentUnderDiscussion[currency] = Number(investment[currency]);
  return {
    requests: { ...requests, acceptanceRate: decided === 0 ? null : Math.round((requests.accepted / decided) * 10_000) / 10_000 },
    meetings,
    outcomes: { ...outcomes, investmentUnderDiscussion },
  };
}

/** A programme's figures: the sum of its rounds' counts and money, the rate recomputed from the sums. */
function combine(rounds: ConsultationFiguresResponse[]): ConsultationFiguresResponse {
  const requests: RequestCounts = { total: 0, accepted: 0, declined: 0, expired: 0, pending: 0, withdrawn: 0 };
  const meetings: MeetingCounts = { total: 0, requested: 0, confirmed: 0, held: 0, noShow: 0, cancelled: 0 };
  const outcomes: OutcomeCounts = { recorded: 0, highInterest: 0, followUpMeetings: 0, dueDiligence: 0, termSheets: 0, passes: 0 };
  const investment: Record<string, bigint> = {};
  for (const round of rounds) {
    for (const key of Object.keys(requests) as Array<keyof RequestCounts>) requests[key] += round.requests[key];
    for (const key of Object.keys(meetings) as Array<keyof MeetingCounts>) meetings[key] += round.meetings[key];
    for (const key of Object.keys(outcomes) as Array<keyof OutcomeCounts>) outcomes[key] += round.outcomes[key];
    for (const [currency, amount] of Object.entries(round.outcomes.investmentUnderDiscussion)) {
      investment[currency] = (investment[currency] ?? 0n) + BigInt(amount);
    }
  }
  return build(requests, meetings, outcomes, investment);
}
