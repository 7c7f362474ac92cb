import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { seedDemoProduction, type DemoSeedResult } from '../../../server/src/seed/demo-seed.ts';
import { describeViolations, seriousViolations } from './accessibility.ts';
import { api, launchChromium, login, newPage, screenshot, startRushes, type RunningRushes } from './support.ts';

/**
 * Running a production from a phone (#18): at 390×844 the sidebar is a drawer behind a menu button,
 * My tasks, the task panel and commenting fit the screen; the skip link is the first Tab stop; the
 * profile page changes the name, the picture, the time zone and the password; the statuses settings
 * take short codes and flags. axe-core checks each page.
 */

const ARTIST = { email: 'alice@demo.rushes.local', password: 'demo-artist' };
const COORDINATOR = { email: 'coordinator@demo.rushes.local', password: 'demo-coordinator' };
const PHONE = { width: 390, height: 844 };
const NEW_PASSWORD = 'a-new-phone-passphrase';

/** The page's width as the browser lays it out: more than the window means a sideways scroll. */
const scrollWidth = (page: Page) => page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);

/** Heights of the visible elements that are smaller than a thumb (40 px). */
async function smallTapTargets(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (elements) =>
    elements
      .map((element) => ({ element, box: element.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && box.height > 0 && (box.height < 40 || box.width < 40))
      .map(({ element, box }) => `${element.tagName.toLowerCase()} "${element.textContent?.trim().slice(0, 30) ?? ''}" ${Math.round(box.width)}×${Math.round(box.height)}`),
  );
}

const activeTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.id ?? '');
const focusInSidebar = (page: Page) => page.evaluate(() => document.getElementById('app-sidebar')?.contains(document.activeElement) ?? false);

async function expectAccessible(page: Page): Promise<void> {
  const violations = await seriousViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

describe('a production from a phone, and the profile page', () => {
  let rushes: RunningRushes;
  let browser: Browser;
  let demo: DemoSeedResult;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    rushes = await startRushes();
    demo = await seedDemoProduction(rushes.context.db);
    browser = await launchChromium();
    ({ page, errors } = await newPage(browser));
    await page.setViewportSize(PHONE);
    await login(page, rushes.baseUrl, ARTIST.email, ARTIST.password);
  });

  afterAll(async () => {
    await browser?.close();
    await rushes?.close();
  });

  it('makes "Skip to content" the first Tab stop, and it moves the focus to the page', async () => {
    await page.goto(`${rushes.baseUrl}/productions`);
    await page.waitForSelector('[data-testid=menu-button]');
    await page.keyboard.press('Tab');
    expect(await activeTestId(page)).toBe('skip-link');
    expect(await page.isVisible('[data-testid=skip-link]')).toBe(true);
    await page.keyboard.press('Enter');
    expect(await activeTestId(page)).toBe('main-content');
  });

  it('hides the sidebar behind the menu button: focus stays in the open drawer, Esc closes it and the focus goes back', async () => {
    expect(await page.isVisible('[data-testid=sidebar]')).toBe(false);
    expect(await smallTapTargets(page, '[data-testid=menu-button]')).toEqual([]);
    await page.click('[data-testid=menu-button]');
    await page.waitForSelector('[data-testid=sidebar].open');
    expect(await page.getAttribute('[data-testid=menu-button]', 'aria-expanded')).toBe('true');
    expect(await focusInSidebar(page)).toBe(true);
    for (let i = 0; i < 14; i += 1) {
      await page.keyboard.press(i % 5 === 4 ? 'Shift+Tab' : 'Tab');
      expect(await focusInSidebar(page)).toBe(true);
    }
    expect(await smallTapTargets(page, '#app-sidebar a, #app-sidebar button')).toEqual([]);
    await screenshot(page, 'phone-01-drawer');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=sidebar]', { state: 'hidden' });
    expect(await activeTestId(page)).toBe('menu-button');
    expect(await page.getAttribute('[data-testid=menu-button]', 'aria-expanded')).toBe('false');
  });

  it('goes to My tasks from the drawer; the list fits 390 px with thumb-sized controls and no serious axe violation', async () => {
    await page.click('[data-testid=menu-button]');
    await page.click('#app-sidebar >> text=My tasks');
    await page.waitForURL(/\/my-tasks$/);
    await page.waitForSelector('[data-testid=my-task]');
    // The drawer slides away (0.2 s) once the link is followed.
    expect(await page.getAttribute('[data-testid=menu-button]', 'aria-expanded')).toBe('false');
    await page.waitForSelector('[data-testid=sidebar]', { state: 'hidden', timeout: 2000 });
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    expect(await smallTapTargets(page, '[data-testid=my-task] button, [data-testid=my-task] input')).toEqual([]);
    await expectAccessible(page);
    await screenshot(page, 'phone-02-my-tasks');
  });

  it('opens a task, posts a comment that changes its status, and nothing overflows', async () => {
    const inProgress = page.locator('[data-testid=my-task]', { has: page.locator('.chip-button[aria-label^="Status: In Progress"]') }).first();
    const taskId = await inProgress.getAttribute('data-task-id');
    expect(taskId).toBeTruthy();
    await inProgress.locator('.linklike').click();
    await page.waitForSelector('[data-testid=task-panel] [data-testid=panel-status]');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    const panel = await page.locator('[data-testid=task-panel]').boundingBox();
    expect(panel?.width).toBeLessThanOrEqual(PHONE.width);
    await page.selectOption('[data-testid=comment-status]', { label: 'Submitted' });
    await page.fill('[data-testid=task-panel] textarea[name=comment]', 'Blocking pass done, ready for a look on the big screen.');
    expect(await smallTapTargets(page, '[data-testid=task-panel] button[type=submit], [data-testid=task-panel] [aria-label="Close the task panel"], [data-testid=comment-status], [data-testid=task-panel] textarea')).toEqual([]);
    await page.click('[data-testid=task-panel] button[type=submit]');
    await expect.poll(() => page.textContent('[data-testid=task-panel] [data-testid=panel-status]')).toBe('Submitted');
    await expect.poll(() => page.locator('[data-testid=task-panel] [data-testid=comment] .text', { hasText: 'Blocking pass done' }).count()).toBe(1);
    const task = await api<{ task_status_id: string }>(page, 'GET', `/api/data/tasks/${taskId}`);
    const submitted = await api<{ id: string }[]>(page, 'GET', '/api/data/task-status?short_name=wfa');
    expect(task.task_status_id).toBe(submitted[0]?.id);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'phone-03-task-panel-comment');
    await page.click('[data-testid=task-panel] [aria-label="Close the task panel"]');
    await page.waitForSelector('[data-testid=task-panel]', { state: 'detached' });
  });

  it('changes the name, the picture and the time zone on the profile page, reached from the drawer', async () => {
    await page.click('[data-testid=menu-button]');
    await page.click('[data-testid=account-profile-link]');
    await page.waitForURL(/\/account\/profile$/);
    await page.waitForSelector('input[name=first-name]');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);

    await page.fill('input[name=first-name]', 'Alicia');
    await page.click('[data-testid=save-name]');
    await page.waitForSelector('text=Your name is saved.');

    const picture = await sharp({ create: { width: 120, height: 80, channels: 3, background: '#2a9d8f' } }).png().toBuffer();
    await page.setInputFiles('[data-testid=avatar-input]', { name: 'me.png', mimeType: 'image/png', buffer: picture });
    await page.waitForSelector('[data-testid=profile-avatar]');
    await expect.poll(() => page.$eval('[data-testid=profile-avatar]', (image) => (image as HTMLImageElement).naturalWidth)).toBe(400);

    await page.selectOption('select[name=timezone]', 'Asia/Tokyo');
    await page.click('[data-testid=save-region]');
    await page.waitForSelector('text=Time zone and language saved.');

    const me = await api<{ user: { first_name: string; full_name: string; timezone: string; has_avatar: boolean } }>(page, 'GET', '/api/auth/authenticated');
    expect(me.user).toMatchObject({ first_name: 'Alicia', full_name: 'Alicia Animator', timezone: 'Asia/Tokyo', has_avatar: true });
    // The session's person changed too: the drawer says who is signed in.
    await page.click('[data-testid=menu-button]');
    expect(await page.textContent('#app-sidebar .who strong')).toBe('Alicia Animator');
    await page.keyboard.press('Escape');
    await expectAccessible(page);
    await screenshot(page, 'phone-04-profile');
  });

  it('refuses a wrong current password in words, then changes it: the new one logs in', async () => {
    await page.fill('input[name=current-password]', 'not-my-password');
    await page.fill('input[name=new-password]', NEW_PASSWORD);
    await page.fill('input[name=confirm-password]', NEW_PASSWORD);
    await page.click('[data-testid=change-password]');
    expect(await (await page.waitForSelector('[data-testid=password-error]')).textContent()).toBe('Your current password is not right.');

    await page.fill('input[name=current-password]', ARTIST.password);
    await page.fill('input[name=new-password]', NEW_PASSWORD);
    await page.fill('input[name=confirm-password]', NEW_PASSWORD);
    await page.click('[data-testid=change-password]');
    await page.waitForSelector('[data-testid=password-saved]');
    expect(await page.inputValue('input[name=current-password]')).toBe('');

    await page.click('[data-testid=menu-button]');
    await page.click('#app-sidebar button:has-text("Log out")');
    await page.waitForURL(/\/login/);
    await page.fill('input[name=email]', ARTIST.email);
    await page.fill('input[name=password]', ARTIST.password);
    await page.click('button[type=submit]');
    await page.waitForSelector('text=Wrong email or password.');
    await login(page, rushes.baseUrl, ARTIST.email, NEW_PASSWORD, '/account/profile');
    await page.waitForSelector('input[name=first-name]');
    expect(await page.inputValue('input[name=first-name]')).toBe('Alicia');
    expect(await page.inputValue('select[name=timezone]')).toBe('Asia/Tokyo');
    expect(errors).toEqual([]);
  });

  it('lets a coordinator give a new status a short code and flags, with a colour the production does not use yet', async () => {
    const coordinator = await newPage(browser);
    const { page: desk } = coordinator;
    await login(desk, rushes.baseUrl, COORDINATOR.email, COORDINATOR.password, `/productions/${demo.projectId}/task-statuses`);
    await desk.waitForSelector('[data-testid=system-statuses]');
    await expectAccessible(desk);
    const used = (await desk.$$eval('.status-row code:last-of-type', (codes) => codes.map((code) => code.textContent?.trim().toUpperCase() ?? '')));
    const suggested = (await desk.inputValue('.create input[name=status-color]')).toUpperCase();
    expect(used).not.toContain(suggested);

    await desk.fill('.create input[name=status-name]', 'Client review');
    await desk.fill('.create input[name=status-short-name]', 'wip');
    expect(await desk.textContent('.create [role=alert]')).toBe('Another status already uses “wip”.');
    await desk.fill('.create input[name=status-short-name]', 'crev');
    await desk.check('.create [data-testid=flag-is_feedback_request]');
    await desk.check('.create [data-testid=flag-is_client_allowed]');
    await desk.uncheck('.create [data-testid=flag-is_artist_allowed]');
    await desk.click('.create button[type=submit]');
    const row = desk.locator('[data-testid=custom-statuses] [data-status="Client review"]');
    await row.waitFor();
    expect(await row.locator('.code').textContent()).toBe('crev');
    expect(await row.locator('.flag-badge').allTextContents()).toEqual(['Feedback', 'Clients']);
    // The next status is offered yet another colour.
    expect((await desk.inputValue('.create input[name=status-color]')).toUpperCase()).not.toBe(suggested);
    const statuses = await api<{ statuses: Array<{ name: string; short_name: string; is_feedback_request: boolean; is_artist_allowed: boolean; color: string }> }>(
      desk, 'GET', `/api/projects/${demo.projectId}/task-statuses`,
    );
    expect(statuses.statuses.find((status) => status.name === 'Client review')).toMatchObject({
      short_name: 'crev', is_feedback_request: true, is_artist_allowed: false, color: suggested,
    });
    await expectAccessible(desk);
    await screenshot(desk, 'statuses-settings-flags');
    expect(coordinator.errors).toEqual([]);
  });
});
