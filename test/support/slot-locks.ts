import { DataSource, QueryRunner } from 'typeorm';
import { eventually } from './test-worker';

/**
 * Holds the advisory locks a booking takes first thing in its transaction (MeetingPlacementService.commit: one per
 * person and slot start), so a test can stop bookings after their checks and before their insert, change something
 * meanwhile, and let them go on: a way to play a race in a fixed order.
 */
export interface SlotLocks {
  /** Resolves once `count` statements of this database wait for an advisory lock. */
  waitForWaiters(count: number): Promise<void>;
  release(): Promise<void>;
}

export async function holdSlotLocks(dataSource: DataSource, userIds: string[], startsAt: Date | string): Promise<SlotLocks> {
  const runner: QueryRunner = dataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  const instant = new Date(startsAt).toISOString();
  for (const userId of userIds) {
    await runner.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`meeting-slot:${userId}:${instant}`]);
  }
  return {
    waitForWaiters: (count) =>
      eventually(`${count} booking(s) waiting on the slot locks`, async () => {
        const [{ waiting }] = await dataSource.query(
          `SELECT count(*)::int AS waiting FROM pg_locks
            WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        );
        return waiting >= count;
      }),
    release: async () => {
      await runner.commitTransaction();
      await runner.release();
    },
  };
}
