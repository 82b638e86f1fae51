import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { EntityManager, QueryFailedError } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

interface PostgresErrorFields {
  code?: string;
  constraint?: string;
}

/** Unique, exclusion, check and foreign-key violations: the ways a constraint refuses a write. */
const CONSTRAINT_VIOLATIONS = new Set(['23505', '23P01', '23514', '23503']);

/** True when a statement failed on the named constraint (names are unique across the schema). */
export function isConstraintViolation(error: unknown, constraint: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as PostgresErrorFields;
  return CONSTRAINT_VIOLATIONS.has(driverError.code ?? '') && driverError.constraint === constraint;
}

/**
 * The rows a statement gives back, whatever the command: TypeORM's plain `query()` answers UPDATE and DELETE with
 * `[rows, rowCount]` but others with the rows alone; its structured result is the same for all. Runs in the
 * manager's transaction when it has one.
 */
export async function queryRows<T>(manager: EntityManager, sql: string, parameters: unknown[] = []): Promise<T[]> {
  const ownRunner = manager.queryRunner ? undefined : manager.connection.createQueryRunner();
  try {
    const result = await (manager.queryRunner ?? ownRunner!).query(sql, parameters, true);
    return result.records as T[];
  } finally {
    await ownRunner?.release();
  }
}

/** Statement names by SQL text, so each text is hashed once per process. */
const statementNames = new Map<string, string>();

function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (name === undefined) {
    name = `matchday_${createHash('sha256').update(sql).digest('hex').slice(0, 32)}`;
    statementNames.set(sql, name);
  }
  return name;
}

/**
 * `queryRows` as a named prepared statement: each pooled connection parses and plans the text once and then only
 * binds and executes it, which takes a half to two thirds of PostgreSQL's work off the statements every booking or
 * access check runs. Only for SQL whose text is fixed (no values spliced in): each distinct text stays prepared on
 * every connection for the connection's life.
 */
export async function preparedRows<T>(manager: EntityManager, sql: string, parameters: unknown[] = []): Promise<T[]> {
  // In a transaction, its connection; else straight through the driver's pool (no query runner to set up and release).
  const runner: Pool | PoolClient = manager.queryRunner ? ((await manager.queryRunner.connect()) as PoolClient) : ((manager.connection.driver as PostgresDriver).master as Pool);
  try {
    const result = await runner.query<T & object>({ name: statementName(sql), text: sql, values: parameters });
    return result.rows;
  } catch (error) {
    // The same error TypeORM's own query() gives, so constraint and deadlock checks treat both alike.
    throw new QueryFailedError(sql, parameters, error as Error);
  }
}

/** An ILIKE pattern matching `text` anywhere, with LIKE's wildcards in it taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

const DEADLOCK_DETECTED = '40P01';

/**
 * Runs a transaction again when PostgreSQL broke a deadlock by aborting it (nothing of it was written). Two
 * simultaneous inserts into an exclusion constraint can deadlock each other; the retry then meets the winner's
 * committed row and fails cleanly on the constraint. After `attempts` tries the error goes to the caller.
 */
export async function retryOnDeadlock<T>(transaction: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await transaction();
    } catch (error) {
      const deadlocked = error instanceof QueryFailedError && (error.driverError as PostgresErrorFields).code === DEADLOCK_DETECTED;
      if (!deadlocked || attempt >= attempts) throw error;
    }
  }
}
