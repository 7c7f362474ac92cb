import type pg from 'pg';
import { BENCH_EMAIL_DOMAIN, BENCH_PASSWORD, TIERS, type TierName } from '../dataset/tiers.ts';

export interface Persona {
  id: string;
  email: string;
  role: string;
  token: string;
  departmentIds: string[];
}

/** What the ops need to know about the seeded production: who to be and what to ask for. */
export interface Production {
  projectId: string;
  sequenceIds: string[];
  shotTaskTypeIds: string[];
  statuses: Record<string, string>;
  manager: Persona;
  admin: Persona;
  /** Artists of the main project with open tasks, and the supervisors who review their work. */
  artists: Persona[];
  supervisors: Persona[];
  /** Department of each shot task type. */
  taskTypeDepartments: Record<string, string>;
}

export async function login(baseUrl: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`login as ${email} failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

interface PersonRow {
  id: string;
  email: string;
  role: string;
  department_ids: string[];
}

async function personas(pool: pg.Pool, baseUrl: string, rows: PersonRow[]): Promise<Persona[]> {
  const out: Persona[] = [];
  for (const row of rows) {
    out.push({ id: row.id, email: row.email, role: row.role, departmentIds: row.department_ids, token: await login(baseUrl, row.email, BENCH_PASSWORD) });
  }
  return out;
}

const PEOPLE = `SELECT p.id, p.email, p.role, ARRAY(SELECT dl.department_id FROM department_link dl WHERE dl.person_id = p.id) AS department_ids
                  FROM person p`;

/** Reads the main project, logs in its manager, the admin, up to 40 artists with open tasks and the supervisors. */
export async function loadProduction(pool: pg.Pool, baseUrl: string, tier: TierName): Promise<Production> {
  const main = TIERS[tier].projects.find((p) => p.main);
  const project = await pool.query<{ id: string }>('SELECT id FROM project WHERE name = $1', [main?.name]);
  const projectId = project.rows[0]?.id;
  if (!projectId) throw new Error(`The main project "${main?.name}" is missing: is the dataset seeded?`);
  const sequences = await pool.query<{ id: string }>(
    `SELECT e.id FROM entity e JOIN entity_type et ON et.id = e.entity_type_id AND et.name = 'Sequence'
      WHERE e.project_id = $1 ORDER BY e.name, e.id`, [projectId]);
  const types = await pool.query<{ id: string; department_id: string }>(
    `SELECT tt.id, tt.department_id FROM project_task_type_link l JOIN task_type tt ON tt.id = l.task_type_id
      WHERE l.project_id = $1 AND tt.for_entity = 'Shot' ORDER BY l.priority`, [projectId]);
  const statuses = await pool.query<{ id: string; short_name: string }>('SELECT id, short_name FROM task_status WHERE project_id IS NULL');
  const artists = await pool.query<PersonRow>(`${PEOPLE}
      WHERE p.role = 'user' AND p.email LIKE $2 AND EXISTS (
        SELECT 1 FROM assignations a JOIN task t ON t.id = a.task_id JOIN task_status ts ON ts.id = t.task_status_id
         WHERE a.person_id = p.id AND t.project_id = $1 AND NOT ts.is_done)
      ORDER BY p.email LIMIT 40`, [projectId, `%@${BENCH_EMAIL_DOMAIN}`]);
  const supervisors = await pool.query<PersonRow>(`${PEOPLE} WHERE p.role = 'supervisor' AND p.email LIKE $1 ORDER BY p.email`, [`%@${BENCH_EMAIL_DOMAIN}`]);
  const named = async (email: string) => {
    const rows = await pool.query<PersonRow>(`${PEOPLE} WHERE p.email = $1`, [email]);
    const [persona] = await personas(pool, baseUrl, rows.rows);
    if (!persona) throw new Error(`${email} is missing from the dataset`);
    return persona;
  };
  return {
    projectId,
    sequenceIds: sequences.rows.map((r) => r.id),
    shotTaskTypeIds: types.rows.map((r) => r.id),
    taskTypeDepartments: Object.fromEntries(types.rows.map((r) => [r.id, r.department_id])),
    statuses: Object.fromEntries(statuses.rows.map((r) => [r.short_name, r.id])),
    manager: await named(`manager01@${BENCH_EMAIL_DOMAIN}`),
    admin: await named(`admin@${BENCH_EMAIL_DOMAIN}`),
    artists: await personas(pool, baseUrl, artists.rows),
    supervisors: await personas(pool, baseUrl, supervisors.rows),
  };
}
