import { Body, Controller, Get, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { CurrentUser } from '../common/http/current-user.decorator';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import { Route } from '../common/http/route.decorator';
import { CallApplicationsService } from './call-applications.service';
import {
  CallApplicationResponse,
  CallDecisionDto,
  CreateCallApplicationDto,
  ListCallApplicationsQuery,
  UpdateCallApplicationDto,
} from './dto/application.dto';

@ApiTags('calls')
@Controller('events/:eventId/calls/:callId/applications')
export class CallApplicationsController {
  constructor(private readonly applicationsService: CallApplicationsService) {}

  @Post()
  @Route({ summary: "Start your startup's application (a draft) until the call closes", response: CallApplicationResponse, status: HttpStatus.CREATED })
  apply(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('callId', ParseIdPipe) callId: string,
    @Body() dto: CreateCallApplicationDto,
  ): Promise<CallApplicationResponse> {
    return this.applicationsService.apply(user, eventId, callId, dto);
  }

  @Get()
  @Route({
    summary: "Applications: managers see all submitted, reviewers those assigned, applicants their organizations' own",
    response: [CallApplicationResponse],
  })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('callId', ParseIdPipe) callId: string,
    @Query() query: ListCallApplicationsQuery,
  ): Promise<CallApplicationResponse[]> {
    return this.applicationsService.list(user, eventId, callId, query);
  }

  @Get(':applicationId')
  @Route({ summary: 'An application (its applicant, its reviewers, and the managers once submitted)', response: CallApplicationResponse })
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('callId', ParseIdPipe) callId: string,
    @Param('applicationId', ParseIdPipe) applicationId: string,
  ): Promise<CallApplicationResponse> {
    return this.applicationsService.get(user, eventId, callId, applicationId);
  }

  @Patch(':applicationId')
  @Route({ summary: 'Set or remove answers (the applicant, as a draft or submitted, until the call closes)', response: CallApplicationResponse })
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('callId', ParseIdPipe) callId: string,
    @Param('applicationId', ParseIdPipe) applicationId: string,
    @Body() dto: UpdateCallApplicationDto,
  ): Promise<CallApplicationResponse> {
    return this.applicationsService.update(user, eventId, callId, applicationId, dto);
  }

  @Post(':applicationId/submit')
  @Route({ summary: 'Submit a draft while the call is open, every required question answered', response: CallApplicationResponse })
  submit(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('callId', ParseIdPipe) callId: string,
    @Param('applicationId', ParseIdPipe) applicationId: string,
  ): Promise<CallApplicationResponse> {
    return this.applicationsService.submit(user, eventId, callId, applicationId);
  }

  @Post(':applicationId/withdraw')
  @Route({
    summary: 'Withdraw your application',
    description:
      'A draft or a submitted application may be withdrawn until the results are published, also while it is being reviewed after the call closed. ' +
      'Once published, a selected application can no longer be withdrawn (409 results_published): it holds a place in the programme, so tell the organizers instead.',
    response: CallApplicationResponse,
  })
  withdraw(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('callId', ParseIdPipe) callId: string,
    @Param('applicationId', ParseIdPipe) applicationId: string,
  ): Promise<CallApplicationResponse> {
    return this.applicationsService.withdraw(user, eventId, callId, applicationId);
  }

  @Post(':applicationId/decision')
  @Route({
    summary: 'Select, waitlist or reject a submitted application (managers)',
    description:
      'Selecting beyond the places is a 409 unless overPlaces is true. The applicant sees the decision once the results are published; ' +
      'from then on decisions are final (409 results_published).',
    response: CallApplicationResponse,
  })
  decide(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('callId', ParseIdPipe) callId: string,
    @Param('applicationId', ParseIdPipe) applicationId: string,
    @Body() dto: CallDecisionDto,
  ): Promise<CallApplicationResponse> {
    return this.applicationsService.decide(user, eventId, callId, applicationId, dto);
  }
}
