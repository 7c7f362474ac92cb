import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { seedDemoProduction, type DemoSeedResult } from '../../../server/src/seed/demo-seed.ts';
import { describeViolations, seriousViolations, type AxeViolation } from './accessibility.ts';
import { api, launchChromium, login, newPage, screenshot, startRushes, type RunningRushes } from './support.ts';

/**
 * Assignment and planning from the web app (#18): as the demo coordinator, several shot tasks get two
 * artists and their dates in bulk from the shots table, and each artist then finds them in My tasks;
 * one person is assigned and unassigned from the task panel and from the cell menu; Undo puts a bulk
 * change back; an artist reads the same fields without being offered to change them. Every change is
 * made through the pages; the test only reads the API and the database to check.
 */

const COORDINATOR = { email: 'coordinator@demo.rushes.local', password: 'demo-coordinator' };
const ALICE = { email: 'alice@demo.rushes.local', password: 'demo-artist', name: 'Alice Animator' };
const BRUNO = { email: 'bruno@demo.rushes.local', password: 'demo-artist', name: 'Bruno Lighter' };
const START = '2027-01-11';
const DUE = '2027-01-22';

interface CellTask {
  id: string;
  shot: string;
  sequence: string;
  task_type: string;
}

describe('assignment and planning in the web app', () => {
  let rushes: RunningRushes;
  let browser: Browser;
  let demo: DemoSeedResult;
  let picked: CellTask[];

  beforeAll(async () => {
    rushes = await startRushes();
    demo = await seedDemoProduction(rushes.context.db);
    // The first three Compositing tasks of the table, nobody on them yet (the seed assigns Bruno to some).
    picked = (await sql<CellTask>`
      SELECT t.id, shot.name AS shot, seq.name AS sequence, tt.name AS task_type
        FROM task t
        JOIN entity shot ON shot.id = t.entity_id
        JOIN entity seq ON seq.id = shot.parent_id
        JOIN task_type tt ON tt.id = t.task_type_id AND tt.name = 'Compositing'
       WHERE t.project_id = ${demo.projectId}
       ORDER BY seq.name, shot.name LIMIT 3`.execute(rushes.context.db)).rows;
    expect(picked).toHaveLength(3);
    await sql`DELETE FROM assignations WHERE task_id IN (${sql.join(picked.map((task) => task.id))})`.execute(rushes.context.db);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await rushes?.close();
  });

  const cell = (task: CellTask) => `[data-testid=entity-row][data-entity="${task.shot}"][data-group="${task.sequence}"] [data-task-type="${task.task_type}"]`;

  /** The names of a task's assignees, sorted, as stored. */
  async function assigneesOf(taskId: string): Promise<string[]> {
    const rows = await sql<{ name: string }>`
      SELECT p.first_name || ' ' || p.last_name AS name FROM assignations a JOIN person p ON p.id = a.person_id
       WHERE a.task_id = ${taskId} ORDER BY 1`.execute(rushes.context.db);
    return rows.rows.map((row) => row.name);
  }

  async function planOf(taskId: string): Promise<{ start: string | null; due: string | null; priority: number; difficulty: number }> {
    const row = (await sql<{ start: string | null; due: string | null; priority: number; difficulty: number }>`
      SELECT to_char(start_date, 'YYYY-MM-DD') AS start, to_char(due_date, 'YYYY-MM-DD') AS due, priority, difficulty FROM task WHERE id = ${taskId}`.execute(rushes.context.db)).rows[0]!;
    return row;
  }

  /**
   * axe-core's serious violations on the shots table, its panel, menus and dialogs: the app shell
   * around them is another page's concern (reported, not asserted).
   */
  async function violationsOnTable(page: Page): Promise<AxeViolation[]> {
    const all = await seriousViolations(page);
    const inPage = await Promise.all(all.map((violation) => page.evaluate(
      (targets) => targets.some((target) => Boolean(document.querySelector(target)?.closest('.table-page, [data-testid=task-panel], .popover, [role=dialog]'))),
      violation.targets,
    )));
    const elsewhere = all.filter((_violation, index) => !inPage[index]);
    if (elsewhere.length) console.warn(`axe-core, outside the shots table and panel:\n${describeViolations(elsewhere)}`);
    return all.filter((_violation, index) => inPage[index]);
  }

  async function selectPicked(page: Page): Promise<void> {
    for (const task of picked) await page.click(cell(task), { modifiers: ['Control'] });
    await expect.poll(() => page.textContent('[data-testid=selection-count]')).toContain('3 cells selected');
  }

  async function openShots(page: Page, account: { email: string; password: string }, query = ''): Promise<void> {
    await login(page, rushes.baseUrl, account.email, account.password, `/productions/${demo.projectId}/shots${query}`);
    await page.waitForSelector('[data-testid=entity-row]');
  }

  it('assigns two artists and sets dates on several shot tasks in bulk, and undoes a bulk change', async () => {
    const { page, errors } = await newPage(browser);
    await openShots(page, COORDINATOR);

    // The selection is scoped to what the filters show.
    await selectPicked(page);
    await page.fill('input[aria-label="Search shots"]', picked[0]!.shot);
    await expect.poll(() => page.textContent('[data-testid=selection-count]')).toContain('1 cell selected, 2 hidden by filters');
    await page.fill('input[aria-label="Search shots"]', '');
    await expect.poll(() => page.textContent('[data-testid=selection-count]')).toContain('3 cells selected');
    expect(await page.locator('[data-testid=selection-hidden]').count()).toBe(0);

    // Assign…: Bruno through the search field and Enter, Alice by her checkbox.
    await page.click('[data-testid=selection-bar] [data-bulk=assign]');
    await page.waitForSelector('[data-testid=bulk-dialog][data-mode=assign]');
    await page.fill('[data-testid=bulk-dialog] input[type=search]', 'bruno');
    await page.press('[data-testid=bulk-dialog] input[type=search]', 'Enter');
    await page.fill('[data-testid=bulk-dialog] input[type=search]', '');
    await page.check(`[data-testid=bulk-dialog] input[data-person="${ALICE.name}"]`);
    expect(await page.isChecked(`[data-testid=bulk-dialog] input[data-person="${BRUNO.name}"]`)).toBe(true);
    await screenshot(page, 'assignment-bulk-assign-dialog');
    const dialogAxe = await violationsOnTable(page);
    expect(dialogAxe, describeViolations(dialogAxe)).toEqual([]);
    await page.click('[data-testid=bulk-apply]');
    await expect.poll(() => page.textContent('[data-testid=undo-bar]')).toContain(`Assigned ${ALICE.name} and ${BRUNO.name} to 3 tasks.`);
    for (const task of picked) expect(await assigneesOf(task.id)).toEqual([ALICE.name, BRUNO.name]);
    expect(await page.locator('[data-testid=selection-bar]').count()).toBe(0);
    // The cells show the first assignee's initials (by id order) and how many are assigned.
    expect(['AA', 'BL']).toContain(await page.textContent(`${cell(picked[0]!)} .who`));
    expect(await page.getAttribute(`${cell(picked[0]!)} .who`, 'title')).toBe('2 assigned');

    // Dates…
    await selectPicked(page);
    await page.click('[data-testid=selection-bar] [data-bulk=dates]');
    await page.waitForSelector('[data-testid=bulk-dialog][data-mode=dates]');
    await page.fill('[data-testid=bulk-dialog] input[name=start_date]', START);
    await page.fill('[data-testid=bulk-dialog] input[name=due_date]', DUE);
    await screenshot(page, 'assignment-bulk-dates-dialog');
    await page.click('[data-testid=bulk-apply]');
    await expect.poll(() => page.textContent('[data-testid=undo-bar]')).toContain(`start ${START}, due ${DUE} on 3 tasks`);
    for (const task of picked) expect(await planOf(task.id)).toMatchObject({ start: START, due: DUE });

    // Priority…, then Undo puts back each task's own priority (the demo's tasks do not all start at 0), the dates stay.
    const priorities = (await Promise.all(picked.map((task) => planOf(task.id)))).map((plan) => plan.priority);
    expect(priorities.some((priority) => priority !== 2), 'a picked task that is not Very high yet').toBe(true);
    await selectPicked(page);
    await page.click('[data-testid=selection-bar] [data-bulk=priority]');
    await page.selectOption('[data-testid=bulk-dialog] select[name=priority]', { label: 'Very high' });
    await page.click('[data-testid=bulk-apply]');
    await expect.poll(async () => (await Promise.all(picked.map((task) => planOf(task.id)))).map((plan) => plan.priority)).toEqual([2, 2, 2]);
    await page.click('[data-testid=undo]');
    await expect.poll(async () => (await Promise.all(picked.map((task) => planOf(task.id)))).map((plan) => plan.priority)).toEqual(priorities);
    expect(await planOf(picked[0]!.id)).toMatchObject({ start: START, due: DUE });
    expect(await page.locator('[data-testid=undo-bar]').count()).toBe(0);

    // Difficulty… (the table does not show it), then Undo puts back each task's own difficulty.
    await rushes.context.db.updateTable('task').set({ difficulty: 2 }).where('id', '=', picked[0]!.id).execute();
    const difficulties = (await Promise.all(picked.map((task) => planOf(task.id)))).map((plan) => plan.difficulty);
    await selectPicked(page);
    await page.click('[data-testid=selection-bar] [data-bulk=difficulty]');
    await page.waitForSelector('[data-testid=bulk-dialog][data-mode=difficulty]');
    await page.selectOption('[data-testid=bulk-dialog] select[name=difficulty]', { label: '5 · very hard' });
    await page.click('[data-testid=bulk-apply]');
    await expect.poll(() => page.textContent('[data-testid=undo-bar]')).toContain('Set difficulty 5 on 3 tasks.');
    expect((await Promise.all(picked.map((task) => planOf(task.id)))).map((plan) => plan.difficulty)).toEqual([5, 5, 5]);
    await page.click('[data-testid=undo]');
    await expect.poll(async () => (await Promise.all(picked.map((task) => planOf(task.id)))).map((plan) => plan.difficulty)).toEqual(difficulties);
    expect(difficulties[0]).toBe(2);
    expect(errors).toEqual([]);
  });

  it('shows each artist the tasks with their dates in My tasks', async () => {
    for (const artist of [ALICE, BRUNO]) {
      const { page, errors } = await newPage(browser);
      await login(page, rushes.baseUrl, artist.email, artist.password, '/my-tasks');
      await page.waitForSelector('[data-testid=my-task]');
      for (const task of picked) {
        const row = page.locator(`[data-testid=my-task][data-task-id="${task.id}"]`);
        await expect.poll(() => row.count()).toBe(1);
        expect(await row.textContent()).toContain('22 Jan');
      }
      const listed = await api<Array<{ id: string; task_start_date: string | null; task_due_date: string | null }>>(page, 'GET', '/api/data/user/tasks');
      for (const task of picked) {
        expect(listed.find((row) => row.id === task.id)).toMatchObject({ task_start_date: `${START}T00:00:00`, task_due_date: `${DUE}T00:00:00` });
      }
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });

  it('assigns and unassigns one person from the task panel and from the cell menu', async () => {
    const { page, errors } = await newPage(browser);
    const [first, second] = picked as [CellTask, CellTask];
    await openShots(page, COORDINATOR, `?task=${first.id}`);
    await page.waitForSelector('[data-testid=task-panel] [data-testid=assignees-editor]');

    // The panel: remove Alice, then add her back through the search.
    await page.click(`[data-testid=task-panel] button[aria-label="Unassign ${ALICE.name}"]`);
    await expect.poll(() => assigneesOf(first.id)).toEqual([BRUNO.name]);
    expect(await page.textContent(`${cell(first)} .who`)).toBe('BL');
    await page.click('[data-testid=task-panel] [data-testid=assign-open]');
    await page.fill('[data-testid=task-panel] input[type=search]', 'alice');
    await page.press('[data-testid=task-panel] input[type=search]', 'Enter');
    await expect.poll(() => assigneesOf(first.id)).toEqual([ALICE.name, BRUNO.name]);
    await expect.poll(() => page.locator('[data-testid=task-panel] [data-testid=assignee]').count()).toBe(2);
    // Its estimate, in days, is stored in minutes.
    await page.fill('[data-testid=plan-estimate]', '1.5');
    await page.press('[data-testid=plan-estimate]', 'Tab');
    await expect.poll(async () => (await sql<{ estimation: number }>`SELECT estimation FROM task WHERE id = ${first.id}`.execute(rushes.context.db)).rows[0]!.estimation).toBe(720);
    await screenshot(page, 'assignment-task-panel');

    const axe = await violationsOnTable(page);
    expect(axe, describeViolations(axe)).toEqual([]);

    // The cell menu of another task (the panel closed: it covers the right of the table): Chen on, then off again.
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=task-panel]', { state: 'detached' });
    await page.click(cell(second));
    await page.waitForSelector('[data-testid=status-picker] [data-testid=cell-assign]');
    await page.check('[data-testid=cell-assign] input[data-person="Chen Modeler"]');
    await expect.poll(() => assigneesOf(second.id)).toEqual([ALICE.name, BRUNO.name, 'Chen Modeler']);
    await screenshot(page, 'assignment-cell-menu');
    const menuAxe = await violationsOnTable(page);
    expect(menuAxe, describeViolations(menuAxe)).toEqual([]);
    await page.uncheck('[data-testid=cell-assign] input[data-person="Chen Modeler"]');
    await expect.poll(() => assigneesOf(second.id)).toEqual([ALICE.name, BRUNO.name]);
    expect(await assigneesOf(first.id)).toEqual([ALICE.name, BRUNO.name]);
    expect(errors).toEqual([]);
  });

  it('shows an artist the assignees and dates read-only', async () => {
    const { page, errors } = await newPage(browser);
    const [first] = picked as [CellTask];
    await openShots(page, ALICE, `?task=${first.id}`);
    await page.waitForSelector('[data-testid=task-panel] [data-testid=plan-refused]');
    expect(await page.textContent('[data-testid=plan-due-text]')).toContain('22 Jan 2027');
    expect(await page.textContent('[data-testid=plan-start-text]')).toContain('11 Jan 2027');
    expect(await page.locator('[data-testid=task-panel] input[type=date], [data-testid=plan-estimate], [data-testid=assign-open]').count()).toBe(0);
    expect(await page.locator('[data-testid=task-panel] button[aria-label^="Unassign"]').count()).toBe(0);
    await screenshot(page, 'assignment-task-panel-artist');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=task-panel]', { state: 'detached' });

    // Her own task's cell menu offers statuses, not assignment; the selection bar has no planning.
    await page.click(cell(first));
    await page.waitForSelector('[data-testid=status-picker]');
    expect(await page.locator('[data-testid=cell-assign]').count()).toBe(0);
    await page.keyboard.press('Escape');
    await page.click(cell(first), { modifiers: ['Control'] });
    await page.waitForSelector('[data-testid=selection-bar]');
    expect(await page.locator('[data-testid=selection-bar] [data-bulk]').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
