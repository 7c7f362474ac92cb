import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createAdmin } from '../../../server/src/modules/persons/admin-bootstrap.service.ts';
import { createPerson } from '../../../test/support/factories.ts';
import { linkIn, startMailbox, type Mailbox } from '../../../test/support/mailbox.ts';
import { createTestContext, type TestContext } from '../../../test/support/test-app.ts';
import { launchChromium, login, newPage, screenshot } from './support.ts';

/**
 * Forgotten password and invitation, end to end: Chromium on the built web app, a real Rushes server,
 * and a real SMTP server (smtp-server) receiving the mails whose links the test then opens.
 */

const ADMIN = { email: 'admin@browser.test', password: 'admin-password' };
const NEW_PASSWORD = 'a-fresh-passphrase';

describe('password reset and invitation in the browser', () => {
  let ctx: TestContext;
  let mailbox: Mailbox;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    mailbox = await startMailbox();
    ctx = await createTestContext({ mail: { smtpUrl: mailbox.url, from: 'Rushes <rushes@browser.test>', publicUrl: undefined } });
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
    // RUSHES_PUBLIC_URL is this server's own address, known only once it listens (the mailer reads the setting when it sends).
    ctx.config.mail.publicUrl = baseUrl;
    await createAdmin(ctx.db, { ...ADMIN, firstName: 'Ada', lastName: 'Admin' }, 8);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await ctx?.close();
    await mailbox?.close();
  });

  it('forgot password → mail → link → new password → log in with it', async () => {
    const person = await createPerson(ctx, { firstName: 'Rosa', password: 'the-forgotten-one' });
    const { context, page, errors } = await newPage(browser);
    await page.goto(`${baseUrl}/login`);
    await page.click('text=Forgot password?');
    await page.waitForURL(`${baseUrl}/forgot-password`);
    await page.fill('input[name=email]', person.email);
    await page.click('button[type=submit]');
    await expect.poll(() => page.textContent('[role=status]')).toContain(`If an account uses ${person.email}, a link`);
    await screenshot(page, 'password-reset-01-requested');

    const mail = await mailbox.waitFor(person.email);
    expect(mail.subject).toBe('Reset your Rushes password');
    const link = linkIn(mail, '/reset-password');
    expect(link.origin).toBe(baseUrl);

    await page.goto(link.toString());
    await page.fill('input[name=password]', NEW_PASSWORD);
    await page.fill('input[name=password2]', 'not-the-same');
    await page.click('button[type=submit]');
    await expect.poll(() => page.textContent('[role=alert]')).toBe("Confirmation password doesn't match.");
    await page.fill('input[name=password2]', NEW_PASSWORD);
    await screenshot(page, 'password-reset-02-new-password');
    await page.click('button[type=submit]');
    await page.waitForURL(/\/login\?notice=password-reset$/);
    expect(await page.textContent('[data-testid=login-notice]')).toBe('Your password has been changed. Log in with your new password.');

    // The link is spent: opening it again is refused with the server's words.
    const again = await context.newPage();
    await again.goto(link.toString());
    await again.fill('input[name=password]', 'another-passphrase');
    await again.fill('input[name=password2]', 'another-passphrase');
    await again.click('button[type=submit]');
    await expect.poll(() => again.textContent('[role=alert]')).toBe('Wrong or expired token.');

    await login(page, baseUrl, person.email, NEW_PASSWORD);
    expect(new URL(page.url()).pathname).toBe('/productions');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an admin invites a person from the People page, who sets a password through the mailed link', async () => {
    const invited = await createPerson(ctx, { firstName: 'Ivo', lastName: 'Invited' });
    const admin = await newPage(browser);
    await login(admin.page, baseUrl, ADMIN.email, ADMIN.password, '/people');
    await admin.page.click(`[aria-label="Invite ${invited.first_name} ${invited.last_name}"]`);
    await expect.poll(() => admin.page.textContent('body')).toContain(`Invitation sent to ${invited.email}.`);
    await screenshot(admin.page, 'password-reset-03-invited');

    const link = linkIn(await mailbox.waitFor(invited.email), '/invitation');
    const guest = await newPage(browser);
    await guest.page.goto(link.toString());
    expect(await guest.page.textContent('h1')).toBe('Welcome to Rushes');
    await guest.page.fill('input[name=password]', NEW_PASSWORD);
    await guest.page.fill('input[name=password2]', NEW_PASSWORD);
    await guest.page.click('button[type=submit]');
    await guest.page.waitForURL(/\/login\?notice=invitation-accepted$/);
    await login(guest.page, baseUrl, invited.email, NEW_PASSWORD);
    expect(new URL(guest.page.url()).pathname).toBe('/productions');
    expect([...admin.errors, ...guest.errors]).toEqual([]);
    await Promise.all([admin.context.close(), guest.context.close()]);
  });
});
