import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { seedDemoProduction, type DemoSeedResult } from '../../../server/src/seed/demo-seed.ts';
import { describeViolations, seriousViolations } from './accessibility.ts';
import { api, launchChromium, login, newPage, screenshot, startRushes, type RunningRushes } from './support.ts';

/**
 * Running a production from the keyboard (#18): the shots table is one Tab stop whose cells the arrows
 * walk, Enter opens a cell's status picker, typing filters it, and closing it gives the focus back to
 * the cell; on the schedule, bars are dragged with the mouse or moved with the arrow keys, and the API
 * keeps the new dates. As the demo coordinator, on the demo production.
 */

const COORDINATOR = { email: 'coordinator@demo.rushes.local', password: 'demo-coordinator' };
const DAY = 86_400_000;

interface Focus {
  inGrid: boolean;
  inPicker: boolean;
  row: string | null;
  col: string | null;
  entity: string | null;
  group: string | null;
  taskType: string | null;
  label: string | null;
}

/** Where the keyboard focus is, as the grid's data attributes say it. */
const focusOf = (page: Page): Promise<Focus> =>
  page.evaluate(() => {
    const element = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const entityRow = element?.closest<HTMLElement>('[data-testid=entity-row]');
    return {
      inGrid: Boolean(element?.closest('[role=grid]')),
      inPicker: Boolean(element?.closest('[data-testid=status-picker]')),
      row: element?.closest<HTMLElement>('[data-row]')?.dataset.row ?? null,
      col: element?.closest<HTMLElement>('[data-col]')?.dataset.col ?? null,
      entity: entityRow?.dataset.entity ?? null,
      group: entityRow?.dataset.group ?? null,
      taskType: element?.getAttribute('data-task-type') ?? null,
      label: element?.getAttribute('aria-label') ?? null,
    };
  });

interface TaskDates {
  start_date: string;
  due_date: string;
}
const time = (value: string) => Date.parse(`${value.replace(' ', 'T').slice(0, 19)}Z`);

describe('keyboard and drag in the web app', () => {
  let rushes: RunningRushes;
  let browser: Browser;
  let demo: DemoSeedResult;

  beforeAll(async () => {
    rushes = await startRushes();
    demo = await seedDemoProduction(rushes.context.db);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await rushes?.close();
  });

  /** The status of a shot's task of a type, as the database has it. */
  async function statusOf(sequence: string, shot: string, taskType: string): Promise<string> {
    const result = await sql<{ name: string }>`
      SELECT ts.name FROM task t
        JOIN task_status ts ON ts.id = t.task_status_id
        JOIN task_type tt ON tt.id = t.task_type_id
        JOIN entity e ON e.id = t.entity_id
        JOIN entity seq ON seq.id = e.parent_id
       WHERE t.project_id = ${demo.projectId} AND e.name = ${shot} AND seq.name = ${sequence} AND tt.name = ${taskType}`.execute(rushes.context.db);
    return result.rows[0]!.name;
  }

  it('walks the shots table with the keyboard and sets a status through the picker', async () => {
    const { page, errors } = await newPage(browser);
    await login(page, rushes.baseUrl, COORDINATOR.email, COORDINATOR.password, `/productions/${demo.projectId}/shots`);
    await page.waitForSelector('[data-testid=entity-row]');
    const axe = await seriousViolations(page);
    expect(axe, describeViolations(axe)).toEqual([]);

    // From the top of the page, Tab reaches the grid past the navigation and the few controls of the
    // page (header buttons, filters), never stopping on each of its cells.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    let stops = 0;
    let stopsInPage = 0;
    while (!(await focusOf(page)).inGrid && stops < 60) {
      await page.keyboard.press('Tab');
      stops += 1;
      if (await page.evaluate(() => Boolean(document.activeElement?.closest('main')))) stopsInPage += 1;
    }
    expect((await focusOf(page)).inGrid).toBe(true);
    expect(stops).toBeLessThanOrEqual(30);
    expect(stopsInPage).toBeLessThanOrEqual(10);
    const cellsInGrid = await page.locator('[role=grid] [data-col]').count();
    expect(cellsInGrid).toBeGreaterThan(50);
    expect(await page.locator('[role=grid] [data-col][tabindex="0"]').count()).toBe(1);

    // The first row is a sequence heading; down to the first shot, then right to its first task cell.
    const start = await focusOf(page);
    expect(start.row).toBe('1');
    await page.keyboard.press('ArrowDown');
    expect(await focusOf(page)).toMatchObject({ row: '2', col: '1' });
    const shot = (await focusOf(page)).entity!;
    let focus = await focusOf(page);
    while (!focus.taskType) {
      await page.keyboard.press('ArrowRight');
      focus = await focusOf(page);
    }
    expect(focus).toMatchObject({ row: '2', col: '6', entity: shot });
    const cell = focus;
    await page.keyboard.press('ArrowRight');
    expect(await focusOf(page)).toMatchObject({ row: '2', col: '7' });
    await page.keyboard.press('ArrowLeft');
    expect(await focusOf(page)).toMatchObject({ row: '2', col: '6' });

    // Home and End go to the ends of the row; Ctrl+End to the last shot, scrolled into view.
    await page.keyboard.press('End');
    const lastCol = Number((await focusOf(page)).col);
    expect(lastCol).toBeGreaterThan(6);
    await page.keyboard.press('Home');
    expect(await focusOf(page)).toMatchObject({ row: '2', col: '0' });
    const rows = await page.getAttribute('[role=grid]', 'aria-rowcount');
    await page.keyboard.press('Control+End');
    expect(await focusOf(page)).toMatchObject({ row: String(Number(rows) - 1), col: String(lastCol) });
    await page.keyboard.press('PageUp');
    const pagedUp = Number((await focusOf(page)).row);
    expect(pagedUp).toBeLessThan(Number(rows) - 2);
    await page.keyboard.press('Control+Home');
    expect(await focusOf(page)).toMatchObject({ row: '0', col: '0' });
    // Back to the task cell: down twice (the heading, the shot), right to its column.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    for (let step = 0; step < 6; step += 1) await page.keyboard.press('ArrowRight');
    expect(await focusOf(page)).toMatchObject({ row: '2', col: '6', entity: shot, taskType: cell.taskType });

    // Tab leaves the grid, Shift+Tab comes back to the same cell.
    await page.keyboard.press('Tab');
    expect((await focusOf(page)).inGrid).toBe(false);
    await page.keyboard.press('Shift+Tab');
    expect(await focusOf(page)).toMatchObject({ row: '2', col: '6', taskType: cell.taskType });

    // Enter opens the status picker with the focus in its menu; typing filters it.
    const before = await statusOf(cell.group!, shot, cell.taskType!);
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=status-picker] [role=menu]');
    expect((await focusOf(page)).inPicker).toBe(true);
    const all = await page.locator('[data-testid=status-picker] button[data-status]').count();
    await page.keyboard.type('re');
    await page.waitForSelector('[data-testid=status-filter]');
    const shown = await page.$$eval('[data-testid=status-picker] button[data-status]', (buttons) => buttons.map((button) => button.getAttribute('data-status')!));
    expect(shown.length).toBeLessThan(all);
    expect(shown).toEqual(expect.arrayContaining(['Retake', 'Pending Review']));
    await screenshot(page, 'keyboard-01-status-picker-filtered');
    // Arrows walk the filtered list; Enter sets the status.
    const target = shown.find((name) => name !== before && name !== shown[0]) ?? shown[1]!;
    while ((await page.evaluate(() => document.activeElement?.getAttribute('data-status'))) !== target) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=status-picker]', { state: 'detached' });
    await expect.poll(() => statusOf(cell.group!, shot, cell.taskType!)).toBe(target);
    focus = await focusOf(page);
    expect(focus).toMatchObject({ inGrid: true, row: '2', col: '6', entity: shot, taskType: cell.taskType });
    // The cell's name: type, shot and status (then its assignee, when it has one).
    expect(focus.label?.startsWith(`${cell.taskType} of ${shot}: ${target}`)).toBe(true);
    expect(await page.textContent(`[data-testid=entity-row][data-entity="${shot}"][data-group="${cell.group}"] [data-task-type="${cell.taskType}"] .chip`)).toBe(target);

    // Esc closes the picker without a change, the focus back on the cell.
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=status-picker] [role=menu]');
    await page.keyboard.type('in');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=status-picker]', { state: 'detached' });
    expect(await focusOf(page)).toMatchObject({ inGrid: true, row: '2', col: '6', taskType: cell.taskType, label: focus.label });
    expect(await statusOf(cell.group!, shot, cell.taskType!)).toBe(target);
    await screenshot(page, 'keyboard-02-focus-back-on-cell');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  /** A movable bar fully in view (right of the labels), wide enough to grab by its middle and its edges. */
  async function visibleBar(page: Page, skip: string[] = []): Promise<string> {
    const id = await page.evaluate((skipped) => {
      const chart = document.querySelector('.gantt')!.getBoundingClientRect();
      const bars = [...document.querySelectorAll<HTMLElement>('.gantt .bar.movable')];
      const fits = bars.find((bar) => {
        const rect = bar.getBoundingClientRect();
        return !skipped.includes(bar.dataset.taskId!) && rect.width >= 40 && rect.left > chart.left + 300 && rect.right < chart.right - 120 && rect.top > chart.top + 40 && rect.bottom < chart.bottom - 10;
      });
      return fits?.dataset.taskId ?? null;
    }, skip);
    expect(id, 'a movable bar in view').not.toBeNull();
    return id!;
  }

  /**
   * The bar's box once the page stopped moving it (a save reloads the risks, which can shift the chart):
   * the same on two reads apart, with the bar itself under the point the mouse will grab.
   */
  async function steadyBox(page: Page, id: string, grabAt: (box: { x: number; y: number; width: number; height: number }) => number) {
    const bar = page.locator(`.gantt .bar[data-task-id="${id}"]`);
    let box = (await bar.boundingBox())!;
    await expect.poll(async () => {
      await page.waitForTimeout(150);
      const next = (await bar.boundingBox())!;
      const same = next.x === box.x && next.y === box.y && next.width === box.width;
      box = next;
      const x = grabAt(next);
      const under = await page.evaluate(({ x, y, id }) => document.elementFromPoint(x, y)?.closest('.bar')?.getAttribute('data-task-id') === id, { x, y: next.y + next.height / 2, id });
      return same && under;
    }, { timeout: 10_000 }).toBe(true);
    return box;
  }

  const datesOf = (page: Page, id: string) => api<TaskDates>(page, 'GET', `/api/data/tasks/${id}`);
  const saved = (page: Page, id: string) => page.waitForResponse((response) => response.request().method() === 'PUT' && response.url().endsWith(`/api/data/tasks/${id}`));

  it('reschedules a task by dragging its bar and its edge, and with the arrow keys', async () => {
    const { page, errors } = await newPage(browser);
    await login(page, rushes.baseUrl, COORDINATOR.email, COORDINATOR.password, `/productions/${demo.projectId}/schedule`);
    await page.waitForSelector('.gantt .bar.movable');
    const axe = await seriousViolations(page);
    expect(axe, describeViolations(axe)).toEqual([]);
    const pxPerDay = 14; // the Weeks zoom the page opens with
    expect(await page.inputValue('.zoom select')).toBe(String(pxPerDay));

    // Drag the middle of a bar three days later: both dates move, the task panel does not open.
    const id = await visibleBar(page);
    const bar = page.locator(`.gantt .bar[data-task-id="${id}"]`);
    const original = await datesOf(page, id);
    let box = await steadyBox(page, id, (b) => b.x + b.width / 2);
    const y = box.y + box.height / 2;
    let save = saved(page, id);
    await page.mouse.move(box.x + box.width / 2, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 20, y, { steps: 4 });
    await page.mouse.move(box.x + box.width / 2 + 3 * pxPerDay, y, { steps: 4 });
    await screenshot(page, 'keyboard-03-schedule-dragging');
    await page.mouse.up();
    expect((await save).status()).toBe(200);
    let dates = await datesOf(page, id);
    expect(time(dates.start_date) - time(original.start_date)).toBe(3 * DAY);
    expect(time(dates.due_date) - time(original.due_date)).toBe(3 * DAY);
    expect(new URL(page.url()).searchParams.get('task')).toBeNull();
    await expect.poll(async () => Math.round(((await bar.boundingBox())!.x - box.x) / pxPerDay)).toBe(3);

    // Drag its right edge two days later: only the due date moves.
    box = await steadyBox(page, id, (b) => b.x + b.width - 2);
    save = saved(page, id);
    await page.mouse.move(box.x + box.width - 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width - 2 + 2 * pxPerDay, box.y + box.height / 2, { steps: 6 });
    await page.mouse.up();
    expect((await save).status()).toBe(200);
    let next = await datesOf(page, id);
    expect(next.start_date).toBe(dates.start_date);
    expect(time(next.due_date) - time(dates.due_date)).toBe(2 * DAY);
    dates = next;

    // Keyboard: focus the bar, two days earlier with the arrows, then one more day with Shift+Right.
    await bar.focus();
    save = saved(page, id);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect((await save).status()).toBe(200);
    next = await datesOf(page, id);
    expect(time(next.start_date) - time(dates.start_date)).toBe(-2 * DAY);
    expect(time(next.due_date) - time(dates.due_date)).toBe(-2 * DAY);
    dates = next;
    save = saved(page, id);
    await page.keyboard.press('Shift+ArrowRight');
    expect((await save).status()).toBe(200);
    next = await datesOf(page, id);
    expect(next.start_date).toBe(dates.start_date);
    expect(time(next.due_date) - time(dates.due_date)).toBe(DAY);
    dates = next;
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.taskId)).toBe(id);

    // Refused by the API: the bar goes back and the page says why, in words.
    const label = await bar.getAttribute('aria-label');
    await page.route(`**/api/data/tasks/${id}`, (route) =>
      route.request().method() === 'PUT' ? route.fulfill({ status: 403, contentType: 'application/json', body: JSON.stringify({ message: 'Forbidden' }) }) : route.fallback(),
    );
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector('[data-testid=reschedule-error]');
    expect(await page.textContent('[data-testid=reschedule-error]')).toContain('were not changed. Only coordinators and the supervisors of its department change the dates of this task.');
    await expect.poll(() => bar.getAttribute('aria-label')).toBe(label);
    await screenshot(page, 'keyboard-04-schedule-refused');
    await page.unroute(`**/api/data/tasks/${id}`);
    expect(await datesOf(page, id)).toMatchObject({ start_date: dates.start_date, due_date: dates.due_date });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
