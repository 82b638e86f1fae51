import type { QueueOptions } from 'bullmq';
import { AppConfig } from '../config/app-config';

/** BullMQ's connection and key prefix from the validated config (BullMQ takes ioredis options, not a URL). */
export function bullOptions(config: AppConfig): Pick<QueueOptions, 'connection' | 'prefix'> {
  const url = new URL(config.REDIS_URL);
  return {
    prefix: `${config.REDIS_KEY_PREFIX}:bull`,
    connection: {
      host: url.hostname,
      port: Number(url.port || 6379),
      username: url.username ? decodeURIComponent(url.username) : undefined,
      password: url.password ? decodeURIComponent(url.password) : undefined,
      db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
      tls: url.protocol === 'rediss:' ? {} : undefined,
      // Workers block on Redis; BullMQ requires unlimited retries on their connections.
      maxRetriesPerRequest: null,
    },
  };
}
