import { Body, Controller, Get, HttpStatus, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { CurrentUser } from '../common/http/current-user.decorator';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import { Route } from '../common/http/route.decorator';
import {
  CreatePitchSessionDto,
  PitchInterestFiguresResponse,
  PitchInterestResponse,
  PitchRatingResponse,
  PitchSessionResponse,
  RatePitchDto,
  RunningOrderDto,
  UpdatePitchSessionDto,
  WantToMeetDto,
} from './dto/pitch.dto';
import { PitchFeedbackService } from './pitch-feedback.service';
import { PitchSessionsService } from './pitch-sessions.service';

@ApiTags('IR pitches')
@Controller('events/:eventId')
export class PitchesController {
  constructor(
    private readonly pitchSessionsService: PitchSessionsService,
    private readonly feedbackService: PitchFeedbackService,
  ) {}

  @Post('pitch-sessions')
  @Route({
    summary: 'Run an IR pitch call in an agenda session of kind ir_pitch (organizers)',
    response: PitchSessionResponse,
    status: HttpStatus.CREATED,
  })
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Body() dto: CreatePitchSessionDto,
  ): Promise<PitchSessionResponse> {
    return this.pitchSessionsService.create(user, eventId, dto);
  }

  @Get('pitch-sessions')
  @Route({ summary: "The event's IR pitch sessions with their running orders (members)", response: [PitchSessionResponse] })
  list(@CurrentUser() user: AuthenticatedUser, @Param('eventId', ParseIdPipe) eventId: string): Promise<PitchSessionResponse[]> {
    return this.pitchSessionsService.list(user, eventId);
  }

  @Get('pitch-sessions/:pitchSessionId')
  @Route({ summary: 'An IR pitch session: the running order with slot times (members)', response: PitchSessionResponse })
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('pitchSessionId', ParseIdPipe) pitchSessionId: string,
  ): Promise<PitchSessionResponse> {
    return this.pitchSessionsService.get(user, eventId, pitchSessionId);
  }

  @Patch('pitch-sessions/:pitchSessionId')
  @Route({ summary: 'Change the pitch and question minutes or the consultation round (organizers)', response: PitchSessionResponse })
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('pitchSessionId', ParseIdPipe) pitchSessionId: string,
    @Body() dto: UpdatePitchSessionDto,
  ): Promise<PitchSessionResponse> {
    return this.pitchSessionsService.update(user, eventId, pitchSessionId, dto);
  }

  @Put('pitch-sessions/:pitchSessionId/running-order')
  @Route({ summary: 'Set or reorder the running order: selected applications of the call, in pitching order (organizers)', response: PitchSessionResponse })
  setRunningOrder(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('pitchSessionId', ParseIdPipe) pitchSessionId: string,
    @Body() dto: RunningOrderDto,
  ): Promise<PitchSessionResponse> {
    return this.pitchSessionsService.setRunningOrder(user, eventId, pitchSessionId, dto);
  }

  @Get('pitch-sessions/:pitchSessionId/interest')
  @Route({ summary: 'Per pitch: investors who want to meet, and the average rating (organizers)', response: [PitchInterestFiguresResponse] })
  interest(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('pitchSessionId', ParseIdPipe) pitchSessionId: string,
  ): Promise<PitchInterestFiguresResponse[]> {
    return this.pitchSessionsService.interest(user, eventId, pitchSessionId);
  }

  @Put('pitch-slots/:pitchSlotId/rating')
  @Route({ summary: 'Rate a pitch from 1 to 5 (investors; private to you)', response: PitchRatingResponse })
  rate(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('pitchSlotId', ParseIdPipe) pitchSlotId: string,
    @Body() dto: RatePitchDto,
  ): Promise<PitchRatingResponse> {
    return this.feedbackService.rate(user, eventId, pitchSlotId, dto);
  }

  @Put('pitch-slots/:pitchSlotId/interest')
  @Route({
    summary: '"Want to meet": send the startup a meeting request in the linked consultation round (investors)',
    description: "Under the round's rules and caps. Marking again sends nothing more and answers the first request.",
    response: PitchInterestResponse,
  })
  wantToMeet(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('pitchSlotId', ParseIdPipe) pitchSlotId: string,
    @Body() dto: WantToMeetDto,
  ): Promise<PitchInterestResponse> {
    return this.feedbackService.wantToMeet(user, eventId, pitchSlotId, dto);
  }
}
