import nodemailer, { type Transporter } from 'nodemailer';
import type { MailConfig } from '../config.ts';

/** One message: plain text for every client, and a simple HTML version of the same words. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export type MailLog = (line: string) => void;

// A dead SMTP server must not keep background work (and shutdown) waiting for minutes.
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 } as const;

/**
 * Outgoing mail over SMTP (RUSHES_SMTP_URL), and the work that prepares it, run after the HTTP answer:
 * a route that mails (password reset) must answer at once and the same way whatever happens next, so
 * neither the SMTP round trip nor its failure can tell a caller anything. Failures are logged.
 */
export class Mailer {
  private readonly transport: Transporter | undefined;
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly config: MailConfig,
    private readonly log: MailLog,
  ) {
    this.transport = config.smtpUrl ? nodemailer.createTransport({ url: config.smtpUrl, ...SMTP_TIMEOUTS }) : undefined;
    if (!config.smtpUrl) log('mail: RUSHES_SMTP_URL is not set: password-reset and invitation mails will not be sent');
    else if (!config.publicUrl) log('mail: RUSHES_PUBLIC_URL is not set: mails that need a link to the web app will not be sent');
  }

  /** Whether mails can be sent and linked back to the web app (SMTP URL and public URL both set). */
  get canSendLinks(): boolean {
    return this.transport !== undefined && this.config.publicUrl !== undefined;
  }

  /**
   * A link to a page of the web app, or undefined when RUSHES_PUBLIC_URL is unset: the request's Host
   * header is the client's to choose, so it is never used to build a link (see README, "Mail").
   */
  webAppLink(pathname: string, query: Record<string, string>): string | undefined {
    if (!this.config.publicUrl) return undefined;
    return `${this.config.publicUrl}${pathname}?${new URLSearchParams(query).toString()}`;
  }

  /** Logs a mail problem that is no error of the caller's (settings missing). */
  warn(line: string): void {
    this.log(`mail: ${line}`);
  }

  /** Sends now; rejects when the SMTP server refuses. Callers in background work use `runInBackground`. */
  async send(message: MailMessage): Promise<void> {
    if (!this.transport) {
      this.log(`mail: RUSHES_SMTP_URL is not set, so "${message.subject}" was not sent to ${message.to}`);
      return;
    }
    await this.transport.sendMail({ from: this.config.from, ...message });
  }

  /** Runs mail work after the caller has answered; a failure is logged under `label`, never thrown. */
  runInBackground(label: string, work: () => Promise<void>): void {
    const run = Promise.resolve()
      .then(work)
      .catch((error: unknown) => this.log(`mail: ${label} failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => this.pending.delete(run));
    this.pending.add(run);
  }

  /** Resolves once the background work started so far has finished (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  /** Waits for background work, then closes the SMTP connections. */
  async close(): Promise<void> {
    await this.settled();
    this.transport?.close();
  }
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe inside HTML elements and attribute values (names and links come from users' data). */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
