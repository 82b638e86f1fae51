import { Body, Controller, Delete, Get, HttpStatus, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { CurrentUser } from '../common/http/current-user.decorator';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import { Route } from '../common/http/route.decorator';
import { BoothsService } from './booths.service';
import {
  AssignBoothDto,
  BoothResponse,
  CreateBoothBatchDto,
  CreateBoothDto,
  ListBoothsQuery,
  UpdateBoothDto,
  UpdateBoothProfileDto,
} from './dto/booth.dto';

@ApiTags('expo floor')
@Controller('events/:eventId/booths')
export class BoothsController {
  constructor(private readonly boothsService: BoothsService) {}

  @Post()
  @Route({ summary: 'Add a booth to a pavilion (organizers)', response: BoothResponse, status: HttpStatus.CREATED })
  create(@CurrentUser() user: AuthenticatedUser, @Param('eventId', ParseIdPipe) eventId: string, @Body() dto: CreateBoothDto): Promise<BoothResponse> {
    return this.boothsService.create(user, eventId, dto);
  }

  @Post('batch')
  @Route({
    summary: 'Add a numbered run of booths, e.g. C-01 to C-20 (organizers)',
    description: 'All or nothing: if any code is already in use, the answer is 409 naming those codes and no booth is created.',
    response: [BoothResponse],
    status: HttpStatus.CREATED,
  })
  createBatch(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Body() dto: CreateBoothBatchDto,
  ): Promise<BoothResponse[]> {
    return this.boothsService.createBatch(user, eventId, dto);
  }

  @Get()
  @Route({ summary: 'Booths, by pavilion or status (organizers)', response: [BoothResponse] })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Query() query: ListBoothsQuery,
  ): Promise<BoothResponse[]> {
    return this.boothsService.list(user, eventId, query);
  }

  @Get(':boothId')
  @Route({ summary: 'A booth (organizers, and members of the exhibiting organization)', response: BoothResponse })
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('boothId', ParseIdPipe) boothId: string,
  ): Promise<BoothResponse> {
    return this.boothsService.get(user, eventId, boothId);
  }

  @Patch(':boothId')
  @Route({ summary: 'Change code, type, pavilion, or put on hold / make available (organizers)', response: BoothResponse })
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('boothId', ParseIdPipe) boothId: string,
    @Body() dto: UpdateBoothDto,
  ): Promise<BoothResponse> {
    return this.boothsService.update(user, eventId, boothId, dto);
  }

  @Delete(':boothId')
  @Route({ summary: 'Delete a booth that has no exhibitor (organizers)' })
  remove(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('boothId', ParseIdPipe) boothId: string,
  ): Promise<void> {
    return this.boothsService.remove(user, eventId, boothId);
  }

  @Put(':boothId/assignment')
  @Route({
    summary: 'Give the booth to an accepted exhibitor application (organizers)',
    description: "409 booth_taken if it already has an exhibitor, 409 booth_allowance_reached if the exhibitor holds all the booths it may.",
    response: BoothResponse,
  })
  assign(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('boothId', ParseIdPipe) boothId: string,
    @Body() dto: AssignBoothDto,
  ): Promise<BoothResponse> {
    return this.boothsService.assign(user, eventId, boothId, dto);
  }

  @Delete(':boothId/assignment')
  @Route({ summary: 'Take the booth back from its exhibitor (organizers)' })
  unassign(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('boothId', ParseIdPipe) boothId: string,
  ): Promise<void> {
    return this.boothsService.unassign(user, eventId, boothId);
  }

  @Patch(':boothId/profile')
  @Route({ summary: "Edit the booth's description, products, links and staff (its exhibitor, organizers)", response: BoothResponse })
  updateProfile(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('boothId', ParseIdPipe) boothId: string,
    @Body() dto: UpdateBoothProfileDto,
  ): Promise<BoothResponse> {
    return this.boothsService.updateProfile(user, eventId, boothId, dto);
  }
}
