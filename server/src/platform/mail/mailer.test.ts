import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAILBOX_PASSWORD, startMailbox, type Mailbox } from '../../../../test/support/mailbox.ts';
import { mailFromEnv, type MailConfig } from '../config.ts';
import { escapeHtml, Mailer } from './mailer.ts';

let mailbox: Mailbox;
beforeAll(async () => {
  mailbox = await startMailbox();
});
afterAll(async () => {
  await mailbox?.close();
});

const message = { to: 'ada@studio.test', subject: 'Hello', text: 'Plain words', html: '<p>Plain words</p>' };
const config = (overrides: Partial<MailConfig> = {}): MailConfig => ({
  smtpUrl: mailbox.url, from: 'Rushes <rushes@studio.test>', publicUrl: 'https://rushes.studio.test', ...overrides,
});

describe('mailFromEnv', () => {
  it('reads the SMTP URL, the sender and the public URL (trailing slash dropped)', () => {
    expect(mailFromEnv({ RUSHES_SMTP_URL: 'smtps://u:p@mail.example:465', RUSHES_MAIL_FROM: 'Studio <a@b.c>', RUSHES_PUBLIC_URL: 'https://rushes.example/app/' }))
      .toEqual({ smtpUrl: 'smtps://u:p@mail.example:465', from: 'Studio <a@b.c>', publicUrl: 'https://rushes.example/app' });
  });

  it('defaults the sender from the public URL and leaves mail off when unset', () => {
    expect(mailFromEnv({})).toEqual({ smtpUrl: undefined, from: 'Rushes <no-reply@localhost>', publicUrl: undefined });
    expect(mailFromEnv({ RUSHES_PUBLIC_URL: 'https://rushes.example' }).from).toBe('Rushes <no-reply@rushes.example>');
  });

  it.each([
    [{ RUSHES_SMTP_URL: 'mail.example:25' }, /RUSHES_SMTP_URL/],
    [{ RUSHES_PUBLIC_URL: 'rushes.example' }, /RUSHES_PUBLIC_URL/],
    [{ RUSHES_PUBLIC_URL: 'javascript:alert(1)' }, /RUSHES_PUBLIC_URL/],
    [{ RUSHES_PUBLIC_URL: 'https://rushes.example/?next=evil' }, /RUSHES_PUBLIC_URL/],
  ])('refuses %o at start-up', (env, error) => {
    expect(() => mailFromEnv(env)).toThrow(error);
  });

  it('never echoes the SMTP URL (it holds the password) in its error', () => {
    expect(() => mailFromEnv({ RUSHES_SMTP_URL: 'http://user:hunter2@mail' })).toThrow(expect.objectContaining({ message: expect.not.stringContaining('hunter2') }));
  });
});

describe('Mailer', () => {
  it('sends text and HTML through an SMTP server that requires the URL credentials', async () => {
    const mailer = new Mailer(config(), () => undefined);
    await mailer.send({ ...message, to: 'first@studio.test' });
    const [mail] = mailbox.to('first@studio.test');
    expect(mail?.from).toBe('rushes@studio.test');
    expect(mail?.text.trim()).toBe('Plain words');
    expect(mail?.raw).toContain('<p>Plain words</p>');
    await mailer.close();
  });

  it('logs, and never throws, when background work fails (wrong SMTP password)', async () => {
    const lines: string[] = [];
    const mailer = new Mailer(config({ smtpUrl: mailbox.url.replace(MAILBOX_PASSWORD, 'wrong') }), (line) => lines.push(line));
    mailer.runInBackground('test mail', () => mailer.send({ ...message, to: 'never@studio.test' }));
    await mailer.settled();
    expect(lines).toEqual([expect.stringMatching(/^mail: test mail failed: Invalid login: 535/)]);
    expect(mailbox.to('never@studio.test')).toHaveLength(0);
    await mailer.close();
  });

  it('warns at start-up and per mail when SMTP is not configured, and builds no link without a public URL', async () => {
    const lines: string[] = [];
    const mailer = new Mailer(config({ smtpUrl: undefined, publicUrl: undefined }), (line) => lines.push(line));
    expect(lines).toEqual(['mail: RUSHES_SMTP_URL is not set: password-reset and invitation mails will not be sent']);
    expect(mailer.canSendLinks).toBe(false);
    expect(mailer.webAppLink('/reset-password', { token: 't' })).toBeUndefined();
    await mailer.send(message);
    expect(lines[1]).toMatch(/not sent to ada@studio\.test/);

    const noLinks = new Mailer(config({ publicUrl: undefined }), (line) => lines.push(line));
    expect(lines[2]).toMatch(/RUSHES_PUBLIC_URL is not set/);
    expect(noLinks.canSendLinks).toBe(false);
    await Promise.all([mailer.close(), noLinks.close()]);
  });

  it('builds links on the public URL with the query encoded', () => {
    const mailer = new Mailer(config({ publicUrl: 'https://rushes.example/app' }), () => undefined);
    expect(mailer.webAppLink('/reset-password', { token: 'abc', email: 'a+b@c.d' })).toBe('https://rushes.example/app/reset-password?token=abc&email=a%2Bb%40c.d');
  });
});

describe('escapeHtml', () => {
  it('escapes the characters that end text or attributes', () => {
    expect(escapeHtml(`<a href="x">O'Neil & co</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;O&#39;Neil &amp; co&lt;/a&gt;');
  });
});
