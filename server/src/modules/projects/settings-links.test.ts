import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { bearer, createProject, personWithToken, uniqueSuffix, type TestPerson } from '../../../../test/support/factories.ts';

/**
 * The status automations and preview backgrounds a production uses (#14):
 * `data/projects/<id>/settings/status-automations` and `.../settings/preview-background-files`.
 */

let ctx: TestContext;
let project: { id: string };
const people = {} as Record<'admin' | 'manager' | 'artist' | 'outsider', TestPerson & { token: string }>;

type Method = 'GET' | 'POST' | 'DELETE';
async function call(method: Method, url: string, as: keyof typeof people, payload?: object) {
  const res = await ctx.app.inject({ method, url: `/api${url}`, headers: bearer(people[as].token), ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.body ? (res.json() as Record<string, unknown> & Array<Record<string, unknown>>) : undefined };
}

beforeAll(async () => {
  ctx = await createTestContext();
  people.admin = await personWithToken(ctx, 'admin');
  people.manager = await personWithToken(ctx, 'manager');
  people.artist = await personWithToken(ctx, 'user');
  people.outsider = await personWithToken(ctx, 'manager');
  project = await createProject(ctx, { team: [{ id: people.manager.id }, { id: people.artist.id }] });
});

afterAll(async () => {
  await ctx.close();
});

describe('project status automations', () => {
  it('a manager adds one (the project answers), lists it, and it cannot be deleted while used', async () => {
    const automation = await call('POST', '/data/status-automations', 'admin', { entity_type: 'shot' });
    const id = String(automation.body!.id);
    const settings = `/data/projects/${project.id}/settings/status-automations`;

    const added = await call('POST', settings, 'manager', { status_automation_id: id });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ id: project.id, type: 'Project' });
    expect((await call('POST', settings, 'manager', { status_automation_id: id })).status).toBe(201);
    const listed = await call('GET', settings, 'manager');
    expect(listed.status).toBe(200);
    expect(listed.body!.map((row) => [row.id, row.type, row.entity_type])).toEqual([[id, 'StatusAutomation', 'shot']]);

    expect(await call('DELETE', `/data/status-automations/${id}`, 'admin')).toEqual({
      status: 400, body: { error: true, message: 'This automation is used in a project.', data: null },
    });
    expect((await call('DELETE', `${settings}/${id}`, 'manager')).status).toBe(204);
    expect((await call('GET', settings, 'manager')).body).toEqual([]);
    expect((await call('DELETE', `/data/status-automations/${id}`, 'admin')).status).toBe(204);
    const audit = await ctx.db.selectFrom('audit_event').select('action').where('object_id', '=', project.id).where('action', 'like', '%status-automations').execute();
    expect(audit.map((row) => row.action)).toEqual(['add-status-automations', 'remove-status-automations']);
  });

  it('refuses artists and managers of other productions, and unknown automations', async () => {
    const automation = await call('POST', '/data/status-automations', 'admin', { entity_type: 'asset' });
    const settings = `/data/projects/${project.id}/settings/status-automations`;
    for (const who of ['artist', 'outsider'] as const) {
      expect((await call('GET', settings, who)).status, who).toBe(403);
      expect((await call('POST', settings, who, { status_automation_id: automation.body!.id as string })).status, who).toBe(403);
      expect((await call('DELETE', `${settings}/${String(automation.body!.id)}`, who)).status, who).toBe(403);
    }
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(await call('POST', settings, 'manager', { status_automation_id: unknown })).toMatchObject({
      status: 400, body: { error: true, message: `StatusAutomation with id ${unknown} not found` },
    });
    expect((await call('POST', settings, 'manager', {})).status).toBe(400);
    expect((await call('GET', `/data/projects/${unknown}/settings/status-automations`, 'admin')).status).toBe(404);
  });
});

describe('project preview backgrounds', () => {
  it('a manager offers a background, team members list it, and deleting the file drops it from the project', async () => {
    const background = await call('POST', '/data/preview-background-files', 'admin', { name: `Studio grey ${uniqueSuffix()}` });
    const id = String(background.body!.id);
    const settings = `/data/projects/${project.id}/settings/preview-background-files`;

    expect((await call('POST', settings, 'artist', { preview_background_file_id: id })).status).toBe(403);
    expect(await call('POST', settings, 'manager', { preview_background_file_id: id })).toMatchObject({ status: 201, body: { id: project.id } });
    const listed = await call('GET', settings, 'artist');
    expect(listed.status).toBe(200);
    expect(listed.body!.map((row) => [row.id, row.type])).toEqual([[id, 'PreviewBackgroundFile']]);
    expect((await call('GET', settings, 'outsider')).status).toBe(403);
    expect((await call('POST', settings, 'manager', { preview_background_file_id: 'not-an-id' })).status).toBe(400);

    expect((await call('DELETE', `/data/preview-background-files/${id}`, 'admin')).status).toBe(204);
    expect((await call('GET', settings, 'artist')).body).toEqual([]);
  });

  it('removes a background from the project without deleting it', async () => {
    const background = await call('POST', '/data/preview-background-files', 'admin', { name: `Night ${uniqueSuffix()}` });
    const id = String(background.body!.id);
    const settings = `/data/projects/${project.id}/settings/preview-background-files`;
    await call('POST', settings, 'manager', { preview_background_file_id: id });
    expect((await call('DELETE', `${settings}/${id}`, 'manager')).status).toBe(204);
    expect((await call('GET', settings, 'manager')).body).toEqual([]);
    expect((await call('GET', `/data/preview-background-files/${id}`, 'artist')).status).toBe(200);
  });
});

describe('open projects', () => {
  it('list the status automations and preview backgrounds their settings hold', async () => {
    const automation = await call('POST', '/data/status-automations', 'admin', { entity_type: 'asset' });
    const background = await call('POST', '/data/preview-background-files', 'admin', { name: `Dawn ${uniqueSuffix()}` });
    await call('POST', `/data/projects/${project.id}/settings/status-automations`, 'manager', { status_automation_id: automation.body!.id as string });
    await call('POST', `/data/projects/${project.id}/settings/preview-background-files`, 'manager', { preview_background_file_id: background.body!.id as string });
    const open = (await call('GET', '/data/projects/open', 'artist')).body!.find((row) => row.id === project.id);
    expect(open).toMatchObject({ status_automations: [automation.body!.id], preview_background_files: [background.body!.id] });
    const mine = (await call('GET', '/data/user/projects/open', 'artist')).body!.find((row) => row.id === project.id);
    expect(mine).toMatchObject({ status_automations: [automation.body!.id], preview_background_files: [background.body!.id] });
  });
});
