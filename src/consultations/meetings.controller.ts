import { Body, Controller, Get, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { CurrentUser } from '../common/http/current-user.decorator';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import { Route } from '../common/http/route.decorator';
import {
  BookMeetingDto,
  CancelMeetingDto,
  ListMeetingsQuery,
  MeetingResponse,
  OrganizerBookMeetingDto,
  RescheduleMeetingDto,
} from './dto/meeting.dto';
import { IdempotencyKey, IdempotentAnswer } from './idempotency.service';
import { MeetingsService } from './meetings.service';

export const IDEMPOTENCY_HEADER_DOC = {
  name: 'Idempotency-Key',
  required: false,
  description: 'Send the same key when retrying: the first answer comes back (header Idempotent-Replayed: true) and nothing is booked twice',
};

/** Sends a stored or fresh idempotent answer, marking replays. */
export function answerWith<T>(response: FastifyReply, answer: IdempotentAnswer<T>): T {
  response.code(answer.status);
  if (answer.replayed) response.header('Idempotent-Replayed', 'true');
  return answer.body;
}

@ApiTags('consultations')
@Controller('events/:eventId')
export class MeetingsController {
  constructor(private readonly meetingsService: MeetingsService) {}

  @Post('consultation-rounds/:roundId/bookings')
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @Route({
    summary: 'Book an open slot (a startup books a host; a host books a startup where the round allows)',
    description: 'Instant rounds confirm at once; host_accepts rounds hold the slot as `requested` until the other side confirms.',
    response: MeetingResponse,
    status: HttpStatus.CREATED,
    // The hottest route in a booking rush: its round read (requireRound) confirms the session in the same statement.
    sessionCheckedByFirstRead: true,
  })
  async book(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('roundId', ParseIdPipe) roundId: string,
    @Body() dto: BookMeetingDto,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<MeetingResponse> {
    return answerWith(response, await this.meetingsService.book(user, eventId, roundId, dto, key));
  }

  @Post('consultation-rounds/:roundId/meetings')
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @Route({ summary: 'Put a host and a startup in a slot (organizers)', response: MeetingResponse, status: HttpStatus.CREATED })
  async bookAsOrganizer(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('roundId', ParseIdPipe) roundId: string,
    @Body() dto: OrganizerBookMeetingDto,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<MeetingResponse> {
    return answerWith(response, await this.meetingsService.bookAsOrganizer(user, eventId, roundId, dto, key));
  }

  @Get('meetings')
  @Route({ summary: 'Your meetings in the event (organizers: all, filterable)', response: [MeetingResponse] })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Query() query: ListMeetingsQuery,
  ): Promise<MeetingResponse[]> {
    return this.meetingsService.list(user, eventId, query);
  }

  @Get('meetings/:meetingId')
  @Route({ summary: 'A meeting (its two people and organizers)', response: MeetingResponse })
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('meetingId', ParseIdPipe) meetingId: string,
  ): Promise<MeetingResponse> {
    return this.meetingsService.get(user, eventId, meetingId);
  }

  @Post('meetings/:meetingId/confirm')
  @Route({ summary: 'Confirm a requested meeting (the side that did not book it, or organizers)', response: MeetingResponse })
  confirm(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('meetingId', ParseIdPipe) meetingId: string,
  ): Promise<MeetingResponse> {
    return this.meetingsService.confirm(user, eventId, meetingId);
  }

  @Post('meetings/:meetingId/cancel')
  @Route({ summary: 'Cancel (or, as the host, decline) a meeting, with a reason (its two people and organizers)', response: MeetingResponse })
  cancel(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('meetingId', ParseIdPipe) meetingId: string,
    @Body() dto: CancelMeetingDto,
  ): Promise<MeetingResponse> {
    return this.meetingsService.cancel(user, eventId, meetingId, dto);
  }

  @Post('meetings/:meetingId/reschedule')
  @Route({ summary: 'Move a meeting to another free slot of its round (its two people while booking is open; organizers)', response: MeetingResponse })
  reschedule(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('meetingId', ParseIdPipe) meetingId: string,
    @Body() dto: RescheduleMeetingDto,
  ): Promise<MeetingResponse> {
    return this.meetingsService.reschedule(user, eventId, meetingId, dto);
  }
}
