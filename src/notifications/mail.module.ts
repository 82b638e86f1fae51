import { Module } from '@nestjs/common';
import { MailService } from './mail.service';

/** Outgoing mail alone, for modules that send mail of their own (event invitations) without notifications. */
@Module({
  providers: [MailService],
  exports: [MailService],
})
export class MailModule {}
