import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { CallResultsService } from '../calls/call-results.service';
import { isConstraintViolation, queryRows } from '../common/database-queries';
import { DomainError, NotFoundError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { MeetingRequestsService } from '../consultations/meeting-requests.service';
import { EventAccessService } from '../events/event-access.service';
import { EventRole } from '../events/event.enums';
import { PitchInterestResponse, PitchRatingResponse, RatePitchDto, WantToMeetDto } from './dto/pitch.dto';

interface SlotContext {
  slotId: string;
  applicationId: string;
  consultationRoundId: string | null;
}

/**
 * What investors attending a pitch session do: rate each pitch (1 to 5, seen only by themselves; organizers see the
 * averages) and ask to meet the startup, which sends a meeting request in the session's consultation round.
 */
@Injectable()
export class PitchFeedbackService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly eventAccess: EventAccessService,
    private readonly callResults: CallResultsService,
    private readonly meetingRequests: MeetingRequestsService,
  ) {}

  /** Investors of the event rate a pitch; rating again replaces it. */
  async rate(user: AuthenticatedUser, eventId: string, slotId: string, dto: RatePitchDto): Promise<PitchRatingResponse> {
    await this.eventAccess.requireRole(user, eventId, [EventRole.Investor]);
    const slot = await this.findSlot(eventId, slotId);
    try {
      const [row] = await queryRows<PitchRatingResponse>(
        this.dataSource.manager,
        `INSERT INTO pitch_ratings (pitch_slot_id, investor_user_id, score, note) VALUES ($1, $2, $3, $4)
         ON CONFLICT (pitch_slot_id, investor_user_id) DO UPDATE SET score = EXCLUDED.score, note = EXCLUDED.note, updated_at = now()
         RETURNING pitch_slot_id AS "pitchSlotId", score, note, updated_at AS "updatedAt"`,
        [slot.slotId, user.id, dto.score, dto.note ?? null],
      );
      return row;
    } catch (error) {
      // The pitch left the running order a moment ago.
      if (isConstraintViolation(error, 'pitch_ratings_pitch_slot_fk')) throw new NotFoundError('Pitch');
      throw error;
    }
  }

  /**
   * "Want to meet": one transaction writes the investor's interest (one per investor and pitch) and, through the
   * consultations module and under all its rules and caps, a meeting request to the startup in the linked round. If the
   * request is refused, nothing is written; marking again finds the interest and sends nothing more.
   */
  async wantToMeet(user: AuthenticatedUser, eventId: string, slotId: string, dto: WantToMeetDto): Promise<PitchInterestResponse> {
    await this.eventAccess.requireRole(user, eventId, [EventRole.Investor]);
    const slot = await this.findSlot(eventId, slotId);
    const existing = await this.existing(slot.slotId, user.id);
    if (existing) return existing;
    if (!slot.consultationRoundId) {
      throw new DomainError(ErrorCode.NoConsultationRound, 'This pitch session sends its meeting requests nowhere yet: an organizer links it to a consultation round');
    }
    const roundId = slot.consultationRoundId;
    const [application] = await this.callResults.applications(eventId, [slot.applicationId]);
    // The request's rules are read before the transaction, which then holds one connection only.
    const check = await this.meetingRequests.checkHostRequest({ eventId, roundId, hostUserId: user.id, guestOrganizationId: application.organizationId });
    try {
      return await this.dataSource.transaction(async (manager) => {
        const [inserted] = await queryRows<{ createdAt: Date }>(
          manager,
          `INSERT INTO pitch_interests (pitch_slot_id, investor_user_id) VALUES ($1, $2)
           ON CONFLICT (pitch_slot_id, investor_user_id) DO NOTHING RETURNING created_at AS "createdAt"`,
          [slot.slotId, user.id],
        );
        // Marked a moment ago by a concurrent call, which sent the request.
        if (!inserted) return (await this.existing(slot.slotId, user.id, manager))!;
        const request = await this.meetingRequests.requestForHost(
          manager,
          check,
          dto.message ?? `After your IR pitch: ${application.organizationName}, I would like to meet.`,
        );
        await manager.query('UPDATE pitch_interests SET meeting_request_id = $3, round_id = $4 WHERE pitch_slot_id = $1 AND investor_user_id = $2', [
          slot.slotId,
          user.id,
          request.requestId,
          request.roundId,
        ]);
        return { pitchSlotId: slot.slotId, meetingRequestId: request.requestId, roundId: request.roundId, created: true, createdAt: inserted.createdAt };
      });
    } catch (error) {
      if (isConstraintViolation(error, 'pitch_interests_pitch_slot_fk')) throw new NotFoundError('Pitch');
      throw error;
    }
  }

  /** A pitch of the event's running orders, else 404. */
  private async findSlot(eventId: string, slotId: string): Promise<SlotContext> {
    if (!isUUID(slotId)) throw new NotFoundError('Pitch');
    const [slot] = await queryRows<SlotContext>(
      this.dataSource.manager,
      `SELECT s.id AS "slotId", s.application_id AS "applicationId", p.consultation_round_id AS "consultationRoundId"
         FROM pitch_slots s JOIN pitch_sessions p ON p.id = s.pitch_session_id
        WHERE s.id = $1 AND s.event_id = $2`,
      [slotId, eventId],
    );
    if (!slot) throw new NotFoundError('Pitch');
    return slot;
  }

  private async existing(slotId: string, investorUserId: string, manager = this.dataSource.manager): Promise<PitchInterestResponse | null> {
    const [row] = await queryRows<PitchInterestResponse>(
      manager,
      `SELECT pitch_slot_id AS "pitchSlotId", meeting_request_id AS "meetingRequestId", round_id AS "roundId", false AS created,
              created_at AS "createdAt"
         FROM pitch_interests WHERE pitch_slot_id = $1 AND investor_user_id = $2`,
      [slotId, investorUserId],
    );
    return row ?? null;
  }
}
