import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { QueueName } from '../queues/queue-name';
import { AuthService } from './auth.service';

export enum AuthMaintenanceJob {
  PurgeExpiredRefreshTokens = 'purge-expired-refresh-tokens',
}

/** Job scheduler id: fixed, so every worker replica upserts the same single schedule. */
const PURGE_SCHEDULE_ID = 'auth:purge-expired-refresh-tokens';
const PURGE_EVERY_MS = 6 * 60 * 60 * 1000;

@Processor(QueueName.Housekeeping)
export class AuthMaintenanceProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuthMaintenanceProcessor.name);

  constructor(
    private readonly authService: AuthService,
    @InjectQueue(QueueName.Housekeeping) private readonly queue: Queue,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      PURGE_SCHEDULE_ID,
      { every: PURGE_EVERY_MS },
      {
        name: AuthMaintenanceJob.PurgeExpiredRefreshTokens,
        data: {},
        opts: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 }, removeOnComplete: 100, removeOnFail: 500 },
      },
    );
  }

  async process(job: Job): Promise<{ deleted: number }> {
    switch (job.name) {
      case AuthMaintenanceJob.PurgeExpiredRefreshTokens: {
        const deleted = await this.authService.purgeExpiredRefreshTokens();
        this.logger.log({ deleted }, 'Purged expired refresh tokens');
        return { deleted };
      }
      default:
        throw new Error(`Unknown job ${job.name} on ${QueueName.Housekeeping}`);
    }
  }
}
