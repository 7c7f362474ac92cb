import { sql } from 'kysely';
import type { Executor, Tx } from '../../platform/db/database.ts';

/** The stored columns of a time spent, as serialised (the presenter adds `type`). */
export interface TimeSpentRecord {
  id: string;
  created_at: string;
  updated_at: string;
  duration: number;
  date: string;
  task_id: string;
  person_id: string;
}

const COLUMNS = ['id', 'created_at', 'updated_at', 'duration', 'date', 'task_id', 'person_id'] as const;

export type UpsertMode = 'set' | 'add';

/** Time spents of a task, optionally for one day, oldest first. */
export function listForTask(db: Executor, taskId: string, date?: string): Promise<TimeSpentRecord[]> {
  let query = db.selectFrom('time_spent').select(COLUMNS).where('task_id', '=', taskId);
  if (date !== undefined) query = query.where('date', '=', date);
  return query.orderBy('date').orderBy('created_at').execute();
}

export function findById(db: Executor, id: string): Promise<TimeSpentRecord | undefined> {
  return db.selectFrom('time_spent').select(COLUMNS).where('id', '=', id).executeTakeFirst();
}

export function findForDay(db: Executor, taskId: string, personId: string, date: string): Promise<TimeSpentRecord | undefined> {
  return db
    .selectFrom('time_spent')
    .select(COLUMNS)
    .where('task_id', '=', taskId)
    .where('person_id', '=', personId)
    .where('date', '=', date)
    .executeTakeFirst();
}

/**
 * Locks the task row for the rest of the transaction: every time-spent write on a task goes through
 * it, so the duration recomputed afterwards always sees the other writers' committed rows.
 */
export async function lockTask(tx: Tx, taskId: string): Promise<{ id: string; project_id: string } | undefined> {
  return tx.selectFrom('task').select(['id', 'project_id']).where('id', '=', taskId).forUpdate().executeTakeFirst();
}

/**
 * Sets or adds the minutes of (person, task, day) in one statement through the unique index, so
 * concurrent adds never lose an update. `inserted` tells a new row from an updated one.
 */
export async function upsert(
  tx: Tx,
  input: { taskId: string; personId: string; date: string; duration: number; mode: UpsertMode },
): Promise<TimeSpentRecord & { inserted: boolean }> {
  const next = input.mode === 'add' ? sql`time_spent.duration + EXCLUDED.duration` : sql`EXCLUDED.duration`;
  const result = await sql<TimeSpentRecord & { inserted: boolean }>`
    INSERT INTO time_spent (task_id, person_id, date, duration)
    VALUES (${input.taskId}, ${input.personId}, ${input.date}::date, ${input.duration})
    ON CONFLICT (person_id, task_id, date) DO UPDATE SET duration = ${next}
    RETURNING id, created_at, updated_at, duration, date, task_id, person_id, (xmax = 0) AS inserted`.execute(tx);
  const row = result.rows[0];
  if (!row) throw new Error('time_spent upsert returned no row');
  return row;
}

export function deleteById(tx: Tx, id: string): Promise<TimeSpentRecord | undefined> {
  return tx.deleteFrom('time_spent').where('id', '=', id).returning(COLUMNS).executeTakeFirst();
}

/** task.duration = the sum of its time spents (§2.1), written in the caller's transaction. */
export async function recomputeTaskDuration(tx: Tx, taskId: string): Promise<number> {
  const row = await tx
    .updateTable('task')
    .set({
      duration: sql<number>`(SELECT coalesce(sum(ts.duration), 0) FROM time_spent ts WHERE ts.task_id = ${taskId})`,
    })
    .where('id', '=', taskId)
    .returning('duration')
    .executeTakeFirstOrThrow();
  return row.duration;
}

/** The person's last presence moves forward to the logged day (never backwards). */
export async function touchLastPresence(tx: Tx, personId: string, date: string): Promise<void> {
  await tx
    .updateTable('person')
    .set({ last_presence: sql<string>`greatest(last_presence, ${date}::date)` })
    .where('id', '=', personId)
    .where(sql<boolean>`last_presence IS DISTINCT FROM greatest(last_presence, ${date}::date)`)
    .execute();
}
