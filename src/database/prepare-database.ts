import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { redactedUrl } from '../config/redacted-url';
import { ServiceUnreachableError } from '../common/startup-failure';
import { dataSourceOptions } from './data-source-options';

const MIGRATION_LOCK_KEY = 7_310_000_001;

const HOW_TO_START_POSTGRES =
  'start PostgreSQL (`docker compose up -d postgres`, or `pg_ctlcluster <version> main start`) or set DATABASE_URL';

function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

/**
 * Before the app starts: reach PostgreSQL (one clear error if it cannot), create the database if configured
 * and missing, and run pending migrations if configured.
 */
export async function prepareDatabase(config: AppConfig): Promise<void> {
  const target = new URL(config.DATABASE_URL);
  const name = databaseName(config.DATABASE_URL);
  const maintenanceUrl = new URL(config.DATABASE_URL);
  maintenanceUrl.pathname = '/postgres';

  const client = new Client({ connectionString: maintenanceUrl.toString(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch (error) {
    throw new ServiceUnreachableError(
      `Cannot reach PostgreSQL at ${redactedUrl(target.toString())} (${(error as Error).message}): ${HOW_TO_START_POSTGRES}`,
    );
  }
  try {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (existing.rowCount === 0) {
      if (!config.DATABASE_AUTO_CREATE) {
        throw new ServiceUnreachableError(
          `Database "${name}" does not exist at ${redactedUrl(target.toString())}: create it or set DATABASE_AUTO_CREATE=true`,
        );
      }
      // Identifiers cannot be bound as parameters; quote the name as PostgreSQL does.
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    }
  } finally {
    await client.end();
  }

  if (config.DATABASE_MIGRATE_ON_START) {
    const dataSource = new DataSource(dataSourceOptions(config));
    await dataSource.initialize();
    // Several replicas may start at once; the advisory lock lets one migrate while the others wait.
    const lockHolder = dataSource.createQueryRunner();
    try {
      await lockHolder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await lockHolder.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
      await lockHolder.release();
      await dataSource.destroy();
    }
  }
}
