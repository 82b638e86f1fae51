import 'reflect-metadata';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { createApiApplication } from '../../src/app.setup';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { SmtpSink } from './smtp-sink';
import { createTestDatabase, databaseUrl, dropTestDatabase } from './test-database';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  http: () => TestAgent;
  mail: SmtpSink;
  close: () => Promise<void>;
}

/**
 * Boots the real API for one test file: its own database cloned from the migrated template, its own Redis key
 * prefix, and a real SMTP server on loopback.
 */
export async function startTestApp(overrides: Partial<Record<keyof AppConfig, string>> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const mail = new SmtpSink();
  const smtpUrl = await mail.start();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: databaseUrl(database),
    DATABASE_AUTO_CREATE: 'false',
    DATABASE_MIGRATE_ON_START: 'false',
    REDIS_KEY_PREFIX: `matchday-test-${randomBytes(6).toString('hex')}`,
    SMTP_URL: smtpUrl,
    ...overrides,
  });
  const app = await createApiApplication(config, { logger: false });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const server = app.getHttpServer();
  return {
    app,
    config,
    mail,
    http: () => request(server),
    close: async () => {
      await app.close();
      await mail.stop();
      await dropTestDatabase(database);
      await deleteKeys(config.REDIS_URL, `${config.REDIS_KEY_PREFIX}:*`);
    },
  };
}

async function deleteKeys(redisUrl: string, pattern: string): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    const stream = redis.scanStream({ match: pattern, count: 500 });
    for await (const keys of stream as AsyncIterable<string[]>) {
      if (keys.length > 0) await redis.del(...keys);
    }
  } finally {
    redis.disconnect();
  }
}
