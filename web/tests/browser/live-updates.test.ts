import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { seedDemoProduction, type DemoSeedResult } from '../../../server/src/seed/demo-seed.ts';
import { api, launchChromium, login, newPage, screenshot, startRushes, type RunningRushes } from './support.ts';

/**
 * Live updates in real headless Chromium: a coordinator and an artist, each in a browser context of
 * their own, see each other's changes without reloading; the artist's lost connection shows, and what
 * changed meanwhile arrives through the server's replay once the connection is back.
 */

const COORDINATOR = { email: 'coordinator@demo.rushes.local', password: 'demo-coordinator' };
const ARTIST = { email: 'alice@demo.rushes.local', password: 'demo-artist' };
const SUPERVISOR = { email: 'supervisor@demo.rushes.local', password: 'demo-supervisor' };
const PAUSED = 'Live updates paused — reconnecting…';
/** Generous for a busy 2-core machine: every expectation is polled, none waits this long when all is well. */
const LIVE = { timeout: 15_000 };

interface Person {
  context: BrowserContext;
  page: Page;
  errors: string[];
  /** Full page loads since the person's page was first opened. */
  navigations: number;
}

interface TodoTask {
  id: string;
  entity_name: string;
  sequence_name: string | null;
  task_type_name: string;
  task_status_name: string;
  entity_type_name: string;
}

async function open(browser: Browser, baseUrl: string, account: { email: string; password: string }, target: string): Promise<Person> {
  const { context, page, errors } = await newPage(browser);
  await login(page, baseUrl, account.email, account.password, target);
  const person: Person = { context, page, errors, navigations: 0 };
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) person.navigations += 1;
  });
  return person;
}

/**
 * Records every value the text of `selector` takes in the page from now on (a MutationObserver), to
 * tell a change shown once from one that flickers back and forth.
 */
async function recordTexts(page: Page, selector: string): Promise<() => Promise<string[]>> {
  const key = `__texts_${Math.random().toString(36).slice(2)}`;
  await page.evaluate(({ key, selector }) => {
    const seen: string[] = [];
    (window as unknown as Record<string, string[]>)[key] = seen;
    const note = () => {
      const text = document.querySelector(selector)?.textContent ?? '';
      if (seen[seen.length - 1] !== text) seen.push(text);
    };
    note();
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  }, { key, selector });
  return () => page.evaluate((key) => (window as unknown as Record<string, string[]>)[key] ?? [], key);
}

/** The live connection is up (changes made from now on reach the page). */
const connected = (person: Person) => person.page.waitForSelector('[data-testid=live-status][data-state=live]', { state: 'attached', ...LIVE });

describe('live updates', () => {
  let rushes: RunningRushes;
  let browser: Browser;
  let demo: DemoSeedResult;
  let coordinator: Person;
  let artist: Person;
  let target: TodoTask;
  let base: string;

  const artistRow = () => `[data-testid=my-task][data-task-id="${target.id}"]`;
  const coordinatorCell = () =>
    `[data-testid=entity-row][data-entity="${target.entity_name}"][data-group="${target.sequence_name}"] [data-task-type="${target.task_type_name}"]`;
  const badge = (person: Person) => person.page.locator('[data-testid=notification-badge]');
  const badgeCount = async (person: Person) => ((await badge(person).count()) ? Number(await badge(person).textContent()) : 0);
  const comments = (person: Person, text: string) => person.page.locator('[data-testid=task-panel] [data-testid=comment] .text', { hasText: text });

  /** Filters a shots table down to the target's shot (the table renders only the rows in view). */
  async function showTargetShot(person: Person = coordinator) {
    await person.page.fill('.toolbar input.search', `${target.entity_name} ${target.sequence_name}`);
    await person.page.waitForSelector(coordinatorCell(), LIVE);
  }

  async function postComment(person: Person, status: string, text: string) {
    const { page } = person;
    await page.selectOption('[data-testid=comment-status]', { label: status });
    await page.fill('[data-testid=task-panel] textarea[name=comment]', text);
    await page.click('[data-testid=task-panel] button[type=submit]');
    await expect.poll(() => comments(person, text).count(), LIVE).toBe(1);
  }

  beforeAll(async () => {
    rushes = await startRushes();
    demo = await seedDemoProduction(rushes.context.db);
    browser = await launchChromium();
    base = `${rushes.baseUrl}/productions/${demo.projectId}`;
    coordinator = await open(browser, rushes.baseUrl, COORDINATOR, `/productions/${demo.projectId}/shots`);
    artist = await open(browser, rushes.baseUrl, ARTIST, '/my-tasks');

    const persons = await api<Array<{ id: string; email: string | null }>>(coordinator.page, 'GET', '/api/data/persons');
    const alice = persons.find((person) => person.email === ARTIST.email)!;
    const tasks = await api<TodoTask[]>(coordinator.page, 'GET', `/api/data/persons/${alice.id}/tasks`);
    target = tasks.find((task) => task.entity_type_name === 'Shot' && task.task_status_name === 'In Progress')!;
    expect(target).toBeDefined();
  });

  afterAll(async () => {
    await browser?.close();
    await rushes?.close();
  });

  it("shows the artist's status change in the coordinator's shots table without a reload", async () => {
    await showTargetShot();
    await artist.page.waitForSelector(artistRow());
    await Promise.all([connected(coordinator), connected(artist)]);
    const loadsBefore = coordinator.navigations;

    await artist.page.click(`${artistRow()} .chip-button`);
    await artist.page.click('.status-menu button[data-status="Submitted"]');
    await expect.poll(() => artist.page.textContent(`${artistRow()} .chip`)).toBe('Submitted');

    await expect.poll(() => coordinator.page.getAttribute(coordinatorCell(), 'aria-label'), LIVE).toMatch(/: Submitted(, .+ assigned)?$/);
    expect(coordinator.navigations).toBe(loadsBefore);
    await screenshot(coordinator.page, 'live-01-shots-table-updated');
  });

  it("shows the coordinator's comment in the artist's My tasks and open task panel, once in his own thread, and raises the artist's badge", async () => {
    // The artist opens the task from My tasks (a route change in the page, no reload).
    await artist.page.click(`${artistRow()} .task button`);
    await artist.page.waitForSelector('[data-testid=task-panel] [data-testid=panel-status]');
    const unread = await badgeCount(artist);
    const artistLoads = artist.navigations;

    await coordinator.page.goto(`${base}/shots?task=${target.id}`);
    await coordinator.page.waitForSelector('[data-testid=task-panel] [data-testid=panel-status]');
    await showTargetShot();
    await connected(coordinator);
    const text = 'Retake: the storm needs more rain in the foreground.';
    const panelStatuses = await recordTexts(coordinator.page, '[data-testid=task-panel] [data-testid=panel-status]');
    await postComment(coordinator, 'Retake', text);

    await expect.poll(() => artist.page.textContent(`${artistRow()} .chip`), LIVE).toBe('Retake');
    await expect.poll(() => comments(artist, text).count(), LIVE).toBe(1);
    await expect.poll(() => artist.page.textContent('[data-testid=task-panel] [data-testid=panel-status]'), LIVE).toBe('Retake');
    await expect.poll(() => badgeCount(artist), LIVE).toBe(unread + 1);
    expect(await badge(artist).getAttribute('aria-label')).toBe(`${unread + 1} unread notification${unread + 1 === 1 ? '' : 's'}`);
    expect(artist.navigations).toBe(artistLoads);
    await screenshot(artist.page, 'live-02-my-tasks-and-panel-updated');

    // The coordinator's own comment came back to him as an event too: still shown once, status unchanged.
    await expect.poll(() => coordinator.page.getAttribute(coordinatorCell(), 'aria-label'), LIVE).toMatch(/: Retake(, .+ assigned)?$/);
    expect(await comments(coordinator, text).count()).toBe(1);
    expect(await coordinator.page.textContent('[data-testid=task-panel] [data-testid=panel-status]')).toBe('Retake');
    const shown = await panelStatuses();
    expect(shown.slice(shown.indexOf('Retake'))).toEqual(['Retake']);
  });

  it('shows a comment the artist posts in the coordinator’s open task panel, once', async () => {
    const text = 'On it: more rain coming in the next version.';
    await postComment(artist, 'In Progress', text);
    await expect.poll(() => comments(coordinator, text).count(), LIVE).toBe(1);
    await expect.poll(() => coordinator.page.textContent('[data-testid=task-panel] [data-testid=panel-status]'), LIVE).toBe('In Progress');
    await expect.poll(() => coordinator.page.getAttribute(coordinatorCell(), 'aria-label'), LIVE).toMatch(/: In Progress(, .+ assigned)?$/);
    // The artist's echo did not add his comment a second time.
    expect(await comments(artist, text).count()).toBe(1);
  });

  it('shows a lost connection, and the change made meanwhile once it is back', async () => {
    const artistLoads = artist.navigations;
    const unread = await badgeCount(artist);
    await artist.context.setOffline(true);
    const banner = artist.page.getByRole('status', { name: PAUSED });
    await banner.waitFor(LIVE);
    expect(await banner.textContent()).toBe(PAUSED);
    await screenshot(artist.page, 'live-03-connection-paused');

    const text = 'While you were away: approved, moving on.';
    await postComment(coordinator, 'Submitted', text);
    // Nothing reaches the artist while offline.
    expect(await comments(artist, text).count()).toBe(0);

    const reads: string[] = [];
    artist.page.on('request', (request) => reads.push(new URL(request.url()).pathname));
    await artist.context.setOffline(false);
    await banner.waitFor({ state: 'detached', ...LIVE });
    await connected(artist);
    await expect.poll(() => comments(artist, text).count(), LIVE).toBe(1);
    await expect.poll(() => artist.page.textContent(`${artistRow()} .chip`), LIVE).toBe('Submitted');
    await expect.poll(() => artist.page.textContent('[data-testid=task-panel] [data-testid=panel-status]'), LIVE).toBe('Submitted');
    await expect.poll(() => badgeCount(artist), LIVE).toBe(unread + 1);
    expect(artist.navigations).toBe(artistLoads);
    // Recovered through the replay of the missed events (the task read again), not by reading everything.
    expect(reads).toContain(`/api/data/tasks/${target.id}`);
    expect(reads).not.toContain('/api/data/user/context');
    await screenshot(artist.page, 'live-04-recovered');

    expect(artist.errors).toEqual([]);
    expect(coordinator.errors).toEqual([]);
  });

  it("shows a status set in the coordinator's shots table in the supervisor's shots table, open in another context", async () => {
    const supervisor = await open(browser, rushes.baseUrl, SUPERVISOR, `/productions/${demo.projectId}/shots`);
    await coordinator.page.goto(`${base}/shots`);
    await Promise.all([showTargetShot(coordinator), showTargetShot(supervisor)]);
    await Promise.all([connected(coordinator), connected(supervisor)]);
    const loadsBefore = supervisor.navigations;
    expect(await supervisor.page.getAttribute(coordinatorCell(), 'aria-label')).toMatch(/: Submitted(, .+ assigned)?$/);
    const coordinatorLabels = await recordTexts(coordinator.page, `${coordinatorCell()} .chip`);

    await coordinator.page.click(coordinatorCell());
    await coordinator.page.click('[data-testid=status-picker] button[data-status="In Progress"]');
    await expect.poll(() => coordinator.page.getAttribute(coordinatorCell(), 'aria-label'), LIVE).toMatch(/: In Progress(, .+ assigned)?$/);

    await expect.poll(() => supervisor.page.getAttribute(coordinatorCell(), 'aria-label'), LIVE).toMatch(/: In Progress(, .+ assigned)?$/);
    expect(supervisor.navigations).toBe(loadsBefore);
    // The coordinator's own change is shown once: its echo does not set the cell back and forth.
    await supervisor.page.waitForTimeout(1500);
    expect(await coordinatorLabels()).toEqual(['Submitted', 'In Progress']);
    await screenshot(supervisor.page, 'live-05-second-shots-table');
    expect(supervisor.errors).toEqual([]);
    expect(coordinator.errors).toEqual([]);
  });
});
