import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QueueName } from '../queues/queue-name';
import { MailQueue } from './mail-queue.service';

/** Mail for the api's modules that send some of their own (event invitations): queued for the worker, which sends it. */
@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Mail })],
  providers: [MailQueue],
  exports: [MailQueue],
})
export class MailModule {}
