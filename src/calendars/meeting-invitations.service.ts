import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../common/errors/domain-error';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { ConsultationAccessService } from '../consultations/consultation-access.service';
import { MeetingStatus } from '../consultations/consultation.enums';
import { AppConfig } from '../config/app-config';
import { UsersService } from '../users/users.service';
import { CalendarReads } from './calendar-reads.service';
import { InvitationMethod, invitationText } from './ics/calendar-ics';

/** A calendar file ready to download or attach to an email. */
export interface CalendarAttachment {
  filename: string;
  /** e.g. `text/calendar; charset=utf-8; method=REQUEST`, as mail clients expect for iTIP (RFC 6047). */
  contentType: string;
  content: string;
}

/**
 * A meeting as an iTIP calendar object, the same for the .ics download and for email attachments: METHOD:REQUEST
 * when a meeting is booked, confirmed or moved, METHOD:CANCEL when it is cancelled, always with the meeting's stable
 * UID and current SEQUENCE so the recipient's calendar updates its one copy.
 */
@Injectable()
export class MeetingInvitations {
  constructor(
    private readonly reads: CalendarReads,
    private readonly usersService: UsersService,
    private readonly access: ConsultationAccessService,
    private readonly config: AppConfig,
  ) {}

  /** For `recipientUserId` (a party, or an organizer who then sees both parties as attendees); 404 if either is unknown. */
  async forMeeting(meetingId: string, method: InvitationMethod, recipientUserId: string): Promise<CalendarAttachment> {
    const meeting = await this.reads.meeting(meetingId);
    if (!meeting) throw new NotFoundError('Meeting');
    const people = await this.usersService.findByIds([recipientUserId, meeting.hostUserId, meeting.guestUserId]);
    const recipient = people.get(recipientUserId);
    if (!recipient) throw new NotFoundError('User');
    const parties = [people.get(meeting.hostUserId), people.get(meeting.guestUserId)].flatMap((person) => (person ? [{ name: person.name, email: person.email }] : []));
    const content = invitationText(
      meeting,
      method,
      { userId: recipient.id, name: recipient.name, email: recipient.email, language: recipient.language },
      { name: 'Matchday', email: this.config.MAIL_FROM },
      parties,
    );
    return { filename: `matchday-meeting-${meeting.id}.ics`, contentType: `text/calendar; charset=utf-8; method=${method}`, content };
  }

  /** The download for the two parties and the event's organizers (anyone else 404): a CANCEL once cancelled, else a REQUEST. */
  async download(user: AuthenticatedUser, eventId: string, meetingId: string): Promise<CalendarAttachment> {
    const { meeting } = await this.access.requireMeetingViewer(user, eventId, meetingId);
    return this.forMeeting(meeting.id, meeting.status === MeetingStatus.Cancelled ? 'CANCEL' : 'REQUEST', user.id);
  }
}
