import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message as the SMTP server received it, with its plain-text part decoded. */
export interface ReceivedMail {
  to: string[];
  from: string;
  raw: string;
  subject: string;
  text: string;
}

export interface Mailbox {
  /** smtp://user:pass@127.0.0.1:<port>, for RUSHES_SMTP_URL. */
  url: string;
  received: ReceivedMail[];
  /** Messages sent to this address so far. */
  to(address: string): ReceivedMail[];
  /** The `nth` message (1-based) to this address once it has arrived, or a timeout error. */
  waitFor(address: string, nth?: number, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

export const MAILBOX_USER = 'rushes';
export const MAILBOX_PASSWORD = 'mail-secret';

function decodeQuotedPrintable(body: string): string {
  const bytes = Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_match, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))), 'latin1');
  return bytes.toString('utf8');
}

/** The text/plain part of a raw message (single part or multipart), decoded from its transfer encoding. */
export function plainTextOf(raw: string): string {
  const parts = raw.split(/\r?\n--[^\r\n]+\r?\n/);
  const part = parts.find((candidate) => /content-type:\s*text\/plain/i.test(candidate.split(/\r?\n\r?\n/)[0] ?? '')) ?? raw;
  const split = part.search(/\r?\n\r?\n/);
  const headers = part.slice(0, split);
  const body = part.slice(split).replace(/^\r?\n\r?\n/, '').replace(/\r?\n--[^\r\n]+--\s*$/, '');
  const encoding = /content-transfer-encoding:\s*([\w-]+)/i.exec(headers)?.[1]?.toLowerCase();
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return body;
}

/** The first http(s) link of a message's text that points at `pathname`. */
export function linkIn(mail: ReceivedMail, pathname: string): URL {
  const found = mail.text.match(/https?:\/\/\S+/g)?.map((href) => new URL(href)).find((url) => url.pathname === pathname);
  if (!found) throw new Error(`no link to ${pathname} in:\n${mail.text}`);
  return found;
}

/**
 * A real SMTP server (the smtp-server package) on 127.0.0.1 and a free port, requiring the login
 * MAILBOX_USER / MAILBOX_PASSWORD (over plain TCP: loopback only), keeping every message it accepts.
 */
export async function startMailbox(): Promise<Mailbox> {
  const received: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === MAILBOX_USER && auth.password === MAILBOX_PASSWORD) callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const subject = /^subject:\s*(.*)$/im.exec(raw)?.[1]?.trim() ?? '';
        received.push({
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          raw,
          subject,
          text: plainTextOf(raw),
        });
        for (const wake of waiters) wake();
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  const to = (address: string) => received.filter((mail) => mail.to.includes(address.toLowerCase()));

  return {
    url: `smtp://${MAILBOX_USER}:${MAILBOX_PASSWORD}@127.0.0.1:${port}`,
    received,
    to,
    waitFor(address, nth = 1, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const mail = to(address)[nth - 1];
          if (!mail) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(mail);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no mail to ${address} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
