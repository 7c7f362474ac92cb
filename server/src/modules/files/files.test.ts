import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { bearer, createProject, createTaskType, createTestTask, personWithToken } from '../../../../test/support/factories.ts';
import { gazuUpload } from '../../../../test/support/upload-fixtures.ts';
import { loadConfig } from '../../platform/config.ts';
import { workingFileKey } from '../../platform/storage/layout.ts';
import { call, type Caller } from '../tasks/tasks.fixtures.ts';

/** Working and output files on the bundled file trees, and guessing entities back from paths (§4.9, §8.8). */

let ctx: TestContext;
let manager: Caller;
let artist: Caller;
let outsider: Caller;
let projectId: string;
let ids: {
  sequence: string; shot: string; asset: string; characterType: string; lighting: string; modeling: string;
  shotTask: string; assetTask: string; cache: string; blender: string;
};

async function entityType(name: string) {
  const existing = await ctx.db.selectFrom('entity_type').select('id').where('name', '=', name).executeTakeFirst();
  return existing?.id ?? (await ctx.db.insertInto('entity_type').values({ name }).returning('id').executeTakeFirstOrThrow()).id;
}

async function entity(name: string, type: string, parentId: string | null = null) {
  const row = await ctx.db.insertInto('entity').values({ name, project_id: projectId, entity_type_id: await entityType(type), parent_id: parentId })
    .returning('id').executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  ctx = await createTestContext({ uploads: { ...loadConfig({}).uploads, maxFileBytes: 64 * 1024 } });
  manager = await personWithToken(ctx, 'manager');
  artist = await personWithToken(ctx, 'user');
  outsider = await personWithToken(ctx, 'user');
  const project = await createProject(ctx, { name: 'Cosmos Laundromat', team: [{ id: manager.id }, { id: artist.id }] });
  projectId = project.id;
  const sequence = await entity('SQ010', 'Sequence');
  const shot = await entity('SH020', 'Shot', sequence);
  const asset = await entity('Victor Hugo', 'Character');
  const lighting = (await createTaskType(ctx, { name: 'Lighting', forEntity: 'Shot' })).id;
  const modeling = (await createTaskType(ctx, { name: 'Modeling', forEntity: 'Asset' })).id;
  const shotTask = (await createTestTask(ctx, { projectId, entityId: shot, taskTypeId: lighting, assignees: [artist.id] })).id;
  const assetTask = (await createTestTask(ctx, { projectId, entityId: asset, taskTypeId: modeling })).id;
  const cache = (await ctx.db.insertInto('output_type').values({ name: 'Cache', short_name: 'cch' }).returning('id').executeTakeFirstOrThrow()).id;
  const blender = (await ctx.db.insertInto('software').values({ name: 'Blender', short_name: 'blender', file_extension: '.blend' }).returning('id').executeTakeFirstOrThrow()).id;
  ids = { sequence, shot, asset, characterType: await entityType('Character'), lighting, modeling, shotTask, assetTask, cache, blender };
});
afterAll(async () => {
  await ctx.close();
});

async function setTree(tree: string) {
  const res = await call<{ file_tree: Record<string, unknown> }>(ctx, manager, 'POST', `actions/projects/${projectId}/set-file-tree`, { tree_name: tree });
  expect(res.status).toBe(200);
  return res.body;
}

describe('POST actions/projects/<id>/set-file-tree', () => {
  it('gives the project a bundled tree, for managers only', async () => {
    const project = await setTree('simple');
    expect(project).toMatchObject({ id: projectId, type: 'Project' });
    expect(Object.keys(project.file_tree).sort()).toEqual(['output', 'preview', 'working']);
    expect((await call(ctx, artist, 'POST', `actions/projects/${projectId}/set-file-tree`, { tree_name: 'default' })).status).toBe(403);
    for (const name of ['nope', '../simple', 'simple.json', '/etc/passwd']) {
      const refused = await call<{ message: string }>(ctx, manager, 'POST', `actions/projects/${projectId}/set-file-tree`, { tree_name: name });
      expect(refused.status, name).toBe(400);
      expect(refused.body.message).toBe('Selected tree is not available');
    }
  });
});

const workingPath = (taskId: string, body: Record<string, unknown>) =>
  call<{ path: string; name: string }>(ctx, artist, 'POST', `data/tasks/${taskId}/working-file-path`, body);
const outputPath = (entityId: string, taskTypeId: string, body: Record<string, unknown> = {}) =>
  call<{ folder_path: string; file_name: string }>(ctx, artist, 'POST', `data/entities/${entityId}/output-file-path`, {
    output_type_id: ids.cache, task_type_id: taskTypeId, ...body,
  });

describe('path building (§8.8)', () => {
  it('renders working and output paths of shots and assets on the default tree', async () => {
    await setTree('default');
    expect((await workingPath(ids.shotTask, { mode: 'working', name: 'main', revision: 3, software_id: ids.blender })).body).toEqual({
      path: '/studio/projects/cosmos_laundromat/sequences/sq010/sh020/work/lighting',
      name: 'cosmos_laundromat_sq010_sh020_lighting_main_v003',
    });
    expect((await workingPath(ids.assetTask, { name: 'Main Body' })).body).toEqual({
      path: '/studio/projects/cosmos_laundromat/assets/character/victor_hugo/work/modeling',
      name: 'cosmos_laundromat_character_victor_hugo_modeling_main_body_v001',
    });
    expect((await outputPath(ids.shot, ids.lighting, { revision: 12 })).body).toEqual({
      folder_path: '/studio/projects/cosmos_laundromat/sequences/sq010/sh020/publish/lighting/cache',
      file_name: 'cosmos_laundromat_sq010_sh020_lighting_cache_main_v012',
    });
    expect((await outputPath(ids.asset, ids.modeling, { nb_elements: 3 })).body).toEqual({
      folder_path: '/studio/projects/cosmos_laundromat/assets/character/victor_hugo/publish/modeling/cache',
      file_name: 'cosmos_laundromat_character_victor_hugo_modeling_cache_main_v001_[1-3]',
    });
  });

  it('renders them on the simple tree: software folders, upper-case file names, another separator', async () => {
    await setTree('simple');
    expect((await workingPath(ids.shotTask, { software_id: ids.blender, revision: 2 })).body).toEqual({
      path: '/mnt/prod/cosmos_laundromat/sq010/sh020/lighting/blender',
      name: 'SH020_LIGHTING_BLENDER_V002',
    });
    expect((await workingPath(ids.assetTask, { software_id: ids.blender, sep: '\\' })).body).toEqual({
      path: '/mnt/prod\\cosmos_laundromat\\character\\victor_hugo\\modeling\\blender',
      name: 'VICTOR_HUGO_MODELING_BLENDER_V001',
    });
    expect((await outputPath(ids.shot, ids.lighting, { name: 'fx pass', revision: 4 })).body).toEqual({
      folder_path: '/mnt/prod/out/cosmos_laundromat/sq010/sh020/lighting/cache',
      file_name: 'SH020_CACHE_FX_PASS_V004',
    });
    expect((await outputPath(ids.asset, ids.modeling)).body).toEqual({
      folder_path: '/mnt/prod/out/cosmos_laundromat/character/victor_hugo/modeling/cache',
      file_name: 'VICTOR_HUGO_CACHE_MAIN_V001',
    });
  });

  it('answers 400 with what was received for an unknown token or a missing template, and checks access', async () => {
    const custom = {
      working: { mountpoint: '/x', root: 'y', folder_path: { shot: '<Project>/<Planet>', style: 'lowercase' }, file_name: { shot: '<Shot>' } },
      output: { mountpoint: '/x', root: '', folder_path: { shot: '<Shot>' }, file_name: { shot: '<Shot>' } },
    };
    const put = await call(ctx, manager, 'PUT', `data/projects/${projectId}`, { file_tree: custom });
    expect(put.status).toBe(200);
    const unknown = await workingPath(ids.shotTask, { name: 'main' });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual({ message: 'Unknown data type: Planet.', received_data: expect.objectContaining({ name: 'main' }) });
    const missing = await outputPath(ids.asset, ids.modeling);
    expect(missing.status).toBe(400);
    expect((missing.body as unknown as { message: string }).message).toMatch(/no folder template for asset/);
    expect((await call(ctx, outsider, 'POST', `data/tasks/${ids.shotTask}/working-file-path`, {})).status).toBe(403);
    expect((await call(ctx, artist, 'POST', `data/tasks/not-a-uuid/working-file-path`, {})).status).toBe(404);
    await setTree('default');
  });
});

describe('POST data/entities/guess_from_path', () => {
  it('reads the paths it built back into ids, on both trees and with both route names', async () => {
    for (const tree of ['default', 'simple']) {
      await setTree(tree);
      const shotFolder = (await workingPath(ids.shotTask, { software_id: ids.blender })).body.path;
      const assetFolder = (await workingPath(ids.assetTask, { software_id: ids.blender })).body.path;
      const shot = await call<Array<Record<string, string>>>(ctx, artist, 'POST', 'data/entities/guess_from_path', { project_id: projectId, file_path: shotFolder });
      expect(shot.status).toBe(200);
      expect(shot.body, tree).toContainEqual(expect.objectContaining({
        Template: 'shot', Project: projectId, Sequence: ids.sequence, Shot: ids.shot, TaskType: ids.lighting,
      }));
      const asset = await call<Array<Record<string, string>>>(ctx, artist, 'POST', 'data/entities/guess-from-path', { project_id: projectId, file_path: assetFolder });
      expect(asset.body, tree).toContainEqual(expect.objectContaining({
        Template: 'asset', Project: projectId, AssetType: ids.characterType, Asset: ids.asset, TaskType: ids.modeling,
      }));
    }
    const elsewhere = await call<unknown[]>(ctx, artist, 'POST', 'data/entities/guess_from_path', { project_id: projectId, file_path: '/somewhere/else/entirely' });
    expect(elsewhere.body).toEqual([]);
    expect((await call(ctx, outsider, 'POST', 'data/entities/guess_from_path', { project_id: projectId, file_path: '/mnt/prod/x' })).status).toBe(403);
    await setTree('default');
  });
});

type WorkingFile = { id: string; name: string; revision: number; path: string; person_id: string; software_id: string; comment: string; size: number | null; updated_at: string };

describe('working files', () => {
  it('creates revisions with their paths, lists them, comments them, and assigns the caller', async () => {
    const first = await call<WorkingFile>(ctx, manager, 'POST', `data/tasks/${ids.assetTask}/working-files/new`, {
      name: 'main', comment: 'blocking', task_id: ids.assetTask, revision: 0, mode: 'working',
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({
      type: 'WorkingFile', name: 'main', revision: 1, comment: 'blocking', person_id: manager.id,
      path: '/studio/projects/cosmos_laundromat/assets/character/victor_hugo/work/modeling/cosmos_laundromat_character_victor_hugo_modeling_main_v001',
    });
    const software = await ctx.db.selectFrom('software').select('name').where('id', '=', first.body.software_id).executeTakeFirstOrThrow();
    expect(software.name).toBe('Blender');
    const assigned = await ctx.db.selectFrom('assignations').select('person_id').where('task_id', '=', ids.assetTask).execute();
    expect(assigned.map((row) => row.person_id)).toContain(manager.id);

    const second = await call<WorkingFile>(ctx, manager, 'POST', `data/tasks/${ids.assetTask}/working-files/new`, { name: 'main', software_id: ids.blender });
    expect(second.body.revision).toBe(2);
    const other = await call<WorkingFile>(ctx, manager, 'POST', `data/tasks/${ids.assetTask}/working-files/new`, { name: 'sculpt' });
    expect(other.body.revision).toBe(1);
    const duplicate = await call<{ message: string }>(ctx, manager, 'POST', `data/tasks/${ids.assetTask}/working-files/new`, { name: 'main', revision: 2 });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.message).toBe('The given working file already exists.');
    expect((await workingPath(ids.assetTask, { name: 'main' })).body.name).toMatch(/_v003$/);

    const list = await call<WorkingFile[]>(ctx, artist, 'GET', `data/tasks/${ids.assetTask}/working-files`);
    expect(list.body.map((file) => [file.name, file.revision])).toEqual([['main', 2], ['main', 1], ['sculpt', 1]]);
    const last = await call<Record<string, WorkingFile>>(ctx, artist, 'GET', `data/tasks/${ids.assetTask}/working-files/last-revisions`);
    expect(Object.fromEntries(Object.entries(last.body).map(([name, file]) => [name, file.revision]))).toEqual({ main: 2, sculpt: 1 });
    const byEntity = await call<WorkingFile[]>(ctx, artist, 'GET', `data/entities/${ids.asset}/working-files?task_id=${ids.assetTask}&name=sculpt`);
    expect(byEntity.body.map((file) => file.id)).toEqual([other.body.id]);
    expect((await call(ctx, outsider, 'GET', `data/tasks/${ids.assetTask}/working-files`)).status).toBe(403);

    const commented = await call<WorkingFile>(ctx, manager, 'PUT', `actions/working-files/${second.body.id}/comment`, { comment: 'final' });
    expect(commented.body.comment).toBe('final');
    // The artist is no actor of the asset task (not assigned).
    expect((await call(ctx, artist, 'PUT', `actions/working-files/${second.body.id}/comment`, { comment: 'mine' })).status).toBe(403);
    await ctx.db.updateTable('working_file').set({ updated_at: '2020-01-01T00:00:00' }).where('id', '=', second.body.id).execute();
    const touched = await call<WorkingFile>(ctx, manager, 'PUT', `actions/working-files/${second.body.id}/modified`, {});
    expect(touched.body.updated_at > '2020-01-01T00:00:00').toBe(true);
  });

  it('stores the uploaded file of a working file, with a size limit, and serves it back', async () => {
    const file = await call<WorkingFile>(ctx, artist, 'POST', `data/tasks/${ids.shotTask}/working-files/new`, { name: 'lighting', software_id: ids.blender });
    const bytes = Buffer.from('BLENDER-v300 pretend scene file');
    const upload = await gazuUpload(ctx, artist.token, `data/working-files/${file.body.id}/file`, [{ name: 'scene.blend', data: bytes }]);
    expect(upload.status).toBe(201);
    expect(upload.body).toMatchObject({ id: file.body.id, size: bytes.length });
    expect(upload.body).not.toHaveProperty('message');
    const download = await ctx.app.inject({ method: 'GET', url: `/api/data/working-files/${file.body.id}/file`, headers: bearer(artist.token) });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(bytes)).toBe(true);
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="cosmos_laundromat_sq010_sh020_lighting_lighting_v001"; filename*=UTF-8''cosmos_laundromat_sq010_sh020_lighting_lighting_v001`,
    );

    const tooBig = await gazuUpload(ctx, artist.token, `data/working-files/${file.body.id}/file`, [{ name: 'huge.blend', data: Buffer.alloc(65 * 1024) }]);
    expect(tooBig.status).toBe(413);
    // The refused upload left the stored file as it was.
    const kept = await ctx.app.inject({ method: 'GET', url: `/api/data/working-files/${file.body.id}/file`, headers: bearer(artist.token) });
    expect(kept.rawPayload.equals(bytes)).toBe(true);
    expect((await ctx.deps.storage.stat(workingFileKey(file.body.id)))?.size).toBe(bytes.length);
    expect((await gazuUpload(ctx, outsider.token, `data/working-files/${file.body.id}/file`, [{ name: 'x', data: bytes }])).status).toBe(403);
  });
});

type OutputFile = { id: string; revision: number; path: string; source_file_id: string | null; file_status_id: string; folder_path: string; file_name: string };

describe('output files', () => {
  it('publishes a working file into an output file, revision by revision, and lists outputs', async () => {
    const working = await call<WorkingFile>(ctx, artist, 'POST', `data/tasks/${ids.shotTask}/working-files/new`, { name: 'comp', software_id: ids.blender });
    const next = await call<{ next_revision: number }>(ctx, artist, 'POST', `data/entities/${ids.shot}/output-files/next-revision`, {
      name: 'main', output_type_id: ids.cache, task_type_id: ids.lighting,
    });
    expect(next.body).toEqual({ next_revision: 1 });
    const published = await call<OutputFile>(ctx, artist, 'POST', `data/entities/${ids.shot}/output-files/new`, {
      output_type_id: ids.cache, task_type_id: ids.lighting, comment: 'first cache', revision: 0, representation: 'abc', name: 'main',
      nb_elements: 1, sep: '/', working_file_id: working.body.id, extension: '.abc',
    });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    expect(published.body).toMatchObject({
      type: 'OutputFile', revision: 1, source_file_id: working.body.id, representation: 'abc',
      folder_path: '/studio/projects/cosmos_laundromat/sequences/sq010/sh020/publish/lighting/cache',
      file_name: 'cosmos_laundromat_sq010_sh020_lighting_cache_main_v001',
      path: '/studio/projects/cosmos_laundromat/sequences/sq010/sh020/publish/lighting/cache/cosmos_laundromat_sq010_sh020_lighting_cache_main_v001.abc',
    });
    const status = await ctx.db.selectFrom('file_status').select('name').where('id', '=', published.body.file_status_id).executeTakeFirstOrThrow();
    expect(status.name).toBe('To review');
    const second = await call<OutputFile>(ctx, artist, 'POST', `data/entities/${ids.shot}/output-files/new`, {
      output_type_id: ids.cache, task_type_id: ids.lighting, comment: '', representation: 'abc',
    });
    expect(second.body.revision).toBe(2);
    const again = await call<{ message: string }>(ctx, artist, 'POST', `data/entities/${ids.shot}/output-files/new`, {
      output_type_id: ids.cache, task_type_id: ids.lighting, comment: '', representation: 'abc', revision: 2,
    });
    expect(again.status).toBe(400);
    expect(again.body.message).toBe('The given output file already exists.');

    const all = await call<OutputFile[]>(ctx, artist, 'GET', `data/entities/${ids.shot}/output-files?output_type_id=${ids.cache}&representation=abc`);
    expect(all.body.map((file) => file.revision)).toEqual([2, 1]);
    const last = await call<OutputFile[]>(ctx, artist, 'GET', `data/entities/${ids.shot}/output-files/last-revisions`);
    expect(last.body.map((file) => file.revision)).toEqual([2]);
    const types = await call<Array<{ id: string; type: string }>>(ctx, artist, 'GET', `data/entities/${ids.shot}/output-types`);
    expect(types.body).toEqual([expect.objectContaining({ id: ids.cache, type: 'OutputType' })]);
    const ofType = await call<OutputFile[]>(ctx, artist, 'GET', `data/entities/${ids.shot}/output-types/${ids.cache}/output-files?representation=abc`);
    expect(ofType.body).toHaveLength(2);
    expect((await call(ctx, artist, 'GET', `data/projects/${projectId}/output-files`)).status).toBe(403);
    expect((await call<OutputFile[]>(ctx, manager, 'GET', `data/projects/${projectId}/output-files`)).body).toHaveLength(2);
    expect((await call(ctx, outsider, 'GET', `data/entities/${ids.shot}/output-files`)).status).toBe(403);

    const elsewhere = await call<WorkingFile>(ctx, manager, 'POST', `data/tasks/${ids.assetTask}/working-files/new`, { name: 'elsewhere' });
    const wrongEntity = await call(ctx, artist, 'POST', `data/entities/${ids.shot}/output-files/new`, {
      output_type_id: ids.cache, task_type_id: ids.lighting, comment: '', working_file_id: elsewhere.body.id,
    });
    expect(wrongEntity.status).toBe(400);
  });
});

describe('OpenAPI', () => {
  it('documents the file, preview, thumbnail and attachment routes', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const expected: Array<[string, string]> = [
      ['/api/actions/projects/{id}/set-file-tree', 'post'],
      ['/api/data/tasks/{id}/working-file-path', 'post'],
      ['/api/data/entities/{id}/output-files/new', 'post'],
      ['/api/data/entities/guess_from_path', 'post'],
      ['/api/data/working-files/{id}/file', 'post'],
      ['/api/actions/tasks/{taskId}/comments/{commentId}/add-preview', 'post'],
      ['/api/pictures/preview-files/{id}', 'post'],
      ['/api/actions/preview-files/{id}/set-main-preview', 'put'],
      ['/api/movies/originals/preview-files/{file}', 'get'],
      ['/api/pictures/thumbnails/persons/{id}', 'post'],
      ['/api/actions/tasks/{taskId}/comments/{commentId}/add-attachment', 'post'],
      ['/api/data/attachment-files/{id}/file/{name}', 'get'],
    ];
    for (const [path, method] of expected) expect(doc.paths[path], path).toHaveProperty(method);
  });
});
