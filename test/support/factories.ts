import { randomBytes } from 'node:crypto';
import type { Role } from '../../server/src/platform/auth/actor.ts';
import { hashPassword } from '../../server/src/platform/auth/password.ts';
import type { TestContext } from './test-app.ts';

export const DEFAULT_PASSWORD = 'correct-horse-battery';

let cachedHash: Promise<string> | undefined;
/** Hashing is deliberately slow; tests share one hash of the default password. */
const defaultPasswordHash = () => (cachedHash ??= hashPassword(DEFAULT_PASSWORD));

export const uniqueSuffix = () => randomBytes(4).toString('hex');

export interface TestPerson {
  id: string;
  email: string;
  role: Role;
  first_name: string;
  last_name: string;
}

export async function createPerson(
  ctx: TestContext,
  options: { role?: Role; email?: string; firstName?: string; lastName?: string; active?: boolean; password?: string; isBot?: boolean } = {},
): Promise<TestPerson> {
  const suffix = uniqueSuffix();
  const role = options.role ?? 'user';
  const row = await ctx.db
    .insertInto('person')
    .values({
      first_name: options.firstName ?? `${role}-${suffix}`,
      last_name: options.lastName ?? 'Tester',
      email: options.email ?? `${role}-${suffix}@studio.test`,
      role,
      active: options.active ?? true,
      is_bot: options.isBot ?? false,
      password: options.password ? await hashPassword(options.password) : await defaultPasswordHash(),
    })
    .returning(['id', 'email', 'role', 'first_name', 'last_name'])
    .executeTakeFirstOrThrow();
  return { ...row, email: row.email!, role: row.role as Role };
}

/** A session token for a person, issued the way login does (script origin). */
export async function tokenFor(ctx: TestContext, person: { id: string }): Promise<string> {
  const tokens = await ctx.deps.tokens.issueLoginTokens(person.id, 'script');
  return tokens.access_token;
}

export async function personWithToken(ctx: TestContext, role: Role = 'user'): Promise<TestPerson & { token: string }> {
  const person = await createPerson(ctx, { role });
  return { ...person, token: await tokenFor(ctx, person) };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export async function createProject(
  ctx: TestContext,
  options: { name?: string; team?: Array<{ id: string; role?: string | null }>; status?: 'Open' | 'Closed' } = {},
): Promise<{ id: string; name: string }> {
  const status = await ctx.db
    .selectFrom('project_status')
    .select('id')
    .where('name', '=', options.status ?? 'Open')
    .executeTakeFirstOrThrow();
  const project = await ctx.db
    .insertInto('project')
    .values({ name: options.name ?? `Project ${uniqueSuffix()}`, project_status_id: status.id })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
  if (options.team?.length) {
    await ctx.db
      .insertInto('project_person_link')
      .values(options.team.map((member) => ({ project_id: project.id, person_id: member.id, role: member.role ?? null })))
      .execute();
  }
  return project;
}

/** A task type (Zou's `for_entity` kind: "Shot", "Asset"...); `shortName: null` leaves it without one. */
export async function createTaskType(
  ctx: TestContext,
  options: { name?: string; shortName?: string | null; forEntity?: string; archived?: boolean; color?: string } = {},
): Promise<{ id: string; name: string; short_name: string | null; color: string; for_entity: string }> {
  const suffix = uniqueSuffix();
  return ctx.db
    .insertInto('task_type')
    .values({
      name: options.name ?? `Type ${suffix}`,
      short_name: options.shortName === undefined ? `t${suffix}` : options.shortName,
      for_entity: options.forEntity ?? 'Shot',
      archived: options.archived ?? false,
      ...(options.color ? { color: options.color } : {}),
    })
    .returning(['id', 'name', 'short_name', 'color', 'for_entity'])
    .executeTakeFirstOrThrow();
}

/** Project settings: the task types a project uses (project_task_type_link), priorities in list order. */
export async function linkProjectTaskTypes(ctx: TestContext, projectId: string, taskTypeIds: string[]): Promise<void> {
  if (taskTypeIds.length === 0) return;
  await ctx.db
    .insertInto('project_task_type_link')
    .values(taskTypeIds.map((taskTypeId, index) => ({ project_id: projectId, task_type_id: taskTypeId, priority: index + 1 })))
    .execute();
}

/** The id of an entity type by name, created when missing. */
export async function entityTypeId(ctx: TestContext, name: string): Promise<string> {
  const existing = await ctx.db.selectFrom('entity_type').select('id').where('name', '=', name).executeTakeFirst();
  if (existing) return existing.id;
  return (await ctx.db.insertInto('entity_type').values({ name }).returning('id').executeTakeFirstOrThrow()).id;
}

/** A shot in a sequence of its own (rows inserted directly, without the breakdown services). */
export async function createShotEntity(
  ctx: TestContext,
  projectId: string,
  options: { name?: string } = {},
): Promise<{ id: string; name: string; sequence_id: string }> {
  const suffix = uniqueSuffix();
  const sequence = await ctx.db
    .insertInto('entity')
    .values({ name: `SQ_${suffix}`, project_id: projectId, entity_type_id: await entityTypeId(ctx, 'Sequence') })
    .returning('id')
    .executeTakeFirstOrThrow();
  const shot = await ctx.db
    .insertInto('entity')
    .values({ name: options.name ?? `SH_${suffix}`, project_id: projectId, entity_type_id: await entityTypeId(ctx, 'Shot'), parent_id: sequence.id })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
  return { ...shot, sequence_id: sequence.id };
}

/** An asset of the given asset type (created when missing). */
export async function createAssetEntity(
  ctx: TestContext,
  projectId: string,
  options: { name?: string; assetType?: string } = {},
): Promise<{ id: string; name: string; entity_type_id: string }> {
  const typeId = await entityTypeId(ctx, options.assetType ?? 'Character');
  const asset = await ctx.db
    .insertInto('entity')
    .values({ name: options.name ?? `Asset ${uniqueSuffix()}`, project_id: projectId, entity_type_id: typeId })
    .returning(['id', 'name', 'entity_type_id'])
    .executeTakeFirstOrThrow();
  return asset;
}

/** The id of a global task status by short name ("todo", "wip", "wfa", "retake", "done"). */
export async function taskStatusId(ctx: TestContext, shortName: string): Promise<string> {
  const row = await ctx.db
    .selectFrom('task_status')
    .select('id')
    .where('short_name', '=', shortName)
    .where('project_id', 'is', null)
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface TestTaskOptions {
  projectId: string;
  entityId: string;
  taskTypeId: string;
  /** Short name of a global status; "todo" unless told. */
  status?: string;
  assignees?: string[];
  name?: string;
  startDate?: string | null;
  dueDate?: string | null;
  endDate?: string | null;
  doneDate?: string | null;
  /** Minutes. */
  estimation?: number;
  /** Minutes. */
  duration?: number;
}

/** A task row (status "todo" unless told), with its assignees; no events, no permission checks. */
export async function createTestTask(
  ctx: TestContext,
  options: TestTaskOptions,
): Promise<{ id: string; name: string; project_id: string; entity_id: string; task_type_id: string; task_status_id: string }> {
  const task = await ctx.db
    .insertInto('task')
    .values({
      name: options.name ?? 'main',
      project_id: options.projectId,
      entity_id: options.entityId,
      task_type_id: options.taskTypeId,
      task_status_id: await taskStatusId(ctx, options.status ?? 'todo'),
      start_date: options.startDate ?? null,
      due_date: options.dueDate ?? null,
      end_date: options.endDate ?? null,
      done_date: options.doneDate ?? null,
      estimation: options.estimation ?? 0,
      duration: options.duration ?? 0,
    })
    .returning(['id', 'name', 'project_id', 'entity_id', 'task_type_id', 'task_status_id'])
    .executeTakeFirstOrThrow();
  if (options.assignees?.length) {
    await ctx.db.insertInto('assignations').values(options.assignees.map((person_id) => ({ task_id: task.id, person_id }))).execute();
  }
  return task;
}

/** A department, with the given people in it. */
export async function createDepartment(ctx: TestContext, options: { name?: string; members?: string[] } = {}): Promise<{ id: string; name: string }> {
  const department = await ctx.db
    .insertInto('department')
    .values({ name: options.name ?? `Dept ${uniqueSuffix()}`, color: '#123456' })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
  if (options.members?.length) {
    await ctx.db
      .insertInto('department_link')
      .values(options.members.map((person_id) => ({ person_id, department_id: department.id })))
      .execute();
  }
  return department;
}

/** Adds a person to a project team, optionally with a per-project role. */
export async function addTeamMember(ctx: TestContext, projectId: string, personId: string, role: string | null = null): Promise<void> {
  await ctx.db
    .insertInto('project_person_link')
    .values({ project_id: projectId, person_id: personId, role })
    .onConflict((oc) => oc.columns(['project_id', 'person_id']).doUpdateSet({ role }))
    .execute();
}
