import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AuthMaintenanceModule } from './auth/auth-maintenance.module';
import { loggerOptions } from './common/logger-options';
import { ConsultationMaintenanceModule } from './consultations/consultation-maintenance.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source-options';
import { NotificationDeliveryModule } from './notifications/notification-delivery.module';
import { bullOptions } from './queues/bull-connection';
import { RedisModule } from './redis/redis.module';

/** The worker process: BullMQ processors and repeating jobs, sharing feature modules with the api. */
@Module({})
export class WorkerModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerOptions(config)),
        TypeOrmModule.forRoot(dataSourceOptions(config)),
        RedisModule,
        BullModule.forRoot(bullOptions(config)),
        AuthMaintenanceModule,
        NotificationDeliveryModule,
        ConsultationMaintenanceModule,
      ],
    };
  }
}
