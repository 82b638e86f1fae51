import 'reflect-metadata';
import { prepareTemplateDatabase } from './test-database';

prepareTemplateDatabase().catch((error: unknown) => {
  process.stderr.write(`Could not prepare the test template database: ${(error as Error).message}\n`);
  process.exit(1);
});
