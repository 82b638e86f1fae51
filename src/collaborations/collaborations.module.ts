import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CallsModule } from '../calls/calls.module';
import { EventsModule } from '../events/events.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { CollaborationProject } from './collaboration-project.entity';
import { CollaborationStageEntry } from './collaboration-stage-entry.entity';
import { CollaborationsController } from './collaborations.controller';
import { CollaborationsService } from './collaborations.service';

/** Open-innovation collaboration projects between host companies and challenge winners, through their stages. */
@Module({
  imports: [TypeOrmModule.forFeature([CollaborationProject, CollaborationStageEntry]), EventsModule, OrganizationsModule, CallsModule],
  controllers: [CollaborationsController],
  providers: [CollaborationsService],
  exports: [],
})
export class CollaborationsModule {}
