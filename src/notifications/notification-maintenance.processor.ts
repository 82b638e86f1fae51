import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { QueueName } from '../queues/queue-name';
import { NotificationMaintenanceJob, RECONCILE_NOW_JOB_ID, RECONCILE_SCHEDULE_ID, reconcileJobOptions } from './notification-jobs';
import { NotificationReconciler, ReconcileReport } from './notification-reconciler.service';

/**
 * The reconciliation job scheduler (worker only). Redis losing its data loses the schedule too, so a watchdog in the
 * process looks every period for the reconciliation's marker key (gone: it asks for a run at once) and for the schedule
 * (gone: it puts it back).
 */
// A reconciliation takes seconds at most: a short lock lets another worker take over the run of one that died within
// seconds rather than BullMQ's default half minute (the run is idempotent, so a second go does no harm).
@Processor(QueueName.NotificationMaintenance, { lockDuration: 10_000, stalledInterval: 5_000 })
export class NotificationMaintenanceProcessor extends WorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(NotificationMaintenanceProcessor.name);
  private watchdog: NodeJS.Timeout | null = null;

  constructor(
    private readonly reconciler: NotificationReconciler,
    private readonly config: AppConfig,
    @InjectQueue(QueueName.NotificationMaintenance) private readonly queue: Queue,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.schedule();
    this.watchdog = setInterval(() => {
      this.checkRedis().catch((error: unknown) => this.logger.error({ err: error }, 'Notification watchdog failed'));
    }, this.config.NOTIFICATION_RECONCILE_EVERY_MS);
    this.watchdog.unref();
    await this.checkRedis();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.watchdog) clearInterval(this.watchdog);
    await this.worker.close();
  }

  async process(job: Job): Promise<ReconcileReport> {
    switch (job.name) {
      case NotificationMaintenanceJob.Reconcile: {
        const report = await this.reconciler.reconcile();
        if (report.full || report.interrupted > 0) this.logger.log(report, 'Notifications reconciled');
        return report;
      }
      default:
        throw new Error(`Unknown job ${job.name} on ${QueueName.NotificationMaintenance}`);
    }
  }

  private async schedule(): Promise<void> {
    await this.queue.upsertJobScheduler(
      RECONCILE_SCHEDULE_ID,
      { every: this.config.NOTIFICATION_RECONCILE_EVERY_MS },
      { name: NotificationMaintenanceJob.Reconcile, data: {}, opts: reconcileJobOptions() },
    );
  }

  private async checkRedis(): Promise<void> {
    if (!(await this.reconciler.markerPresent())) {
      // The run first: it does not depend on the schedule being back.
      await this.queue.add(NotificationMaintenanceJob.Reconcile, {}, { ...reconcileJobOptions(), jobId: RECONCILE_NOW_JOB_ID, removeOnComplete: true, removeOnFail: true });
    }
    if (!(await this.queue.getJobScheduler(RECONCILE_SCHEDULE_ID))) await this.schedule();
  }
}
