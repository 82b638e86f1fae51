import 'reflect-metadata';
import { createApiApplication } from './app.setup';
import { loadConfig } from './config/app-config';
import { exitOnStartupFailure } from './common/startup-failure';
import { prepareDatabase } from './database/prepare-database';
import { checkRedis } from './redis/check-redis';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  await prepareDatabase(config);
  await checkRedis(config.REDIS_URL);
  const app = await createApiApplication(config, { bufferLogs: true });
  // Every interface, as Express listened (Fastify alone would take loopback only): the container's port is published.
  await app.listen(config.PORT, '0.0.0.0');
}

bootstrap().catch(exitOnStartupFailure);
