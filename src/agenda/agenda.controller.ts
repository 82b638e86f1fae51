import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { CurrentUser } from '../common/http/current-user.decorator';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import { Route } from '../common/http/route.decorator';
import { AgendaService } from './agenda.service';
import { MyAgendaItemResponse } from './dto/registration.dto';

@ApiTags('agenda')
@Controller()
export class AgendaController {
  constructor(private readonly agendaService: AgendaService) {}

  @Get('events/:eventId/agenda/mine')
  @Route({ summary: 'Your agenda in this event: sessions you speak at, are registered or waitlisted for', response: [MyAgendaItemResponse] })
  mine(@CurrentUser() user: AuthenticatedUser, @Param('eventId', ParseIdPipe) eventId: string): Promise<MyAgendaItemResponse[]> {
    return this.agendaService.mine(user, eventId);
  }

  @Get('agenda/mine')
  @Route({ summary: 'Your agenda across all events, each session in its event zone', response: [MyAgendaItemResponse] })
  mineEverywhere(@CurrentUser() user: AuthenticatedUser): Promise<MyAgendaItemResponse[]> {
    return this.agendaService.mineEverywhere(user);
  }
}
