import { Client } from 'pg';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config/app-config';
import { dataSourceOptions } from '../../src/database/data-source-options';

/** Another name lets two checkouts run their tests side by side on one PostgreSQL. */
export const TEMPLATE_DATABASE = process.env.MATCHDAY_TEST_TEMPLATE ?? 'matchday_test_template';

/** A URL on the same server as DATABASE_URL, naming another database. */
export function databaseUrl(name: string): string {
  const url = new URL(loadConfig().DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withMaintenanceClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl('postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Builds the migrated template every test file clones; run once before the tests. */
export async function prepareTemplateDatabase(): Promise<void> {
  await withMaintenanceClient(async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  });
  const dataSource = new DataSource(dataSourceOptions({ DATABASE_URL: databaseUrl(TEMPLATE_DATABASE) }));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
}

/** A fresh database for one test file, cloned from the template (fast: a file copy, no migrations). */
export async function createTestDatabase(): Promise<string> {
  const name = `matchday_test_${randomBytes(6).toString('hex')}`;
  await withMaintenanceClient(async (client) => {
    // Two files cloning at the same moment can collide on the template ("being accessed by other users").
    for (let attempt = 1; ; attempt += 1) {
      try {
        await client.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
        return;
      } catch (error) {
        if (attempt >= 20 || !/being accessed by other users/.test((error as Error).message)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  });
  return name;
}

export async function dropTestDatabase(name: string): Promise<void> {
  await withMaintenanceClient((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}
