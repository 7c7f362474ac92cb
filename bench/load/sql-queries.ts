import { sql, type Kysely } from 'kysely';
import type { Actor } from '../../server/src/platform/auth/actor.ts';
import type { DB } from '../../server/src/platform/db/schema.ts';
import { shotsWithTasksJson, type ShotScope } from '../../server/src/modules/breakdown/with-tasks.repository.ts';
import { loadPersons, loadReferenceData } from '../../server/src/modules/user/context.repository.ts';
import { listOpenProjects } from '../../server/src/modules/user/open-projects.repository.ts';
import { listPersonTasks, type TodoFilter } from '../../server/src/modules/user/todo.repository.ts';

/**
 * The C_sql ceilings: each op's result computed straight against PostgreSQL, without HTTP, auth or
 * Fastify. Where the route's answer is one statement, this is the route's own repository function
 * (same SQL); task_filter's is the one statement that gives the route's page and total. Each returns
 * a size (bytes of JSON text, or rows) for the report.
 */

export interface TaskFilterArgs {
  personId: string;
  projectId: string;
  taskTypeId: string;
  statusIds: string[];
  assigneeIds: string[];
  limit: number;
}

async function taskFilter(db: Kysely<DB>, args: TaskFilterArgs): Promise<number> {
  const result = await sql<{ id: string; total: number }>`
    SELECT t.*, 'Task' AS type,
           coalesce((SELECT array_agg(a.person_id ORDER BY a.person_id)::text[] FROM assignations a WHERE a.task_id = t.id), '{}') AS assignees,
           count(*) OVER () AS total
      FROM task t
     WHERE t.project_id = ${args.projectId} AND t.task_type_id = ${args.taskTypeId}
       AND t.task_status_id = ANY(${args.statusIds}::uuid[])
       AND EXISTS (SELECT 1 FROM assignations l WHERE l.task_id = t.id AND l.person_id = ANY(${args.assigneeIds}::uuid[]))
       AND EXISTS (SELECT 1 FROM project_person_link ppl JOIN project p ON p.id = ppl.project_id
                     JOIN project_status ps ON ps.id = p.project_status_id
                    WHERE ppl.project_id = t.project_id AND ppl.person_id = ${args.personId} AND ps.name = 'Open')
     ORDER BY t.updated_at DESC, t.created_at DESC, t.id
     LIMIT ${args.limit}`.execute(db);
  return result.rows.length;
}

async function context(db: Kysely<DB>, actor: Actor): Promise<number> {
  const manager = actor.role === 'admin' || actor.role === 'manager';
  const [projects, , persons] = await Promise.all([listOpenProjects(db, actor), loadReferenceData(db, actor), loadPersons(db, manager)]);
  return projects.length + persons.length;
}

export const SQL_QUERIES: Record<string, (db: Kysely<DB>, args: unknown) => Promise<number>> = {
  shots: async (db, args) => (await shotsWithTasksJson(db, args as ShotScope)).length,
  todo: async (db, args) => (await listPersonTasks(db, args as TodoFilter)).length,
  task_filter: (db, args) => taskFilter(db, args as TaskFilterArgs),
  context: (db, args) => context(db, args as Actor),
};
