import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createAdmin } from '../../../server/src/modules/persons/admin-bootstrap.service.ts';
import { seedDemoProduction, type DemoSeedResult } from '../../../server/src/seed/demo-seed.ts';
import { api, launchChromium, login, newPage, startRushes, type RunningRushes } from './support.ts';

/**
 * The web app under its Content-Security-Policy in real Chromium: the main pages, the task panel and
 * the API docs render with no violation, the policy really blocks an inline script, and logging out
 * goes through POST auth/logout.
 */

const ADMIN = { email: 'admin@csp.test', password: 'admin-password' };

describe('content security policy', () => {
  let rushes: RunningRushes;
  let browser: Browser;
  let demo: DemoSeedResult;
  let session: { context: BrowserContext; page: Page; errors: string[]; cspViolations: string[] };

  beforeAll(async () => {
    rushes = await startRushes();
    demo = await seedDemoProduction(rushes.context.db);
    await createAdmin(rushes.context.db, { ...ADMIN, firstName: 'Ada', lastName: 'Admin' }, 8);
    browser = await launchChromium();
    session = await newPage(browser);
  });

  afterAll(async () => {
    await browser?.close();
    await rushes?.close();
  });

  it('serves the page with the policy, and the policy blocks an inline script (the check itself works)', async () => {
    const { page, cspViolations } = session;
    const response = await page.goto(`${rushes.baseUrl}/login`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.waitForSelector('input[name=email]');
    expect(cspViolations).toEqual([]);

    const ran = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.head.append(script);
      await new Promise((resolve) => setTimeout(resolve, 100));
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(ran).toBe(false);
    await expect.poll(() => cspViolations.length).toBe(1);
    expect(cspViolations[0]).toMatch(/script-src-elem blocked inline/);
    cspViolations.length = 0;
  });

  it('renders the main pages with no violation', async () => {
    const { page, errors, cspViolations } = session;
    await login(page, rushes.baseUrl, ADMIN.email, ADMIN.password);
    const base = `/productions/${demo.projectId}`;
    const pages: Array<[string, string]> = [
      ['/productions', '.production'],
      [base, '.legend li'],
      [`${base}/shots`, '[data-testid=entity-row]'],
      [`${base}/assets`, '[data-testid=entity-row]'],
      [`${base}/schedule`, 'main'],
      [`${base}/task-statuses`, 'main'],
      [`${base}/team`, 'main'],
      ['/my-tasks', 'main'],
      ['/people', 'main'],
      ['/set-designs', 'main'],
    ];
    for (const [path, selector] of pages) {
      await page.goto(`${rushes.baseUrl}${path}`);
      await page.waitForSelector(selector);
      // Let lazy chunks, thumbnails and late requests settle before reading the violations.
      await page.waitForLoadState('networkidle');
      expect(cspViolations, path).toEqual([]);
    }

    const shots = await api<Array<{ tasks: Array<{ id: string }> }>>(page, 'GET', `/api/data/shots/with-tasks?project_id=${demo.projectId}`);
    const taskId = shots.find((shot) => shot.tasks.length > 0)!.tasks[0]!.id;
    await page.goto(`${rushes.baseUrl}${base}/shots?task=${taskId}`);
    await page.waitForSelector('[data-testid=task-panel] [data-testid=panel-status]');
    await page.waitForLoadState('networkidle');
    expect(cspViolations).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('renders the Swagger UI at /api/docs under its own policy with no violation', async () => {
    const { page, cspViolations } = session;
    const response = await page.goto(`${rushes.baseUrl}/api/docs`);
    expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'self'");
    await page.waitForSelector('.swagger-ui .opblock');
    await page.waitForLoadState('networkidle');
    expect(cspViolations).toEqual([]);
  });

  it('logs out with POST auth/logout, after which the session is gone', async () => {
    const { page, cspViolations } = session;
    await page.goto(`${rushes.baseUrl}/productions`);
    await page.waitForSelector('.production');
    const logout = page.waitForRequest((request) => request.url().endsWith('/api/auth/logout'));
    await page.click('button.logout');
    const request = await logout;
    expect(request.method()).toBe('POST');
    expect((await request.response())?.status()).toBe(200);
    await page.waitForSelector('input[name=email]');
    const status = await page.evaluate(async () => (await fetch('/api/auth/authenticated')).status);
    expect(status).toBe(401);
    expect(cspViolations).toEqual([]);
  });
});
