import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTransport, Transporter } from 'nodemailer';
import { AppConfig } from '../config/app-config';

/** A file sent along, e.g. a meeting's calendar invitation (text/calendar; method=REQUEST). */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string | Buffer;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments?: MailAttachment[];
  /** Sent as a header, so a receiving system can tell retries of one message apart from new ones. */
  messageId?: string;
}

/**
 * Sends mail over SMTP (SMTP_URL), through a small pool of connections kept open. Without SMTP, as on a developer
 * machine, each mail is written as an .eml file under MAIL_OUTBOX_DIRECTORY where it can be opened.
 */
@Injectable()
export class MailService implements OnApplicationShutdown {
  private readonly logger = new Logger(MailService.name);
  private readonly transporter: Transporter;

  constructor(private readonly config: AppConfig) {
    this.transporter = config.SMTP_URL
      ? createTransport({ url: config.SMTP_URL, pool: true, maxConnections: 5, maxMessages: Infinity })
      : createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  async send(mail: OutgoingMail): Promise<void> {
    const { messageId, ...rest } = mail;
    const info = await this.transporter.sendMail({ from: this.config.MAIL_FROM, ...rest, ...(messageId ? { messageId } : {}) });
    if (!this.config.SMTP_URL) {
      await mkdir(this.config.MAIL_OUTBOX_DIRECTORY, { recursive: true });
      const file = join(this.config.MAIL_OUTBOX_DIRECTORY, `${Date.now()}-${info.messageId.replace(/[^\w.-]/g, '')}.eml`);
      await writeFile(file, info.message as Buffer);
      this.logger.log({ to: mail.to, subject: mail.subject, file }, 'Mail written to the local outbox (no SMTP_URL)');
    }
  }

  /** Last, after the worker's running sends have finished (they close in beforeApplicationShutdown). */
  onApplicationShutdown(): void {
    this.transporter.close();
  }
}
