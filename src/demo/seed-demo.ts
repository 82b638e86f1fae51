import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { exitOnStartupFailure } from '../common/startup-failure';
import { dataSourceOptions } from '../database/data-source-options';
import { prepareDatabase } from '../database/prepare-database';
import { DEMO_EVENTS, DEMO_PASSWORD, DEMO_PEOPLE } from './demo-data';
import { loadDemoData } from './demo-seed';

/** `npm run seed:demo`: creates and migrates the database if needed, loads the demo data, prints the logins. */
async function main(): Promise<void> {
  const config = loadConfig();
  await prepareDatabase(config);
  const dataSource = new DataSource(dataSourceOptions(config));
  await dataSource.initialize();
  try {
    printLogins(config.PUBLIC_BASE_URL, await loadDemoData(dataSource));
  } finally {
    await dataSource.destroy();
  }
}

function printLogins(baseUrl: string, created: number): void {
  const lines = [
    '',
    `Matchday demo data ready (${created === 0 ? 'already loaded; nothing changed' : `${created} accounts created`}).`,
    `Sign in at POST ${baseUrl}/auth/login or try it in ${baseUrl}/docs, password for every demo account: ${DEMO_PASSWORD}`,
    ...DEMO_PEOPLE.map((person) => `  ${person.email.padEnd(30)} ${person.purpose}`),
    `Events: ${DEMO_EVENTS.map((event) => `${baseUrl}/events/${event.slug}`).join('  ')}`,
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch(exitOnStartupFailure);
