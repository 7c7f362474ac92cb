import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createAdmin } from '../../../server/src/modules/persons/admin-bootstrap.service.ts';
import { seedDemoProduction, type DemoSeedResult } from '../../../server/src/seed/demo-seed.ts';
import { api, launchChromium, login, newPage, screenshot, startRushes, type RunningRushes } from './support.ts';

/**
 * The web app in real headless Chromium against a real Rushes server, on the demo production: the
 * coordinator's and the artist's day, every step checked through the page and the API.
 */

const COORDINATOR = { email: 'coordinator@demo.rushes.local', password: 'demo-coordinator' };
const ARTIST = { email: 'alice@demo.rushes.local', password: 'demo-artist' };
const ADMIN = { email: 'admin@browser.test', password: 'admin-password' };

interface WithTasks {
  name: string;
  sequence_name: string;
  tasks: Array<{ id: string; task_type_id: string; task_status_id: string }>;
}

describe('web app', () => {
  let rushes: RunningRushes;
  let browser: Browser;
  let demo: DemoSeedResult;
  let coordinator: { context: BrowserContext; page: Page; errors: string[] };
  let base: string;

  beforeAll(async () => {
    rushes = await startRushes();
    demo = await seedDemoProduction(rushes.context.db);
    await createAdmin(rushes.context.db, { ...ADMIN, firstName: 'Ada', lastName: 'Admin' }, 8);
    browser = await launchChromium();
    coordinator = await newPage(browser);
    base = `${rushes.baseUrl}/productions/${demo.projectId}`;
  });

  afterAll(async () => {
    await browser?.close();
    await rushes?.close();
  });

  it('shows why a login fails, then logs in and lists the open productions', async () => {
    const { page } = coordinator;
    await page.goto(`${rushes.baseUrl}/productions`);
    await page.waitForSelector('input[name=email]');
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.fill('input[name=email]', COORDINATOR.email);
    await page.fill('input[name=password]', 'not-the-password');
    await page.click('button[type=submit]');
    await expect.poll(() => page.textContent('[role=alert]')).toBe('Wrong email or password.');
    await screenshot(page, '01-login-error');

    await page.fill('input[name=password]', COORDINATOR.password);
    await page.click('button[type=submit]');
    await page.waitForSelector('.production');
    expect(new URL(page.url()).pathname).toBe('/productions');
    expect(await page.textContent('.production h2')).toBe('The Lighthouse (demo)');
    await screenshot(page, '02-productions');
  });

  it('shows the production overview with counts per status', async () => {
    const { page } = coordinator;
    await page.goto(base);
    await page.waitForSelector('.legend li[data-status="Not Started"]');
    expect(await page.locator('.stat .value').first().textContent()).toBe('60');
    await screenshot(page, '03-production-overview');
  });

  it('creates the task of an empty shot cell by picking its status, without reloading, and keeps it after a reload', async () => {
    const { page } = coordinator;
    await page.goto(`${base}/shots`);
    const empty = page.locator('[data-testid=entity-row] button[aria-label$=": no task"]').first();
    await empty.waitFor();
    const row = empty.locator('xpath=ancestor::*[@data-testid="entity-row"]');
    const [shotName, sequence, taskType] = [await row.getAttribute('data-entity'), await row.getAttribute('data-group'), await empty.getAttribute('data-task-type')];
    const cellSelector = `[data-testid=entity-row][data-entity="${shotName}"][data-group="${sequence}"] [data-task-type="${taskType}"]`;

    let navigations = 0;
    page.on('framenavigated', () => (navigations += 1));
    await empty.click();
    await page.waitForSelector('[data-testid=status-picker]');
    await screenshot(page, '04-shots-status-picker');
    await page.click('[data-testid=status-picker] button[data-status="In Progress"]');
    await expect.poll(() => page.getAttribute(cellSelector, 'aria-label')).toBe(`${taskType} of ${shotName}: In Progress`);
    await page.waitForSelector(`${cellSelector} .chip:not(.pending)`);
    expect(navigations).toBe(0);

    // The API has the task, in that status.
    const shots = await api<WithTasks[]>(page, 'GET', `/api/data/shots/with-tasks?project_id=${demo.projectId}`);
    const context = await api<{ task_types: Array<{ id: string; name: string }>; task_status: Array<{ id: string; name: string }> }>(page, 'GET', '/api/data/user/context');
    const typeId = context.task_types.find((type) => type.name === taskType)?.id;
    const created = shots.find((shot) => shot.name === shotName && shot.sequence_name === sequence)?.tasks.find((task) => task.task_type_id === typeId);
    expect(context.task_status.find((status) => status.id === created?.task_status_id)?.name).toBe('In Progress');

    await page.reload();
    await page.waitForSelector(cellSelector);
    expect(await page.getAttribute(cellSelector, 'aria-label')).toBe(`${taskType} of ${shotName}: In Progress`);
  });

  it('changes many cells at once from a multi-selection', async () => {
    const { page } = coordinator;
    const cells = page.locator('[data-testid=entity-row] [data-task-type=Compositing]');
    await cells.nth(0).click({ modifiers: ['Control'] });
    await cells.nth(2).click({ modifiers: ['Shift'] });
    await expect.poll(() => page.textContent('.selection strong')).toBe('3 cells selected');
    await screenshot(page, '05-shots-multi-selection');
    await page.click('.selection button:has-text("Set status")');
    await page.click('.status-menu button[data-status="Pending Review"]');
    for (const index of [0, 1, 2]) await expect.poll(() => cells.nth(index).getAttribute('aria-label')).toMatch(/: Pending Review(, .+ assigned)?$/);
    await page.waitForSelector('.selection', { state: 'detached' });
    await screenshot(page, '06-shots-table');
  });

  it('reorders the custom statuses by drag and drop, and the order stays after a reload', async () => {
    const { page } = coordinator;
    await page.goto(`${base}/task-statuses`);
    const order = () => page.$$eval('[data-testid=custom-statuses] li', (items) => items.map((item) => item.getAttribute('data-status')));
    await page.waitForSelector('[data-testid=custom-statuses] li');
    expect(await order()).toEqual(['Pending Review', 'Blocked']);
    const saved = page.waitForResponse((response) => response.url().endsWith('/task-statuses/reorder') && response.request().method() === 'PATCH');
    await page.dragAndDrop('[data-testid=custom-statuses] li[data-status="Blocked"]', '[data-testid=custom-statuses] li[data-status="Pending Review"]');
    expect((await saved).status()).toBe(200);
    expect(await order()).toEqual(['Blocked', 'Pending Review']);
    await page.reload();
    await page.waitForSelector('[data-testid=custom-statuses] li');
    expect(await order()).toEqual(['Blocked', 'Pending Review']);
    expect(await page.$$eval('[data-testid=system-statuses] li', (items) => items.length)).toBe(5);
    await screenshot(page, '07-task-statuses');
  });

  it('posts a comment with a status change from the task panel, and the artist sees it in My tasks', async () => {
    const { page } = coordinator;
    const persons = await api<Array<{ id: string; email: string | null }>>(page, 'GET', '/api/data/persons');
    const alice = persons.find((person) => person.email === ARTIST.email)!;
    const tasks = await api<Array<{ id: string; entity_name: string; task_type_name: string; task_status_name: string; entity_type_name: string }>>(
      page, 'GET', `/api/data/persons/${alice.id}/tasks`,
    );
    const target = tasks.find((task) => task.entity_type_name === 'Shot' && task.task_status_name === 'In Progress')!;
    expect(target).toBeDefined();

    await page.goto(`${base}/shots?task=${target.id}`);
    await page.waitForSelector('[data-testid=task-panel] [data-testid=panel-status]');
    await page.selectOption('[data-testid=comment-status]', { label: 'Submitted' });
    await page.fill('[data-testid=task-panel] textarea[name=comment]', 'Ready for review: new version with the storm lighting.');
    await page.click('[data-testid=task-panel] button[type=submit]');
    await expect.poll(() => page.textContent('[data-testid=task-panel] [data-testid=panel-status]')).toBe('Submitted');
    expect(await page.textContent('[data-testid=task-panel] [data-testid=comment] .text')).toBe('Ready for review: new version with the storm lighting.');
    await screenshot(page, '08-task-panel');

    const artist = await newPage(browser);
    try {
      await login(artist.page, rushes.baseUrl, ARTIST.email, ARTIST.password, '/my-tasks');
      const row = `[data-testid=my-task][data-task-id="${target.id}"]`;
      await artist.page.waitForSelector(row);
      expect(await artist.page.textContent(`${row} .chip`)).toBe('Submitted');
      expect(await artist.page.getAttribute(row, 'data-entity')).toBe(target.entity_name);
      await screenshot(artist.page, '09-my-tasks');

      // Log 1.5 hours on it for today.
      await artist.page.fill(`${row} input.hours`, '1.5');
      await artist.page.click(`${row} button.add`);
      await expect.poll(() => artist.page.textContent(`${row} .logged`)).toBe('1.5h');
      const spent = await api<{ total: number }>(artist.page, 'GET', `/api/actions/tasks/${target.id}/time-spents`);
      expect(spent.total).toBeGreaterThanOrEqual(90);

      // The comment is in the task panel the artist opens from the list.
      await artist.page.click(`${row} .task button`);
      await artist.page.waitForSelector('[data-testid=task-panel] [data-testid=comment]');
      expect(await artist.page.textContent('[data-testid=task-panel] [data-testid=comment] .text')).toBe('Ready for review: new version with the storm lighting.');

      // Session expiry: without the access cookie the refresh cookie gets a new one silently...
      const cookies = await artist.context.cookies();
      await artist.context.clearCookies();
      await artist.context.addCookies(cookies.filter((cookie) => cookie.name === 'refresh_token_cookie'));
      await artist.page.click('nav >> text=Productions');
      await artist.page.waitForSelector('.production');
      expect(new URL(artist.page.url()).pathname).toBe('/productions');
      // ...and without any session the login page comes back, then the page the artist was on.
      await artist.context.clearCookies();
      await artist.page.click('nav >> text=My tasks');
      await artist.page.waitForSelector('input[name=email]');
      expect(new URL(artist.page.url()).searchParams.get('redirect')).toBe('/my-tasks');
      expect(await artist.page.textContent('.notice')).toContain('session has expired');
      await artist.page.fill('input[name=email]', ARTIST.email);
      await artist.page.fill('input[name=password]', ARTIST.password);
      await artist.page.click('button[type=submit]');
      await artist.page.waitForSelector(row);
      expect(new URL(artist.page.url()).pathname).toBe('/my-tasks');
      expect(artist.errors).toEqual([]);
    } finally {
      await artist.context.close();
    }
  });

  it('moves a comment to another task of the same shot (coordinators)', async () => {
    const { page } = coordinator;
    await page.click('[data-testid=task-panel] [data-testid=comment] .move');
    const menu = page.locator('[role=menu][aria-label="Move the comment to"] button').first();
    await menu.waitFor();
    const targetType = (await menu.textContent())?.split('·')[0]?.trim();
    await menu.click();
    await page.waitForSelector('.toast.success');
    expect(await page.textContent('.toast.success span')).toBe(`Comment moved to ${targetType}.`);
  });

  it('draws the schedule with the tasks at risk highlighted', async () => {
    const { page } = coordinator;
    await page.goto(`${base}/schedule`);
    await page.waitForSelector('.gantt .line.task');
    await page.waitForSelector('[data-testid=risk-list] li');
    // The bars take their risk outline once the risks are in: wait for it rather than read it at once.
    await expect.poll(() => page.locator('.gantt .bar[data-risk]').count()).toBeGreaterThan(0);
    await screenshot(page, '10-schedule');
    await page.click('text=Assets by type');
    await page.waitForSelector('.gantt .group-label:has-text("Character")');
  });

  it('shows the assets table by asset type and the production team', async () => {
    const { page } = coordinator;
    await page.goto(`${base}/assets`);
    await page.waitForSelector('[data-testid=entity-row][data-group=Character]');
    await screenshot(page, '11-assets-table');
    await page.goto(`${base}/team`);
    await page.waitForSelector('.members li[data-person="Alice Animator"]');
    await screenshot(page, '12-team');
  });

  it('lets an admin create and deactivate people', async () => {
    const admin = await newPage(browser);
    try {
      await login(admin.page, rushes.baseUrl, ADMIN.email, ADMIN.password, '/people');
      await admin.page.waitForSelector('[data-person="Alice Animator"]');
      await admin.page.click('text=New person');
      await admin.page.fill('input[name=first_name]', 'Dora');
      await admin.page.fill('input[name=last_name]', 'Compositor');
      await admin.page.fill('input[name=email]', 'dora@browser.test');
      await admin.page.fill('input[name=password]', 'dora-password');
      await admin.page.click('[role=dialog] button[type=submit]');
      await admin.page.waitForSelector('[data-person="Dora Compositor"]');
      await admin.page.click('[data-person="Dora Compositor"] button:has-text("Deactivate")');
      await admin.page.waitForSelector('[data-person="Dora Compositor"]', { state: 'detached' });
      const dora = (await api<Array<{ email: string | null; active: boolean }>>(admin.page, 'GET', '/api/data/persons')).find((person) => person.email === 'dora@browser.test');
      expect(dora?.active).toBe(false);
      await screenshot(admin.page, '13-people');
    } finally {
      await admin.context.close();
    }
  });

  it('logs out', async () => {
    const { page, errors } = coordinator;
    await page.goto(`${rushes.baseUrl}/productions`);
    await page.click('button:has-text("Log out")');
    await page.waitForSelector('input[name=email]');
    await page.goto(`${base}/shots`);
    await page.waitForSelector('input[name=email]');
    expect(new URL(page.url()).searchParams.get('redirect')).toBe(`/productions/${demo.projectId}/shots`);
    await screenshot(page, '00-login');
    expect(errors).toEqual([]);
  });
});
