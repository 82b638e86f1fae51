import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { MeetingExpiry } from './meeting-expiry.service';

/** A booking window closes on the minute at most this long before its waiting bookings stop holding people and tables. */
export const EXPIRY_EVERY_MS = 60 * 1000;

/**
 * Worker only: every minute (and once at start, to catch up after downtime), bookings still waiting for the other side
 * when their round's booking window closed expire (MeetingExpiry). A plain timer, not a BullMQ job: each replica may
 * run it, since expiry is idempotent and takes its rows under lock, and no extra BullMQ worker then shares the
 * process's shutdown with the notification workers.
 */
@Injectable()
export class ConsultationMaintenance implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ConsultationMaintenance.name);
  private timer: NodeJS.Timeout | null = null;
  private pass: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly expiry: MeetingExpiry) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  /** Stops the timer and lets a running pass finish while the database is still open. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.pass;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.pass = this.expireClosedBookings().finally(() => {
        if (!this.stopped) this.schedule(EXPIRY_EVERY_MS);
      });
    }, delayMs);
    this.timer.unref();
  }

  private async expireClosedBookings(): Promise<void> {
    try {
      const expired = (await this.expiry.expireClosedBookings()).length;
      if (expired > 0) this.logger.log({ expired }, 'Expired bookings of closed rounds');
    } catch (error) {
      this.logger.error({ err: error }, 'Expiring bookings of closed rounds failed; trying again at the next pass');
    }
  }
}
