import { Body, Controller, Delete, Get, HttpStatus, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { CurrentUser, OptionalUser } from '../common/http/current-user.decorator';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import { Route } from '../common/http/route.decorator';
import {
  AgreementsAndAwardsResponse,
  CreateSessionDto,
  ListSessionsQuery,
  ReplacePartiesDto,
  ReplaceSpeakersDto,
  SessionResponse,
  UpdateSessionDto,
} from './dto/session.dto';
import { SessionsService } from './sessions.service';

@ApiTags('agenda')
@Controller('events/:eventId')
export class SessionsController {
  constructor(private readonly sessionsService: SessionsService) {}

  @Post('sessions')
  @Route({ summary: 'Add a session to the programme (organizers)', response: SessionResponse, status: HttpStatus.CREATED })
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Body() dto: CreateSessionDto,
  ): Promise<SessionResponse> {
    return this.sessionsService.create(user, eventId, dto);
  }

  @Get('sessions')
  @Route({
    summary: 'The programme: the sessions you may see, in time order',
    description: 'Public sessions for everyone; members sessions for members; invited ones for organizers, speakers and invitees.',
    public: true,
    response: [SessionResponse],
  })
  list(
    @OptionalUser() user: AuthenticatedUser | undefined,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Query() query: ListSessionsQuery,
  ): Promise<SessionResponse[]> {
    return this.sessionsService.list(user, eventId, query);
  }

  @Get('sessions/:sessionId')
  @Route({ summary: 'A session you may see', public: true, response: SessionResponse })
  get(
    @OptionalUser() user: AuthenticatedUser | undefined,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('sessionId', ParseIdPipe) sessionId: string,
  ): Promise<SessionResponse> {
    return this.sessionsService.get(user, eventId, sessionId);
  }

  @Patch('sessions/:sessionId')
  @Route({ summary: 'Change or move a session (organizers)', response: SessionResponse })
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('sessionId', ParseIdPipe) sessionId: string,
    @Body() dto: UpdateSessionDto,
  ): Promise<SessionResponse> {
    return this.sessionsService.update(user, eventId, sessionId, dto);
  }

  @Delete('sessions/:sessionId')
  @Route({ summary: 'Delete a session with its speakers, registrations and parties (organizers)' })
  remove(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('sessionId', ParseIdPipe) sessionId: string,
  ): Promise<void> {
    return this.sessionsService.remove(user, eventId, sessionId);
  }

  @Put('sessions/:sessionId/speakers')
  @Route({ summary: "Replace a session's speakers (organizers)", response: SessionResponse })
  replaceSpeakers(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('sessionId', ParseIdPipe) sessionId: string,
    @Body() dto: ReplaceSpeakersDto,
  ): Promise<SessionResponse> {
    return this.sessionsService.replaceSpeakers(user, eventId, sessionId, dto);
  }

  @Put('sessions/:sessionId/parties')
  @Route({ summary: "Replace a session's MOU signatories and award winners (organizers)", response: SessionResponse })
  replaceParties(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('sessionId', ParseIdPipe) sessionId: string,
    @Body() dto: ReplacePartiesDto,
  ): Promise<SessionResponse> {
    return this.sessionsService.replaceParties(user, eventId, sessionId, dto);
  }

  @Get('agreements-and-awards')
  @Route({ summary: 'MOUs signed and awards given at the event (organizers)', response: AgreementsAndAwardsResponse })
  agreementsAndAwards(@CurrentUser() user: AuthenticatedUser, @Param('eventId', ParseIdPipe) eventId: string): Promise<AgreementsAndAwardsResponse> {
    return this.sessionsService.agreementsAndAwards(user, eventId);
  }
}
