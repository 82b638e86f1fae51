import { Processor, WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { Job } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { QueueName } from '../queues/queue-name';
import { DeliverJobData, NotificationJob } from './notification-jobs';
import { DeliveryOutcome, NotificationDelivery } from './notification-delivery.service';

/** Sends due notifications (worker only). Retries and backoff are declared with the job (notification-jobs.ts). */
@Processor(QueueName.Notifications)
export class NotificationDeliveryProcessor extends WorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
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

  async process(job: Job): Promise<DeliveryOutcome | 'stale'> {
    switch (job.name) {
      case NotificationJob.Deliver:
        return this.deliver(job as Job<DeliverJobData>);
      default:
        throw new Error(`Unknown job ${job.name} on ${QueueName.Notifications}`);
    }
  }

  private async deliver(job: Job<DeliverJobData>): Promise<DeliveryOutcome | 'stale'> {
    // Whoever wins the claim sends; a retried, stalled or duplicated job finds the row taken and does nothing.
    const row = await this.delivery.claim(job.data.notificationId, job.data.revision);
    if (!row) return 'stale';
    try {
      return await this.delivery.deliver(row);
    } catch (error) {
      const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      await this.delivery.release(row, error, final);
      throw error;
    }
  }
}
