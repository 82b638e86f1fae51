import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { CurrentUser } from '../common/http/current-user.decorator';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import { Route } from '../common/http/route.decorator';
import { MeetingAttendanceResponse, MeetingOutcomeResponse, WriteMeetingOutcomeDto } from './dto/meeting-outcome.dto';
import { MeetingOutcomesService } from './meeting-outcomes.service';

@ApiTags('consultations')
@Controller('events/:eventId/meetings/:meetingId')
export class MeetingOutcomesController {
  constructor(private readonly outcomesService: MeetingOutcomesService) {}

  @Get('outcome')
  @Route({ summary: "A held meeting's outcome (its host and the event's organizers)", response: MeetingOutcomeResponse })
  getOutcome(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('meetingId', ParseIdPipe) meetingId: string,
  ): Promise<MeetingOutcomeResponse> {
    return this.outcomesService.get(user, eventId, meetingId);
  }

  @Put('outcome')
  @Route({
    summary: 'Record the outcome of a held meeting: interest, next step, investment under discussion (the host)',
    response: MeetingOutcomeResponse,
  })
  putOutcome(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('meetingId', ParseIdPipe) meetingId: string,
    @Body() dto: WriteMeetingOutcomeDto,
  ): Promise<MeetingOutcomeResponse> {
    return this.outcomesService.put(user, eventId, meetingId, dto);
  }

  @Post('check-in')
  @Route({
    summary: 'Check the pair in: the meeting is held (the host, event staff or an organizer)',
    description: 'A confirmed meeting (or one marked a no-show by mistake), from 30 minutes before its start.',
    response: MeetingAttendanceResponse,
  })
  checkIn(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('meetingId', ParseIdPipe) meetingId: string,
  ): Promise<MeetingAttendanceResponse> {
    return this.outcomesService.checkIn(user, eventId, meetingId);
  }

  @Post('no-show')
  @Route({
    summary: 'Mark a confirmed meeting whose start has passed as a no-show (the host, event staff or an organizer)',
    response: MeetingAttendanceResponse,
  })
  noShow(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('meetingId', ParseIdPipe) meetingId: string,
  ): Promise<MeetingAttendanceResponse> {
    return this.outcomesService.noShow(user, eventId, meetingId);
  }
}
