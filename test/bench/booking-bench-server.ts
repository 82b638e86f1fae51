import 'reflect-metadata';
import { createApiApplication } from '../../src/app.setup';
import { loadConfig } from '../../src/config/app-config';

/**
 * The built API as src/main.ts serves it (the same AppModule and configureApp), listening on loopback only, for
 * `npm run bench:booking` and `npm run bench:calendar` to start in a process of its own. The database is ready
 * (cloned from the test template).
 */
async function serve(): Promise<void> {
  const config = loadConfig();
  const app = await createApiApplication(config, { logger: false });
  await app.listen(config.PORT, '127.0.0.1');
  process.send?.('listening');
}

serve().catch((error: unknown) => {
  process.stderr.write(`bench server failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
