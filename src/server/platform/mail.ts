import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Config } from '../config.ts';
import { decrypt, encrypt, type Keyring } from './crypto.ts';
import type { Jobs } from './jobs.ts';

// Email goes through the job queue. Bodies carry one-time links, so the queued payload is encrypted.
// Without SMTP settings, messages are written to <data dir>/outbox as .eml files (never to the log).

export interface Message {
  to: string;
  subject: string;
  text: string;
}

export const MAIL_QUEUE = 'mail.send';

export function createMailer(config: Config) {
  const transport = config.smtp.host
    ? nodemailer.createTransport({
        host: config.smtp.host,
        port: config.smtp.port,
        secure: config.smtp.secure,
        auth: config.smtp.user ? { user: config.smtp.user, pass: config.smtp.pass ?? '' } : undefined,
        // Local sinks and dev servers often lack certificates; production SMTP should use SMTP_SECURE.
        tls: { rejectUnauthorized: config.smtp.secure },
      })
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return async function deliver(message: Message): Promise<string | null> {
    const info = await transport.sendMail({ from: config.smtp.from, ...message });
    if (config.smtp.host) return null;
    const outbox = path.join(config.dataDir, 'outbox');
    fs.mkdirSync(outbox, { recursive: true, mode: 0o700 });
    const file = path.join(outbox, `${new Date().toISOString().replace(/[:.]/g, '-')}-${info.messageId.replace(/[^\w.-]/g, '')}.eml`);
    fs.writeFileSync(file, (info as unknown as { message: Buffer }).message, { mode: 0o600 });
    return file;
  };
}

export async function queueMail(jobs: Jobs, keyring: Keyring, message: Message): Promise<void> {
  await jobs.send(MAIL_QUEUE, { sealed: encrypt(keyring, JSON.stringify(message)) });
}

export function mailHandler(keyring: Keyring, deliver: (m: Message) => Promise<string | null>, log: (msg: string) => void) {
  return async (data: Record<string, unknown>) => {
    const message = JSON.parse(decrypt(keyring, String(data.sealed))) as Message;
    const file = await deliver(message);
    log(file ? `email saved to ${file} (no SMTP_HOST configured)` : 'email delivered');
  };
}
