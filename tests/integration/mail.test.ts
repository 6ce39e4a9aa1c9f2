import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSmtp } from '../helpers/smtp';
import { MailService } from '../../src/mail/mail-service';
import { decodeQuotedPrintable } from '../helpers/test-env';

describe('mail', () => {
  it('delivers through SMTP to a loopback server, with no personal data', async () => {
    const smtp = await startSmtp();
    const mail = new MailService({
      cfg: {
        smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
        from: 'Saknad <noreply@saknad.invalid>',
        outboxDir: '/nonexistent',
        baseUrl: 'https://saknad.kommun.test',
      },
      clock: () => new Date(),
    });
    const sent = await mail.send('setPassword', 'rektor@skola.test', { link: '/losenord?token=abc', hours: 72 });
    mail.close();
    await smtp.close();

    expect(sent.file).toBeUndefined();
    expect(smtp.inbox).toHaveLength(1);
    const [m] = smtp.inbox;
    expect(m!.from).toBe('noreply@saknad.invalid');
    expect(m!.to).toEqual(['rektor@skola.test']);
    expect(m!.raw).toContain('Subject: =?UTF-8?Q?V=C3=A4lj_l=C3=B6senord_f=C3=B6r_Saknad?=');
    expect(decodeQuotedPrintable(m!.raw)).toContain('https://saknad.kommun.test/losenord?token=abc');
    expect(decodeQuotedPrintable(m!.raw)).toContain('Välj ditt lösenord');
  });

  it('writes .eml files to the outbox without an SMTP server', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saknad-outbox-'));
    const mail = new MailService({
      cfg: { smtpUrl: null, from: 'Saknad <noreply@saknad.invalid>', outboxDir: dir, baseUrl: 'http://localhost:3000' },
      clock: () => new Date(),
    });
    const sent = await mail.send('test', 'a@b.test', { note: 'Hej' });
    expect(sent.file).toBeDefined();
    const eml = fs.readFileSync(sent.file!, 'utf8');
    expect(eml).toContain('To: a@b.test');
    expect(eml).toContain('Hej');
    fs.rmSync(dir, { recursive: true });
  });
});
