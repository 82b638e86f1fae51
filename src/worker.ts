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
  const logger = app.get(Logger);
  app.useLogger(logger);
  logger.log('Worker started');

  // On SIGTERM or SIGINT: closing the app closes the BullMQ workers, which take no new jobs and let the running
  // ones finish; past the bound (WORKER_SHUTDOWN_TIMEOUT_SECONDS) the process exits anyway (their jobs are retried as
  // stalled by another worker, and a send cut short stays `sending`: never sent twice).
  const stop = (signal: NodeJS.Signals): void => {
    logger.log({ signal }, 'Worker stopping');
    setTimeout(() => {
      logger.error('Worker did not stop in time; exiting');
      process.exit(1);
    }, config.WORKER_SHUTDOWN_TIMEOUT_SECONDS * 1000).unref();
    app.close().then(
      () => {
        logger.log('Worker stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'Worker stopped with an error');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

bootstrap().catch(exitOnStartupFailure);
