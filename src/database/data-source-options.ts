import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { AppConfig, DEFAULT_DATABASE_POOL_SIZE } from '../config/app-config';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** One definition of the connection, shared by the app, the worker, the CLI and the tests. */
export function dataSourceOptions(config: Pick<AppConfig, 'DATABASE_URL'> & Partial<Pick<AppConfig, 'DATABASE_POOL_SIZE'>>): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.DATABASE_URL,
    entities: [join(__dirname, '..', '**', '*.entity.js')],
    migrations: [join(__dirname, '..', '..', 'migrations', '*.js')],
    migrationsTableName: 'migrations',
    namingStrategy: new SnakeNamingStrategy(),
    // gen_random_uuid() is built into PostgreSQL 13+; extensions are created by migrations, not at connect.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    synchronize: false,
    migrationsRun: false,
    extra: { max: config.DATABASE_POOL_SIZE ?? DEFAULT_DATABASE_POOL_SIZE, connectionTimeoutMillis: 5000 },
  };
}
