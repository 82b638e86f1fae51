import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminUsersController } from './admin-users.controller';
import { PersonZones } from './person-zones.service';
import { TravelTimeZone } from './travel-time-zone.entity';
import { TravelTimeZonesController } from './travel-time-zones.controller';
import { TravelTimeZonesService } from './travel-time-zones.service';
import { User } from './user.entity';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([User, TravelTimeZone])],
  controllers: [UsersController, TravelTimeZonesController, AdminUsersController],
  providers: [UsersService, TravelTimeZonesService, PersonZones],
  // PersonZones: the zone a person is in at a moment (travel ranges over the profile zone), for calendars and reminders.
  exports: [UsersService, PersonZones],
})
export class UsersModule {}
