import { Body, Controller, Get, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { CurrentUser } from '../common/http/current-user.decorator';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import { Route } from '../common/http/route.decorator';
import { CollaborationsService } from './collaborations.service';
import { CollaborationResponse, CreateCollaborationDto, ListCollaborationsQuery, MoveStageDto } from './dto/collaboration.dto';

@ApiTags('collaborations')
@Controller()
export class CollaborationsController {
  constructor(private readonly collaborationsService: CollaborationsService) {}

  @Post('events/:eventId/collaborations')
  @Route({
    summary: "Start a collaboration project with a published winner of a challenge (organizers, the host company)",
    response: CollaborationResponse,
    status: HttpStatus.CREATED,
  })
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Body() dto: CreateCollaborationDto,
  ): Promise<CollaborationResponse> {
    return this.collaborationsService.create(user, eventId, dto);
  }

  @Get('events/:eventId/collaborations')
  @Route({ summary: "The event's collaboration projects (organizers: all; others: their companies')", response: [CollaborationResponse] })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Query() query: ListCollaborationsQuery,
  ): Promise<CollaborationResponse[]> {
    return this.collaborationsService.list(user, eventId, query);
  }

  @Get('events/:eventId/collaborations/:projectId')
  @Route({ summary: 'A collaboration project with its stage history (organizers, the two companies)', response: CollaborationResponse })
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('projectId', ParseIdPipe) projectId: string,
  ): Promise<CollaborationResponse> {
    return this.collaborationsService.get(user, eventId, projectId);
  }

  @Post('events/:eventId/collaborations/:projectId/stages')
  @Route({ summary: 'Move the project to a later stage, or drop it, with the day and a note (organizers, the host company)', response: CollaborationResponse })
  moveStage(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('projectId', ParseIdPipe) projectId: string,
    @Body() dto: MoveStageDto,
  ): Promise<CollaborationResponse> {
    return this.collaborationsService.moveStage(user, eventId, projectId, dto);
  }

  @Get('organizations/:organizationId/collaborations')
  @Route({ summary: "A company's collaboration projects across events, as host or startup (its members)", response: [CollaborationResponse] })
  listForOrganization(
    @CurrentUser() user: AuthenticatedUser,
    @Param('organizationId', ParseIdPipe) organizationId: string,
  ): Promise<CollaborationResponse[]> {
    return this.collaborationsService.listForOrganization(user, organizationId);
  }
}
