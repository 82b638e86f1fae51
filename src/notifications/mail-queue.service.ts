import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { QueueName } from '../queues/queue-name';
import { OutgoingMail } from './mail.service';

/** Jobs of QueueName.Mail. */
export enum MailJob {
  Invitation = 'invitation',
}

/** The mail itself, composed by the api (attachments, if any, as text: the data travels as JSON). */
export interface MailJobData {
  mail: OutgoingMail;
}

/** How long the api waits for Redis to take a mail before it answers anyway (the add may still land later). */
const ENQUEUE_TIMEOUT_MS = 3000;

/**
 * Retried like notifications; dropped once sent and once failed for good, since an invitation's job holds its link
 * (MailProcessor logs the final failure, by job id).
 */
export function mailJobOptions(config: AppConfig): JobsOptions {
  return {
    attempts: config.NOTIFICATION_DELIVERY_ATTEMPTS,
    backoff: { type: 'exponential', delay: config.NOTIFICATION_RETRY_DELAY_MS },
    removeOnComplete: true,
    removeOnFail: true,
  };
}

/**
 * The api's way to send a mail that has no notification row behind it (event invitations): the api only enqueues, the
 * worker sends (MailProcessor). The job id is the caller's key, so asking twice for one mail makes one job.
 */
@Injectable()
export class MailQueue {
  constructor(
    @InjectQueue(QueueName.Mail) private readonly queue: Queue,
    private readonly config: AppConfig,
  ) {}

  async enqueue(job: MailJob, key: string, mail: OutgoingMail): Promise<void> {
    const data: MailJobData = { mail };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not take the mail job within ${ENQUEUE_TIMEOUT_MS} ms`)), ENQUEUE_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.queue.add(job, data, { ...mailJobOptions(this.config), jobId: key }), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
