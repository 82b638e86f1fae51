import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { CurrentUser } from '../common/http/current-user.decorator';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import { Route } from '../common/http/route.decorator';
import { ConsultationFiguresService } from './consultation-figures.service';
import { ProgrammeFiguresResponse, RoundFiguresResponse } from './dto/consultation-figures.dto';

const DESCRIPTION =
  'Requests (and the acceptance rate), meetings by status, outcomes and the investment under discussion per currency. ' +
  'Organizers only; everyone else 404.';

@ApiTags('consultations')
@Controller('events/:eventId')
export class ConsultationFiguresController {
  constructor(private readonly figuresService: ConsultationFiguresService) {}

  @Get('consultation-rounds/:roundId/figures')
  @Route({ summary: "A round's figures (organizers)", description: DESCRIPTION, response: RoundFiguresResponse })
  round(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('roundId', ParseIdPipe) roundId: string,
  ): Promise<RoundFiguresResponse> {
    return this.figuresService.forRound(user, eventId, roundId);
  }

  @Get('consultation-programmes/:programmeId/figures')
  @Route({ summary: "A programme's figures, in total and per round (organizers)", description: DESCRIPTION, response: ProgrammeFiguresResponse })
  programme(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('programmeId', ParseIdPipe) programmeId: string,
  ): Promise<ProgrammeFiguresResponse> {
    return this.figuresService.forProgramme(user, eventId, programmeId);
  }
}
