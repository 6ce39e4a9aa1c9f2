import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { MailService } from '../../src/mail/mail-service';
import { decodeQuotedPrintable } from '../helpers/test-env';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on loopback that keeps what it receives. */
async function startSmtp(): Promise<{ server: SMTPServer; port: number; inbox: Received[] }> {
  const inbox: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        inbox.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.server.address() as AddressInfo).port, inbox };
}

describe('mail', () => {
  it('delivers through SMTP to a loopback server, with no personal data', async () => {
    const smtp = await startSmtp();
    const mail = new MailService(
      { smtpUrl: `smtp://127.0.0.1:${smtp.port}`, from: 'Saknad <noreply@saknad.invalid>', outboxDir: '/nonexistent', baseUrl: 'https://saknad.kommun.test' },
      () => new Date(),
    );
    const sent = await mail.send('setPassword', 'rektor@skola.test', { link: '/losenord?token=abc', hours: 72 });
    mail.close();
    await new Promise<void>((resolve) => smtp.server.close(() => resolve()));

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
    const mail = new MailService({ smtpUrl: null, from: 'Saknad <noreply@saknad.invalid>', outboxDir: dir, baseUrl: 'http://localhost:3000' }, () => new Date());
    const sent = await mail.send('test', 'a@b.test', { note: 'Hej' });
    expect(sent.file).toBeDefined();
    const eml = fs.readFileSync(sent.file!, 'utf8');
    expect(eml).toContain('To: a@b.test');
    expect(eml).toContain('Hej');
    fs.rmSync(dir, { recursive: true });
  });
});
