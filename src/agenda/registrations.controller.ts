import { Body, Controller, Delete, Get, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { CurrentUser } from '../common/http/current-user.decorator';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import { Route } from '../common/http/route.decorator';
import { AddRegistrationDto, RegistrationResponse, SessionRegistrantResponse } from './dto/registration.dto';
import { RegistrationsService } from './registrations.service';

@ApiTags('agenda')
@Controller('events/:eventId/sessions/:sessionId')
export class RegistrationsController {
  constructor(private readonly registrationsService: RegistrationsService) {}

  @Post('registration')
  @Route({
    summary: 'Register for a session (public: anyone signed in; members: members); when full, join its waitlist if any',
    response: RegistrationResponse,
    status: HttpStatus.CREATED,
  })
  register(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('sessionId', ParseIdPipe) sessionId: string,
  ): Promise<RegistrationResponse> {
    return this.registrationsService.register(user, eventId, sessionId);
  }

  @Delete('registration')
  @Route({ summary: 'Cancel your registration or leave the waitlist' })
  cancel(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('sessionId', ParseIdPipe) sessionId: string,
  ): Promise<void> {
    return this.registrationsService.cancel(user, eventId, sessionId);
  }

  @Get('registrations')
  @Route({ summary: 'Who holds a seat, then the waitlist in order (organizers)', response: [SessionRegistrantResponse] })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('sessionId', ParseIdPipe) sessionId: string,
  ): Promise<SessionRegistrantResponse[]> {
    return this.registrationsService.list(user, eventId, sessionId);
  }

  @Post('registrations')
  @Route({ summary: 'Register or invite someone (organizers)', response: RegistrationResponse, status: HttpStatus.CREATED })
  add(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('sessionId', ParseIdPipe) sessionId: string,
    @Body() dto: AddRegistrationDto,
  ): Promise<RegistrationResponse> {
    return this.registrationsService.add(user, eventId, sessionId, dto);
  }

  @Post('registrations/:userId/promote')
  @Route({ summary: 'Give a waitlisted person a seat (organizers)', response: RegistrationResponse })
  promote(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('sessionId', ParseIdPipe) sessionId: string,
    @Param('userId', ParseIdPipe) userId: string,
  ): Promise<RegistrationResponse> {
    return this.registrationsService.promote(user, eventId, sessionId, userId);
  }

  @Delete('registrations/:userId')
  @Route({ summary: "Remove someone's registration or waitlist place (organizers)" })
  removeRegistration(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('sessionId', ParseIdPipe) sessionId: string,
    @Param('userId', ParseIdPipe) userId: string,
  ): Promise<void> {
    return this.registrationsService.removeRegistration(user, eventId, sessionId, userId);
  }
}
