import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { createShotEntity, createTestTask, taskStatusId } from '../../../../test/support/factories.ts';
import { call, eventsAbout, setupProduction, type Production } from '../tasks/tasks.fixtures.ts';

/** Gazu files.update_preview_annotations: PUT actions/preview-files/<id>/update-annotations. */

let ctx: TestContext;
let p: Production;
let wip: string;

beforeAll(async () => {
  ctx = await createTestContext();
  p = await setupProduction(ctx);
  wip = await taskStatusId(ctx, 'wip');
});
afterAll(async () => {
  await ctx.close();
});

type Frame = { time: number; drawing: { objects: Array<{ id: string; [key: string]: unknown }> } };
type Preview = { id: string; type: string; annotations: Frame[] | null };

async function freshPreview(): Promise<string> {
  const shot = await createShotEntity(ctx, p.project.id);
  const task = await createTestTask(ctx, { projectId: p.project.id, entityId: shot.id, taskTypeId: p.layout.id, assignees: [p.artist.id] });
  const comment = await call<{ id: string }>(ctx, p.artist, 'POST', `actions/tasks/${task.id}/comment`, { task_status_id: wip, comment: 'v1' });
  const preview = await call<{ id: string }>(ctx, p.artist, 'POST', `actions/tasks/${task.id}/comments/${comment.body.id}/add-preview`, {});
  expect(preview.status).toBe(201);
  return preview.body.id;
}

const update = (caller: { token: string }, id: string, body: Record<string, unknown>) =>
  call<Preview>(ctx, caller, 'PUT', `actions/preview-files/${id}/update-annotations`, body);
const stroke = (id: string, color = 'red') => ({ id, type: 'path', stroke: color, path: [['M', 0, 0], ['L', 10, 10]] });
/** Object ids per frame time, frames in time order. */
const idsByTime = (annotations: Frame[] | null) =>
  Object.fromEntries((annotations ?? []).map((frame) => [frame.time, frame.drawing.objects.map((object) => object.id).sort()]));

describe('PUT actions/preview-files/<id>/update-annotations', () => {
  it('adds objects frame by frame, replaces them by id and removes them by id, returning the preview row', async () => {
    const id = await freshPreview();
    const added = await update(p.supervisor, id, {
      additions: [{ time: 0.5, drawing: { objects: [stroke('a')] } }, { time: 1.25, drawing: { objects: [stroke('b')] } }],
      updates: [], deletions: [],
    });
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ id, type: 'PreviewFile' });
    expect(idsByTime(added.body.annotations)).toEqual({ 0.5: ['a'], 1.25: ['b'] });

    const more = await update(p.artist, id, { additions: [{ time: 0.5, drawing: { objects: [stroke('c')] } }], updates: [], deletions: [] });
    expect(idsByTime(more.body.annotations)).toEqual({ 0.5: ['a', 'c'], 1.25: ['b'] });

    const updated = await update(p.artist, id, { additions: [], updates: [{ time: 0.5, drawing: { objects: [stroke('a', 'blue')] } }], deletions: [] });
    const frame = updated.body.annotations?.find((entry) => entry.time === 0.5);
    expect(frame?.drawing.objects.find((object) => object.id === 'a')).toEqual(stroke('a', 'blue'));
    expect(frame?.drawing.objects).toHaveLength(2);

    const deleted = await update(p.artist, id, { additions: [], updates: [], deletions: [{ time: 0.5, objects: ['c'] }] });
    expect(idsByTime(deleted.body.annotations)).toEqual({ 0.5: ['a'], 1.25: ['b'] });

    const stored = await call<Preview>(ctx, p.admin, 'GET', `data/preview-files/${id}`);
    expect(stored.body.annotations).toEqual(deleted.body.annotations);
    expect((await eventsAbout(ctx, 'preview_file_id', id)).map((event) => event.name)).toContain('preview-file:annotation-update');
  });

  it('keeps the objects of annotators drawing at the same time', async () => {
    const id = await freshPreview();
    await update(p.artist, id, { additions: [{ time: 2, drawing: { objects: [stroke('base')] } }] });
    const [one, two] = await Promise.all([
      update(p.artist, id, { additions: [{ time: 2, drawing: { objects: [stroke('from-artist')] } }], updates: [], deletions: [] }),
      update(p.supervisor, id, {
        additions: [{ time: 2, drawing: { objects: [stroke('from-supervisor')] } }, { time: 3, drawing: { objects: [stroke('other')] } }],
        updates: [], deletions: [],
      }),
    ]);
    expect([one.status, two.status]).toEqual([200, 200]);
    const stored = await call<Preview>(ctx, p.admin, 'GET', `data/preview-files/${id}`);
    expect(idsByTime(stored.body.annotations)).toEqual({ 2: ['base', 'from-artist', 'from-supervisor'], 3: ['other'] });

    // More at once, so that a read-merge-write without the row lock would lose some.
    const names = Array.from({ length: 12 }, (_, index) => `burst-${String(index).padStart(2, '0')}`);
    const burst = await Promise.all(names.map((name) => update(p.artist, id, { additions: [{ time: 4, drawing: { objects: [stroke(name)] } }] })));
    expect(burst.map((res) => res.status)).toEqual(names.map(() => 200));
    const after = await call<Preview>(ctx, p.admin, 'GET', `data/preview-files/${id}`);
    expect(idsByTime(after.body.annotations)[4]).toEqual(names);
  });

  it('refuses callers outside the team (403), and answers 404 for unknown previews and 400 for malformed changes', async () => {
    const id = await freshPreview();
    const body = { additions: [{ time: 0, drawing: { objects: [stroke('x')] } }], updates: [], deletions: [] };
    expect((await update(p.outsider, id, body)).status).toBe(403);
    expect((await update(p.vendor, id, body)).status).toBe(403);
    expect((await update(p.artist, '00000000-0000-4000-8000-000000000000', body)).status).toBe(404);
    expect((await update(p.artist, 'nope', body)).status).toBe(404);
    expect((await update(p.artist, id, { additions: [{ time: 0, drawing: { objects: [{ type: 'path' }] } }] })).status).toBe(400);
    const stored = await call<Preview>(ctx, p.admin, 'GET', `data/preview-files/${id}`);
    expect(stored.body.annotations ?? []).toEqual([]);
  });
});
