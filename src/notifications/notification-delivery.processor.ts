import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DelayedError, Job } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { QueueName } from '../queues/queue-name';
import { DeliverJobData, NotificationJob } from './notification-jobs';
import { DeliveryOutcome, EARLY_TOLERANCE_MS, NotificationDelivery } from './notification-delivery.service';

/** Sends due notifications (worker only). Retries and backoff are declared with the job (notification-jobs.ts). */
@Processor(QueueName.Notifications)
export class NotificationDeliveryProcessor extends WorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(NotificationDeliveryProcessor.name);

  constructor(
    private readonly delivery: NotificationDelivery,
    private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.NOTIFICATION_WORKER_CONCURRENCY;
  }

  /** Stops taking jobs and lets the running sends finish while the database and SMTP are still open. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.close();
  }

  async process(job: Job, token?: string): Promise<DeliveryOutcome> {
    switch (job.name) {
      case NotificationJob.Deliver:
        return this.deliver(job as Job<DeliverJobData>, token);
      default:
        throw new Error(`Unknown job ${job.name} on ${QueueName.Notifications}`);
    }
  }

  /**
   * A job failed for good (its last try, or BullMQ gave up on it) without its row being claimed, e.g. the database
   * refused every try: the row would stay pending, so it is marked failed here. (If this cannot be written either, the
   * reconciliation finds the pending row whose job is finished and gives it a new one.)
   */
  @OnWorkerEvent('failed')
  async onFailed(job: Job | undefined, error: Error): Promise<void> {
    // finishedOn is set only when BullMQ will not try again.
    if (!job || job.name !== NotificationJob.Deliver || job.finishedOn === undefined) return;
    const { notificationId, revision } = job.data as DeliverJobData;
    await this.delivery
      .failUnsent(notificationId, revision, error)
      .catch((markError: unknown) => this.logger.error({ err: markError, notificationId }, 'Could not mark a failed delivery; reconciliation will retry it'));
  }

  private async deliver(job: Job<DeliverJobData>, token: string | undefined): Promise<DeliveryOutcome> {
    // Whoever wins the claim sends; a retried, stalled or duplicated job finds the row taken and does nothing.
    const row = await this.delivery.load(job.data.notificationId, job.data.revision);
    if (!row) return 'stale';
    if (row.dueInMs > EARLY_TOLERANCE_MS && token) {
      // Woken before its time (promoted from the dashboard, or this clock runs ahead of PostgreSQL's): back to wait.
      await job.moveToDelayed(Date.now() + row.dueInMs, token);
      throw new DelayedError();
    }
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    return this.delivery.deliver(row, lastAttempt);
  }
}
