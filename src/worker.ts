import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { loadConfig } from './config/app-config';
import { exitOnStartupFailure } from './common/startup-failure';
import { prepareDatabase } from './database/prepare-database';
import { checkRedis } from './redis/check-redis';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  await prepareDatabase(config);
  await checkRedis(config.REDIS_URL);
  const app = await NestFactory.createApplicationContext(WorkerModule.register(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // On SIGTERM Nest closes the BullMQ workers, which stop taking jobs and let running ones finish.
  app.enableShutdownHooks();
  app.get(Logger).log('Worker started');
}

bootstrap().catch(exitOnStartupFailure);
