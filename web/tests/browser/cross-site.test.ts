import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createAdmin } from '../../../server/src/modules/persons/admin-bootstrap.service.ts';
import { launchChromium, login, newPage, startRushes, type RunningRushes } from './support.ts';

/**
 * Cross-site forgery in real Chromium: another page on 127.0.0.1 (another port: the same site, so the
 * Lax session cookies do travel with its requests) posts forms and links to Rushes. Only the origin
 * check stands between it and the session.
 */

const VICTIM = { email: 'victim@cross-site.test', password: 'victim-password' };
const ATTACKER = { email: 'attacker@cross-site.test', password: 'attacker-password' };

describe('cross-site requests from another page', () => {
  let rushes: RunningRushes;
  let browser: Browser;
  let victim: { context: BrowserContext; page: Page; errors: string[] };
  let evil: Server;
  let evilUrl: string;
  let pages: Record<string, string> = {};

  beforeAll(async () => {
    rushes = await startRushes();
    await createAdmin(rushes.context.db, { ...VICTIM, firstName: 'Vic', lastName: 'Tim' }, 8);
    await createAdmin(rushes.context.db, { ...ATTACKER, firstName: 'Eve', lastName: 'Il' }, 8);
    const api = `${rushes.baseUrl}/api`;
    pages = {
      '/logout-form': `<form method="post" action="${api}/auth/logout"></form><script>document.forms[0].submit()</script>`,
      '/login-form': `<form method="post" action="${api}/auth/login"><input name="email" value="${ATTACKER.email}"><input name="password" value="${ATTACKER.password}"></form><script>document.forms[0].submit()</script>`,
      '/logout-link': `<a id="go" href="${api}/auth/logout">See this</a>`,
    };
    evil = createServer((request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html>${pages[request.url ?? ''] ?? ''}`);
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}`;
    browser = await launchChromium();
    victim = await newPage(browser);
    await login(victim.page, rushes.baseUrl, VICTIM.email, VICTIM.password);
  });

  afterAll(async () => {
    await browser?.close();
    await rushes?.close();
    await new Promise((resolve) => evil?.close(resolve));
  });

  /** Who the browser's session cookie belongs to, asked from the Rushes page itself. */
  async function signedInAs(): Promise<string | null> {
    const page = await victim.context.newPage();
    await page.goto(`${rushes.baseUrl}/login`);
    const email = await page.evaluate(async () => {
      const response = await fetch('/api/auth/authenticated');
      return response.ok ? ((await response.json()) as { user: { email: string } }).user.email : null;
    });
    await page.close();
    return email;
  }

  async function landOn(path: string, trigger?: (page: Page) => Promise<void>): Promise<{ status: number; body: string }> {
    const { page } = victim;
    const answer = page.waitForResponse((response) => response.url().startsWith(`${rushes.baseUrl}/api/auth/`));
    await page.goto(`${evilUrl}${path}`);
    if (trigger) await trigger(page);
    const response = await answer;
    return { status: response.status(), body: await response.text() };
  }

  it('refuses a form on another page posting to POST auth/logout: the session lives on', async () => {
    const { status, body } = await landOn('/logout-form');
    expect(status).toBe(403);
    expect(JSON.parse(body)).toMatchObject({ error: true, message: expect.stringMatching(/^Cross-site request refused/) });
    expect(await signedInAs()).toBe(VICTIM.email);
  });

  it("refuses a link on another page to GET auth/logout (a top-level navigation with the cookies)", async () => {
    const { status } = await landOn('/logout-link', (page) => page.click('#go'));
    expect(status).toBe(403);
    expect(await signedInAs()).toBe(VICTIM.email);
  });

  it("refuses a login form on another page (login CSRF): the browser keeps the victim's session, not the attacker's", async () => {
    const { status } = await landOn('/login-form');
    expect(status).toBe(403);
    expect(await signedInAs()).toBe(VICTIM.email);
  });
});
