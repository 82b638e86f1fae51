import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { loadConfig } from './config/app-config';
import { exitOnStartupFailure } from './common/startup-failure';
import { prepareDatabase } from './database/prepare-database';
import { checkRedis } from './redis/check-redis';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  await prepareDatabase(config);
  await checkRedis(config.REDIS_URL);
  const app = await NestFactory.create(AppModule.register(config), { bufferLogs: true });
  configureApp(app);
  await app.listen(config.PORT);
}

bootstrap().catch(exitOnStartupFailure);
