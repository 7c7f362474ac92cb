import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { bearer, personWithToken } from '../../../test/support/factories.ts';
import { seedDemoProduction, type DemoSeedResult } from '../../../server/src/seed/demo-seed.ts';
import { launchChromium, login, newPage, screenshot, startRushes, type RunningRushes } from './support.ts';

/**
 * Permissions that show (#18): the pages offer a person only what the API lets them do, so nothing is
 * shown and then reverted with a 403. On the demo production, with "Approved" reserved to leads (as
 * studios configure it: not artist-allowed).
 */

const ARTIST = { email: 'alice@demo.rushes.local', password: 'demo-artist' };
const SUPERVISOR = { email: 'supervisor@demo.rushes.local', password: 'demo-supervisor' };

interface CellTask {
  id: string;
  shot: string;
  sequence: string;
  task_type: string;
}

describe('task permissions in the web app', () => {
  let rushes: RunningRushes;
  let browser: Browser;
  let demo: DemoSeedResult;

  beforeAll(async () => {
    rushes = await startRushes();
    demo = await seedDemoProduction(rushes.context.db);
    // Through the API, as a studio admin would (the server caches reference data it changes itself).
    const admin = await personWithToken(rushes.context, 'admin');
    const approved = (await sql<{ id: string }>`SELECT id FROM task_status WHERE system_key = 'approved'`.execute(rushes.context.db)).rows[0]!;
    const changed = await rushes.context.app.inject({ method: 'PUT', url: `/api/data/task-status/${approved.id}`, headers: bearer(admin.token), payload: { is_artist_allowed: false } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ is_artist_allowed: false });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await rushes?.close();
  });

  /** A shot task whose assignees include (or not) the given person. */
  async function shotTask(email: string, assigned: boolean): Promise<CellTask> {
    const result = await sql<CellTask>`
      SELECT t.id, shot.name AS shot, seq.name AS sequence, tt.name AS task_type
        FROM task t
        JOIN entity shot ON shot.id = t.entity_id
        JOIN entity seq ON seq.id = shot.parent_id
        JOIN task_type tt ON tt.id = t.task_type_id AND tt.for_entity = 'Shot'
       WHERE t.project_id = ${demo.projectId}
         AND EXISTS (SELECT 1 FROM assignations a JOIN person p ON p.id = a.person_id WHERE a.task_id = t.id AND p.email = ${email}) = ${assigned}
       ORDER BY seq.name, shot.name, tt.name LIMIT 1`.execute(rushes.context.db);
    return result.rows[0]!;
  }

  const cell = (task: CellTask) => `[data-testid=entity-row][data-entity="${task.shot}"][data-group="${task.sequence}"] [data-task-type="${task.task_type}"]`;

  async function openPicker(page: Page, task: CellTask): Promise<void> {
    await page.click(cell(task));
    await page.waitForSelector('[data-testid=status-picker]');
  }

  async function closePicker(page: Page): Promise<void> {
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=status-picker]', { state: 'detached' });
  }

  it('offers an artist only the statuses they may set, and only on their own tasks', async () => {
    const { page, errors } = await newPage(browser);
    await login(page, rushes.baseUrl, ARTIST.email, ARTIST.password, `/productions/${demo.projectId}/shots`);
    await page.waitForSelector('[data-testid=entity-row]');

    const own = await shotTask(ARTIST.email, true);
    await openPicker(page, own);
    const offered = await page.$$eval('[data-testid=status-picker] button[data-status]', (buttons) => buttons.map((b) => b.getAttribute('data-status')));
    expect(offered).toContain('In Progress');
    expect(offered).toContain('Submitted');
    expect(offered).not.toContain('Approved');
    await screenshot(page, 'permissions-artist-picker');
    await closePicker(page);

    const other = await shotTask(ARTIST.email, false);
    await openPicker(page, other);
    expect(await page.textContent('[data-testid=status-picker-refused]')).toContain('Only its assignees');
    expect(await page.locator('[data-testid=status-picker] button[data-status]').count()).toBe(0);
    await closePicker(page);

    // The task panel of someone else's task has no comment form; the artist's own offers the same statuses.
    await page.goto(`${rushes.baseUrl}/productions/${demo.projectId}/shots?task=${other.id}`);
    await page.waitForSelector('[data-testid=comment-refused]');
    await page.goto(`${rushes.baseUrl}/productions/${demo.projectId}/shots?task=${own.id}`);
    await page.waitForSelector('[data-testid=comment-status]');
    // Its current status stays listed (disabled when the artist may not set it), never as a choice.
    const formStatuses = await page.$$eval('[data-testid=comment-status] option:not(:disabled)', (options) => options.map((o) => o.textContent?.trim()));
    expect(formStatuses).toContain('Submitted');
    expect(formStatuses).not.toContain('Approved');
    expect(errors).toEqual([]);
  });

  it('lets the supervisor comment on a task of their department', async () => {
    const { page, errors } = await newPage(browser);
    await login(page, rushes.baseUrl, SUPERVISOR.email, SUPERVISOR.password, '/productions');
    const animation = (await sql<{ id: string }>`
      SELECT t.id FROM task t JOIN task_type tt ON tt.id = t.task_type_id
       WHERE t.project_id = ${demo.projectId} AND tt.name = 'Animation' ORDER BY t.id LIMIT 1`.execute(rushes.context.db)).rows[0]!;
    await page.goto(`${rushes.baseUrl}/productions/${demo.projectId}/shots?task=${animation.id}`);
    await page.waitForSelector('[data-testid=task-panel] textarea[name=comment]');
    await page.fill('[data-testid=task-panel] textarea[name=comment]', 'Timing reads well; push the anticipation.');
    await page.click('[data-testid=task-panel] button[type=submit]');
    await expect.poll(() => page.locator('[data-testid=task-panel] [data-testid=comment] .text', { hasText: 'push the anticipation' }).count()).toBe(1);
    const stored = await sql<{ count: string }>`SELECT count(*)::text AS count FROM comment WHERE object_id = ${animation.id} AND text LIKE '%push the anticipation%'`.execute(rushes.context.db);
    expect(stored.rows[0]!.count).toBe('1');
    expect(errors).toEqual([]);
  });
});
