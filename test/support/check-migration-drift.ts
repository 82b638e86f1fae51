import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { databaseUrl } from './test-database';

/**
 * CI's drift check: on a scratch database, every migration runs up, all the way down, and up again; then the
 * entities must describe exactly the schema the migrations built (what `migration:generate --check` tests).
 */
async function main(): Promise<number> {
  const name = `matchday_drift_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: databaseUrl('postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const dataSource = new DataSource(dataSourceOptions({ DATABASE_URL: databaseUrl(name) }));
  try {
    await dataSource.initialize();
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    for (let index = 0; index < applied.length; index += 1) await dataSource.undoLastMigration({ transaction: 'each' });
    await dataSource.runMigrations({ transaction: 'each' });
    const pending = await dataSource.driver.createSchemaBuilder().log();
    if (pending.upQueries.length > 0) {
      process.stderr.write('Entities and migrations disagree. Generate a migration (npm run migration:generate -- migrations/Name):\n');
      for (const query of pending.upQueries) process.stderr.write(`  ${query.query}\n`);
      return 1;
    }
    process.stdout.write(`Migrations: ${applied.length} applied, reverted and re-applied; entities match the schema.\n`);
    return 0;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`Migration check failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
