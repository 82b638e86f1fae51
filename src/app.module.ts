import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AgendaModule } from './agenda/agenda.module';
import { AuthModule } from './auth/auth.module';
import { BoothsModule } from './booths/booths.module';
import { CallsModule } from './calls/calls.module';
import { CollaborationsModule } from './collaborations/collaborations.module';
import { CalendarsModule } from './calendars/calendars.module';
import { ProblemDetailsFilter } from './common/errors/problem-details.filter';
import { loggerOptions } from './common/logger-options';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { ConsultationsModule } from './consultations/consultations.module';
import { dataSourceOptions } from './database/data-source-options';
import { EventsModule } from './events/events.module';
import { HealthModule } from './health/health.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OrganizationsModule } from './organizations/organizations.module';
import { PitchesModule } from './pitches/pitches.module';
import { bullOptions } from './queues/bull-connection';
import { QueueDashboardModule } from './queues/queue-dashboard.module';
import { RedisModule } from './redis/redis.module';
import { UsersModule } from './users/users.module';

/** The HTTP API process. */
@Module({})
export class AppModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerOptions(config)),
        TypeOrmModule.forRoot(dataSourceOptions(config)),
        RedisModule,
        BullModule.forRoot(bullOptions(config)),
        HealthModule,
        UsersModule,
        AuthModule,
        OrganizationsModule,
        EventsModule,
        BoothsModule,
        AgendaModule,
        ConsultationsModule,
        CallsModule,
        PitchesModule,
        CollaborationsModule,
        CalendarsModule,
        NotificationsModule,
        QueueDashboardModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    };
  }
}
