import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createPerson, createProject, entityTypeId } from '../../../test/support/factories.ts';
import { describeViolations, seriousViolations } from './accessibility.ts';
import { loadConfig } from '../../../server/src/platform/config.ts';
import { api, launchChromium, login, newPage, screenshot, startRushes, type RunningRushes } from './support.ts';

/**
 * Webhooks in the web app (#13): an admin registers a webhook from Studio settings, sees its secret
 * once and copies it, an event of the production reaches a real HTTP server of the test's, signed,
 * the delivery log shows it succeeded with its response code, and Redeliver sends it again.
 */

const ADMIN = { email: 'admin@webhooks.test', password: 'admin-password' };

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

describe('webhooks in the web app', () => {
  let rushes: RunningRushes;
  let browser: Browser;
  let receiver: http.Server;
  let hookUrl = '';
  let project: { id: string; name: string };
  const received: Received[] = [];

  beforeAll(async () => {
    // The receiver is on loopback: allowed as a studio allows its own servers (RUSHES_WEBHOOK_ALLOW_PRIVATE).
    rushes = await startRushes({ webhooks: loadConfig({ RUSHES_WEBHOOK_ALLOW_PRIVATE: '127.0.0.1' }).webhooks });
    rushes.context.deps.jobs.start();
    await createPerson(rushes.context, { role: 'admin', email: ADMIN.email, password: ADMIN.password, firstName: 'Ada', lastName: 'Admin' });
    project = await createProject(rushes.context, { name: 'Webhook Tales' });
    receiver = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/rushes-hook`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await rushes?.close();
    receiver?.closeAllConnections();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  async function expectAccessible(page: Page, where: string): Promise<void> {
    // The shell's brand link is audited by the shell's own tests; this one audits the webhooks page and dialogs.
    const violations = (await seriousViolations(page)).filter((violation) => !(violation.id === 'label-content-name-mismatch' && violation.targets.every((target) => target === '.brand')));
    expect(violations, `${where}:\n${describeViolations(violations)}`).toEqual([]);
  }

  /** The delivery log's rows as shown: [status, response] per row, newest first. */
  const logRows = (page: Page) =>
    page.$$eval('[data-testid=webhook-deliveries] [data-delivery-id]', (rows) =>
      rows.map((row) => ({
        id: row.getAttribute('data-delivery-id'),
        status: row.querySelector('[data-testid=delivery-status]')?.textContent?.trim() ?? '',
        response: row.querySelector('[data-testid=delivery-response]')?.textContent?.trim() ?? '',
        redelivery: row.textContent?.includes('redelivery') ?? false,
      })));

  /** Clicks Refresh until the log shows `count` rows that all succeeded (the page polls only while one is pending). */
  async function waitForSucceeded(page: Page, count: number) {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const rows = await logRows(page);
      if (rows.length >= count && rows.every((row) => row.status === 'Succeeded')) return rows;
      if (Date.now() > deadline) throw new Error(`The log never showed ${count} succeeded deliveries: ${JSON.stringify(rows)}`);
      const refresh = page.getByTestId('refresh-deliveries');
      if (await refresh.isEnabled()) await refresh.click();
      await page.waitForFunction(() => !document.querySelector('[data-testid=refresh-deliveries][aria-busy=true]'), undefined, { timeout: 10_000 });
    }
  }

  it('creates a webhook, shows its secret once, logs a signed delivery and redelivers it', async () => {
    const { context, page, errors } = await newPage(browser);
    await (context as BrowserContext).grantPermissions(['clipboard-read', 'clipboard-write'], { origin: rushes.baseUrl });
    await login(page, rushes.baseUrl, ADMIN.email, ADMIN.password, '/studio/webhooks');
    await page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();
    await page.getByText('No webhook yet').waitFor();
    await expectAccessible(page, 'empty webhooks page');

    // A wrong URL is refused in words before anything is sent.
    await page.getByTestId('new-webhook').click();
    const form = page.getByTestId('webhook-form');
    await form.getByLabel('Target URL').fill('ftp://files.studio.example/hook');
    await page.getByRole('button', { name: 'Create webhook' }).click();
    await expect.poll(() => page.getByTestId('webhook-error').textContent()).toContain('http:// or https://');

    await form.getByLabel('Target URL').fill(hookUrl);
    await form.getByLabel('Events of').selectOption({ label: project.name });
    await form.getByLabel('Events', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Add shot:new' }).click();
    await expect.poll(() => form.getByLabel('Events', { exact: true }).inputValue()).toBe('shot:new');
    await expectAccessible(page, 'new webhook dialog');
    await page.getByRole('button', { name: 'Create webhook' }).click();

    // The secret, once, with a working copy button.
    const secretField = page.getByTestId('webhook-secret');
    await secretField.waitFor();
    const secret = await secretField.inputValue();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    await page.getByRole('button', { name: 'Copy secret' }).click();
    await expect.poll(() => page.getByTestId('copy-webhook-secret').textContent()).toContain('Secret copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await expectAccessible(page, 'secret dialog');
    await screenshot(page, 'webhooks-secret');
    await page.getByTestId('webhook-secret-done').click();
    await secretField.waitFor({ state: 'detached' });
    const row = page.locator(`[data-webhook-url="${hookUrl}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(project.name);
    expect(await page.content()).not.toContain(secret);
    const listed = await api<Array<Record<string, unknown>>>(page, 'GET', '/api/data/webhooks');
    expect(listed).toHaveLength(1);
    expect(listed[0]).not.toHaveProperty('secret');

    // An event of the production: a shot created through the API with the admin's session.
    await page.getByRole('button', { name: `Deliveries of ${hookUrl}` }).click();
    await page.getByText('No delivery yet').waitFor();
    const shot = await api<{ id: string }>(page, 'POST', '/api/data/entities', {
      name: 'SH010', project_id: project.id, entity_type_id: await entityTypeId(rushes.context, 'Shot'),
    });
    const [delivered] = await waitForSucceeded(page, 1);
    expect(delivered).toMatchObject({ status: 'Succeeded', redelivery: false });
    expect(delivered!.response).toContain('HTTP 200');

    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request!.headers['x-rushes-event']).toBe('shot:new');
    expect(request!.headers['x-rushes-delivery']).toBe(delivered!.id);
    const timestamp = String(request!.headers['x-rushes-timestamp']);
    expect(request!.headers['x-rushes-signature']).toBe(`sha256=${createHmac('sha256', secret).update(`${timestamp}.${request!.body}`).digest('hex')}`);
    expect(JSON.parse(request!.body)).toMatchObject({ name: 'shot:new', project_id: project.id, data: { shot_id: shot.id } });
    await expectAccessible(page, 'delivery log');
    await screenshot(page, 'webhooks-log');

    // Redeliver: a second delivery of the same event, pending then succeeded without a click on Refresh.
    await page.getByRole('button', { name: /^Redeliver shot:new of / }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=webhook-deliveries] [data-delivery-id]').length === 2, undefined, { timeout: 15_000 });
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=webhook-deliveries] [data-delivery-status]')].every((row) => row.getAttribute('data-delivery-status') === 'succeeded'), undefined, { timeout: 30_000 });
    const rows = await logRows(page);
    expect(rows.map((r) => [r.status, r.redelivery])).toEqual([['Succeeded', true], ['Succeeded', false]]);
    expect(received).toHaveLength(2);
    expect(received[1]!.body).toBe(received[0]!.body);
    expect(received[1]!.headers['x-rushes-delivery']).toBe(rows[0]!.id);
    await expect.poll(async () => (await row.textContent()) ?? '').toContain('Succeeded');

    // Edit the filter, turn the hook off, then delete it.
    await page.getByRole('button', { name: `Edit ${hookUrl}` }).click();
    await form.getByLabel('Events', { exact: true }).fill('shot:*, task:new');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await form.waitFor({ state: 'detached' });
    await expect.poll(async () => (await row.textContent()) ?? '').toContain('task:new');
    await page.getByRole('checkbox', { name: `Active: ${hookUrl}` }).uncheck();
    await expect.poll(async () => (await api<Array<{ active: boolean; events: string[] }>>(page, 'GET', '/api/data/webhooks'))[0]).toEqual(
      expect.objectContaining({ active: false, events: ['shot:*', 'task:new'] }),
    );
    expect(await page.getByRole('button', { name: /^Redeliver shot:new of / }).first().isDisabled()).toBe(true);

    await page.getByRole('button', { name: `Delete ${hookUrl}` }).click();
    await page.getByTestId('confirm-webhook-action').click();
    await page.getByText('No webhook yet').waitFor();
    expect(await api<unknown[]>(page, 'GET', '/api/data/webhooks')).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
