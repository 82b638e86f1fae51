import { Body, Controller, Delete, Get, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { CurrentUser } from '../common/http/current-user.decorator';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import { Route } from '../common/http/route.decorator';
import { AddParticipantDto, CreateProgrammeDto, ParticipantResponse, ProgrammeResponse, UpdateProgrammeDto } from './dto/programme.dto';
import { ProgrammesService } from './programmes.service';

@ApiTags('consultations')
@Controller('events/:eventId/consultation-programmes')
export class ProgrammesController {
  constructor(private readonly programmesService: ProgrammesService) {}

  @Post()
  @Route({ summary: 'Create a consultation programme (organizers)', response: ProgrammeResponse, status: HttpStatus.CREATED })
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Body() dto: CreateProgrammeDto,
  ): Promise<ProgrammeResponse> {
    return this.programmesService.create(user, eventId, dto);
  }

  @Get()
  @Route({
    summary: 'Consultation programmes: all for organizers, the ones you take part in for other members',
    response: [ProgrammeResponse],
  })
  list(@CurrentUser() user: AuthenticatedUser, @Param('eventId', ParseIdPipe) eventId: string): Promise<ProgrammeResponse[]> {
    return this.programmesService.list(user, eventId);
  }

  @Get(':programmeId')
  @Route({ summary: 'A programme (organizers and its participants)', response: ProgrammeResponse })
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('programmeId', ParseIdPipe) programmeId: string,
  ): Promise<ProgrammeResponse> {
    return this.programmesService.get(user, eventId, programmeId);
  }

  @Patch(':programmeId')
  @Route({ summary: 'Rename or describe a programme (organizers)', response: ProgrammeResponse })
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('programmeId', ParseIdPipe) programmeId: string,
    @Body() dto: UpdateProgrammeDto,
  ): Promise<ProgrammeResponse> {
    return this.programmesService.update(user, eventId, programmeId, dto);
  }

  @Delete(':programmeId')
  @Route({ summary: 'Delete a programme with its rounds and participants, if it has no meetings (organizers)' })
  remove(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('programmeId', ParseIdPipe) programmeId: string,
  ): Promise<void> {
    return this.programmesService.remove(user, eventId, programmeId);
  }

  @Post(':programmeId/participants')
  @Route({
    summary: 'Add a host (investor or expert) or guest (startup) to a programme (organizers)',
    response: ParticipantResponse,
    status: HttpStatus.CREATED,
  })
  addParticipant(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('programmeId', ParseIdPipe) programmeId: string,
    @Body() dto: AddParticipantDto,
  ): Promise<ParticipantResponse> {
    return this.programmesService.addParticipant(user, eventId, programmeId, dto);
  }

  @Get(':programmeId/participants')
  @Route({ summary: "A programme's hosts and guests (organizers and participants)", response: [ParticipantResponse] })
  listParticipants(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('programmeId', ParseIdPipe) programmeId: string,
  ): Promise<ParticipantResponse[]> {
    return this.programmesService.listParticipants(user, eventId, programmeId);
  }

  @Delete(':programmeId/participants/:userId')
  @Route({ summary: 'Remove a participant without active meetings in the programme (organizers)' })
  removeParticipant(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('programmeId', ParseIdPipe) programmeId: string,
    @Param('userId', ParseIdPipe) userId: string,
  ): Promise<void> {
    return this.programmesService.removeParticipant(user, eventId, programmeId, userId);
  }
}
