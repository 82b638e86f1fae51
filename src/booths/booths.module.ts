import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventsModule } from '../events/events.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { Booth } from './booth.entity';
import { BoothsController } from './booths.controller';
import { BoothsService } from './booths.service';
import { DirectoryController } from './directory.controller';
import { DirectoryService } from './directory.service';
import { ExhibitorApplication } from './exhibitor-application.entity';
import { ExhibitorApplicationsController } from './exhibitor-applications.controller';
import { ExhibitorApplicationsService } from './exhibitor-applications.service';
import { Pavilion } from './pavilion.entity';
import { PavilionsController } from './pavilions.controller';
import { PavilionsService } from './pavilions.service';
import { Room } from './room.entity';
import { RoomsController } from './rooms.controller';
import { RoomsService } from './rooms.service';

/** The expo floor: pavilions, rooms, booths, exhibitor applications and the public directory. */
@Module({
  imports: [TypeOrmModule.forFeature([Pavilion, Room, Booth, ExhibitorApplication]), EventsModule, OrganizationsModule],
  controllers: [PavilionsController, RoomsController, BoothsController, ExhibitorApplicationsController, DirectoryController],
  providers: [PavilionsService, RoomsService, BoothsService, ExhibitorApplicationsService, DirectoryService],
  // The agenda checks a session's room with RoomsService.findRoom.
  exports: [RoomsService],
})
export class BoothsModule {}
