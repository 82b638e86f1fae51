import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgendaModule } from '../agenda/agenda.module';
import { EventsModule } from '../events/events.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { UsersModule } from '../users/users.module';
import { ConsultationFacts } from './consultation-facts.service';
import { ConsultationAccessService } from './consultation-access.service';
import { IdempotencyService } from './idempotency.service';
import { MeetingExpiry } from './meeting-expiry.service';
import { MeetingPlacementService } from './meeting-placement.service';
import { MeetingPresenter } from './meeting-presenter.service';
import { MeetingRequestsController } from './meeting-requests.controller';
import { MeetingRequestsService } from './meeting-requests.service';
import { MeetingsController } from './meetings.controller';
import { MeetingsService } from './meetings.service';
import { ConsultationFiguresController } from './consultation-figures.controller';
import { ConsultationFiguresService } from './consultation-figures.service';
import { ConsultationProgramme } from './consultation-programme.entity';
import { ConsultationRound } from './consultation-round.entity';
import { IdempotencyRecord } from './idempotency-record.entity';
import { MeetingAttendee } from './meeting-attendee.entity';
import { MeetingHistoryEntry } from './meeting-history-entry.entity';
import { MeetingNote } from './meeting-note.entity';
import { MeetingNotesController } from './meeting-notes.controller';
import { MeetingNotesService } from './meeting-notes.service';
import { MeetingOutcome } from './meeting-outcome.entity';
import { MeetingOutcomesController } from './meeting-outcomes.controller';
import { MeetingOutcomesService } from './meeting-outcomes.service';
import { MeetingRequest } from './meeting-request.entity';
import { OverlapFinder } from './overlap-finder.service';
import { Meeting } from './meeting.entity';
import { ProgrammeParticipant } from './programme-participant.entity';
import { RoundCatalog } from './round-catalog.service';
import { AvailabilityController } from './availability.controller';
import { AvailabilityService } from './availability.service';
import { ProgrammesController } from './programmes.controller';
import { ProgrammesService } from './programmes.service';
import { RoundsController } from './rounds.controller';
import { RoundsService } from './rounds.service';
import { RoundLocation } from './round-location.entity';
import { RoundQuota } from './round-quota.entity';
import { RoundWindow } from './round-window.entity';
import { UnavailableSlot } from './unavailable-slot.entity';

/** Multi-round 1:1 consultations: programmes, rounds, slots, availability, requests, meetings, outcomes. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      ConsultationProgramme,
      ProgrammeParticipant,
      ConsultationRound,
      RoundWindow,
      RoundLocation,
      UnavailableSlot,
      MeetingRequest,
      Meeting,
      MeetingAttendee,
      MeetingHistoryEntry,
      MeetingNote,
      MeetingOutcome,
      RoundQuota,
      IdempotencyRecord,
    ]),
    EventsModule,
    AgendaModule,
    OrganizationsModule,
    UsersModule,
    NotificationsModule,
  ],
  controllers: [ProgrammesController, RoundsController, AvailabilityController, MeetingNotesController, MeetingOutcomesController, ConsultationFiguresController, MeetingsController, MeetingRequestsController],
  providers: [RoundCatalog, ProgrammesService, RoundsService, AvailabilityService, ConsultationAccessService, MeetingNotesService, MeetingOutcomesService, ConsultationFiguresService, IdempotencyService, MeetingPlacementService, MeetingPresenter, MeetingsService, MeetingRequestsService, OverlapFinder, ConsultationFacts, MeetingExpiry],
  // IR pitch sessions turn an investor's "want to meet" into a request (MeetingRequestsService.requestForHost) in a
  // round they link to (checked with RoundCatalog.findRound); calendars check who may download a meeting's .ics
  // through ConsultationAccessService; the notifications worker reads meetings, requests and rounds as they stand at
  // send time (ConsultationFacts); the worker expires bookings of closed rounds (MeetingExpiry).
  exports: [MeetingRequestsService, RoundCatalog, ConsultationAccessService, ConsultationFacts, MeetingExpiry],
})
export class ConsultationsModule {}
