import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { QueueName } from '../queues/queue-name';
import { MailJob, MailJobData } from './mail-queue.service';
import { MailService } from './mail.service';

/**
 * Sends the mails the api queued (worker only), one at a time, in the order they were asked for. At least once: a
 * worker killed mid-send has its job retried as stalled, so such a mail (an invitation: the same link) can arrive twice.
 */
@Processor(QueueName.Mail)
export class MailProcessor extends WorkerHost implements BeforeApplicationShutdown {
  private readonly logger = new Logger(MailProcessor.name);

  constructor(private readonly mail: MailService) {
    super();
  }

  /** Stops taking jobs and lets the running send finish while SMTP is still open. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.close();
  }

  async process(job: Job): Promise<void> {
    switch (job.name) {
      case MailJob.Invitation:
        await this.mail.send((job.data as MailJobData).mail);
        return;
      default:
        throw new Error(`Unknown job ${job.name} on ${QueueName.Mail}`);
    }
  }

  /**
   * A mail failed for good (its last try, or BullMQ gave up on it). No one else hears of it and the job is dropped
   * (mailJobOptions), so it is logged here: by job id (an invitation's is `invitation.<id>`), never with the mail,
   * whose link holds the invitation's token.
   */
  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    // finishedOn is set only when BullMQ will not try again.
    if (!job || job.finishedOn === undefined) return;
    const message = job.name === MailJob.Invitation ? 'Invitation email not sent' : 'Mail not sent';
    this.logger.error({ err: error, jobId: job.id, attemptsMade: job.attemptsMade }, message);
  }
}
