import { ConfigValidationError } from '../config/app-config';

/** PostgreSQL or Redis does not answer, or the database is missing: the message says what to do. */
export class ServiceUnreachableError extends Error {}

/** Known start-up failures print one line and exit; anything else keeps its stack for the developer. */
export function exitOnStartupFailure(error: unknown): never {
  if (error instanceof ServiceUnreachableError || error instanceof ConfigValidationError) {
    process.stderr.write(`matchday: ${error.message}\n`);
  } else {
    process.stderr.write(`matchday: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
}
