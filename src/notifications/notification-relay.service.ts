import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { queryRows } from '../common/database-queries';
import { QueueName } from '../queues/queue-name';
import { DeliverJobData, deliveryJobId, deliveryJobOptions, NotificationJob } from './notification-jobs';

const BATCH_SIZE = 1000;
const LANES = 3;

interface UnsyncedRow {
  id: string;
  revision: number;
  syncedRevision: number | null;
  status: string;
  dueAt: Date;
}

/** A pending row as a BullMQ job: the deterministic id, delayed until the row is due (at once if overdue). */
export function deliveryJob(config: AppConfig, row: { id: string; revision: number; dueAt: Date }, now = Date.now()) {
  const data: DeliverJobData = { notificationId: row.id, revision: row.revision };
  return {
    name: NotificationJob.Deliver,
    data,
    opts: { ...deliveryJobOptions(config), jobId: deliveryJobId(row.id, row.revision), delay: Math.max(0, row.dueAt.getTime() - now) },
  };
}

/**
 * Moves the outbox into BullMQ (worker only). Rows whose `synced_revision` differs from `revision` are taken in
 * batches (FOR UPDATE SKIP LOCKED, so replicas share the work): the job of the previously synced revision is removed,
 * a pending row gets its delayed job (addBulk; the id makes a repeat a no-op), then `synced_revision = revision`.
 * A crash between the two leaves the row unsynced and the next pass does it again. So Redis' delayed set holds
 * exactly one job per pending row. Runs on a short poll.
 */
@Injectable()
export class NotificationRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(NotificationRelay.name);
  private timer: NodeJS.Timeout | null = null;
  private pass: Promise<void> | null = null;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Notifications) private readonly queue: Queue,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.pass;
  }

  /**
   * Syncs until nothing is left; returns how many rows it synced. A few batches run at once (SKIP LOCKED gives each
   * its own rows), so PostgreSQL's work on one overlaps Redis' on another.
   */
  async drain(): Promise<number> {
    const lanes = await Promise.all(
      Array.from({ length: LANES }, async () => {
        let total = 0;
        for (;;) {
          const synced = await this.syncBatch();
          total += synced;
          if (synced < BATCH_SIZE) return total;
        }
      }),
    );
    return lanes.reduce((sum, count) => sum + count, 0);
  }

  /** One batch in one transaction; returns how many rows it synced. */
  async syncBatch(limit = BATCH_SIZE): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await queryRows<UnsyncedRow>(
        manager,
        `SELECT id, revision, synced_revision AS "syncedRevision", status::text AS status, due_at AS "dueAt"
           FROM notifications WHERE synced_revision IS DISTINCT FROM revision
          ORDER BY due_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      if (rows.length === 0) return 0;
      const superseded = rows.filter((row) => row.syncedRevision !== null).map((row) => deliveryJobId(row.id, row.syncedRevision!));
      // A job already running cannot be removed; it wakes to a newer revision and sends nothing.
      await Promise.all(superseded.map((jobId) => this.queue.remove(jobId)));
      const now = Date.now();
      const pending = rows.filter((row) => row.status === 'pending');
      if (pending.length > 0) await this.queue.addBulk(pending.map((row) => deliveryJob(this.config, row, now)));
      await manager.query(
        `UPDATE notifications SET synced_revision = synced.revision
           FROM unnest($1::uuid[], $2::int[]) AS synced(id, revision) WHERE notifications.id = synced.id`,
        [rows.map((row) => row.id), rows.map((row) => row.revision)],
      );
      return rows.length;
    });
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.pass = this.drain()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.error({ err: error }, 'Notification relay pass failed; retrying'))
        .finally(() => {
          this.pass = null;
          this.schedule(this.config.NOTIFICATION_RELAY_POLL_MS);
        });
    }, delay);
  }
}
