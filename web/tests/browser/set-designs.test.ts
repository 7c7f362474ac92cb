import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createAdmin } from '../../../server/src/modules/persons/admin-bootstrap.service.ts';
import { noisyPng, pngImage, zipOf } from '../../../test/support/media-fixtures.ts';
import { api, launchChromium, login, newPage, screenshot, startRushes, type RunningRushes } from './support.ts';

/**
 * The Set designs page in real headless Chromium against a real Rushes server (with its job worker):
 * create a set design, fill its subject × shot type grid by uploading a ZIP of sharp-made PNGs named
 * after the shot-type slugs, watch the progress bar reach 100 %, then request completion.
 */

const ADMIN = { email: 'admin@set-designs.test', password: 'admin-password' };
const SHOT_TYPES = [
  { name: 'Front full body', slug: 'front_full_body', color: '#f59e0b' },
  { name: 'Back full body', slug: 'back_full_body', color: '#10b981' },
  { name: 'Side', slug: 'side', color: '#6366f1' },
  { name: 'Close-up', slug: 'close_up', color: '#ec4899' },
];

interface Page_<T> { data: T[]; count: number }

describe('set designs page', () => {
  let rushes: RunningRushes;
  let browser: Browser;
  let admin: { context: BrowserContext; page: Page; errors: string[] };
  let tmp: string;
  let setDesignUrl: string;

  beforeAll(async () => {
    rushes = await startRushes();
    rushes.context.deps.jobs.start();
    await createAdmin(rushes.context.db, { ...ADMIN, firstName: 'Ada', lastName: 'Admin' }, 8);
    browser = await launchChromium();
    admin = await newPage(browser);
    tmp = await mkdtemp(path.join(os.tmpdir(), 'rushes-set-designs-'));
  });

  afterAll(async () => {
    await browser?.close();
    await rushes?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('explains how to start when there is no set design, and creates one from the dialog', async () => {
    const { page } = admin;
    await login(page, rushes.baseUrl, ADMIN.email, ADMIN.password, '/set-designs');
    await page.click('nav[aria-label=Main] >> text=Set designs');
    await page.waitForSelector('text=No set designs yet');
    expect(await page.textContent('[role=note]')).toContain('named after the shot-type slugs');

    await page.click('button:has-text("Create the first set design")');
    await page.fill('[role=dialog] input[name=name]', 'Summer lookbook');
    await page.fill('[role=dialog] textarea[name=description]', 'Studio A, white cyclorama');
    await page.click('[role=dialog] button[type=submit]');
    await page.waitForURL(/\/set-designs\/[0-9a-f-]{36}$/);
    setDesignUrl = page.url();
    await page.waitForSelector('h1:has-text("Summer lookbook")');
    // No subject or shot type yet: the page says what to do.
    await page.waitForSelector('text=Add subjects and shot types first');

    const list = await api<Page_<{ name: string }>>(page, 'GET', '/api/v1/set-designs/?skip=0&limit=10');
    expect(list.data.map((item) => item.name)).toEqual(['Summer lookbook']);
  });

  it('fills the grid from a ZIP with a live progress bar that reaches 100 %', async () => {
    const { page, errors } = admin;
    const alice = await api<{ id: string }>(page, 'POST', '/api/v1/subjects/', { name: 'Alice' });
    await api(page, 'POST', '/api/v1/subjects/', { name: 'Bruno' });
    for (const shotType of SHOT_TYPES) await api(page, 'POST', '/api/v1/shot-types/', { name: shotType.name, slug: shotType.slug });

    await page.click('button:has-text("Reload")');
    await page.waitForSelector('table[aria-label="Base images by subject and shot type"]');
    expect(await page.locator('thead th[data-shot-type]').count()).toBe(4);
    expect(await page.locator('tbody tr[data-subject]').count()).toBe(2);
    expect(await page.textContent('[data-testid=filled-count]')).toContain('0 of 8');

    // Three shot types as noisy PNGs (slow enough for the bar to move), one stray file skipped.
    const entries = await Promise.all(SHOT_TYPES.slice(0, 3).map(async (shotType, index) => ({ name: `${shotType.slug}.png`, data: await noisyPng(1400, 1800, index + 1) })));
    entries.push({ name: 'notes.png', data: await pngImage(40, 40, '#000000') });
    const zipPath = path.join(tmp, 'alice.zip');
    await writeFile(zipPath, await zipOf(entries));

    const bar = page.locator('tr[data-subject="Alice"] [role=progressbar]');
    await page.setInputFiles('tr[data-subject="Alice"] input[data-testid=zip-input]', zipPath);
    await bar.waitFor();
    // The bar's values as the page polls the task.
    const seen = new Set<string>();
    await expect
      .poll(async () => {
        const value = (await bar.getAttribute('aria-valuenow')) ?? '';
        if (!seen.has(value) && Number(value) > 0 && Number(value) < 100) await screenshot(page, 'set-design-zip-progress');
        seen.add(value);
        return page.getAttribute('tr[data-subject="Alice"] [data-testid=zip-upload]', 'data-status');
      }, { timeout: 60_000, interval: 50 })
      .toBe('COMPLETED');
    expect(await bar.getAttribute('aria-valuenow')).toBe('100');
    expect([...seen].some((value) => Number(value) > 0 && Number(value) < 100) || seen.size > 1).toBe(true);
    const result = page.locator('tr[data-subject="Alice"] [data-testid=zip-upload]');
    expect(await result.textContent()).toContain('3 images added, 1 skipped');
    expect(await result.textContent()).toContain('100 %');

    // The grid fills: three thumbnails for Alice, served by the API.
    for (const shotType of SHOT_TYPES.slice(0, 3)) {
      const img = page.locator(`td[data-cell="Alice/${shotType.slug}"] img`);
      await img.waitFor();
      await expect.poll(() => img.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth > 0)).toBe(true);
    }
    expect(await page.locator('td[data-cell="Alice/close_up"] >> text=Upload image').count()).toBe(1);
    expect(await page.textContent('[data-testid=filled-count]')).toContain('3 of 8');
    const stored = await api<{ base_images: Array<{ subject_id: string }> }>(page, 'GET', new URL(setDesignUrl).pathname.replace('/set-designs/', '/api/v1/set-designs/'));
    expect(stored.base_images.filter((image) => image.subject_id === alice.id)).toHaveLength(3);
    expect(errors).toEqual([]);
  });

  it('puts a single image in an empty cell', async () => {
    const { page } = admin;
    const imagePath = path.join(tmp, 'close-up.png');
    await writeFile(imagePath, await pngImage(600, 800, SHOT_TYPES[3]!.color));
    await page.setInputFiles('td[data-cell="Alice/close_up"] input[type=file]', imagePath);
    const img = page.locator('td[data-cell="Alice/close_up"] img');
    await img.waitFor();
    await expect.poll(() => page.locator('td[data-cell="Alice/close_up"] [aria-busy]').count()).toBe(0);
    await expect.poll(() => page.textContent('[data-testid=filled-count]')).toContain('4 of 8');
    await expect.poll(() => img.getAttribute('src')).toMatch(/^\/api\/v1\/media\/[0-9a-f-]+\/thumbnail$/);
  });

  it('requests completion of the selected subject and shows the API’s answer', async () => {
    const { page } = admin;
    await page.check('input[aria-label="Select subject Bruno"]');
    await page.check('input[aria-label="Select shot type Close-up"]');
    await screenshot(page, 'set-design-grid');
    await page.click('button:has-text("Request completion")');
    await page.waitForSelector('[role=dialog] >> text=Bruno');
    await page.click('[role=dialog] button:has-text("Send the request")');
    const message = page.locator('[data-testid=completion-message]');
    await message.waitFor();
    expect((await message.textContent())?.trim().length).toBeGreaterThan(0);
    await page.click('[role=dialog] button:has-text("Close")');
  });

  it('lists the set design with its image count', async () => {
    const { page } = admin;
    await page.click('text=← Set designs');
    await page.waitForSelector('[data-set-design="Summer lookbook"]');
    expect(await page.textContent('[data-set-design="Summer lookbook"]')).toContain('4');
    expect(await page.textContent('.pager')).toContain('1–1 of 1');
    await screenshot(page, 'set-designs-list');
  });
});
