import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BoothsModule } from '../booths/booths.module';
import { EventsModule } from '../events/events.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { UsersModule } from '../users/users.module';
import { AgendaSession } from './agenda-session.entity';
import { AgendaController } from './agenda.controller';
import { AgendaService } from './agenda.service';
import { RegistrationsController } from './registrations.controller';
import { RegistrationsService } from './registrations.service';
import { SessionAccessService } from './session-access.service';
import { SessionParty } from './session-party.entity';
import { SessionPresenter } from './session-presenter.service';
import { SessionRegistration } from './session-registration.entity';
import { SessionSpeaker } from './session-speaker.entity';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';

/** The programme: sessions, speakers, registrations, MOU signings and awards, personal agendas. */
@Module({
  imports: [
    TypeOrmModule.forFeature([AgendaSession, SessionSpeaker, SessionRegistration, SessionParty]),
    EventsModule,
    BoothsModule,
    OrganizationsModule,
    UsersModule,
  ],
  controllers: [SessionsController, RegistrationsController, AgendaController],
  providers: [SessionsService, RegistrationsService, AgendaService, SessionAccessService, SessionPresenter],
  // Matchmaking keeps 1:1 meetings clear of the times AgendaService.busyIntervals reports; IR pitch sessions run in
  // a session found with AgendaService.findSession.
  exports: [AgendaService],
})
export class AgendaModule {}
