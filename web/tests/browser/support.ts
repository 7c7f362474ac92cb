import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Config } from '../../../server/src/platform/config.ts';
import { createTestContext, type TestContext } from '../../../test/support/test-app.ts';

/** Screenshots of the main pages (kept as test artifacts, not committed). */
export const ARTIFACTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test-artifacts/screenshots');
export const VIEWPORT = { width: 1440, height: 900 };

/** Debian's Chromium, driven through playwright-core (no browser download). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export interface RunningRushes {
  context: TestContext;
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * A real Rushes server (API and built web app) on a free port of 127.0.0.1, on a database cloned from
 * the test template; `overrides` change its configuration as the environment would.
 */
export async function startRushes(overrides: Partial<Config> = {}): Promise<RunningRushes> {
  const context = await createTestContext(overrides);
  await context.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = context.app.server.address() as AddressInfo;
  return { context, baseUrl: `http://127.0.0.1:${port}`, close: () => context.close() };
}

/**
 * A page of a fresh browser context. `errors` collects uncaught page errors; `cspViolations` every
 * Content-Security-Policy violation of the page's documents (also printed, so that any browser test
 * run shows what the policy blocked).
 */
export async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page; errors: string[]; cspViolations: string[] }> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors: string[] = [];
  const cspViolations: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.exposeBinding('__rushesCspViolation', ({ frame }, text: string) => {
    const violation = `${frame.url()}: ${text}`;
    cspViolations.push(violation);
    console.warn(`CSP violation: ${violation}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __rushesCspViolation(text: string): void }).__rushesCspViolation;
      report(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'}${event.sourceFile ? ` (${event.sourceFile}:${event.lineNumber})` : ''}`);
    });
  });
  return { context, page, errors, cspViolations };
}

export async function login(page: Page, baseUrl: string, email: string, password: string, target = '/productions'): Promise<void> {
  await page.goto(`${baseUrl}${target}`);
  await page.waitForSelector('input[name=email]');
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  await page.waitForFunction(() => !location.pathname.startsWith('/login'));
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

/** Calls the API with the page's session (the cookies are HttpOnly: only the page's fetch carries them). */
export function api<T>(page: Page, method: string, url: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const response = await fetch(url, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
      if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
      return response.json();
    },
    { method, url, body },
  ) as Promise<T>;
}
