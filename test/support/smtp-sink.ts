import { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server on loopback that keeps every message it receives, parsed. */
export class SmtpSink {
  readonly messages: ParsedMail[] = [];
  /** When each message arrived (ms since the epoch), in the order of `messages`. */
  readonly arrivals: number[] = [];
  private readonly server: SMTPServer;
  private waiters: Array<() => void> = [];
  /** Recipients whose mail is refused (550) after DATA. */
  private readonly refused = new Set<string>();
  /** While set, a message to this address is kept but not answered until `release()` (a send "in flight"). */
  private holdFor: string | null = null;
  private held: Array<() => void> = [];

  constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const to = session.envelope.rcptTo.map((address) => address.address.toLowerCase());
        simpleParser(stream)
          .then((mail) => {
            if (to.some((address) => this.refused.has(address))) {
              callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
              return;
            }
            this.messages.push(mail);
            this.arrivals.push(Date.now());
            this.waiters.forEach((wake) => wake());
            if (this.holdFor && to.includes(this.holdFor)) this.held.push(() => callback());
            else callback();
          })
          .catch(callback);
      },
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.server.address() as AddressInfo;
    return `smtp://127.0.0.1:${port}`;
  }

  /** The first message to `address` (waits up to `timeoutMs` for it to arrive). */
  async waitForMailTo(address: string, timeoutMs = 5000): Promise<ParsedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find((mail) => mail.to && JSON.stringify(mail.to).includes(address));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`No mail to ${address} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
      this.waiters = [];
    }
  }

  /** Every message to `address` so far. */
  messagesTo(address: string): ParsedMail[] {
    return this.messages.filter((mail) => mail.to && JSON.stringify(mail.to).toLowerCase().includes(address.toLowerCase()));
  }

  /** Waits until `count` messages to `address` matching `filter` arrived; returns them. */
  async waitForCount(address: string, count: number, timeoutMs = 10_000, filter: (mail: ParsedMail) => boolean = () => true): Promise<ParsedMail[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messagesTo(address).filter(filter);
      if (found.length >= count) return found;
      if (Date.now() > deadline) throw new Error(`${found.length} of ${count} mails to ${address} within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Refuses every message to `address` with 550. */
  refuse(address: string): void {
    this.refused.add(address.toLowerCase());
  }

  /** Keeps the next messages to `address` unanswered after DATA (the sender waits) until `release()`. */
  hold(address: string): void {
    this.holdFor = address.toLowerCase();
  }

  /** Answers the held messages and stops holding. */
  release(): void {
    this.holdFor = null;
    this.held.forEach((answer) => answer());
    this.held = [];
  }

  async stop(): Promise<void> {
    this.release();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
