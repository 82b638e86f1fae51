import { Controller, Delete, Get, Headers, HttpStatus, Param, Post, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { CurrentUser } from '../common/http/current-user.decorator';
import { Route } from '../common/http/route.decorator';
import { sendFeed } from './calendar-files';
import { CalendarFeedsService } from './calendar-feeds.service';
import { CalendarFeedResponse, CalendarFeedStatusResponse } from './dto/calendar-feed.dto';

@ApiTags('calendars')
@Controller()
export class CalendarFeedsController {
  constructor(private readonly feeds: CalendarFeedsService) {}

  @Post('me/calendar-feed')
  @Route({
    summary: 'Create or renew your calendar subscription link (the old one stops working at once)',
    description: 'The link is shown only in this answer. Anyone holding it can read your meetings and sessions, without signing in.',
    response: CalendarFeedResponse,
    status: HttpStatus.CREATED,
  })
  renew(@CurrentUser() user: AuthenticatedUser): Promise<CalendarFeedResponse> {
    return this.feeds.renew(user);
  }

  @Get('me/calendar-feed')
  @Route({ summary: 'Whether you have a calendar subscription link', response: CalendarFeedStatusResponse })
  status(@CurrentUser() user: AuthenticatedUser): Promise<CalendarFeedStatusResponse> {
    return this.feeds.status(user);
  }

  @Delete('me/calendar-feed')
  @Route({ summary: 'Revoke your calendar subscription link (404 from the next poll on)' })
  revoke(@CurrentUser() user: AuthenticatedUser): Promise<void> {
    return this.feeds.revoke(user);
  }

  @Get('calendar-feeds/:token.ics')
  @ApiProduces('text/calendar')
  @Route({
    public: true,
    summary: 'A calendar subscription feed (iCalendar, RFC 5545), by its private link',
    description:
      'Meetings keep their UID; SEQUENCE goes up with every change; cancelled meetings stay for 30 days with STATUS:CANCELLED. ' +
      'Send If-None-Match with the last ETag to get 304 when nothing changed. Unknown, renewed or revoked links answer 404.',
    status: HttpStatus.OK,
  })
  async feed(@Param('token') token: string, @Headers('if-none-match') ifNoneMatch: string | undefined, @Res({ passthrough: true }) response: FastifyReply): Promise<string | undefined> {
    return sendFeed(response, await this.feeds.feed(token, ifNoneMatch));
  }
}
