import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTransport, Transporter } from 'nodemailer';
import { AppConfig } from '../config/app-config';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * Sends mail over SMTP (SMTP_URL). Without SMTP, as on a developer machine, each mail is written as an .eml file
 * under MAIL_OUTBOX_DIRECTORY where it can be opened.
 */
@Injectable()
export class MailService implements OnModuleDestroy {
  private readonly logger = new Logger(MailService.name);
  private readonly transporter: Transporter;

  constructor(private readonly config: AppConfig) {
    this.transporter = config.SMTP_URL
      ? createTransport(config.SMTP_URL)
      : createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  async send(mail: OutgoingMail): Promise<void> {
    const info = await this.transporter.sendMail({ from: this.config.MAIL_FROM, ...mail });
    if (!this.config.SMTP_URL) {
      await mkdir(this.config.MAIL_OUTBOX_DIRECTORY, { recursive: true });
      const file = join(this.config.MAIL_OUTBOX_DIRECTORY, `${Date.now()}-${info.messageId.replace(/[^\w.-]/g, '')}.eml`);
      await writeFile(file, info.message as Buffer);
      this.logger.log({ to: mail.to, subject: mail.subject, file }, 'Mail written to the local outbox (no SMTP_URL)');
    }
  }

  onModuleDestroy(): void {
    this.transporter.close();
  }
}
