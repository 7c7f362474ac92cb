import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { bearer, personWithToken } from '../../../../test/support/factories.ts';

/**
 * The profile page's writes (`PUT data/persons/<own id>`): a person edits their own name, time zone,
 * language and notification channels, never their role, nor anyone else's profile.
 */

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
});

const PROFILE = {
  first_name: 'Alice', last_name: 'Liddell', timezone: 'America/Montreal', locale: 'fr_FR',
  notifications_enabled: false, notifications_slack_enabled: true, notifications_slack_userid: 'U024BE7LH',
  notifications_mattermost_enabled: true, notifications_mattermost_userid: 'alice', notifications_discord_enabled: true,
  notifications_discord_userid: 'alice#1234',
};

async function put(token: string, personId: string, payload: object) {
  return ctx.app.inject({ method: 'PUT', url: `/api/data/persons/${personId}`, headers: bearer(token), payload });
}

const COLUMNS = [
  'role', 'first_name', 'last_name', 'timezone', 'locale', 'notifications_enabled', 'notifications_slack_enabled',
  'notifications_slack_userid', 'notifications_mattermost_enabled', 'notifications_mattermost_userid',
  'notifications_discord_enabled', 'notifications_discord_userid',
] as const;

const stored = (id: string) => ctx.db.selectFrom('person').select(COLUMNS).where('id', '=', id).executeTakeFirstOrThrow();

describe('PUT data/persons/<own id> from the profile page', () => {
  it.each(['user', 'supervisor', 'manager', 'client'] as const)('lets a %s change their name, time zone, language and notifications', async (role) => {
    const me = await personWithToken(ctx, role);
    const res = await put(me.token, me.id, PROFILE);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ...PROFILE, full_name: 'Alice Liddell', role });
    expect(await stored(me.id)).toMatchObject({ ...PROFILE, role });
  });

  it('refuses a change of role, even sent along with allowed fields, and keeps everything as it was', async () => {
    const me = await personWithToken(ctx, 'user');
    const before = await stored(me.id);
    for (const role of ['admin', 'manager', 'supervisor']) {
      const res = await put(me.token, me.id, { first_name: 'Promoted', timezone: 'Asia/Tokyo', role });
      expect(res.statusCode).toBe(403);
    }
    expect(await stored(me.id)).toEqual(before);
    // Sending one's own role unchanged (what a whole-form save does) is allowed.
    expect((await put(me.token, me.id, { first_name: 'Same', role: 'user' })).statusCode).toBe(200);
  });

  it('refuses an unknown time zone or a malformed locale with a message, and keeps the profile as it was', async () => {
    const me = await personWithToken(ctx, 'user');
    const before = await stored(me.id);
    for (const [changes, message] of [
      [{ timezone: 'Mars/Olympus' }, /Unknown time zone: Mars\/Olympus/],
      [{ timezone: '' }, /Unknown time zone/],
      [{ first_name: 'Kept?', timezone: 'Europe/Pariss' }, /Unknown time zone/],
      [{ locale: 'fr FR' }, /Invalid locale: fr FR/],
    ] as const) {
      const res = await put(me.token, me.id, changes);
      expect(res.statusCode, JSON.stringify(changes)).toBe(400);
      expect(res.json().message).toMatch(message);
    }
    expect(await stored(me.id)).toEqual(before);
    expect((await put(me.token, me.id, { timezone: 'UTC', locale: 'en_GB' })).statusCode).toBe(200);
  });

  it("refuses another person's profile, and lets an admin edit it", async () => {
    const me = await personWithToken(ctx, 'manager');
    const other = await personWithToken(ctx, 'user');
    expect((await put(me.token, other.id, { timezone: 'Asia/Tokyo' })).statusCode).toBe(403);
    expect((await stored(other.id)).timezone).not.toBe('Asia/Tokyo');
    const admin = await personWithToken(ctx, 'admin');
    expect((await put(admin.token, other.id, { timezone: 'Asia/Tokyo' })).statusCode).toBe(200);
    expect((await stored(other.id)).timezone).toBe('Asia/Tokyo');
  });

  it('shows the new name and time zone on the session (auth/authenticated)', async () => {
    const me = await personWithToken(ctx, 'user');
    await put(me.token, me.id, { first_name: 'Renamed', timezone: 'Europe/Berlin' });
    const session = await ctx.app.inject({ method: 'GET', url: '/api/auth/authenticated', headers: bearer(me.token) });
    expect(session.json().user).toMatchObject({ first_name: 'Renamed', timezone: 'Europe/Berlin' });
  });
});
