import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { QueueName } from '../queues/queue-name';
import { MeetingExpiry } from './meeting-expiry.service';

export enum ConsultationMaintenanceJob {
  ExpireClosedBookings = 'expire-closed-bookings',
}

/** Job scheduler id: fixed, so every worker replica upserts the same single schedule. */
const EXPIRY_SCHEDULE_ID = 'consultations:expire-closed-bookings';
/** A booking window closes on the minute at most this long before its bookings stop holding people and tables. */
const EXPIRY_EVERY_MS = 60 * 1000;

/** Worker only: bookings still waiting for the other side when their round's booking window closed expire. */
@Processor(QueueName.ConsultationMaintenance)
export class ConsultationMaintenanceProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(ConsultationMaintenanceProcessor.name);

  constructor(
    private readonly expiry: MeetingExpiry,
    @InjectQueue(QueueName.ConsultationMaintenance) private readonly queue: Queue,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      EXPIRY_SCHEDULE_ID,
      { every: EXPIRY_EVERY_MS },
      {
        name: ConsultationMaintenanceJob.ExpireClosedBookings,
        data: {},
        opts: { attempts: 3, backoff: { type: 'exponential', delay: 10_000 }, removeOnComplete: 100, removeOnFail: 500 },
      },
    );
  }

  async process(job: Job): Promise<{ expired: number }> {
    switch (job.name) {
      case ConsultationMaintenanceJob.ExpireClosedBookings: {
        const expired = (await this.expiry.expireClosedBookings()).length;
        if (expired > 0) this.logger.log({ expired }, 'Expired bookings of closed rounds');
        return { expired };
      }
      default:
        throw new Error(`Unknown job ${job.name} on ${QueueName.ConsultationMaintenance}`);
    }
  }
}
