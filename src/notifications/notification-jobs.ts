import type { JobsOptions } from 'bullmq';
import { AppConfig } from '../config/app-config';

/** Jobs of QueueName.Notifications. */
export enum NotificationJob {
  Deliver = 'deliver',
}

export interface DeliverJobData {
  notificationId: string;
  /** The row's revision when the job was made: a job of an older revision finds nothing to send. */
  revision: number;
}

/** Jobs of QueueName.NotificationMaintenance. */
export enum NotificationMaintenanceJob {
  Reconcile = 'reconcile',
}

export type ReconcileJobData = Record<string, never>;

/** Fixed, so every worker replica upserts the same single schedule. */
export const RECONCILE_SCHEDULE_ID = 'notifications-reconcile';
/** A one-off run asked for when Redis lost its data (the schedule itself went with it); duplicates collapse. */
export const RECONCILE_NOW_JOB_ID = 'notifications-reconcile-now';

/** Deterministic: the same row and revision always make the same job, so adding it twice adds one. (BullMQ ids cannot hold ':'.) */
export function deliveryJobId(notificationId: string, revision: number): string {
  return `${notificationId}.r${revision}`;
}

/** Retries with exponential backoff; finished jobs kept a while for the dashboard, then dropped. */
export function deliveryJobOptions(config: AppConfig): JobsOptions {
  return {
    attempts: config.NOTIFICATION_DELIVERY_ATTEMPTS,
    backoff: { type: 'exponential', delay: config.NOTIFICATION_RETRY_DELAY_MS },
    removeOnComplete: { age: 3600, count: 10_000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  };
}

export function reconcileJobOptions(): JobsOptions {
  return { attempts: 1, removeOnComplete: 50, removeOnFail: 200 };
}

/** Where the reconciliation notes that Redis holds every pending row's job; gone after a flush or a restart without persistence. */
export function syncMarkerKey(config: AppConfig): string {
  return `${config.REDIS_KEY_PREFIX}:notifications:synced`;
}
