import { execFile } from 'node:child_process';
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { seedDemoProduction, type DemoSeedResult } from '../../../server/src/seed/demo-seed.ts';
import { addTeamMember, createPerson } from '../../../test/support/factories.ts';
import { pngImage } from '../../../test/support/media-fixtures.ts';
import { describeViolations, seriousViolations } from './accessibility.ts';
import { api, launchChromium, login, newPage, screenshot, startRushes, type RunningRushes } from './support.ts';

/**
 * The review page (#15), in real headless Chromium against a real Rushes server on the demo
 * production: the coordinator builds a playlist from two selected Animation cells of the shots table
 * (a 1 s movie and a picture as their latest revisions), plays through both entries, steps frames
 * (across the entries' boundary, the movie seeked to the frame asked), draws on a frame and finds the
 * drawing at that frame after a reload, comments with a Retake from the player and finds Retake in the
 * shots table, then gathers the sequence's Animation retakes into a playlist of that status; a client of the production sees only the client playlist.
 */

const COORDINATOR = { email: 'coordinator@demo.rushes.local', password: 'demo-coordinator' };
const CLIENT = { email: 'client@review.test', password: 'client-password' };
const FFMPEG = '/usr/bin/ffmpeg';
const FPS = 24;
const run = promisify(execFile);
const hasFfmpeg = await access(FFMPEG).then(() => true, () => false);

interface CellTask {
  id: string;
  shot: string;
  sequence: string;
  status_id: string;
}

/** Publishes a file as the task's next revision through the API, as the task panel does. */
async function publishPreview(page: Page, task: CellTask, file: { name: string; type: string; data: Buffer }): Promise<string> {
  const comment = await api<{ id: string }>(page, 'POST', `/api/actions/tasks/${task.id}/comment`, { task_status_id: task.status_id, comment: `Preview ${file.name}` });
  const preview = await api<{ id: string }>(page, 'POST', `/api/actions/tasks/${task.id}/comments/${comment.id}/add-preview`, {});
  await page.evaluate(async ({ url, name, type, base64 }) => {
    const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
    const form = new FormData();
    form.append('file', new File([bytes], name, { type }), name);
    const response = await fetch(url, { method: 'POST', body: form });
    if (!response.ok) throw new Error(`upload ${name}: ${response.status} ${await response.text()}`);
  }, { url: `/api/pictures/preview-files/${preview.id}`, name: file.name, type: file.type, base64: file.data.toString('base64') });
  return preview.id;
}

describe.skipIf(!hasFfmpeg)('the review page', () => {
  let rushes: RunningRushes;
  let browser: Browser;
  let demo: DemoSeedResult;
  let picked: CellTask[];
  let tmp: string;

  beforeAll(async () => {
    rushes = await startRushes();
    demo = await seedDemoProduction(rushes.context.db);
    picked = (await sql<CellTask>`
      SELECT t.id, shot.name AS shot, seq.name AS sequence, t.task_status_id AS status_id
        FROM task t
        JOIN entity shot ON shot.id = t.entity_id
        JOIN entity seq ON seq.id = shot.parent_id
        JOIN task_type tt ON tt.id = t.task_type_id AND tt.name = 'Animation'
       WHERE t.project_id = ${demo.projectId}
       ORDER BY seq.name, shot.name LIMIT 2`.execute(rushes.context.db)).rows;
    expect(picked).toHaveLength(2);
    const client = await createPerson(rushes.context, { role: 'client', email: CLIENT.email, password: CLIENT.password, firstName: 'Cleo', lastName: 'Client' });
    await addTeamMember(rushes.context, demo.projectId, client.id);
    tmp = await mkdtemp(path.join(os.tmpdir(), 'rushes-review-'));
    browser = await launchChromium();
    rushes.context.deps.jobs.start();
  });

  afterAll(async () => {
    await browser?.close();
    await rushes?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  const cell = (task: CellTask) => `[data-testid=entity-row][data-entity="${task.shot}"][data-group="${task.sequence}"] [data-task-type="Animation"]`;
  const frameOf = async (page: Page) => Number(await page.getAttribute('[data-testid=player-frame]', 'data-frame'));
  const indexOf = async (page: Page) => Number(await page.getAttribute('[data-testid=player]', 'data-index'));

  it('builds a playlist from the selection, plays two entries, steps frames, draws on one, comments a Retake from the player and gathers a status playlist', async () => {
    const { page, errors } = await newPage(browser);
    await login(page, rushes.baseUrl, COORDINATOR.email, COORDINATOR.password, `/productions/${demo.projectId}/shots`);

    const moviePath = path.join(tmp, 'anim_v001.mp4');
    await run(FFMPEG, ['-nostdin', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `testsrc=duration=1:size=320x240:rate=${FPS}`, '-c:v', 'libx264', '-pix_fmt', 'yuv420p', moviePath]);
    const movieId = await publishPreview(page, picked[0]!, { name: 'anim_v001.mp4', type: 'video/mp4', data: await readFile(moviePath) });
    await publishPreview(page, picked[1]!, { name: 'anim_v001.png', type: 'image/png', data: await pngImage(320, 240, '#cc6633') });
    await expect.poll(async () => (await api<{ status: string }>(page, 'GET', `/api/data/preview-files/${movieId}`)).status, { timeout: 60_000 }).toBe('ready');

    await page.reload();
    await page.waitForSelector('[data-testid=entity-row]');
    for (const task of picked) await page.click(cell(task), { modifiers: ['Control'] });
    await expect.poll(() => page.textContent('[data-testid=selection-count]')).toContain('2 cells selected');
    await page.click('[data-testid=add-to-playlist-button]');
    await page.fill('[data-testid=add-to-playlist] input[name=playlist-name]', 'Dailies SQ010');
    await page.click('[role=dialog] button[type=submit]');
    await page.waitForURL(/\/playlists\/[0-9a-f-]+$/);
    await page.waitForSelector('[data-testid=player-movie]');
    expect(await page.locator('[data-testid=review-entry]').count()).toBe(2);
    expect(await page.textContent('[data-testid=review-entry] >> nth=0')).toContain(picked[0]!.shot);
    expect(await page.textContent('[data-testid=review-entry] >> nth=0')).toContain('revision 1');
    expect(await page.textContent('[data-testid=shortcuts]')).toContain('Space play/pause');

    // Play: the 1 s movie, then the picture (held 2 s), then a stop on the last frame.
    await page.click('[data-testid=play]');
    await expect.poll(() => indexOf(page), { timeout: 10_000 }).toBe(1);
    await page.waitForSelector('[data-testid=player-picture]');
    await expect.poll(() => page.getAttribute('[data-testid=player]', 'data-playing'), { timeout: 10_000 }).toBe('false');
    expect(await frameOf(page)).toBe(2 * FPS - 1);

    // Frame steps: back across the boundary onto the movie's last frame, then by the keyboard.
    await page.click('[data-testid=player-entry]');
    await page.keyboard.press('Home');
    expect(await frameOf(page)).toBe(0);
    await page.click('[data-testid=frame-back]');
    await expect.poll(() => indexOf(page)).toBe(0);
    expect(await frameOf(page)).toBe(FPS - 1);
    await page.waitForSelector('[data-testid=player-movie]');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowLeft');
    await page.click('[data-testid=frame-forward]');
    expect(await frameOf(page)).toBe(2);
    // The movie is at that frame's middle: the frame the number names is the one on screen.
    await expect.poll(() => page.$eval('[data-testid=player-movie]', (video: HTMLVideoElement) => video.currentTime)).toBeCloseTo(2.5 / FPS, 3);
    expect(await page.textContent('[data-testid=player-frame]')).toBe(`Frame 3 / ${FPS}`);
    await screenshot(page, 'review-player');
    const axe = await seriousViolations(page);
    expect(axe, describeViolations(axe)).toEqual([]);

    // Draw on frame 3, a second stroke undone; after a reload the one stroke is at frame 3 only.
    await page.click('[data-testid=pen]');
    const drawStroke = async (from: [number, number], to: [number, number]) => {
      const box = (await page.locator('[data-testid=annotations]').boundingBox())!;
      await page.mouse.move(box.x + box.width * from[0], box.y + box.height * from[1]);
      await page.mouse.down();
      for (let step = 1; step <= 5; step += 1) await page.mouse.move(box.x + box.width * (from[0] + ((to[0] - from[0]) * step) / 5), box.y + box.height * (from[1] + ((to[1] - from[1]) * step) / 5));
      await page.mouse.up();
    };
    const storedStrokes = async () => {
      const preview = await api<{ annotations: Array<{ time: number; drawing: { objects: unknown[] } }> }>(page, 'GET', `/api/data/preview-files/${movieId}`);
      return preview.annotations.flatMap((entry) => entry.drawing.objects.map(() => Math.round(entry.time * FPS)));
    };
    await drawStroke([0.2, 0.2], [0.6, 0.5]);
    await expect.poll(storedStrokes).toEqual([2]);
    await drawStroke([0.3, 0.7], [0.8, 0.7]);
    await expect.poll(storedStrokes).toEqual([2, 2]);
    expect(await page.getAttribute('[data-testid=annotations]', 'data-strokes')).toBe('2');
    await page.click('[data-testid=undo-stroke]');
    await expect.poll(storedStrokes).toEqual([2]);
    await screenshot(page, 'review-annotation');
    await page.reload();
    await page.waitForSelector('[data-testid=player-movie]');
    expect(await page.getAttribute('[data-testid=annotations]', 'data-strokes')).toBe('0');
    await page.click('[data-testid=player-entry]');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getAttribute('[data-testid=annotations]', 'data-strokes')).toBe('1');
    await page.keyboard.press('ArrowRight');
    expect(await page.getAttribute('[data-testid=annotations]', 'data-strokes')).toBe('0');
    await page.keyboard.press('ArrowLeft');
    expect(await frameOf(page)).toBe(2);

    // Comment with a status change at this frame.
    await page.fill('[data-testid=review-comment-text]', 'The arm pops here.');
    await page.selectOption('[data-testid=review-comment-status]', { label: 'Retake' });
    await page.click('[data-testid=review-comment] button[type=submit]');
    await expect.poll(() => page.textContent('[data-testid=entry-status]')).toContain('Retake');
    const thread = await api<Array<{ text: string; task_status: { name: string } }>>(page, 'GET', `/api/data/tasks/${picked[0]!.id}/comments`);
    expect(thread[0]).toMatchObject({ text: 'Frame 3: The arm pops here.', task_status: { name: 'Retake' } });

    await page.click('nav[aria-label=Production] >> text=Shots');
    await page.waitForSelector(cell(picked[0]!));
    await expect.poll(() => page.textContent(`${cell(picked[0]!)} .chip`)).toBe('Retake');

    // A playlist of a status: every Animation task in Retake in this sequence, the one just set among them.
    const retakes = (await sql<{ shot: string }>`
      SELECT shot.name AS shot FROM task t
        JOIN entity shot ON shot.id = t.entity_id
        JOIN task_type tt ON tt.id = t.task_type_id AND tt.name = 'Animation'
        JOIN task_status ts ON ts.id = t.task_status_id AND ts.name = 'Retake'
       WHERE t.project_id = ${demo.projectId} AND shot.parent_id = (SELECT parent_id FROM entity WHERE name = ${picked[0]!.shot} AND project_id = ${demo.projectId} AND parent_id IN (SELECT id FROM entity WHERE name = ${picked[0]!.sequence}))
       ORDER BY shot.name`.execute(rushes.context.db)).rows.map((row) => row.shot);
    expect(retakes).toContain(picked[0]!.shot);
    await page.click('nav[aria-label=Production] >> text=Playlists');
    await page.click('[data-testid=new-playlist]');
    await page.fill('[role=dialog] input[name=playlist-name]', `Retakes ${picked[0]!.sequence}`);
    await page.check('[role=dialog] input[name=from-status]');
    await page.selectOption('[role=dialog] select[name=task-type]', { label: 'Animation' });
    await page.selectOption('[role=dialog] select[name=status]', { label: 'Retake' });
    await page.selectOption('[role=dialog] select[name=sequence]', { label: picked[0]!.sequence });
    await page.click('[role=dialog] button[type=submit]');
    await page.waitForURL(/\/playlists\/[0-9a-f-]+$/);
    await page.waitForSelector('[data-testid=review-entry]');
    const listed = await page.locator('[data-testid=review-entry] strong').allTextContents();
    expect(listed).toEqual(retakes.map((shot) => `${picked[0]!.sequence} / ${shot}`));
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('shows a client only the client playlists, without building tools', async () => {
    const coordinator = await newPage(browser);
    await login(coordinator.page, rushes.baseUrl, COORDINATOR.email, COORDINATOR.password, `/productions/${demo.projectId}/playlists`);
    const forClient = await api<{ id: string }>(coordinator.page, 'POST', '/api/data/playlists', { name: 'Client review', project_id: demo.projectId, for_client: true });
    await api(coordinator.page, 'POST', `/api/actions/playlists/${forClient.id}/add-entity`, { entity_id: (await sql<{ entity_id: string }>`SELECT entity_id FROM task WHERE id = ${picked[1]!.id}`.execute(rushes.context.db)).rows[0]!.entity_id });
    await coordinator.page.reload();
    // The coordinator sees the studio playlists of the first test too.
    await expect.poll(() => coordinator.page.locator('[data-testid=playlist-row]').count()).toBe(3);
    await coordinator.context.close();

    const { page, errors } = await newPage(browser);
    await login(page, rushes.baseUrl, CLIENT.email, CLIENT.password, `/productions/${demo.projectId}/playlists`);
    await page.waitForSelector('[data-testid=playlist-row]');
    const names = await page.locator('[data-testid=playlist-row] td:first-child a').allTextContents();
    expect(names).toEqual(['Client review']);
    expect(await page.locator('[data-testid=new-playlist]').count()).toBe(0);
    expect(await page.locator('[data-testid=playlist-row] button').count()).toBe(0);
    await screenshot(page, 'review-playlists-client');
    const axe = await seriousViolations(page);
    expect(axe, describeViolations(axe)).toEqual([]);

    await page.click('[data-testid=playlist-row] a >> text=Client review');
    await page.waitForSelector('[data-testid=player-picture]');
    expect(await page.locator('[data-testid=remove-entry]').count()).toBe(0);
    await page.waitForSelector('[data-testid=review-comment-status]');
    expect(errors).toEqual([]);
  });
});
