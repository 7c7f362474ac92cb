import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEFAULT_PASSWORD, createPerson, tokenFor, type TestPerson } from '../../../test/support/factories.ts';
import { enrolTotp, totpCode } from '../../../server/src/modules/auth/two-factor.test-support.ts';
import { describeViolations, seriousViolations } from './accessibility.ts';
import { launchChromium, login, newPage, screenshot, startRushes, type RunningRushes } from './support.ts';

/**
 * Two-step verification end to end (#12): enrolment on the Account security page, the login's second
 * step with an app code or a recovery code, the admin's reset and "Require 2FA" switch on the People
 * page. Codes are computed from the secret the page shows, with the server's own algorithm.
 */

const STEP_MS = 30_000;
const WRONG_CODE = 'Wrong code. Type the 6 digits your authenticator app shows now, or an unused recovery code.';

/**
 * The phone's authenticator app. The server takes a code of the current step, one step early or one
 * late, but never one of a step at or before the last it accepted (replay): after a code of the
 * current step was used, the next one is the next step's code, accepted at once thanks to the window.
 * No test waits for the clock.
 */
class Authenticator {
  private lastStep = Number.NEGATIVE_INFINITY;
  constructor(readonly secret: string) {}

  /** A code the server accepts now, never of a step already spent. */
  nextCode(): string {
    const step = Math.max(Math.floor(Date.now() / STEP_MS), this.lastStep + 1);
    this.lastStep = step;
    return this.codeOf(step);
  }

  /** A genuine code of this secret, but ten steps (five minutes) ahead: outside the window, so refused. */
  staleCode(): string {
    return this.codeOf(Math.floor(Date.now() / STEP_MS) + 10);
  }

  // totpCode takes an offset from now; aim at the middle of the step.
  private codeOf(step: number): string {
    return totpCode(this.secret, (step * STEP_MS + STEP_MS / 2 - Date.now()) / 1000);
  }
}

async function expectAccessible(page: Page, where: string): Promise<void> {
  const violations = await seriousViolations(page);
  expect(violations, `${where}:\n${describeViolations(violations)}`).toEqual([]);
}

describe('two-factor authentication in the browser', () => {
  let rushes: RunningRushes;
  let browser: Browser;
  let baseUrl: string;
  /** An admin with 2FA on (the switch may only be set by an admin who uses it); signs in with recovery codes. */
  let admin: TestPerson;
  let adminCodes: string[];

  beforeAll(async () => {
    rushes = await startRushes();
    baseUrl = rushes.baseUrl;
    admin = await createPerson(rushes.context, { role: 'admin', firstName: 'Ada', lastName: 'Admin' });
    adminCodes = (await enrolTotp(rushes.context, await tokenFor(rushes.context, admin))).codes;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await rushes?.close();
  });

  /** Email and password on the login page, up to the second step. */
  async function passwordStep(page: Page, email: string, target = '/productions'): Promise<void> {
    await page.goto(`${baseUrl}${target}`);
    await page.waitForSelector('input[name=email]');
    await page.fill('input[name=email]', email);
    await page.fill('input[name=password]', DEFAULT_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=second-factor-step]');
  }

  async function submitRecoveryCode(page: Page, code: string): Promise<void> {
    await page.click('[data-testid=toggle-recovery]');
    await page.fill('[data-testid=recovery-code-input]', code);
    await page.click('[data-testid=second-factor-step] button[type=submit]');
  }

  async function adminOn(target: string) {
    const opened = await newPage(browser);
    await passwordStep(opened.page, admin.email, target);
    await submitRecoveryCode(opened.page, adminCodes.shift()!);
    await opened.page.waitForURL(`${baseUrl}${target}`);
    return opened;
  }

  async function logOutFromShell(page: Page): Promise<void> {
    await page.click('aside button:has-text("Log out")');
    await page.waitForURL(/\/login/);
  }

  /** Enrols on the security page as a person would: the typed key, a code, then the recovery codes. */
  async function enrolOnSecurityPage(page: Page): Promise<{ app: Authenticator; codes: string[] }> {
    await page.click('[data-testid=start-totp]');
    const secret = (await page.textContent('[data-testid=totp-secret]'))!.trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(await page.getAttribute('[data-testid=totp-qr]', 'src')).toMatch(/^data:image\/png;base64,/);
    const app = new Authenticator(secret);
    await page.fill('[data-testid=totp-confirm-input]', app.nextCode());
    await page.click('[data-testid=confirm-totp]');
    await page.waitForSelector('[data-testid=recovery-codes]');
    const codes = (await page.locator('[data-testid=recovery-codes] code').allTextContents()).map((code) => code.trim());
    expect(codes).toHaveLength(16);
    expect(await page.textContent('[data-testid=totp-state]')).toContain('On: signing in asks for a code');
    return { app, codes };
  }

  const apiStatus = (page: Page, url: string) => page.evaluate(async (path) => (await fetch(path)).status, url);

  it('a person turns on 2FA on the security page, then logs in with a code (a wrong one is refused) or once with a recovery code', async () => {
    const person = await createPerson(rushes.context, { firstName: 'Tess', lastName: 'Totp' });
    const { page, errors } = await newPage(browser);
    await login(page, baseUrl, person.email, DEFAULT_PASSWORD, '/account/security');
    expect(await page.textContent('[data-testid=totp-state]')).toContain('Off: your password alone signs you in.');
    await expectAccessible(page, '/account/security, 2FA off');

    const { app, codes } = await enrolOnSecurityPage(page);
    await screenshot(page, 'two-factor-01-security-recovery-codes');
    await expectAccessible(page, '/account/security, recovery codes shown');
    await page.click('[data-testid=codes-saved]');
    await page.waitForSelector('[data-testid=recovery-codes]', { state: 'detached' });

    await page.click('header button:has-text("Log out")');
    await page.waitForURL(/\/login/);
    await passwordStep(page, person.email);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('otp-input');
    await screenshot(page, 'two-factor-02-second-step');
    await expectAccessible(page, 'login second step');

    await page.fill('[data-testid=otp-input]', app.staleCode());
    await page.click('[data-testid=second-factor-step] button[type=submit]');
    await expect.poll(() => page.textContent('[data-testid=second-factor-step] [role=alert]')).toBe(WRONG_CODE);
    expect(new URL(page.url()).pathname).toBe('/login');
    await expectAccessible(page, 'login second step, wrong code');
    await page.fill('[data-testid=otp-input]', app.nextCode());
    await page.click('[data-testid=second-factor-step] button[type=submit]');
    await page.waitForURL(`${baseUrl}/productions`);

    await logOutFromShell(page);
    await passwordStep(page, person.email);
    await submitRecoveryCode(page, codes[0]!.toLowerCase());
    await page.waitForURL(`${baseUrl}/productions`);

    // Spent: the same recovery code is refused the second time.
    await logOutFromShell(page);
    await passwordStep(page, person.email);
    await submitRecoveryCode(page, codes[0]!);
    await expect.poll(() => page.textContent('[data-testid=second-factor-step] [role=alert]')).toBe(WRONG_CODE);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.fill('[data-testid=recovery-code-input]', codes[1]!);
    await page.click('[data-testid=second-factor-step] button[type=submit]');
    await page.waitForURL(`${baseUrl}/productions`);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("an admin sees who uses 2FA on the People page and resets a person's, after confirming", async () => {
    const locked = await createPerson(rushes.context, { firstName: 'Lou', lastName: 'Lostphone' });
    await enrolTotp(rushes.context, await tokenFor(rushes.context, locked));
    const plain = await createPerson(rushes.context, { firstName: 'Pat', lastName: 'Plain' });
    const otherAdmin = await createPerson(rushes.context, { role: 'admin', firstName: 'Otto', lastName: 'Otheradmin' });
    await enrolTotp(rushes.context, await tokenFor(rushes.context, otherAdmin));

    const { page, errors } = await adminOn('/people');
    const cell = (person: TestPerson) => page.locator(`[data-person="${person.first_name} ${person.last_name}"] [data-testid=two-factor-cell]`);
    const resetButton = (person: TestPerson) => page.locator(`[aria-label="Reset two-factor of ${person.first_name} ${person.last_name}"]`);
    await expect.poll(() => cell(locked).textContent()).toContain('On');
    expect(await cell(plain).textContent()).toContain('Off');
    expect(await cell(otherAdmin).textContent()).toContain('On');
    // Nothing to reset without 2FA; another admin's is not the admin's to strip (the server refuses it); his own is on his security page.
    expect(await resetButton(plain).count()).toBe(0);
    expect(await resetButton(otherAdmin).count()).toBe(0);
    expect(await resetButton(admin).count()).toBe(0);
    await expectAccessible(page, '/people with the two-factor column');

    // Cancelling changes nothing.
    await resetButton(locked).click();
    await page.waitForSelector('[role=dialog][aria-label="Reset two-factor authentication?"]');
    await page.click('[role=dialog] button:has-text("Cancel")');
    await page.waitForSelector('[role=dialog]', { state: 'detached' });
    expect(await cell(locked).textContent()).toContain('On');

    await resetButton(locked).click();
    const dialog = page.locator('[role=dialog]');
    expect(await dialog.textContent()).toContain("Lou Lostphone's authenticator app and recovery codes stop working");
    await screenshot(page, 'two-factor-03-people-reset-confirmation');
    await expectAccessible(page, '/people, reset confirmation');
    await page.click('[data-testid=confirm-reset-two-factor]');
    await expect.poll(() => page.textContent('.toast.success span')).toBe(
      'Two-factor authentication reset for Lou Lostphone: they sign in with their password alone until they set it up again.',
    );
    await page.waitForSelector('[role=dialog]', { state: 'detached' });
    expect(await cell(locked).textContent()).toContain('Off');
    expect(await resetButton(locked).count()).toBe(0);
    const row = await rushes.context.db.selectFrom('person').select('totp_enabled').where('id', '=', locked.id).executeTakeFirstOrThrow();
    expect(row.totp_enabled).toBe(false);

    // The person who lost the phone signs in with the password alone.
    const person = await newPage(browser);
    await login(person.page, baseUrl, locked.email, DEFAULT_PASSWORD);
    expect(new URL(person.page.url()).pathname).toBe('/productions');
    expect([...errors, ...person.errors]).toEqual([]);
    await Promise.all([page.context().close(), person.context.close()]);
  });

  it('with "Require 2FA" switched on in the People page, a person without it lands on the security page until enrolled', async () => {
    const newcomer = await createPerson(rushes.context, { firstName: 'Nina', lastName: 'Newcomer' });
    const adminPage = await adminOn('/people');
    const policySaved = adminPage.page.waitForResponse((response) => response.url().endsWith('/api/auth/two-factor-policy') && response.request().method() === 'PUT');
    await adminPage.page.check('[data-testid=require-2fa]');
    expect((await policySaved).status()).toBe(200);
    expect(await adminPage.page.isChecked('[data-testid=require-2fa]')).toBe(true);

    const { page, errors } = await newPage(browser);
    await login(page, baseUrl, newcomer.email, DEFAULT_PASSWORD);
    await page.waitForURL(`${baseUrl}/account/security`);
    expect(await page.textContent('[data-testid=setup-required]')).toContain('Your studio requires two-step verification.');
    expect(await page.locator('a:has-text("Back to Rushes")').count()).toBe(0);
    await expectAccessible(page, '/account/security, setup required');

    // Neither the page nor its data: the session is restricted until 2FA is on.
    await page.goto(`${baseUrl}/productions`);
    await page.waitForURL(`${baseUrl}/account/security`);
    expect(await apiStatus(page, '/api/data/projects')).toBe(403);

    await enrolOnSecurityPage(page);
    await page.click('[data-testid=codes-saved]');
    await page.click('a:has-text("Back to Rushes")');
    await page.waitForURL(`${baseUrl}/productions`);
    expect(await apiStatus(page, '/api/data/projects')).toBe(200);
    await page.goto(`${baseUrl}/productions`);
    await page.waitForSelector('aside nav');
    expect(new URL(page.url()).pathname).toBe('/productions');

    expect([...errors, ...adminPage.errors]).toEqual([]);
    await Promise.all([page.context().close(), adminPage.context.close()]);
  });
});
