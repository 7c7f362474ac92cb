import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createPerson, createProject } from '../../../test/support/factories.ts';
import { startOidcProvider, type TestOidcProvider } from '../../../test/support/oidc-provider.ts';
import { createTestContext, type TestContext } from '../../../test/support/test-app.ts';
import { launchChromium, newPage, screenshot } from './support.ts';

/**
 * Single sign-on in real Chromium: the login page's button, the provider's own login and consent
 * pages (oidc-provider on 127.0.0.1), and back to Rushes signed in.
 */

/** A free port for Rushes: the provider's client must know the callback URL before Rushes starts. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('single sign-on in the browser', () => {
  let provider: TestOidcProvider;
  let rushes: TestContext;
  let baseUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    provider = await startOidcProvider([`${baseUrl}/api/auth/oidc/callback`]);
    rushes = await createTestContext({
      oidc: {
        issuer: provider.issuer,
        clientId: provider.clientId,
        clientSecret: provider.clientSecret,
        redirectUrl: `${baseUrl}/api/auth/oidc/callback`,
        autoProvision: false,
        defaultRole: 'user',
        label: 'Sign in with Studio ID',
      },
    });
    await rushes.app.listen({ port, host: '127.0.0.1' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await rushes?.close();
    await provider?.close();
  });

  it('signs in through the provider\'s pages and lands on the productions page', async () => {
    const person = await createPerson(rushes, { firstName: 'Sol', lastName: 'Sso' });
    const project = await createProject(rushes, { name: 'Skyfall Shorts', team: [{ id: person.id }] });
    provider.accounts.set('sol', { email: person.email, email_verified: true, given_name: 'Sol' });
    const { context, page, errors } = await newPage(browser);

    await page.goto(`${baseUrl}/productions`);
    const button = await page.waitForSelector('[data-testid=sso-login]');
    expect(await button.textContent()).toBe('Sign in with Studio ID');
    await screenshot(page, 'sso-01-login-button');
    await button.click();

    await page.waitForSelector('input[name=login]');
    expect(new URL(page.url()).origin).toBe(provider.issuer);
    await page.fill('input[name=login]', 'sol');
    await page.fill('input[name=password]', 'whatever');
    await page.click('button[type=submit]');
    await page.waitForSelector('button[type=submit]:has-text("Continue")');
    await page.click('button[type=submit]');

    await page.waitForSelector('.production');
    expect(new URL(page.url()).href).toBe(`${baseUrl}/productions`);
    expect(await page.textContent('.production h2')).toBe(project.name);
    await screenshot(page, 'sso-02-productions');
    const cookies = await context.cookies(baseUrl);
    expect(cookies.find((cookie) => cookie.name === 'access_token_cookie')?.httpOnly).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('tells on the login page why the provider\'s account cannot sign in', async () => {
    provider.accounts.set('nobody', { email: 'nobody@elsewhere.test', email_verified: true });
    const { context, page } = await newPage(browser);
    await page.goto(`${baseUrl}/login`);
    await (await page.waitForSelector('[data-testid=sso-login]')).click();
    await page.waitForSelector('input[name=login]');
    await page.fill('input[name=login]', 'nobody');
    await page.fill('input[name=password]', 'whatever');
    await page.click('button[type=submit]');
    await page.waitForSelector('button[type=submit]:has-text("Continue")');
    await page.click('button[type=submit]');

    const alert = await page.waitForSelector('[data-testid=sso-error]');
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await alert.textContent()).toBe('There is no Rushes account for this e-mail address. Ask your administrator to invite you.');
    await screenshot(page, 'sso-03-unknown-account');
    await context.close();
  });
});
