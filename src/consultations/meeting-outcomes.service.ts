import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { queryRows } from '../common/database-queries';
import { DomainError, NotFoundError, ValidationError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { ConsultationAccessService } from './consultation-access.service';
import { MeetingAction, MeetingStatus, ParticipantSide } from './consultation.enums';
import { MeetingAttendanceResponse, MeetingOutcomeResponse, WriteMeetingOutcomeDto } from './dto/meeting-outcome.dto';
import { writeHistory } from './meeting-placement.service';
import { Meeting } from './meeting.entity';
import { MeetingOutcome } from './meeting-outcome.entity';

/** How long before its start a meeting may be checked in (people sit down early). */
export const CHECK_IN_OPENS_MINUTES_BEFORE = 30;

interface MeetingRow {
  id: string;
  status: MeetingStatus;
  starts_at: Date;
  ends_at: Date;
  checked_in_at: Date | null;
  version: number;
  location_id: string | null;
}

/**
 * After a meeting: the host's outcome (interest, next step, investment under discussion), and check-in or no-show
 * by the host, event staff or an organizer.
 */
@Injectable()
export class MeetingOutcomesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Meeting) private readonly meetings: Repository<Meeting>,
    @InjectRepository(MeetingOutcome) private readonly outcomes: Repository<MeetingOutcome>,
    private readonly access: ConsultationAccessService,
  ) {}

  /** The host and the event's organizers; the guest and everyone else 404, as if there were none. */
  async get(user: AuthenticatedUser, eventId: string, meetingId: string): Promise<MeetingOutcomeResponse> {
    await this.requireOutcomeReader(user, eventId, meetingId);
    const outcome = await this.outcomes.findOne({ where: { meetingId } });
    if (!outcome) throw new NotFoundError('Outcome');
    return MeetingOutcomeResponse.from(outcome);
  }

  /** The host, once the meeting was held; PUT replaces what was recorded. Organizers may read it but not write (403). */
  async put(user: AuthenticatedUser, eventId: string, meetingId: string, dto: WriteMeetingOutcomeDto): Promise<MeetingOutcomeResponse> {
    const { meeting, side } = await this.requireOutcomeReader(user, eventId, meetingId);
    if (side !== ParticipantSide.Host) throw new DomainError(ErrorCode.Forbidden, 'Only the host records the outcome of a meeting');
    const amount = dto.amount ?? null;
    const currency = dto.currency ?? null;
    if ((amount === null) !== (currency === null)) {
      const field = amount === null ? 'amount' : 'currency';
      throw new ValidationError([{ field, messages: [`${field} is required when ${field === 'amount' ? 'currency' : 'amount'} is given`] }]);
    }
    if (meeting.status !== MeetingStatus.Held) {
      throw new DomainError(ErrorCode.MeetingNotHeld, 'An outcome can be recorded once the meeting was held (checked in)');
    }
    const [row] = await queryRows<{ meeting_id: string }>(
      this.dataSource.manager,
      `INSERT INTO meeting_outcomes (meeting_id, interest_level, next_step, amount, currency, recorded_by_id)
       SELECT id, $2, $3, $4, $5, $6 FROM meetings WHERE id = $1 AND status = 'held'
       ON CONFLICT (meeting_id) DO UPDATE
          SET interest_level = EXCLUDED.interest_level, next_step = EXCLUDED.next_step, amount = EXCLUDED.amount,
              currency = EXCLUDED.currency, recorded_by_id = EXCLUDED.recorded_by_id, updated_at = now()
       RETURNING meeting_id`,
      [meetingId, dto.interestLevel, dto.nextStep, amount, currency, user.id],
    );
    // The meeting left `held` between the check and the write (it cannot today, but the write must not trust that).
    if (!row) throw new DomainError(ErrorCode.MeetingNotHeld, 'An outcome can be recorded once the meeting was held (checked in)');
    return MeetingOutcomeResponse.from(await this.outcomes.findOneOrFail({ where: { meetingId } }));
  }

  /**
   * The host, event staff or an organizer checks the pair in: a confirmed meeting (or one marked no-show by mistake)
   * becomes held, from 30 minutes before its start. Written with a history row in one transaction.
   */
  async checkIn(user: AuthenticatedUser, eventId: string, meetingId: string): Promise<MeetingAttendanceResponse> {
    const viewer = await this.access.requireAttendanceTaker(user, eventId, meetingId);
    const opensAt = viewer.meeting.startsAt.getTime() - CHECK_IN_OPENS_MINUTES_BEFORE * 60_000;
    return this.markAttendance(user, viewer.meeting, {
      to: MeetingStatus.Held,
      from: [MeetingStatus.Confirmed, MeetingStatus.NoShow],
      notBefore: new Date(opensAt),
      notStartedDetail: `Check-in opens ${CHECK_IN_OPENS_MINUTES_BEFORE} minutes before the meeting starts`,
    });
  }

  /** The host, event staff or an organizer: a confirmed meeting whose start has passed, and nobody came. */
  async noShow(user: AuthenticatedUser, eventId: string, meetingId: string): Promise<MeetingAttendanceResponse> {
    const viewer = await this.access.requireAttendanceTaker(user, eventId, meetingId);
    return this.markAttendance(user, viewer.meeting, {
      to: MeetingStatus.NoShow,
      from: [MeetingStatus.Confirmed],
      notBefore: viewer.meeting.startsAt,
      notStartedDetail: 'A meeting can be marked as a no-show once its start has passed',
    });
  }

  /** The host and organizers; the guest sees the meeting but not its outcome, so 404 like everyone else. */
  private async requireOutcomeReader(user: AuthenticatedUser, eventId: string, meetingId: string): Promise<{ meeting: Meeting; side: ParticipantSide | null }> {
    const viewer = await this.access.requireMeetingViewer(user, eventId, meetingId);
    if (viewer.side === ParticipantSide.Guest) throw new NotFoundError('Meeting');
    return viewer;
  }

  /**
   * One conditional UPDATE decides (status and time checked in the statement, so two staff tapping at once make one
   * change); attendees follow through the foreign key ON UPDATE CASCADE.
   */
  private async markAttendance(
    user: AuthenticatedUser,
    meeting: Meeting,
    change: { to: MeetingStatus.Held | MeetingStatus.NoShow; from: MeetingStatus[]; notBefore: Date; notStartedDetail: string },
  ): Promise<MeetingAttendanceResponse> {
    if (!change.from.includes(meeting.status)) throw notConfirmed(meeting.status);
    if (Date.now() < change.notBefore.getTime()) throw new DomainError(ErrorCode.MeetingNotStarted, change.notStartedDetail);
    const updated = await this.dataSource.transaction(async (manager) => {
      const [row] = await queryRows<MeetingRow>(
        manager,
        `UPDATE meetings
            SET status = $2::meeting_status, checked_in_at = CASE WHEN $2::meeting_status = 'held' THEN now() ELSE NULL END, updated_at = now()
          WHERE id = $1 AND status = ANY($3::meeting_status[]) AND $4::timestamptz <= now()
          RETURNING id, status, starts_at, ends_at, checked_in_at, version, location_id`,
        [meeting.id, change.to, change.from, change.notBefore],
      );
      if (!row) return null;
      await writeHistory(manager, {
        meetingId: row.id,
        action: change.to === MeetingStatus.Held ? MeetingAction.Held : MeetingAction.NoShow,
        actorUserId: user.id,
        status: row.status,
        version: row.version,
        startsAt: row.starts_at,
        endsAt: row.ends_at,
        locationId: row.location_id,
        reason: null,
      });
      return row;
    });
    if (!updated) {
      // Someone else changed it first: answer as if we had come second.
      const current = await this.meetings.findOne({ where: { id: meeting.id } });
      if (!current) throw new NotFoundError('Meeting');
      throw notConfirmed(current.status);
    }
    return MeetingAttendanceResponse.from({
      id: updated.id,
      status: updated.status,
      startsAt: updated.starts_at,
      endsAt: updated.ends_at,
      checkedInAt: updated.checked_in_at,
    });
  }
}

function notConfirmed(status: MeetingStatus): DomainError {
  return new DomainError(ErrorCode.MeetingNotConfirmed, `The meeting is ${status.replace('_', '-')}; only a confirmed meeting can change so`);
}
