import { sql, type Selectable } from 'kysely';
import type { Executor, Tx } from '../../platform/db/database.ts';
import type { Task } from '../../platform/db/schema.ts';
import { TEMPORAL_KINDS } from '../breakdown/entity-kind.ts';

/** Reads and writes of the task estimations CSV import. */

export interface EstimationTaskType {
  id: string;
  name: string;
  for_entity: string;
  department_id: string | null;
}

export async function findTaskType(db: Executor, taskTypeId: string): Promise<EstimationTaskType | undefined> {
  return db.selectFrom('task_type').select(['id', 'name', 'for_entity', 'department_id']).where('id', '=', taskTypeId).executeTakeFirst();
}

export interface EstimationTarget {
  task_id: string | null;
  task_data: unknown;
  entity_id: string;
  parent: string;
  name: string;
}

const TEMPORAL_NAMES = sql.join(TEMPORAL_KINDS.map((kind) => sql.lit(kind)));

/**
 * The entities a row can name, with their task of the task type: shots by (sequence, name) — the
 * sequences of the episode when one is given — or assets by (asset type, name) — the episode's own.
 */
export async function findEstimationTargets(tx: Tx, projectId: string, taskType: EstimationTaskType, episodeId: string | undefined): Promise<EstimationTarget[]> {
  const task = sql`
    LEFT JOIN LATERAL (SELECT t.id, t.data FROM task t WHERE t.entity_id = e.id AND t.task_type_id = ${taskType.id}
                        ORDER BY t.created_at, t.id LIMIT 1) tk ON true`;
  const result = taskType.for_entity === 'Shot'
    ? await sql<EstimationTarget>`
        SELECT tk.id AS task_id, tk.data AS task_data, e.id AS entity_id, sq.name AS parent, e.name
          FROM entity e
          JOIN entity_type et ON et.id = e.entity_type_id AND et.name = 'Shot'
          JOIN entity sq ON sq.id = e.parent_id
          ${task}
         WHERE e.project_id = ${projectId} ${episodeId === undefined ? sql`` : sql`AND sq.parent_id = ${episodeId}`}`.execute(tx)
    : await sql<EstimationTarget>`
        SELECT tk.id AS task_id, tk.data AS task_data, e.id AS entity_id, et.name AS parent, e.name
          FROM entity e
          JOIN entity_type et ON et.id = e.entity_type_id AND et.name NOT IN (${TEMPORAL_NAMES})
          ${task}
         WHERE e.project_id = ${projectId} ${episodeId === undefined ? sql`` : sql`AND e.source_id = ${episodeId}`}`.execute(tx);
  return result.rows;
}

export interface EstimationPatch {
  id: string;
  estimation?: number;
  nb_drawings?: number;
  start_date?: string;
  due_date?: string;
  difficulty?: number;
  data?: Record<string, unknown>;
}

const FIELDS = ['estimation', 'nb_drawings', 'start_date', 'due_date', 'difficulty', 'data'] as const;

/** Sets the given fields of tasks (a field absent from a patch is kept). */
export async function updateEstimations(tx: Tx, patches: EstimationPatch[]): Promise<Array<Selectable<Task>>> {
  if (patches.length === 0) return [];
  const rows = patches.map((patch) => ({ ...patch, ...Object.fromEntries(FIELDS.map((field) => [`set_${field}`, patch[field] !== undefined])) }));
  const sets = sql.join(FIELDS.map((field) => sql`${sql.ref(field)} = CASE WHEN x.${sql.raw(`set_${field}`)} THEN x.${sql.ref(field)} ELSE t.${sql.ref(field)} END`));
  const result = await sql<Selectable<Task>>`
    UPDATE task t SET ${sets}
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(
        id uuid, estimation float8, nb_drawings int, start_date timestamp, due_date timestamp, difficulty int, data jsonb,
        set_estimation boolean, set_nb_drawings boolean, set_start_date boolean, set_due_date boolean, set_difficulty boolean, set_data boolean)
     WHERE t.id = x.id
    RETURNING t.*`.execute(tx);
  return result.rows;
}
