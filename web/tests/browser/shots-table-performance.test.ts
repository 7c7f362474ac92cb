import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { seedBench } from '../../../bench/dataset/seed-bench.ts';
import { BENCH_EMAIL_DOMAIN, BENCH_PASSWORD } from '../../../bench/dataset/tiers.ts';
import { launchChromium, login, newPage, screenshot, startRushes, type RunningRushes } from './support.ts';

/**
 * The shots table of the benchmark's feature film (tier F: 3,000 shots, ~45,000 tasks, ~229,000
 * comments), in real Chromium: time to interactive of a fresh page load, the cost of a click, and
 * the frame times while scrolling the whole table.
 */

/**
 * Target of the issue on this machine: under 1.5 s. Timings are measured and printed, not asserted:
 * a shared CI machine's load would make a time threshold fail for reasons that are not the app's
 * (the benchmark is where performance is judged). What is asserted is what makes it fast: the table
 * keeps only the rows in view in the DOM, whatever the size of the production.
 */
const TTI_TARGET_MS = 1500;
const MARK = 'rushes:shots-table-ready';

describe('shots table of a 3,000-shot production', () => {
  let rushes: RunningRushes;
  let browser: Browser;
  let page: Page;
  let shotsUrl: string;
  let counts = { shots: 0, tasks: 0 };

  beforeAll(async () => {
    rushes = await startRushes();
    const pool = new pg.Pool({ connectionString: rushes.context.databaseUrl, max: 2 });
    try {
      await seedBench(pool, { tier: 'F', seed: 1, log: () => undefined });
      const main = await pool.query<{ id: string; shots: number; tasks: number }>(`
        SELECT p.id,
               (SELECT count(*)::int FROM entity e JOIN entity_type et ON et.id = e.entity_type_id WHERE e.project_id = p.id AND et.name = 'Shot') AS shots,
               (SELECT count(*)::int FROM task t JOIN entity e ON e.id = t.entity_id JOIN entity_type et ON et.id = e.entity_type_id
                 WHERE t.project_id = p.id AND et.name = 'Shot') AS tasks
          FROM project p ORDER BY shots DESC LIMIT 1`);
      const project = main.rows[0]!;
      counts = { shots: project.shots, tasks: project.tasks };
      shotsUrl = `${rushes.baseUrl}/productions/${project.id}/shots`;
    } finally {
      await pool.end();
    }
    browser = await launchChromium();
    ({ page } = await newPage(browser));
    await login(page, rushes.baseUrl, `admin@${BENCH_EMAIL_DOMAIN}`, BENCH_PASSWORD);
    await page.waitForSelector('.production');
  });

  afterAll(async () => {
    await browser?.close();
    await rushes?.close();
  });

  /** A full page load of the table; returns the time from navigation start to the table's first interactive frame. */
  async function loadTable(): Promise<number> {
    await page.goto(shotsUrl);
    await page.waitForSelector('[data-testid=entity-row]');
    await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, MARK);
    return page.evaluate((mark) => performance.getEntriesByName(mark)[0]!.startTime, MARK);
  }

  it('becomes interactive quickly and renders only the rows in view', async () => {
    expect(counts.shots).toBe(3000);
    const cold = await loadTable();
    const warm = await loadTable();
    const rendered = await page.locator('[data-testid=entity-row]').count();
    const columns = await page.locator('.header .task-head').count();

    // Interactive: a click on a cell opens its status picker.
    const started = Date.now();
    await page.locator('[data-testid=entity-row] button.task').first().click();
    await page.waitForSelector('[data-testid=status-picker]');
    const pickerMs = Date.now() - started;
    await page.keyboard.press('Escape');
    await screenshot(page, '20-shots-table-3000');

    console.log(
      `Shots table, ${counts.shots.toLocaleString('en')} shots and ${counts.tasks.toLocaleString('en')} tasks (${columns} task type columns): ` +
        `time to interactive ${Math.round(cold)} ms on a first load, ${Math.round(warm)} ms on a reload (target < ${TTI_TARGET_MS} ms); ` +
        `status picker opens ${pickerMs} ms after a click; ${rendered} rows in the DOM.`,
    );
    expect(rendered).toBeLessThan(100);
    expect(cold).toBeGreaterThan(0);
  });

  it('scrolls through the 3,000 rows without long frames', async () => {
    // Wheel-speed scrolling (108 px, three rows, per frame) over a thousand rows, then jumps across the
    // whole table as a dragged scroll bar makes them, down to the last shot.
    const frames = await page.evaluate(async () => {
      const scroller = document.querySelector<HTMLElement>('.scroller')!;
      scroller.scrollTop = 0;
      const timeFrames = async (count: number, step: number) => {
        const durations: number[] = [];
        let last = performance.now();
        for (let frame = 0; frame < count; frame += 1) {
          scroller.scrollTop += step;
          await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
          const now = performance.now();
          durations.push(now - last);
          last = now;
        }
        return durations;
      };
      const wheel = await timeFrames(330, 108);
      const jumps = await timeFrames(40, Math.ceil(scroller.scrollHeight / 40));
      const atBottom = scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2;
      return { wheel, jumps, atBottom, rows: document.querySelectorAll('[data-testid=entity-row]').length };
    });
    const stats = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return { average: values.reduce((sum, value) => sum + value, 0) / values.length, p95: sorted[Math.floor(sorted.length * 0.95)]!, worst: sorted.at(-1)! };
    };
    const wheel = stats(frames.wheel);
    const jumps = stats(frames.jumps);
    console.log(
      `Scrolling the shots table: at wheel speed ${wheel.average.toFixed(1)} ms per frame on average (p95 ${wheel.p95.toFixed(1)} ms, worst ${wheel.worst.toFixed(1)} ms) ` +
        `over 1,000 rows; jumping across all 3,000 rows ${jumps.average.toFixed(1)} ms per frame (p95 ${jumps.p95.toFixed(1)} ms).`,
    );
    expect(frames.atBottom).toBe(true);
    expect(frames.rows).toBeLessThan(100);
    const last = page.locator('[data-testid=entity-row]').last();
    expect(await last.getAttribute('data-entity')).toBeTruthy();
    await screenshot(page, '21-shots-table-3000-bottom');
  });
});
