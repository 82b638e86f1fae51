import { Body, Controller, Get, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { CurrentUser } from '../common/http/current-user.decorator';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import { Route } from '../common/http/route.decorator';
import { MeetingResponse } from './dto/meeting.dto';
import {
  CreateMeetingRequestDto,
  DeclineMeetingRequestDto,
  ListMeetingRequestsQuery,
  MeetingRequestResponse,
  PlaceMeetingRequestDto,
} from './dto/meeting-request.dto';
import { IdempotencyKey } from './idempotency.service';
import { MeetingRequestsService } from './meeting-requests.service';
import { answerWith, IDEMPOTENCY_HEADER_DOC } from './meetings.controller';

@ApiTags('consultations')
@Controller('events/:eventId')
export class MeetingRequestsController {
  constructor(private readonly requestsService: MeetingRequestsService) {}

  @Post('consultation-rounds/:roundId/requests')
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @Route({ summary: 'Ask someone of the other side for a meeting in a round', response: MeetingRequestResponse, status: HttpStatus.CREATED })
  async create(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('roundId', ParseIdPipe) roundId: string,
    @Body() dto: CreateMeetingRequestDto,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<MeetingRequestResponse> {
    return answerWith(response, await this.requestsService.create(user, eventId, roundId, dto, key));
  }

  @Get('meeting-requests')
  @Route({ summary: 'Your requests, sent and received (organizers: all of the event)', response: [MeetingRequestResponse] })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Query() query: ListMeetingRequestsQuery,
  ): Promise<MeetingRequestResponse[]> {
    return this.requestsService.list(user, eventId, query);
  }

  @Get('meeting-requests/:requestId')
  @Route({ summary: 'A request (its two people and organizers)', response: MeetingRequestResponse })
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('requestId', ParseIdPipe) requestId: string,
  ): Promise<MeetingRequestResponse> {
    return this.requestsService.get(user, eventId, requestId);
  }

  @Post('meeting-requests/:requestId/accept')
  @Route({ summary: 'Accept a request sent to you', response: MeetingRequestResponse })
  accept(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('requestId', ParseIdPipe) requestId: string,
  ): Promise<MeetingRequestResponse> {
    return this.requestsService.accept(user, eventId, requestId);
  }

  @Post('meeting-requests/:requestId/decline')
  @Route({ summary: 'Decline a request sent to you, with a reason if you like', response: MeetingRequestResponse })
  decline(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('requestId', ParseIdPipe) requestId: string,
    @Body() dto: DeclineMeetingRequestDto,
  ): Promise<MeetingRequestResponse> {
    return this.requestsService.decline(user, eventId, requestId, dto);
  }

  @Post('meeting-requests/:requestId/withdraw')
  @Route({ summary: 'Withdraw a request you sent (until it is placed in a slot)', response: MeetingRequestResponse })
  withdraw(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('requestId', ParseIdPipe) requestId: string,
  ): Promise<MeetingRequestResponse> {
    return this.requestsService.withdraw(user, eventId, requestId);
  }

  @Post('meeting-requests/:requestId/place')
  @Route({
    summary: 'Put an accepted request in a slot free for both (either side, or organizers); the meeting is confirmed',
    response: MeetingResponse,
    status: HttpStatus.CREATED,
  })
  place(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('requestId', ParseIdPipe) requestId: string,
    @Body() dto: PlaceMeetingRequestDto,
  ): Promise<MeetingResponse> {
    return this.requestsService.place(user, eventId, requestId, dto);
  }
}
