import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { createTaskType, createTestTask } from '../../../../test/support/factories.ts';
import { eventsNamed, production, UNKNOWN_ID } from './breakdown.test-support.ts';

let ctx: TestContext;
let p: Awaited<ReturnType<typeof production>>;
let projectId: string;
let shotTaskType: string;
let assetTypeId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  p = await production(ctx);
  projectId = p.project.id;
  shotTaskType = (await createTaskType(ctx, { forEntity: 'Shot' })).id;
  assetTypeId = (await ctx.db.insertInto('entity_type').values({ name: 'Prop' }).returning('id').executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await ctx.close();
});

async function newSequence(name: string, episodeId?: string): Promise<string> {
  return (await p.manager.api.post(`data/projects/${projectId}/sequences`, { name, ...(episodeId ? { episode_id: episodeId } : {}) })).json().id;
}
async function newShot(name: string, sequenceId: string): Promise<string> {
  return (await p.manager.api.post(`data/projects/${projectId}/shots`, { name, sequence_id: sequenceId })).json().id;
}

/** A task with a comment, a time spent, a notification, a news row and a subscription hanging from it. */
async function busyTask(entityId: string): Promise<string> {
  const task = await createTestTask(ctx, { projectId, entityId, taskTypeId: shotTaskType, assignees: [p.artist.id] });
  const comment = await ctx.db.insertInto('comment')
    .values({ object_id: task.id, person_id: p.manager.id, text: 'note', task_status_id: task.task_status_id })
    .returning('id').executeTakeFirstOrThrow();
  await ctx.db.insertInto('time_spent').values({ task_id: task.id, person_id: p.artist.id, date: '2024-03-18', duration: 60 }).execute();
  await ctx.db.insertInto('notification')
    .values({ person_id: p.artist.id, author_id: p.manager.id, comment_id: comment.id, task_id: task.id, type: 'comment' }).execute();
  await ctx.db.insertInto('news').values({ author_id: p.manager.id, comment_id: comment.id, task_id: task.id }).execute();
  await ctx.db.insertInto('subscription').values({ person_id: p.artist.id, task_id: task.id }).execute();
  return task.id;
}

async function remaining(taskId: string) {
  const count = async (table: 'task' | 'comment' | 'time_spent' | 'notification' | 'news' | 'subscription' | 'assignations') => {
    const column = table === 'task' ? 'id' : table === 'comment' ? 'object_id' : 'task_id';
    const row = await ctx.db.selectFrom(table).select(({ fn }) => fn.countAll<number>().as('n')).where(column, '=', taskId).executeTakeFirstOrThrow();
    return Number(row.n);
  };
  return {
    task: await count('task'), comment: await count('comment'), time_spent: await count('time_spent'),
    notification: await count('notification'), news: await count('news'), subscription: await count('subscription'),
    assignations: await count('assignations'),
  };
}

const entityExists = async (id: string) =>
  (await ctx.db.selectFrom('entity').select(['id', 'canceled']).where('id', '=', id).executeTakeFirst()) ?? null;

describe('remove_shot', () => {
  it('only flags a shot with tasks as canceled, then restore_shot brings it back', async () => {
    const shotId = await newShot('SH_SOFT', await newSequence('SQ_SOFT'));
    const taskId = await busyTask(shotId);
    const res = await p.manager.api.del(`data/shots/${shotId}`);
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expect(await entityExists(shotId)).toEqual({ id: shotId, canceled: true });
    expect((await remaining(taskId)).task).toBe(1);
    expect((await eventsNamed(ctx, 'shot:update')).map((e) => e.data)).toContainEqual({ shot_id: shotId, project_id: projectId });

    expect((await p.artist.api.put(`data/shots/${shotId}`, { canceled: false })).statusCode).toBe(403);
    const restored = await p.manager.api.put(`data/shots/${shotId}`, { canceled: false, tasks: [], project_name: 'ignored' });
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({ id: shotId, type: 'Shot', canceled: false });
    expect((await p.manager.api.put(`data/shots/${shotId}`, { canceled: 'nope' })).statusCode).toBe(400);
  });

  it('with force=True deletes the shot, its tasks and what hangs from them in one go', async () => {
    const shotId = await newShot('SH_FORCE', await newSequence('SQ_FORCE'));
    const taskId = await busyTask(shotId);
    const res = await p.manager.api.del(`data/shots/${shotId}?force=True`);
    expect(res.statusCode).toBe(204);
    expect(await entityExists(shotId)).toBeNull();
    expect(await remaining(taskId)).toEqual({ task: 0, comment: 0, time_spent: 0, notification: 0, news: 0, subscription: 0, assignations: 0 });
    expect((await eventsNamed(ctx, 'shot:delete')).map((e) => e.data)).toContainEqual({ shot_id: shotId, project_id: projectId });
    expect((await eventsNamed(ctx, 'task:delete')).map((e) => e.data)).toContainEqual(
      { task_id: taskId, entity_id: shotId, task_type_id: shotTaskType, project_id: projectId },
    );
    const audit = await ctx.db.selectFrom('audit_event').select(['action', 'actor_id']).where('object_id', '=', shotId).execute();
    expect(audit).toContainEqual({ action: 'delete', actor_id: p.manager.id });
  });

  it('deletes a shot without tasks outright, and lets its creator delete it', async () => {
    const shotId = await newShot('SH_MINE', await newSequence('SQ_MINE'));
    await ctx.db.updateTable('entity').set({ created_by: p.artist.id }).where('id', '=', shotId).execute();
    const other = await newShot('SH_NOT_MINE', await newSequence('SQ_MINE'));
    expect((await p.artist.api.del(`data/shots/${other}`)).statusCode).toBe(403);
    expect((await p.outsider.api.del(`data/shots/${other}`)).statusCode).toBe(403);
    expect((await p.artist.api.del(`data/shots/${shotId}`)).statusCode).toBe(204);
    expect(await entityExists(shotId)).toBeNull();
    expect((await p.manager.api.del(`data/shots/${UNKNOWN_ID}`)).statusCode).toBe(404);
    expect((await p.manager.api.del('data/shots/bad-id')).statusCode).toBe(404);
  });
});

describe('remove_sequence / remove_episode / remove_asset', () => {
  it('refuses to delete a sequence that still has shots, unless forced', async () => {
    const sequenceId = await newSequence('SQ_PARENT');
    const shotId = await newShot('SH_CHILD', sequenceId);
    const taskId = await busyTask(shotId);
    const refused = await p.manager.api.del(`data/sequences/${sequenceId}`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ error: true, message: 'Some data are still linked to this sequence.' });

    expect((await p.manager.api.del(`data/sequences/${sequenceId}?force=true`)).statusCode).toBe(204);
    expect(await entityExists(sequenceId)).toBeNull();
    expect(await entityExists(shotId)).toBeNull();
    expect((await remaining(taskId)).task).toBe(0);
  });

  it('force-deletes an episode with its sequences, shots and own assets; other assets lose their episode only', async () => {
    const episodeId = (await p.manager.api.post(`data/projects/${projectId}/episodes`, { name: 'E_GONE' })).json().id;
    const sequenceId = await newSequence('SQ_IN_EPISODE', episodeId);
    const shotId = await newShot('SH_IN_EPISODE', sequenceId);
    const taskId = await busyTask(shotId);
    const asset = (await p.manager.api.post(`data/projects/${projectId}/asset-types/${assetTypeId}/assets/new`,
      { name: 'Episode prop', data: {}, is_shared: false, episode_id: episodeId })).json();
    const keeper = (await p.manager.api.post(`data/projects/${projectId}/asset-types/${assetTypeId}/assets/new`, { name: 'Keeper', data: {} })).json();
    await p.manager.api.put(`data/projects/${projectId}/entities/${shotId}/casting`, [{ asset_id: keeper.id, nb_occurences: 1 }]);

    expect((await p.manager.api.del(`data/episodes/${episodeId}`)).statusCode).toBe(400);
    expect((await p.manager.api.del(`data/episodes/${episodeId}?force=True`)).statusCode).toBe(204);
    for (const id of [episodeId, sequenceId, shotId, asset.id]) expect(await entityExists(id)).toBeNull();
    expect(await entityExists(keeper.id)).toEqual({ id: keeper.id, canceled: false });
    expect((await remaining(taskId)).comment).toBe(0);
    const deleted = (await eventsNamed(ctx, 'episode:delete')).map((e) => e.data);
    expect(deleted).toContainEqual({ episode_id: episodeId, project_id: projectId });
  });

  it('soft-deletes an asset with tasks and hard-deletes it with force, recounting the casting it was in', async () => {
    const assetTaskType = (await createTaskType(ctx, { forEntity: 'Asset' })).id;
    const asset = (await p.manager.api.post(`data/projects/${projectId}/asset-types/${assetTypeId}/assets/new`, { name: 'Lamp', data: {} })).json();
    await createTestTask(ctx, { projectId, entityId: asset.id, taskTypeId: assetTaskType });
    const shotId = await newShot('SH_WITH_LAMP', await newSequence('SQ_LAMP'));
    await p.manager.api.put(`data/projects/${projectId}/entities/${shotId}/casting`, [{ asset_id: asset.id, nb_occurences: 2 }]);

    expect((await p.artist.api.del(`data/assets/${asset.id}`)).statusCode).toBe(403);
    expect((await p.manager.api.del(`data/assets/${asset.id}`)).statusCode).toBe(204);
    expect(await entityExists(asset.id)).toEqual({ id: asset.id, canceled: true });
    expect((await eventsNamed(ctx, 'asset:update')).map((e) => e.data)).toContainEqual({ asset_id: asset.id, project_id: projectId });

    expect((await p.manager.api.del(`data/assets/${asset.id}?force=true`)).statusCode).toBe(204);
    expect(await entityExists(asset.id)).toBeNull();
    const shot = await ctx.db.selectFrom('entity').select('nb_entities_out').where('id', '=', shotId).executeTakeFirstOrThrow();
    expect(shot.nb_entities_out).toBe(0);
    expect((await p.manager.api.del(`data/assets/${shotId}`)).statusCode).toBe(404);
  });
});
