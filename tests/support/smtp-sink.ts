import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

// A real SMTP server on a random local port that keeps every message it receives.
export interface CapturedMail {
  to: string;
  subject: string;
  text: string;
}

export interface SmtpSink {
  port: number;
  messages: CapturedMail[];
  waitFor(to: string, timeoutMs?: number): Promise<CapturedMail>;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: CapturedMail[] = [];
  const waiters: { to: string; resolve: (m: CapturedMail) => void }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase()).join(',');
          const mail = { to, subject: parsed.subject ?? '', text: parsed.text ?? '' };
          messages.push(mail);
          for (const w of waiters.splice(0)) {
            if (to.includes(w.to.toLowerCase())) w.resolve(mail);
            else waiters.push(w);
          }
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    port,
    messages,
    waitFor(to, timeoutMs = 20_000) {
      const found = messages.find((m) => m.to.includes(to.toLowerCase()));
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no email to ${to} within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({
          to,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m);
          },
        });
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function linkIn(mail: CapturedMail): string {
  const match = /(https?:\/\/\S+#token=[\w-]+)/.exec(mail.text);
  if (!match) throw new Error(`no link in email "${mail.subject}"`);
  return match[1];
}
