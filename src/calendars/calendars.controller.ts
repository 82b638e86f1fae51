import { Controller, Get, HttpStatus, Param, Query, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { CurrentUser } from '../common/http/current-user.decorator';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import { Route } from '../common/http/route.decorator';
import { sendAttachment } from './calendar-files';
import { CalendarViewsService } from './calendar-views.service';
import { CalendarQuery, CalendarResponse } from './dto/calendar.dto';
import { LocationScheduleQuery, LocationScheduleResponse } from './dto/location-schedule.dto';
import { MeetingInvitations } from './meeting-invitations.service';

@ApiTags('calendars')
@Controller()
export class CalendarsController {
  constructor(
    private readonly views: CalendarViewsService,
    private readonly invitations: MeetingInvitations,
  ) {}

  @Get('me/calendar')
  @Route({
    summary: 'Your calendar: meetings of every round and event you belong to, sessions you speak at or signed up for, slots you closed',
    description:
      'Each meeting shows the other party, the place or video link, the round, its status and the start on both people’s clocks. ' +
      'Without timeZone each item is on the clock of the zone you are in then (travel time zones, else your profile zone), and ' +
      'each date of the range is read in the zone you are in on that date; fromTimeZone and toTimeZone say which.',
    response: CalendarResponse,
  })
  mine(@CurrentUser() user: AuthenticatedUser, @Query() query: CalendarQuery): Promise<CalendarResponse> {
    return this.views.mine(user, query);
  }

  @Get('events/:eventId/participants/:userId/calendar')
  @Route({
    summary: "A member's calendar within the event (organizers)",
    description:
      'Without timeZone the range is read on the event clock (fromTimeZone and toTimeZone echo it) and each item is on the clock ' +
      'of the zone the member is in then.',
    response: CalendarResponse,
  })
  participant(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('userId', ParseIdPipe) userId: string,
    @Query() query: CalendarQuery,
  ): Promise<CalendarResponse> {
    return this.views.participant(user, eventId, userId, query);
  }

  @Get('events/:eventId/location-schedule')
  @Route({
    summary: 'What happens at each table, room and booth on a day of the event (organizers)',
    description: 'Meetings that are not cancelled at round locations, and agenda sessions in the venue rooms, on the event clock.',
    response: LocationScheduleResponse,
  })
  locationSchedule(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Query() query: LocationScheduleQuery,
  ): Promise<LocationScheduleResponse> {
    return this.views.locationSchedule(user, eventId, query);
  }

  @Get('events/:eventId/meetings/:meetingId/ics')
  @ApiProduces('text/calendar')
  @Route({
    summary: "A meeting's .ics (its two people and organizers)",
    description: 'METHOD:REQUEST, or METHOD:CANCEL once cancelled; the UID never changes and SEQUENCE goes up with every change.',
    status: HttpStatus.OK,
  })
  async meetingFile(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('meetingId', ParseIdPipe) meetingId: string,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<string> {
    return sendAttachment(response, await this.invitations.download(user, eventId, meetingId));
  }
}
