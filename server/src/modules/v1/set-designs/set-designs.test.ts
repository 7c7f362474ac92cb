import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../../test/support/test-app.ts';
import { personWithToken } from '../../../../../test/support/factories.ts';
import { jpegImage, localServer, pngImage, type LocalServer } from '../../../../../test/support/media-fixtures.ts';
import { createOrganization, createShotType, createSubject, v1, type Caller } from '../../../../../test/support/set-design-factories.ts';

interface MediaBody { id: string; url: string; width: number; height: number; content_hash: string; orientation: string; extension: string; dominant_color: string }
interface SetDesignBody {
  id: string;
  name: string;
  owner_id: string;
  organization_id: string | null;
  background_preset_id: string | null;
  description: string | null;
  base_images: Array<{ id: string; subject_id: string; shot_type_id: string; image_url: string | null; image_media: MediaBody | null }>;
  reference_images: Array<{ shot_type_id: string; label: string | null; image_media: MediaBody | null }>;
  subject_portraits: Array<{ subject_id: string; image_media: MediaBody | null }>;
}

let ctx: TestContext;
let images: LocalServer;
let owner: Caller;
let member: Caller;
let outsider: Caller;
let studioAdmin: Caller;
let organizationId: string;
let otherOrganizationId: string;
let subjectId: string;
let secondSubjectId: string;
let frontId: string;
let sideId: string;
let presetId: string;
let redPng: Buffer;
let blueJpeg: Buffer;

beforeAll(async () => {
  ctx = await createTestContext();
  [owner, member, outsider, studioAdmin] = await Promise.all([
    personWithToken(ctx), personWithToken(ctx), personWithToken(ctx), personWithToken(ctx, 'admin'),
  ]);
  organizationId = await createOrganization(ctx, owner, [{ person: member, role: 'member' }]);
  otherOrganizationId = await createOrganization(ctx, outsider);
  subjectId = await createSubject(ctx, owner, organizationId, 'Ana');
  secondSubjectId = await createSubject(ctx, owner, organizationId, 'Ben');
  frontId = await createShotType(ctx, owner, 'front_full_body', organizationId);
  sideId = await createShotType(ctx, owner, 'side_left', organizationId);
  presetId = (await v1<{ id: string }>(ctx, owner, 'POST', `/background-presets?organization_id=${organizationId}`, { name: 'White cyclorama', color: '#ffffff' })).body.id;
  redPng = await pngImage(300, 200, '#ff0000');
  blueJpeg = await jpegImage(120, 240, '#0000ff');
  images = await localServer((request, response) => {
    if (request.path === '/red.png') response.writeHead(200, { 'content-type': 'image/png' }).end(redPng);
    else if (request.path === '/blue.jpg') response.writeHead(200, { 'content-type': 'image/jpeg' }).end(blueJpeg);
    else if (request.path === '/moved') response.writeHead(302, { location: '/red.png' }).end();
    else if (request.path === '/text.png') response.writeHead(200, { 'content-type': 'image/png' }).end('not an image at all');
    else if (request.path === '/huge.png') response.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(60 * 1024 * 1024));
    else if (request.path === '/slow.png') setTimeout(() => response.writeHead(200).end(redPng), 5_000);
    else response.writeHead(404).end();
  });
});
afterAll(async () => {
  await images.close();
  await ctx.close();
});

const inOrg = (url: string) => `${url}${url.includes('?') ? '&' : '?'}organization_id=${organizationId}`;

async function createDesign(body: Record<string, unknown> = {}): Promise<SetDesignBody> {
  const res = await v1<SetDesignBody>(ctx, owner, 'POST', inOrg('/set-designs/'), { name: 'Studio white', ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

describe('set designs: create and read', () => {
  it('creates a set design with base images (URL and MediaInput), reference images and portraits', async () => {
    const created = await createDesign({
      description: 'Bright',
      background_preset_id: presetId,
      base_images: [
        { subject_id: subjectId, shot_type_id: frontId, image: `${images.url}/red.png` },
        { subject_id: subjectId, shot_type_id: sideId, image: { url: `${images.url}/blue.jpg`, alt_text: 'Side' } },
        { subject_id: secondSubjectId, shot_type_id: frontId, image: null },
      ],
      reference_images: [{ shot_type_id: frontId, label: 'Mood', image: `${images.url}/moved` }],
      subject_portraits: [{ subject_id: subjectId, image: `${images.url}/blue.jpg` }],
    });
    expect(created).toMatchObject({ name: 'Studio white', description: 'Bright', owner_id: owner.id, organization_id: organizationId, background_preset_id: presetId });
    expect(created.base_images).toHaveLength(3);
    const front = created.base_images.find((image) => image.shot_type_id === frontId && image.subject_id === subjectId);
    expect(front?.image_url).toBe(`${images.url}/red.png`);
    expect(front?.image_media).toMatchObject({ width: 300, height: 200, orientation: 'landscape', extension: 'png', resource_type: 'image', file_size: redPng.length });
    // sharp's dominant colour is the centre of the most frequent histogram bin: red, near enough.
    const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(front!.image_media!.dominant_color.slice(i, i + 2), 16));
    expect(r).toBeGreaterThan(0xe0);
    expect(Math.max(g, b)).toBeLessThan(0x20);
    expect(front?.image_media?.content_hash).toMatch(/^[0-9a-f]{64}$/);
    const side = created.base_images.find((image) => image.shot_type_id === sideId);
    expect(side?.image_media).toMatchObject({ width: 120, height: 240, orientation: 'portrait', extension: 'jpg', alt_text: 'Side' });
    expect(created.base_images.find((image) => image.subject_id === secondSubjectId)?.image_media).toBeNull();
    // The redirect was followed; the same bytes are the same media resource.
    expect(created.reference_images[0]).toMatchObject({ label: 'Mood', image_media: { id: front?.image_media?.id } });
    expect(created.subject_portraits[0].image_media?.id).toBe(side?.image_media?.id);
    // The media resource is served back.
    const file = await ctx.app.inject({ method: 'GET', url: front!.image_media!.url, headers: { authorization: `Bearer ${owner.token}` } });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.rawPayload.equals(redPng)).toBe(true);
  });

  it('reads a set design by id and lists them with skip/limit and count', async () => {
    const a = await createDesign({ name: 'List A' });
    await createDesign({ name: 'List B' });
    const read = await v1<SetDesignBody>(ctx, member, 'GET', inOrg(`/set-designs/${a.id}`));
    expect(read).toMatchObject({ status: 200, body: { id: a.id, name: 'List A', base_images: [], reference_images: [], subject_portraits: [] } });
    const all = await v1<{ data: SetDesignBody[]; count: number }>(ctx, member, 'GET', inOrg('/set-designs/'));
    expect(all.status).toBe(200);
    expect(all.body.count).toBe(all.body.data.length);
    const page = await v1<{ data: SetDesignBody[]; count: number }>(ctx, member, 'GET', inOrg('/set-designs/?skip=1&limit=1'));
    expect(page.body.data).toHaveLength(1);
    expect(page.body.count).toBe(all.body.count);
    const byOwner = await v1<{ count: number }>(ctx, member, 'GET', inOrg(`/set-designs/?owner_id=${member.id}`));
    expect(byOwner.body.count).toBe(0);
  });

  it('scopes by organization: members see it, a member of another organization gets 404, studio admins see all', async () => {
    const design = await createDesign({ name: 'Scoped' });
    expect((await v1(ctx, outsider, 'GET', inOrg(`/set-designs/${design.id}`))).status).toBe(404);
    expect(await v1(ctx, outsider, 'GET', `/set-designs/${design.id}?organization_id=${otherOrganizationId}`)).toEqual({ status: 404, body: { detail: 'Set design not found' } });
    expect((await v1(ctx, outsider, 'GET', `/set-designs/${design.id}`)).status).toBe(404);
    expect((await v1(ctx, outsider, 'PUT', `/set-designs/${design.id}?organization_id=${otherOrganizationId}`, { name: 'x' })).status).toBe(404);
    expect((await v1(ctx, outsider, 'DELETE', `/set-designs/${design.id}?organization_id=${otherOrganizationId}`)).status).toBe(404);
    const outsiderList = await v1<{ data: SetDesignBody[] }>(ctx, outsider, 'GET', `/set-designs/?organization_id=${otherOrganizationId}`);
    expect(outsiderList.body.data.map((d) => d.id)).not.toContain(design.id);
    // Without organization_id: the caller's own items. The member owns none of these.
    expect((await v1(ctx, member, 'GET', `/set-designs/${design.id}`)).status).toBe(404);
    expect((await v1(ctx, owner, 'GET', `/set-designs/${design.id}`)).status).toBe(200);
    expect((await v1(ctx, studioAdmin, 'GET', `/set-designs/${design.id}`)).status).toBe(200);
    const adminList = await v1<{ data: SetDesignBody[] }>(ctx, studioAdmin, 'GET', '/set-designs/?limit=1000');
    expect(adminList.body.data.map((d) => d.id)).toContain(design.id);
  });

  it('keeps personal set designs to their owner', async () => {
    const subject = await createSubject(ctx, member);
    const shot = await createShotType(ctx, member, 'front_full_body');
    const res = await v1<SetDesignBody>(ctx, member, 'POST', '/set-designs/', { name: 'Mine', base_images: [{ subject_id: subject, shot_type_id: shot }] });
    expect(res.status).toBe(200);
    expect(res.body.organization_id).toBeNull();
    expect((await v1(ctx, owner, 'GET', `/set-designs/${res.body.id}`)).status).toBe(404);
    expect((await v1(ctx, owner, 'GET', inOrg(`/set-designs/${res.body.id}`))).status).toBe(404);
    const own = await v1<{ data: SetDesignBody[] }>(ctx, member, 'GET', '/set-designs/');
    expect(own.body.data.map((d) => d.id)).toEqual([res.body.id]);
  });

  it('answers 404 for unknown ids and unknown or foreign references', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    expect(await v1(ctx, owner, 'GET', inOrg(`/set-designs/${missing}`))).toEqual({ status: 404, body: { detail: 'Set design not found' } });
    expect((await v1(ctx, owner, 'PUT', inOrg(`/set-designs/${missing}`), {})).status).toBe(404);
    expect((await v1(ctx, owner, 'DELETE', inOrg(`/set-designs/${missing}`))).status).toBe(404);
    expect(await v1(ctx, owner, 'POST', inOrg('/set-designs/'), { name: 'x', base_images: [{ subject_id: missing, shot_type_id: frontId }] })).toEqual({
      status: 404,
      body: { detail: 'Subject not found' },
    });
    expect((await v1(ctx, owner, 'POST', inOrg('/set-designs/'), { name: 'x', reference_images: [{ shot_type_id: missing }] })).body).toEqual({ detail: 'Shot type not found' });
    expect((await v1(ctx, owner, 'POST', inOrg('/set-designs/'), { name: 'x', background_preset_id: missing })).body).toEqual({ detail: 'Background preset not found' });
    // A subject of another organization is not this one's.
    const foreignSubject = await createSubject(ctx, outsider, otherOrganizationId);
    expect((await v1(ctx, owner, 'POST', inOrg('/set-designs/'), { name: 'x', subject_portraits: [{ subject_id: foreignSubject }] })).status).toBe(404);
    // organization_id of an organization the caller is not in.
    expect(await v1(ctx, owner, 'POST', `/set-designs/?organization_id=${otherOrganizationId}`, { name: 'x' })).toEqual({
      status: 404,
      body: { detail: 'Organization not found' },
    });
  });

  it('answers FastAPI-style 422 for invalid bodies, ids and images', async () => {
    const noName = await v1<{ detail: Array<Record<string, unknown>> }>(ctx, owner, 'POST', inOrg('/set-designs/'), { description: 'x' });
    expect(noName.status).toBe(422);
    expect(noName.body.detail).toEqual([{ type: 'missing', loc: ['body', 'name'], msg: 'Field required', input: { description: 'x' } }]);
    const longName = await v1<{ detail: Array<Record<string, unknown>> }>(ctx, owner, 'POST', inOrg('/set-designs/'), { name: 'x'.repeat(256) });
    expect(longName.body.detail[0]).toMatchObject({ type: 'string_too_long', loc: ['body', 'name'] });
    const badUuid = await v1<{ detail: Array<Record<string, unknown>> }>(ctx, owner, 'POST', inOrg('/set-designs/'), {
      name: 'x', base_images: [{ subject_id: 'nope', shot_type_id: frontId }],
    });
    expect(badUuid.body.detail[0]).toMatchObject({ type: 'uuid_parsing', loc: ['body', 'base_images', 0, 'subject_id'], input: 'nope' });
    expect((await v1<{ detail: Array<Record<string, unknown>> }>(ctx, owner, 'GET', '/set-designs/abc')).body.detail[0]).toMatchObject({ loc: ['path', 'id'] });
    const badQuery = await v1<{ detail: Array<Record<string, unknown>> }>(ctx, owner, 'GET', '/set-designs/?organization_id=zzz');
    expect(badQuery.status).toBe(422);
    expect(badQuery.body.detail[0]).toMatchObject({ loc: ['query', 'organization_id'] });
    const duplicate = await v1<{ detail: Array<Record<string, unknown>> }>(ctx, owner, 'POST', inOrg('/set-designs/'), {
      name: 'x', base_images: [{ subject_id: subjectId, shot_type_id: frontId }, { subject_id: subjectId, shot_type_id: frontId }],
    });
    expect(duplicate).toMatchObject({ status: 422, body: { detail: [{ loc: ['body', 'base_images', 1] }] } });
    const invalidJson = await ctx.app.inject({
      method: 'POST', url: inOrg('/api/v1/set-designs/'), headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'application/json' }, payload: '{"name":',
    });
    expect(invalidJson.statusCode).toBe(422);
    expect(invalidJson.json().detail[0]).toMatchObject({ type: 'json_invalid' });
  });

  it('refuses image URLs that do not give an image, with a 422 located at the image', async () => {
    const cases: Array<[string, RegExp]> = [
      [`${images.url}/text.png`, /not an image/],
      [`${images.url}/missing.png`, /HTTP 404/],
      [`${images.url}/huge.png`, /larger than/],
      ['ftp://127.0.0.1/red.png', /Only http and https/],
      ['not a url', /not a valid URL/],
    ];
    for (const [url, message] of cases) {
      const res = await v1<{ detail: Array<{ loc: unknown[]; msg: string }> }>(ctx, owner, 'POST', inOrg('/set-designs/'), {
        name: 'x', base_images: [{ subject_id: subjectId, shot_type_id: frontId, image: url }],
      });
      expect(res.status, url).toBe(422);
      expect(res.body.detail[0].loc).toEqual(['body', 'base_images', 0, 'image']);
      expect(res.body.detail[0].msg).toMatch(message);
    }
    const unknownMedia = await v1<{ detail: Array<{ loc: unknown[] }> }>(ctx, owner, 'POST', inOrg('/set-designs/'), {
      name: 'x', subject_portraits: [{ subject_id: subjectId, image: { media_resource_id: '00000000-0000-4000-8000-000000000000' } }],
    });
    expect(unknownMedia).toMatchObject({ status: 422, body: { detail: [{ loc: ['body', 'subject_portraits', 0, 'image', 'media_resource_id'] }] } });
  });

  it('times out a slow image URL', async () => {
    const quick = await createTestContext({ uploads: { ...ctx.config.uploads, fetchTimeoutMs: 300 } });
    try {
      const person = await personWithToken(quick);
      const subject = await createSubject(quick, person);
      const shot = await createShotType(quick, person, 'front');
      const res = await v1<{ detail: Array<{ msg: string }> }>(quick, person, 'POST', '/set-designs/', {
        name: 'x', base_images: [{ subject_id: subject, shot_type_id: shot, image: `${images.url}/slow.png` }],
      });
      expect(res.status).toBe(422);
      expect(res.body.detail[0].msg).toMatch(/longer than 300 ms/);
    } finally {
      await quick.close();
    }
  });

  it('refuses private addresses for image URLs unless allowed', async () => {
    const strict = await createTestContext({ uploads: { ...ctx.config.uploads, fetchAllowPrivateNetworks: false } });
    try {
      const person = await personWithToken(strict);
      const subject = await createSubject(strict, person);
      const shot = await createShotType(strict, person, 'front');
      for (const url of [`${images.url}/red.png`, images.url.replace('127.0.0.1', 'localhost') + '/red.png']) {
        const res = await v1<{ detail: Array<{ msg: string }> }>(strict, person, 'POST', '/set-designs/', {
          name: 'x', base_images: [{ subject_id: subject, shot_type_id: shot, image: url }],
        });
        expect(res.status, url).toBe(422);
        expect(res.body.detail[0].msg).toMatch(/private address/);
      }
      expect(images.requests.filter((r) => r.path === '/red.png' && r.method === 'GET').length).toBeGreaterThan(0);
    } finally {
      await strict.close();
    }
  });
});

describe('set designs: update, base image lookup, delete', () => {
  it('replaces image lists wholly when given and leaves them when null', async () => {
    const design = await createDesign({
      base_images: [{ subject_id: subjectId, shot_type_id: frontId }, { subject_id: subjectId, shot_type_id: sideId }],
      reference_images: [{ shot_type_id: frontId, label: 'One' }],
      subject_portraits: [{ subject_id: subjectId }],
    });
    const untouched = await v1<SetDesignBody>(ctx, member, 'PUT', inOrg(`/set-designs/${design.id}`), {
      name: null, description: 'Now described', base_images: null, reference_images: null, subject_portraits: null,
    });
    expect(untouched.status).toBe(200);
    expect(untouched.body).toMatchObject({ name: 'Studio white', description: 'Now described' });
    expect(untouched.body.base_images).toHaveLength(2);
    expect(untouched.body.reference_images).toHaveLength(1);
    expect(untouched.body.subject_portraits).toHaveLength(1);

    const replaced = await v1<SetDesignBody>(ctx, member, 'PUT', inOrg(`/set-designs/${design.id}`), {
      name: 'Renamed',
      base_images: [{ subject_id: secondSubjectId, shot_type_id: sideId, image: `${images.url}/blue.jpg` }],
      reference_images: [],
    });
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
    expect(replaced.body.name).toBe('Renamed');
    expect(replaced.body.base_images.map((i) => [i.subject_id, i.shot_type_id])).toEqual([[secondSubjectId, sideId]]);
    expect(replaced.body.reference_images).toEqual([]);
    expect(replaced.body.subject_portraits).toHaveLength(1);
  });

  it('finds one base image by subject and shot type, 404 when the slot is empty', async () => {
    const design = await createDesign({ base_images: [{ subject_id: subjectId, shot_type_id: frontId, image: `${images.url}/red.png` }] });
    const found = await v1<{ subject_id: string; image_media: MediaBody }>(ctx, member, 'GET', inOrg(`/set-designs/${design.id}/base-image?subject_id=${subjectId}&shot_type_id=${frontId}`));
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ subject_id: subjectId, shot_type_id: frontId, image_media: { width: 300 } });
    expect(await v1(ctx, member, 'GET', inOrg(`/set-designs/${design.id}/base-image?subject_id=${subjectId}&shot_type_id=${sideId}`))).toEqual({
      status: 404,
      body: { detail: 'Base image not found' },
    });
    expect((await v1(ctx, outsider, 'GET', `/set-designs/${design.id}/base-image?subject_id=${subjectId}&shot_type_id=${frontId}&organization_id=${otherOrganizationId}`)).status).toBe(404);
    const missingQuery = await v1<{ detail: Array<Record<string, unknown>> }>(ctx, member, 'GET', inOrg(`/set-designs/${design.id}/base-image?subject_id=${subjectId}`));
    expect(missingQuery).toMatchObject({ status: 422, body: { detail: [{ type: 'missing', loc: ['query', 'shot_type_id'] }] } });
  });

  it('transfers a set design to another organization only for members of both', async () => {
    const design = await createDesign({ name: 'Moving' });
    const shared = await createOrganization(ctx, owner, [{ person: member, role: 'member' }]);
    // A plain member of the source may not take it away; a non-member of the target gets 404.
    expect((await v1(ctx, member, 'PUT', inOrg(`/set-designs/${design.id}`), { organization_id: shared })).status).toBe(403);
    expect(await v1(ctx, owner, 'PUT', inOrg(`/set-designs/${design.id}`), { organization_id: otherOrganizationId })).toEqual({
      status: 404,
      body: { detail: 'Organization not found' },
    });
    const moved = await v1<SetDesignBody>(ctx, owner, 'PUT', inOrg(`/set-designs/${design.id}`), { organization_id: shared });
    expect(moved).toMatchObject({ status: 200, body: { organization_id: shared } });
    expect((await v1(ctx, member, 'GET', inOrg(`/set-designs/${design.id}`))).status).toBe(404);
    expect((await v1(ctx, member, 'GET', `/set-designs/${design.id}?organization_id=${shared}`)).status).toBe(200);
  });

  it('lets only studio admins and organization admins give a set design to another owner', async () => {
    const design = await createDesign({ name: 'Gift' });
    expect((await v1(ctx, member, 'PUT', inOrg(`/set-designs/${design.id}`), { owner_id: member.id })).status).toBe(403);
    expect((await v1(ctx, owner, 'PUT', inOrg(`/set-designs/${design.id}`), { owner_id: outsider.id })).status).toBe(422);
    expect((await v1<SetDesignBody>(ctx, owner, 'PUT', inOrg(`/set-designs/${design.id}`), { owner_id: member.id })).body.owner_id).toBe(member.id);
    const byAdmin = await v1<SetDesignBody>(ctx, studioAdmin, 'POST', '/set-designs/', { name: 'For someone', owner_id: outsider.id });
    expect(byAdmin).toMatchObject({ status: 200, body: { owner_id: outsider.id, organization_id: null } });
  });

  it('deletes: item owners and organization admins may, plain members may not', async () => {
    const design = await createDesign({ name: 'Doomed', base_images: [{ subject_id: subjectId, shot_type_id: frontId }] });
    expect(await v1(ctx, member, 'DELETE', inOrg(`/set-designs/${design.id}`))).toEqual({ status: 403, body: { detail: 'Not enough permissions' } });
    expect(await v1(ctx, owner, 'DELETE', inOrg(`/set-designs/${design.id}`))).toEqual({ status: 200, body: { message: 'Set design deleted successfully' } });
    expect((await v1(ctx, owner, 'GET', inOrg(`/set-designs/${design.id}`))).status).toBe(404);
    expect(await ctx.db.selectFrom('set_base_image').select('id').where('set_design_id', '=', design.id).execute()).toEqual([]);
    const audit = await ctx.db.selectFrom('audit_event').select('action').where('object_id', '=', design.id).orderBy('id').execute();
    expect(audit.map((row) => row.action)).toEqual(['create', 'delete']);
  });

  it('documents every seed 003 route in the OpenAPI document under the set-designs tag', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, { tags?: string[] }>> };
    const routes: Array<[string, string]> = [
      ['post', '/api/v1/set-designs/'], ['get', '/api/v1/set-designs/'], ['get', '/api/v1/set-designs/upload-tasks/{task_id}'],
      ['get', '/api/v1/set-designs/{id}'], ['put', '/api/v1/set-designs/{id}'], ['delete', '/api/v1/set-designs/{id}'],
      ['get', '/api/v1/set-designs/{id}/base-image'], ['post', '/api/v1/set-designs/{id}/request-completion'],
      ['post', '/api/v1/set-designs/{set_design_id}/base-images/upload'], ['get', '/api/v1/set-designs/{set_design_id}/base-images/upload-task'],
    ];
    for (const [method, route] of routes) {
      const operation = doc.paths[route]?.[method] ?? doc.paths[route.replace(/\/$/, '')]?.[method];
      expect(operation?.tags, `${method} ${route}`).toEqual(['set-designs']);
    }
  });

  it('needs a token', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/set-designs/' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toHaveProperty('detail');
  });
});
