import { execFile } from 'node:child_process';
import { access, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { seedDemoProduction, type DemoSeedResult } from '../../../server/src/seed/demo-seed.ts';
import { pngImage } from '../../../test/support/media-fixtures.ts';
import { api, launchChromium, login, newPage, screenshot, startRushes, type RunningRushes } from './support.ts';

/**
 * Previews in the task panel, in real headless Chromium against a real Rushes server on the demo
 * production: a PNG dropped on the panel is published as revision 1 and shown; a movie picked with
 * "Add preview" shows as processing until the server's job has normalised it, then plays.
 */

const COORDINATOR = { email: 'coordinator@demo.rushes.local', password: 'demo-coordinator' };
const PANEL = '[data-testid=task-panel]';
const FFMPEG = '/usr/bin/ffmpeg';
const run = promisify(execFile);
const hasFfmpeg = await access(FFMPEG).then(() => true, () => false);

interface ThreadComment {
  text: string;
  task_status: { name: string };
  previews: Array<{ revision: number; status: string; extension: string }>;
}

/** Drags `file` over the panel (the drop zone must show), then drops it, as the desktop would. */
async function dropFile(page: Page, file: { name: string; type: string; data: Buffer }) {
  const dataTransfer = await page.evaluateHandle(({ name, type, base64 }) => {
    const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], name, { type }));
    return transfer;
  }, { name: file.name, type: file.type, base64: file.data.toString('base64') });
  await page.dispatchEvent(PANEL, 'dragenter', { dataTransfer });
  await page.dispatchEvent(PANEL, 'dragover', { dataTransfer });
  await page.waitForSelector(`${PANEL} [data-testid=drop-zone]`);
  await page.dispatchEvent(PANEL, 'drop', { dataTransfer });
  await page.waitForSelector(`${PANEL} [data-testid=drop-zone]`, { state: 'detached' });
}

describe('task panel previews', () => {
  let rushes: RunningRushes;
  let browser: Browser;
  let demo: DemoSeedResult;
  let coordinator: { context: BrowserContext; page: Page; errors: string[] };
  let tmp: string;
  let taskUrl: string;
  let taskId: string;

  beforeAll(async () => {
    rushes = await startRushes();
    demo = await seedDemoProduction(rushes.context.db);
    browser = await launchChromium();
    coordinator = await newPage(browser);
    tmp = await mkdtemp(path.join(os.tmpdir(), 'rushes-previews-'));
    await login(coordinator.page, rushes.baseUrl, COORDINATOR.email, COORDINATOR.password);
    const shots = await api<Array<{ tasks: Array<{ id: string }> }>>(coordinator.page, 'GET', `/api/data/shots/with-tasks?project_id=${demo.projectId}`);
    taskId = shots.find((shot) => shot.tasks.length > 0)!.tasks[0]!.id;
    taskUrl = `${rushes.baseUrl}/productions/${demo.projectId}/shots?task=${taskId}`;
  });

  afterAll(async () => {
    await browser?.close();
    await rushes?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('publishes a PNG dropped on the task panel as revision 1 and shows it', async () => {
    const { page, errors } = coordinator;
    await page.goto(taskUrl);
    await page.waitForSelector(`${PANEL} [data-testid=no-preview]`);

    // Not a preview: refused before anything is sent.
    await dropFile(page, { name: 'notes.txt', type: 'text/plain', data: Buffer.from('hello') });
    await expect.poll(() => page.textContent(`${PANEL} [data-testid=preview-file-error]`)).toMatch(/“notes\.txt” is not a picture or a movie/);
    expect(await page.locator(`${PANEL} [data-testid=attached-file]`).count()).toBe(0);

    await dropFile(page, { name: 'layout_v001.png', type: 'image/png', data: await pngImage(640, 360, '#3366cc') });
    await page.waitForSelector(`${PANEL} [data-testid=attached-file] >> text=layout_v001.png`);
    expect(await page.locator(`${PANEL} [data-testid=preview-file-error]`).count()).toBe(0);
    await page.fill(`${PANEL} textarea[name=comment]`, 'First layout pass.');
    await page.selectOption(`${PANEL} [data-testid=comment-status]`, { label: 'Submitted' });
    await page.click(`${PANEL} button[type=submit]:has-text("Publish")`);

    await expect.poll(() => page.getAttribute(`${PANEL} [data-testid=preview-upload]`, 'data-phase'), { timeout: 30_000 }).toBe('done');
    expect(await page.getAttribute(`${PANEL} [data-testid=preview-upload] [role=progressbar]`, 'aria-valuenow')).toBe('100');
    const image = page.locator(`${PANEL} img[data-testid=preview-image]`);
    await image.waitFor();
    await expect.poll(() => image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth)).toBe(640);
    expect(await page.textContent(`${PANEL} [data-testid=preview-revision]`)).toBe('Revision 1');
    await expect.poll(() => page.textContent(`${PANEL} [data-testid=panel-status]`)).toBe('Submitted');
    // The comment carries the revision's thumbnail, loaded from the API.
    const thumbnail = page.locator(`${PANEL} [data-testid=comment] [data-testid=comment-preview][data-revision="1"] img`);
    await expect.poll(() => thumbnail.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth > 0)).toBe(true);
    await screenshot(page, 'task-panel-preview-picture');

    const thread = await api<ThreadComment[]>(page, 'GET', `/api/data/tasks/${taskId}/comments`);
    expect(thread[0]).toMatchObject({ text: 'First layout pass.', task_status: { name: 'Submitted' }, previews: [{ revision: 1, status: 'ready', extension: 'png' }] });
    expect(errors).toEqual([]);
  });

  it.skipIf(!hasFfmpeg)('shows a movie picked with "Add preview" as processing until the server has normalised it, then plays it', async () => {
    const { page, errors } = coordinator;
    const moviePath = path.join(tmp, 'anim_v002.mov');
    await run(FFMPEG, [
      '-nostdin', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=duration=1:size=320x240:rate=24', '-c:v', 'mpeg4', moviePath,
    ]);
    const previewReads: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/data/preview-files/')) previewReads.push(request.url());
    });

    // The job worker is not running yet: the movie stays processing while the panel is looked at.
    await page.setInputFiles(`${PANEL} input[data-testid=preview-input]`, moviePath);
    await page.waitForSelector(`${PANEL} [data-testid=attached-file] >> text=anim_v002.mov`);
    await page.click(`${PANEL} button[type=submit]:has-text("Publish")`);
    await page.waitForSelector(`${PANEL} [data-testid=preview-processing]`, { timeout: 30_000 });
    expect(await page.textContent(`${PANEL} [data-testid=preview-revision]`)).toContain('Revision 2');
    expect(await page.locator(`${PANEL} [data-testid=comment-preview][data-revision="2"]`).textContent()).toContain('Processing');
    await screenshot(page, 'task-panel-preview-processing');
    await expect.poll(() => previewReads.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);

    rushes.context.deps.jobs.start();
    const video = page.locator(`${PANEL} video[data-testid=preview-movie]`);
    await video.waitFor({ timeout: 60_000 });
    expect(await video.getAttribute('poster')).toMatch(/^\/api\/pictures\/previews\/preview-files\/[0-9a-f-]+\.png$/);
    const playback = await video.evaluate(async (element: HTMLVideoElement) => {
      element.muted = true;
      // play() resolves once the browser has decoded enough to play, and rejects when it cannot.
      await element.play();
      element.pause();
      return { readyState: element.readyState, width: element.videoWidth, duration: element.duration };
    });
    expect(playback.readyState).toBeGreaterThanOrEqual(2);
    expect(playback.width).toBe(320);
    expect(playback.duration).toBeGreaterThan(0.8);
    expect(playback.duration).toBeLessThan(1.3);
    await screenshot(page, 'task-panel-preview-movie');

    // Ready: the panel stops asking.
    const reads = previewReads.length;
    await page.waitForTimeout(3_000);
    expect(previewReads.length).toBe(reads);

    // Both revisions can be shown; the picture comes back when revision 1 is picked.
    await page.selectOption(`${PANEL} [data-testid=revision-select]`, '1');
    await page.waitForSelector(`${PANEL} img[data-testid=preview-image]`);
    expect(await page.textContent(`${PANEL} [data-testid=preview-revision]`)).toBe('Revision 1');
    expect(errors).toEqual([]);
  });
});
