import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgendaModule } from '../agenda/agenda.module';
import { EventsModule } from '../events/events.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { UsersModule } from '../users/users.module';
import { ConsultationProgramme } from './consultation-programme.entity';
import { ConsultationRound } from './consultation-round.entity';
import { IdempotencyRecord } from './idempotency-record.entity';
import { MeetingAttendee } from './meeting-attendee.entity';
import { MeetingHistoryEntry } from './meeting-history-entry.entity';
import { MeetingNote } from './meeting-note.entity';
import { MeetingOutcome } from './meeting-outcome.entity';
import { MeetingRequest } from './meeting-request.entity';
import { Meeting } from './meeting.entity';
import { ProgrammeParticipant } from './programme-participant.entity';
import { RoundCatalog } from './round-catalog.service';
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
  ],
  controllers: [],
  providers: [RoundCatalog],
  exports: [],
})
export class ConsultationsModule {}
