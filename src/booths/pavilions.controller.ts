import { Body, Controller, Delete, Get, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { CurrentUser, OptionalUser } from '../common/http/current-user.decorator';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import { Route } from '../common/http/route.decorator';
import { CreatePavilionDto, PavilionResponse, UpdatePavilionDto } from './dto/pavilion.dto';
import { PavilionsService } from './pavilions.service';

@ApiTags('expo floor')
@Controller('events/:eventId/pavilions')
export class PavilionsController {
  constructor(private readonly pavilionsService: PavilionsService) {}

  @Post()
  @Route({ summary: 'Add a pavilion (hall) to the floor (organizers)', response: PavilionResponse, status: HttpStatus.CREATED })
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Body() dto: CreatePavilionDto,
  ): Promise<PavilionResponse> {
    return this.pavilionsService.create(user, eventId, dto);
  }

  @Get()
  @Route({ summary: "The event's pavilions (public for published events)", public: true, response: [PavilionResponse] })
  list(@OptionalUser() user: AuthenticatedUser | undefined, @Param('eventId', ParseIdPipe) eventId: string): Promise<PavilionResponse[]> {
    return this.pavilionsService.list(user, eventId);
  }

  @Patch(':pavilionId')
  @Route({ summary: 'Update a pavilion (organizers)', response: PavilionResponse })
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('pavilionId', ParseIdPipe) pavilionId: string,
    @Body() dto: UpdatePavilionDto,
  ): Promise<PavilionResponse> {
    return this.pavilionsService.update(user, eventId, pavilionId, dto);
  }

  @Delete(':pavilionId')
  @Route({ summary: 'Delete a pavilion that has no booths (organizers)' })
  remove(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('pavilionId', ParseIdPipe) pavilionId: string,
  ): Promise<void> {
    return this.pavilionsService.remove(user, eventId, pavilionId);
  }
}
