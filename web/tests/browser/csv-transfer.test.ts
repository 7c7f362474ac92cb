import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { seedDemoProduction, type DemoSeedResult } from '../../../server/src/seed/demo-seed.ts';
import { api, launchChromium, login, newPage, screenshot, startRushes, type RunningRushes } from './support.ts';

/**
 * CSV export and import of the shots table in real headless Chromium against a real Rushes server, on
 * the demo production: the coordinator downloads the shots, previews that very file as unchanged, then
 * imports a file that changes one shot and adds another, previewed first (nothing written), applied,
 * and seen in the reloaded table. An artist gets the export but not the import.
 */

const COORDINATOR = { email: 'coordinator@demo.rushes.local', password: 'demo-coordinator' };
const ARTIST = { email: 'alice@demo.rushes.local', password: 'demo-artist' };

interface ShotWithTasks {
  name: string;
  sequence_name: string;
  description: string | null;
}

const csvUpload = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
const rowsOf = (page: Page) =>
  page.$$eval('[data-testid=import-row]', (rows) => rows.map((row) => Array.from(row.querySelectorAll('td'), (cell) => cell.textContent?.trim() ?? '')));

describe('shots table CSV export and import', () => {
  let rushes: RunningRushes;
  let browser: Browser;
  let demo: DemoSeedResult;
  let coordinator: { context: BrowserContext; page: Page; errors: string[] };
  let shotsUrl: string;
  let exportedShots = '';

  const shotsOfApi = () => api<ShotWithTasks[]>(coordinator.page, 'GET', `/api/data/shots/with-tasks?project_id=${demo.projectId}`);

  beforeAll(async () => {
    rushes = await startRushes();
    demo = await seedDemoProduction(rushes.context.db);
    browser = await launchChromium();
    coordinator = await newPage(browser);
    shotsUrl = `${rushes.baseUrl}/productions/${demo.projectId}/shots`;
    await login(coordinator.page, rushes.baseUrl, COORDINATOR.email, COORDINATOR.password, `/productions/${demo.projectId}/shots`);
  });

  afterAll(async () => {
    await browser?.close();
    await rushes?.close();
  });

  it('exports the shots as a CSV file holding every shot of the production', async () => {
    const { page } = coordinator;
    await page.waitForSelector('[data-testid=entity-row]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-csv]')]);
    // Named after the production and the day (the API's own name stays Zou's kitsu_<slug>_shots.csv).
    expect(download.suggestedFilename()).toMatch(/^The Lighthouse \(demo\) shots \d{4}-\d{2}-\d{2}\.csv$/);
    const text = await readFile(await download.path(), 'utf8');
    exportedShots = text;
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^Project;Episode;Sequence;Name;Description;/);
    const exported = new Set(lines.slice(1).map((line) => line.split(';').slice(2, 4).join('/')));
    const shots = await shotsOfApi();
    expect(shots).toHaveLength(demo.shots);
    expect(lines).toHaveLength(demo.shots + 1);
    expect([...exported].sort()).toEqual(shots.map((shot) => `${shot.sequence_name}/${shot.name}`).sort());
  });

  it('previews the exported file with "update existing" as every shot unchanged, and has nothing to apply', async () => {
    const { page, errors } = coordinator;
    await page.click('[data-testid=import-csv]');
    await page.check('[role=dialog] input[name=update]');
    await page.setInputFiles('[role=dialog] input[type=file]', csvUpload('kitsu_the_lighthouse_demo_shots.csv', exportedShots));
    await expect.poll(() => page.textContent('[data-testid=import-summary]')).toContain(`${demo.shots} unchanged — importing this file would change nothing`);
    const rows = await rowsOf(page);
    expect(rows[0]).toEqual(['2', 'SH0010', 'SQ010', 'Unchanged']);
    expect(rows.map((row) => Number(row[0]))).toEqual(Array.from({ length: demo.shots }, (_, i) => i + 2));
    expect(await page.isDisabled('[data-testid=apply-import]')).toBe(true);
    await page.keyboard.press('Escape');
    await page.waitForSelector('[role=dialog]', { state: 'detached' });
    expect(errors).toEqual([]);
  });

  it('previews an import that updates one shot and creates another, applies it, and shows the new shot', async () => {
    const { page, errors } = coordinator;
    const file = 'Sequence;Name;Description;Frames\r\nSQ010;SH0010;Changed by the CSV import;48\r\nSQ010;SH0990;"Added by the CSV import; new";24\r\n';

    await page.click('[data-testid=import-csv]');
    await page.setInputFiles('[role=dialog] input[type=file]', csvUpload('shots-changes.csv', file));
    // Without "update existing shots", the existing shot is left as it is.
    await expect.poll(() => page.textContent('[data-testid=import-summary]')).toContain('1 new, 1 unchanged');

    await page.check('[role=dialog] input[name=update]');
    await expect.poll(() => page.textContent('[data-testid=import-summary]')).toContain('1 new, 1 updated');
    expect(await rowsOf(page)).toEqual([
      ['3', 'SH0990', 'SQ010', 'Will create'],
      ['2', 'SH0010', 'SQ010', 'Will update'],
    ]);
    expect(await page.isEnabled('[data-testid=apply-import]')).toBe(true);
    await screenshot(page, 'csv-import-preview');

    // The preview wrote nothing.
    const before = await shotsOfApi();
    expect(before.find((shot) => shot.name === 'SH0990')).toBeUndefined();
    expect(before.find((shot) => shot.sequence_name === 'SQ010' && shot.name === 'SH0010')?.description).toBe('SQ010 shot 1');

    await page.click('[data-testid=apply-import]');
    await page.waitForSelector('[role=dialog]', { state: 'detached' });
    await expect.poll(() => page.textContent('.toast.success')).toContain('Imported 2 shots: 1 new, 1 updated.');

    await page.fill('input[type=search]', 'SH0990');
    await page.waitForSelector('[data-testid=entity-row][data-entity="SH0990"][data-group="SQ010"]');
    const after = await shotsOfApi();
    expect(after).toHaveLength(demo.shots + 1);
    expect(after.find((shot) => shot.name === 'SH0990')?.description).toBe('Added by the CSV import; new');
    expect(after.find((shot) => shot.sequence_name === 'SQ010' && shot.name === 'SH0010')?.description).toBe('Changed by the CSV import');
    await page.fill('input[type=search]', '');
    expect(errors).toEqual([]);
  });

  it('names the refused line and keeps Apply disabled; a dropped file that is not CSV is refused at once', async () => {
    const { page } = coordinator;
    await page.click('[data-testid=import-csv]');
    const bad = 'Sequence;Name;Frame In\nSQ010;SH0991;1001\nSQ010;SH0992;x12\n';
    await page.setInputFiles('[role=dialog] input[type=file]', csvUpload('bad.csv', bad));
    await expect.poll(() => page.textContent('[data-testid=import-error]')).toContain("Line 3: frame_in must be an integer, got 'x12'");
    expect(await page.isDisabled('[data-testid=apply-import]')).toBe(true);
    expect(await page.$('[data-testid=import-summary]')).toBeNull();
    await screenshot(page, 'csv-import-error');

    await page.evaluate(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['%PDF-1.7'], 'storyboard.pdf', { type: 'application/pdf' }));
      document.querySelector('[data-testid=csv-import]')?.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    });
    await expect.poll(() => page.textContent('[data-testid=import-error]')).toContain('storyboard.pdf is not a CSV file');
    expect(await page.textContent('[data-testid=chosen-file]')).toBe('storyboard.pdf');
    expect(await page.isDisabled('[data-testid=apply-import]')).toBe(true);

    await page.keyboard.press('Escape');
    await page.waitForSelector('[role=dialog]', { state: 'detached' });
    expect((await shotsOfApi()).filter((shot) => shot.name.startsWith('SH099'))).toHaveLength(1);
  });

  it('gives an artist the export but not the import', async () => {
    const artist = await newPage(browser);
    try {
      await login(artist.page, rushes.baseUrl, ARTIST.email, ARTIST.password, `/productions/${demo.projectId}/shots`);
      await artist.page.goto(shotsUrl);
      await artist.page.waitForSelector('[data-testid=export-csv]');
      expect(await artist.page.$('[data-testid=import-csv]')).toBeNull();
    } finally {
      await artist.context.close();
    }
  });
});
