import { DataSource, QueryRunner } from 'typeorm';
import { slotLockKey } from '../../src/consultations/meeting-placement.service';
import { eventually } from './test-worker';

/**
 * Locks a test holds in a transaction of its own, to stop the API's statements at a known point, change something
 * meanwhile, and let them go on: a way to play a race in a fixed order.
 */
export interface HeldLocks {
  /** Ends the transaction (again: nothing more), so a failed test never leaves the API's statements waiting. */
  release(): Promise<void>;
}

/** Locks still held: a test that fails midway leaves them to `releaseHeldLocks` (run it after each test). */
const held = new Set<HeldLocks>();

/** Runs the locking statements in a new transaction and keeps it open until `release`. */
export async function holdLocks(dataSource: DataSource, statements: Array<[string, unknown[]]>): Promise<HeldLocks> {
  const runner: QueryRunner = dataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  for (const [sql, parameters] of statements) await runner.query(sql, parameters);
  const locks: HeldLocks = {
    release: async () => {
      if (!held.delete(locks)) return;
      await runner.commitTransaction();
      await runner.release();
    },
  };
  held.add(locks);
  return locks;
}

/** Releases every lock a test still holds, so the statements it stopped go on and the app can close. */
export async function releaseHeldLocks(): Promise<void> {
  await Promise.all(Array.from(held, (locks) => locks.release()));
}

/**
 * The advisory locks a booking takes first thing in its transaction (MeetingPlacementService.commit: one per person and
 * slot start): held, they stop bookings of that slot after their checks and before their insert.
 */
export function holdSlotLocks(dataSource: DataSource, userIds: string[], startsAt: Date | string): Promise<HeldLocks> {
  const instant = new Date(startsAt);
  return holdLocks(
    dataSource,
    userIds.map((userId) => ['SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [slotLockKey(userId, instant)]]),
  );
}

/** How many sessions of this database wait for a lock now (a row, an advisory lock, a transaction). */
export async function lockWaiters(dataSource: DataSource): Promise<number> {
  const [{ waiting }] = await dataSource.query(
    `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
  );
  return waiting;
}

/** Resolves once at least `count` sessions of this database wait for a lock. */
export function waitForLockWaiters(dataSource: DataSource, count: number): Promise<void> {
  return eventually(`${count} statement(s) waiting for a lock`, async () => (await lockWaiters(dataSource)) >= count);
}
