import fs from 'node:fs';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Clock } from '../shared';
import { renderMail, type MailTemplates, type TemplateName } from './templates';

export interface MailConfig {
  smtpUrl: string | null;
  from: string;
  outboxDir: string;
  baseUrl: string;
}

export interface SentMail {
  to: string;
  subject: string;
  messageId: string;
  /** Where the .eml went when no SMTP server is configured. */
  file?: string;
  /** Rendered but not sent: sending was switched off (withoutSending). */
  withheld?: true;
}

/**
 * Sends through SMTP when SAKNAD_SMTP_URL is set; otherwise writes each message as an
 * .eml file into the outbox folder, so the embedded default works without a mail server.
 */
export class MailService {
  private readonly transport: Transporter;

  private readonly cfg: MailConfig;
  private readonly clock: Clock;
  /** > 0 while withoutSending runs. */
  private withholding = 0;

  constructor(deps: { cfg: MailConfig; clock: Clock }) {
    this.cfg = deps.cfg;
    this.clock = deps.clock;
    this.transport = this.cfg.smtpUrl
      ? nodemailer.createTransport(this.cfg.smtpUrl)
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  async send<T extends TemplateName>(template: T, to: string, data: MailTemplates[T]): Promise<SentMail> {
    const { subject, text } = renderMail(template, data, this.cfg.baseUrl);
    if (this.withholding > 0) return { to, subject, messageId: '', withheld: true };
    const info = await this.transport.sendMail({ from: this.cfg.from, to, subject, text });
    const sent: SentMail = { to, subject, messageId: info.messageId };
    if (!this.cfg.smtpUrl) {
      fs.mkdirSync(this.cfg.outboxDir, { recursive: true });
      const stamp = this.clock().toISOString().replace(/[:.]/g, '-');
      const file = path.join(this.cfg.outboxDir, `${stamp}-${template}-${info.messageId.replace(/[^a-zA-Z0-9]/g, '').slice(0, 12)}.eml`);
      fs.writeFileSync(file, (info as unknown as { message: Buffer }).message);
      sent.file = file;
    }
    return sent;
  }

  /**
   * Runs `work` with sending switched off: every message is still rendered (a broken
   * template still fails) but goes neither to SMTP nor to the outbox. Only for the demo
   * seed, whose rounds, referrals and cases are made up: it must not mail the demo
   * addresses (or whatever SAKNAD_SMTP_URL points at) invitations for rounds long past.
   * Nothing else may run meanwhile; the seed runs before the server listens.
   */
  async withoutSending<T>(work: () => Promise<T>): Promise<T> {
    this.withholding++;
    try {
      return await work();
    } finally {
      this.withholding--;
    }
  }

  close(): void {
    this.transport.close();
  }
}
