import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { queryRows } from '../common/database-queries';
import { DomainError, NotFoundError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { ConsultationAccessService } from './consultation-access.service';
import { MeetingStatus } from './consultation.enums';
import { MeetingNoteResponse, WriteMeetingNoteDto } from './dto/meeting-note.dto';
import { MeetingNote } from './meeting-note.entity';

/** Notes may be written once the meeting took place, or did not because someone stayed away. */
const NOTE_STATUSES = [MeetingStatus.Held, MeetingStatus.NoShow];

/**
 * Each side's private notes and rating of a meeting. Every read and write is keyed on the caller as author, so no
 * route can return someone else's note; organizers and the other side see nothing of it (404 for anyone but the two
 * parties, as ConsultationAccessService.requireMeetingParty rules).
 */
@Injectable()
export class MeetingNotesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(MeetingNote) private readonly notes: Repository<MeetingNote>,
    private readonly access: ConsultationAccessService,
  ) {}

  async getMine(user: AuthenticatedUser, eventId: string, meetingId: string): Promise<MeetingNoteResponse> {
    await this.access.requireMeetingParty(user, eventId, meetingId);
    const note = await this.notes.findOne({ where: { meetingId, authorUserId: user.id } });
    if (!note) throw new NotFoundError('Note');
    return MeetingNoteResponse.from(note);
  }

  /** The host or the guest, once the meeting was held or marked a no-show; PUT replaces the whole note. */
  async putMine(user: AuthenticatedUser, eventId: string, meetingId: string, dto: WriteMeetingNoteDto): Promise<MeetingNoteResponse> {
    const { meeting } = await this.access.requireMeetingParty(user, eventId, meetingId);
    if (!NOTE_STATUSES.includes(meeting.status)) {
      throw new DomainError(ErrorCode.MeetingNotHeld, 'Notes can be written once the meeting was held or marked a no-show');
    }
    const [row] = await queryRows<{ meeting_id: string }>(
      this.dataSource.manager,
      `INSERT INTO meeting_notes (meeting_id, author_user_id, body, rating)
       SELECT id, $2, $3, $4 FROM meetings WHERE id = $1 AND status = ANY($5::meeting_status[])
       ON CONFLICT (meeting_id, author_user_id) DO UPDATE SET body = EXCLUDED.body, rating = EXCLUDED.rating, updated_at = now()
       RETURNING meeting_id`,
      [meetingId, user.id, dto.body ?? null, dto.rating ?? null, NOTE_STATUSES],
    );
    if (!row) throw new DomainError(ErrorCode.MeetingNotHeld, 'Notes can be written once the meeting was held or marked a no-show');
    return MeetingNoteResponse.from(await this.notes.findOneOrFail({ where: { meetingId, authorUserId: user.id } }));
  }
}
