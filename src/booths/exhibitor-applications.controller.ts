import { Body, Controller, Get, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { CurrentUser } from '../common/http/current-user.decorator';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import { Route } from '../common/http/route.decorator';
import {
  ApplicationDecisionDto,
  CreateExhibitorApplicationDto,
  ExhibitorApplicationResponse,
  ListExhibitorApplicationsQuery,
  UpdateExhibitorApplicationDto,
} from './dto/exhibitor-application.dto';
import { ExhibitorApplicationsService } from './exhibitor-applications.service';

@ApiTags('expo floor')
@Controller('events/:eventId/exhibitor-applications')
export class ExhibitorApplicationsController {
  constructor(private readonly applicationsService: ExhibitorApplicationsService) {}

  @Post()
  @Route({
    summary: 'Apply for your organization to exhibit (members of the organization)',
    response: ExhibitorApplicationResponse,
    status: HttpStatus.CREATED,
  })
  apply(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Body() dto: CreateExhibitorApplicationDto,
  ): Promise<ExhibitorApplicationResponse> {
    return this.applicationsService.apply(user, eventId, dto);
  }

  @Get()
  @Route({ summary: "Applications: all for organizers, your organizations' for anyone else", response: [ExhibitorApplicationResponse] })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Query() query: ListExhibitorApplicationsQuery,
  ): Promise<ExhibitorApplicationResponse[]> {
    return this.applicationsService.list(user, eventId, query);
  }

  @Get(':applicationId')
  @Route({ summary: "An application (organizers, the applying organization's members)", response: ExhibitorApplicationResponse })
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('applicationId', ParseIdPipe) applicationId: string,
  ): Promise<ExhibitorApplicationResponse> {
    return this.applicationsService.get(user, eventId, applicationId);
  }

  @Patch(':applicationId')
  @Route({ summary: 'Change your application while it is submitted or waitlisted', response: ExhibitorApplicationResponse })
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('applicationId', ParseIdPipe) applicationId: string,
    @Body() dto: UpdateExhibitorApplicationDto,
  ): Promise<ExhibitorApplicationResponse> {
    return this.applicationsService.update(user, eventId, applicationId, dto);
  }

  @Post(':applicationId/decision')
  @Route({
    summary: 'Accept, reject (with a reason) or waitlist (organizers)',
    description: "Accepting makes the organization's members exhibitors of the event; rejecting or waitlisting an accepted application frees its booths.",
    response: ExhibitorApplicationResponse,
  })
  decide(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('applicationId', ParseIdPipe) applicationId: string,
    @Body() dto: ApplicationDecisionDto,
  ): Promise<ExhibitorApplicationResponse> {
    return this.applicationsService.decide(user, eventId, applicationId, dto);
  }

  @Post(':applicationId/withdraw')
  @Route({ summary: 'Withdraw your application (frees any booths it holds)', response: ExhibitorApplicationResponse })
  withdraw(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('applicationId', ParseIdPipe) applicationId: string,
  ): Promise<ExhibitorApplicationResponse> {
    return this.applicationsService.withdraw(user, eventId, applicationId);
  }
}
