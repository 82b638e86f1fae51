import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import { validateConfig } from '../config/app-config';
import { MailService } from './mail.service';

describe('MailService without SMTP_URL (development)', () => {
  it('writes each mail as an .eml file a mail reader opens: headers, both bodies and the attachment', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'matchday-mail-'));
    const mail = new MailService(validateConfig({ MAIL_OUTBOX_DIRECTORY: directory, MAIL_FROM: 'matchday@example.com' }));
    try {
      await mail.send({
        to: 'min-ji@example.com',
        subject: '[알림] Ellen Park님과의 미팅',
        text: '안녕하세요 김민지님,\n내 시간: 4월 20일 (목) 09:00',
        html: '<p>안녕하세요 김민지님,</p>',
        attachments: [{ filename: 'meeting.ics', contentType: 'text/calendar; method=REQUEST', content: 'BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n' }],
        messageId: '<row.r2@matchday>',
      });
      const files = (await readdir(directory)).filter((file) => file.endsWith('.eml'));
      assert.equal(files.length, 1);
      const parsed = await simpleParser(await readFile(join(directory, files[0])));
      assert.equal(parsed.subject, '[알림] Ellen Park님과의 미팅');
      assert.equal(parsed.from?.text, 'matchday@example.com');
      assert.match(JSON.stringify(parsed.to), /min-ji@example\.com/);
      assert.equal(parsed.messageId, '<row.r2@matchday>');
      assert.match(parsed.text ?? '', /내 시간: 4월 20일 \(목\) 09:00/);
      assert.match(String(parsed.html), /김민지/);
      assert.equal(parsed.attachments.length, 1);
      assert.match(parsed.attachments[0].content.toString('utf8'), /METHOD:REQUEST/);
    } finally {
      mail.onApplicationShutdown();
      await rm(directory, { recursive: true, force: true });
    }
  });
});
