import { Redis } from 'ioredis';
import { redactedUrl } from '../config/redacted-url';
import { ServiceUnreachableError } from '../common/startup-failure';

/** Fails fast with one clear line when Redis does not answer, instead of a reconnect loop. */
export async function checkRedis(url: string): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 3000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new ServiceUnreachableError(
      `Cannot reach Redis at ${redactedUrl(url)} (${(error as Error).message}): start Redis (\`docker compose up -d redis\`, or \`redis-server --daemonize yes\`) or set REDIS_URL`,
    );
  } finally {
    client.disconnect();
  }
}
