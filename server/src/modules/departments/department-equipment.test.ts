import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { bearer, createDepartment, personWithToken, uniqueSuffix } from '../../../../test/support/factories.ts';

/** The software licences and hardware items of departments (#14): `data/departments/...`, admins only. */

let ctx: TestContext;
const tokens = { admin: '', manager: '', artist: '' };

async function call(method: 'GET' | 'POST' | 'DELETE', url: string, as: keyof typeof tokens = 'admin', payload?: object) {
  const res = await ctx.app.inject({ method, url: `/api${url}`, headers: bearer(tokens[as]), ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.body ? (res.json() as unknown) : undefined };
}

async function software(): Promise<string> {
  const row = await ctx.db.insertInto('software').values({ name: `Maya ${uniqueSuffix()}`, short_name: 'ma', file_extension: 'ma' }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}
async function hardwareItem(): Promise<string> {
  const row = await ctx.db.insertInto('hardware_item').values({ name: `Cintiq ${uniqueSuffix()}`, short_name: 'ci' }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  ctx = await createTestContext();
  tokens.admin = (await personWithToken(ctx, 'admin')).token;
  tokens.manager = (await personWithToken(ctx, 'manager')).token;
  tokens.artist = (await personWithToken(ctx, 'user')).token;
});

afterAll(async () => {
  await ctx.close();
});

describe('department software licences and hardware items', () => {
  it('links items once, lists them per department and for all departments, and unlinks them', async () => {
    const modeling = await createDepartment(ctx);
    const animation = await createDepartment(ctx);
    const maya = await software();
    const cintiq = await hardwareItem();

    expect(await call('POST', `/data/departments/${modeling.id}/software-licenses`, 'admin', { software_id: maya })).toEqual({
      status: 201, body: { department_id: modeling.id, software_id: maya },
    });
    expect((await call('POST', `/data/departments/${modeling.id}/software-licenses`, 'admin', { software_id: maya })).status).toBe(201);
    await call('POST', `/data/departments/${animation.id}/software-licenses`, 'admin', { software_id: maya });
    expect(await call('POST', `/data/departments/${animation.id}/hardware-items`, 'admin', { hardware_item_id: cintiq })).toEqual({
      status: 201, body: { department_id: animation.id, hardware_item_id: cintiq },
    });

    const mine = await call('GET', `/data/departments/${modeling.id}/software-licenses`);
    expect(mine.body).toEqual([expect.objectContaining({ id: maya, type: 'Software', file_extension: 'ma' })]);
    const all = (await call('GET', '/data/departments/software-licenses')).body as Record<string, Array<{ id: string }>>;
    expect(all[modeling.id].map((row) => row.id)).toEqual([maya]);
    expect(all[animation.id].map((row) => row.id)).toEqual([maya]);
    const hardware = (await call('GET', '/data/departments/hardware-items')).body as Record<string, Array<{ id: string; type: string }>>;
    expect(hardware[animation.id]).toEqual([expect.objectContaining({ id: cintiq, type: 'HardwareItem' })]);
    expect(hardware[modeling.id]).toBeUndefined();

    expect((await call('DELETE', `/data/departments/${modeling.id}/software-licenses/${maya}`)).status).toBe(204);
    expect((await call('GET', `/data/departments/${modeling.id}/software-licenses`)).body).toEqual([]);
    expect((await call('DELETE', `/data/departments/${modeling.id}/software-licenses/${maya}`)).status).toBe(204);
    expect((await call('DELETE', `/data/departments/${animation.id}/hardware-items/${cintiq}`)).status).toBe(204);
    expect((await call('GET', `/data/departments/${animation.id}/hardware-items`)).body).toEqual([]);
    // Deleting the software drops its links.
    await ctx.db.deleteFrom('software').where('id', '=', maya).execute();
    expect((await call('GET', `/data/departments/${animation.id}/software-licenses`)).body).toEqual([]);
  });

  it('is for admins only', async () => {
    const department = await createDepartment(ctx);
    const cintiq = await hardwareItem();
    for (const who of ['manager', 'artist'] as const) {
      expect((await call('GET', '/data/departments/hardware-items', who)).status, who).toBe(403);
      expect((await call('GET', `/data/departments/${department.id}/hardware-items`, who)).status, who).toBe(403);
      expect((await call('POST', `/data/departments/${department.id}/hardware-items`, who, { hardware_item_id: cintiq })).status, who).toBe(403);
      expect((await call('DELETE', `/data/departments/${department.id}/hardware-items/${cintiq}`, who)).status, who).toBe(403);
    }
    expect(await ctx.db.selectFrom('department_hardware_item_link').select('hardware_item_id').where('department_id', '=', department.id).execute()).toEqual([]);
  });

  it('answers 400 for malformed ids or a missing body key, 404 for unknown departments and items', async () => {
    const department = await createDepartment(ctx);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(await call('POST', `/data/departments/not-an-id/software-licenses`, 'admin', { software_id: unknown })).toMatchObject({ status: 400, body: { error: true } });
    expect((await call('POST', `/data/departments/${department.id}/software-licenses`, 'admin', { software_id: 'maya' })).status).toBe(400);
    expect((await call('POST', `/data/departments/${department.id}/software-licenses`, 'admin', {})).status).toBe(400);
    expect(await call('POST', `/data/departments/${unknown}/software-licenses`, 'admin', { software_id: await software() })).toMatchObject({
      status: 404, body: { error: true, message: 'Department not found' },
    });
    expect(await call('POST', `/data/departments/${department.id}/hardware-items`, 'admin', { hardware_item_id: unknown })).toMatchObject({
      status: 404, body: { message: 'Hardware item not found' },
    });
    expect((await call('GET', `/data/departments/${unknown}/hardware-items`)).status).toBe(404);
  });
});
