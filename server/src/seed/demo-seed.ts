import { sql } from 'kysely';
import type { Database, Tx } from '../platform/db/database.ts';
import { hashPassword } from '../platform/auth/password.ts';
import { ensureInitialAdmin } from '../modules/persons/admin-bootstrap.service.ts';

/**
 * `rushes seed --demo`: one populated production so that a new user sees the web app at work in one
 * step. Everything is written with set-based SQL in one transaction; the same generator, scaled up,
 * builds the 3,000-shot production of the web app's browser tests.
 */

export interface DemoPerson {
  email: string;
  password: string;
  full_name: string;
  role: string;
}

export interface DemoSeedOptions {
  /** Project name; seeding is skipped when a project of that name exists. */
  projectName?: string;
  sequences?: number;
  shotsPerSequence?: number;
  /** Shot task types, in column order. */
  shotTaskTypes?: string[];
  /** Assets per asset type (Character, Prop, Set). */
  assetsPerType?: number;
  /** Comments and time spents on a sample of tasks (off for big generated productions). */
  history?: boolean;
}

export interface DemoSeedResult {
  created: boolean;
  projectId: string;
  projectName: string;
  shots: number;
  assets: number;
  tasks: number;
  people: DemoPerson[];
}

export const DEMO_PROJECT_NAME = 'The Lighthouse (demo)';

/** Known demo accounts; the passwords are printed by the command, so they are meant to be public. */
export const DEMO_PEOPLE: ReadonlyArray<DemoPerson & { first: string; last: string; department: string | null }> = [
  { email: 'coordinator@demo.rushes.local', password: 'demo-coordinator', full_name: 'Carla Coordinator', first: 'Carla', last: 'Coordinator', role: 'manager', department: null },
  { email: 'supervisor@demo.rushes.local', password: 'demo-supervisor', full_name: 'Sam Supervisor', first: 'Sam', last: 'Supervisor', role: 'supervisor', department: 'Animation' },
  { email: 'alice@demo.rushes.local', password: 'demo-artist', full_name: 'Alice Animator', first: 'Alice', last: 'Animator', role: 'user', department: 'Animation' },
  { email: 'bruno@demo.rushes.local', password: 'demo-artist', full_name: 'Bruno Lighter', first: 'Bruno', last: 'Lighter', role: 'user', department: 'Lighting' },
  { email: 'chen@demo.rushes.local', password: 'demo-artist', full_name: 'Chen Modeler', first: 'Chen', last: 'Modeler', role: 'user', department: 'Modeling' },
];

const SHOT_TASK_TYPES = ['Layout', 'Animation', 'Lighting', 'Compositing'];
const ASSET_TASK_TYPES = ['Modeling', 'Rigging', 'Texturing'];
const ASSET_TYPES = ['Character', 'Prop', 'Set'];
const DEPARTMENTS: Record<string, string> = { Animation: '#3B82F6', Lighting: '#F59E0B', Modeling: '#10B981', Compositing: '#9333EA' };
const TASK_TYPE_DEPARTMENTS: Record<string, string> = {
  Layout: 'Animation', Animation: 'Animation', Lighting: 'Lighting', Compositing: 'Compositing',
  Modeling: 'Modeling', Rigging: 'Modeling', Texturing: 'Modeling',
};
const TASK_TYPE_COLORS = ['#7C3AED', '#2563EB', '#D97706', '#DB2777', '#059669', '#0891B2', '#65A30D', '#DC2626'];
const ASSET_NAMES: Record<string, string[]> = {
  Character: ['Keeper', 'Mira', 'Old Tom', 'Gull', 'Fisherman', 'Ghost Sailor', 'Harbour Cat', 'Lantern Kid'],
  Prop: ['Lantern', 'Rowboat', 'Spyglass', 'Logbook', 'Rope Coil', 'Oil Can', 'Bell', 'Anchor'],
  Set: ['Lighthouse Exterior', 'Lamp Room', 'Harbour', 'Cliff Path', 'Keeper Cottage', 'Storm Sea', 'Beach', 'Village Square'],
};

interface Ids {
  projectId: string;
  shotTypes: Array<{ id: string; name: string }>;
  assetTypes: Array<{ id: string; name: string }>;
  assetTaskTypes: Array<{ id: string; name: string }>;
  people: Map<string, string>;
}

async function idsByName(tx: Tx, query: ReturnType<typeof sql<{ id: string; name: string }>>): Promise<Array<{ id: string; name: string }>> {
  return (await query.execute(tx)).rows;
}

async function ensureDepartments(tx: Tx): Promise<void> {
  await sql`
    INSERT INTO department (name, color)
    SELECT d.name, d.color FROM unnest(${Object.keys(DEPARTMENTS)}::text[], ${Object.values(DEPARTMENTS)}::text[]) AS d(name, color)
    ON CONFLICT (name) DO NOTHING`.execute(tx);
}

/**
 * The production's task types, each in its department (TASK_TYPE_DEPARTMENTS), so that a supervisor
 * of that department may comment on and review its tasks. An existing task type of that name in the
 * same department is reused.
 */
async function ensureTaskTypes(tx: Tx, names: string[], forEntity: 'Shot' | 'Asset', colorOffset: number) {
  const colors = names.map((_, index) => TASK_TYPE_COLORS[(index + colorOffset) % TASK_TYPE_COLORS.length]);
  const departments = names.map((name) => TASK_TYPE_DEPARTMENTS[name] ?? null);
  await sql`
    INSERT INTO task_type (name, short_name, color, for_entity, priority, department_id)
    SELECT n.name, lower(left(n.name, 4)), n.color, ${forEntity}, n.ord, d.id
      FROM unnest(${names}::text[], ${colors}::text[], ${departments}::text[]) WITH ORDINALITY AS n(name, color, department, ord)
      LEFT JOIN department d ON d.name = n.department
    ON CONFLICT DO NOTHING`.execute(tx);
  const rows = await idsByName(tx, sql<{ id: string; name: string }>`
    SELECT DISTINCT ON (tt.name) tt.id, tt.name FROM task_type tt
      LEFT JOIN department d ON d.id = tt.department_id
      JOIN unnest(${names}::text[], ${departments}::text[]) AS n(name, department) ON n.name = tt.name
     WHERE tt.for_entity = ${forEntity}
     ORDER BY tt.name, (d.name IS NOT DISTINCT FROM n.department) DESC, tt.department_id NULLS FIRST`);
  return names.map((name) => rows.find((row) => row.name === name)!);
}

async function ensurePeople(tx: Tx, projectId: string): Promise<Map<string, string>> {
  const people = new Map<string, string>();
  for (const person of DEMO_PEOPLE) {
    const existing = await sql<{ id: string }>`SELECT id FROM person WHERE lower(email) = ${person.email} AND NOT is_bot`.execute(tx);
    let id = existing.rows[0]?.id;
    if (!id) {
      const created = await sql<{ id: string }>`
        INSERT INTO person (first_name, last_name, email, password, role)
        VALUES (${person.first}, ${person.last}, ${person.email}, ${await hashPassword(person.password)}, ${person.role})
        RETURNING id`.execute(tx);
      id = created.rows[0]!.id;
    }
    people.set(person.email, id);
    if (person.department) {
      await sql`
        INSERT INTO department_link (person_id, department_id)
        SELECT ${id}::uuid, d.id FROM department d WHERE d.name = ${person.department}
        ON CONFLICT DO NOTHING`.execute(tx);
    }
    await sql`INSERT INTO project_person_link (project_id, person_id) VALUES (${projectId}::uuid, ${id}::uuid) ON CONFLICT DO NOTHING`.execute(tx);
  }
  // Admins see every production anyway; adding them to the team makes them show in the team list too.
  await sql`
    INSERT INTO project_person_link (project_id, person_id)
    SELECT ${projectId}::uuid, p.id FROM person p WHERE p.role = 'admin' AND p.active AND NOT p.is_bot
    ON CONFLICT DO NOTHING`.execute(tx);
  return people;
}

async function createProject(tx: Tx, name: string, days: number): Promise<string> {
  const result = await sql<{ id: string }>`
    INSERT INTO project (name, code, description, production_type, production_style, fps, project_status_id, start_date, end_date)
    VALUES (${name}, 'LGH', 'A keeper, a storm and a lamp that must not go out. Demo production seeded by rushes seed --demo.',
            'featurefilm', '3d', '24', (SELECT id FROM project_status WHERE name = 'Open'),
            current_date - 45, current_date + ${days}::int)
    RETURNING id`.execute(tx);
  return result.rows[0]!.id;
}

async function configureProject(tx: Tx, ids: Omit<Ids, 'people'>): Promise<void> {
  const taskTypeIds = [...ids.shotTypes, ...ids.assetTaskTypes].map((row) => row.id);
  await sql`
    INSERT INTO project_task_type_link (project_id, task_type_id, priority)
    SELECT ${ids.projectId}::uuid, t.id, t.ord FROM unnest(${taskTypeIds}::uuid[]) WITH ORDINALITY AS t(id, ord)
    ON CONFLICT DO NOTHING`.execute(tx);
  await sql`
    INSERT INTO project_asset_type_link (project_id, asset_type_id)
    SELECT ${ids.projectId}::uuid, t.id FROM unnest(${ids.assetTypes.map((row) => row.id)}::uuid[]) AS t(id)
    ON CONFLICT DO NOTHING`.execute(tx);
  await sql`
    INSERT INTO project_task_status_link (project_id, task_status_id, priority)
    SELECT ${ids.projectId}::uuid, id, sort_order FROM task_status WHERE system_key IS NOT NULL
    ON CONFLICT DO NOTHING`.execute(tx);
  // Two custom statuses of the studio vocabulary (seed 001), linked like the task-status routes do.
  await sql`
    WITH created AS (
      INSERT INTO task_status (name, short_name, color, project_id, sort_order, is_feedback_request)
      VALUES ('Pending Review', 'pendrev', '#9333EA', ${ids.projectId}::uuid, 0, true),
             ('Blocked', 'blocked', '#DC2626', ${ids.projectId}::uuid, 1, false)
      RETURNING id, sort_order)
    INSERT INTO project_task_status_link (project_id, task_status_id, priority)
    SELECT ${ids.projectId}::uuid, id, 10 + sort_order FROM created`.execute(tx);
}

async function createBreakdown(tx: Tx, projectId: string, sequences: number, shotsPerSequence: number, assetTypes: Ids['assetTypes'], assetsPerType: number) {
  await sql`
    WITH seq AS (
      INSERT INTO entity (name, project_id, entity_type_id, description)
      SELECT 'SQ' || lpad((s * 10)::text, 3, '0'), ${projectId}::uuid, (SELECT id FROM entity_type WHERE name = 'Sequence'),
             'Sequence ' || s
        FROM generate_series(1, ${sequences}::int) AS s
      RETURNING id, name)
    INSERT INTO entity (name, project_id, entity_type_id, parent_id, nb_frames, description, data)
    SELECT 'SH' || lpad((n * 10)::text, 4, '0'), ${projectId}::uuid, (SELECT id FROM entity_type WHERE name = 'Shot'), seq.id,
           frames, seq.name || ' shot ' || n,
           jsonb_build_object('frame_in', 1001, 'frame_out', 1000 + frames, 'fps', 24)
      FROM seq, generate_series(1, ${shotsPerSequence}::int) AS n,
           LATERAL (SELECT 24 + ((n * 37 + length(seq.name) * 11 + ascii(right(seq.name, 2))) % 9) * 12 AS frames) f`.execute(tx);
  for (const type of assetTypes) {
    const names = ASSET_NAMES[type.name] ?? [];
    const wanted = Array.from({ length: assetsPerType }, (_, i) => names[i] ?? `${type.name} ${i + 1}`);
    await sql`
      INSERT INTO entity (name, project_id, entity_type_id, description)
      SELECT n.name, ${projectId}::uuid, ${type.id}::uuid, ${type.name} || ': ' || n.name
        FROM unnest(${wanted}::text[]) AS n(name)`.execute(tx);
  }
}

/**
 * Tasks for every shot and asset, with a few gaps (empty cells to fill from the web app), statuses that
 * move forward with the sequence (early sequences further along), assignees by department and
 * staggered start and due dates so that the schedule has something to draw (and a few risks).
 */
async function createTasks(tx: Tx, ids: Ids, assign: boolean): Promise<number> {
  const shotTypeIds = ids.shotTypes.map((row) => row.id);
  const assetTypeIds = ids.assetTaskTypes.map((row) => row.id);
  await sql`
    WITH statuses AS (
      SELECT array_agg(id ORDER BY array_position(ARRAY['not_started','in_progress','submitted','approved','retake']::varchar[], system_key)) AS ids
        FROM task_status WHERE system_key IS NOT NULL),
    shots AS (
      SELECT e.id, e.name, row_number() OVER (ORDER BY seq.name, e.name) AS rank, count(*) OVER () AS total
        FROM entity e JOIN entity seq ON seq.id = e.parent_id
       WHERE e.project_id = ${ids.projectId}::uuid AND e.entity_type_id = (SELECT id FROM entity_type WHERE name = 'Shot')),
    assets AS (
      SELECT e.id, e.name, row_number() OVER (ORDER BY e.name) AS rank, count(*) OVER () AS total
        FROM entity e
       WHERE e.project_id = ${ids.projectId}::uuid AND e.entity_type_id = ANY(${ids.assetTypes.map((r) => r.id)}::uuid[])),
    items AS (
      SELECT s.id AS entity_id, s.name AS entity_name, s.rank, s.total, t0.id AS task_type_id, t0.ord
        FROM shots s CROSS JOIN unnest(${shotTypeIds}::uuid[]) WITH ORDINALITY AS t0(id, ord)
      UNION ALL
      SELECT a.id, a.name, a.rank, a.total, t0.id, t0.ord
        FROM assets a CROSS JOIN unnest(${assetTypeIds}::uuid[]) WITH ORDINALITY AS t0(id, ord)),
    shaped AS (
      SELECT i.*, tt.name AS type_name, d.dice,
             -- 0..1: early entities and early task types are further along
             greatest(0, least(1, 1.15 - i.rank::float / i.total - (i.ord - 1) * 0.18 + (d.dice - 50) / 250.0)) AS progress
        FROM items i
        JOIN task_type tt ON tt.id = i.task_type_id
        CROSS JOIN LATERAL (SELECT abs(hashtext(i.entity_id::text || i.task_type_id::text)) % 100 AS dice) d
       WHERE d.dice >= 6),
    banded AS (
      -- 1 not started, 2 in progress, 3 submitted, 4 approved, 5 retake
      SELECT s.*, CASE WHEN s.progress > 0.85 THEN 4
                       WHEN s.progress > 0.7 THEN (CASE WHEN s.dice % 4 = 0 THEN 5 ELSE 3 END)
                       WHEN s.progress > 0.4 THEN 2 ELSE 1 END AS band
        FROM shaped s),
    dated AS (
      -- Days from today: done work in the past, work under way around today (a few late), the rest ahead.
      SELECT b.*,
             CASE b.band WHEN 4 THEN -30 - b.dice % 15
                         WHEN 3 THEN -8 - b.dice % 8
                         WHEN 5 THEN -8 - b.dice % 8
                         WHEN 2 THEN -1 - b.dice % 6
                         ELSE 3 + round((0.4 - b.progress) * 90)::int END AS start_day,
             CASE b.band WHEN 4 THEN -24 - b.dice % 15
                         WHEN 3 THEN b.dice % 7 - 2
                         WHEN 5 THEN b.dice % 7 - 1
                         WHEN 2 THEN CASE WHEN b.dice % 10 = 0 THEN -2 ELSE 3 + b.dice % 10 END
                         ELSE 8 + round((0.4 - b.progress) * 90)::int + b.dice % 5 END AS due_day
        FROM banded b)
    INSERT INTO task (name, description, project_id, task_type_id, task_status_id, entity_id, estimation, duration,
                      start_date, due_date, retake_count, priority)
    SELECT d.entity_name || ' - ' || d.type_name, d.type_name || ' task for ' || d.entity_name, ${ids.projectId}::uuid,
           d.task_type_id, (SELECT ids[d.band] FROM statuses), d.entity_id, (2 + d.dice % 4) * 8 * 60, 0,
           date_trunc('day', utc_now()) + make_interval(days => d.start_day::int),
           date_trunc('day', utc_now()) + make_interval(days => d.due_day::int, hours => 18),
           CASE WHEN d.band = 5 THEN 1 ELSE 0 END,
           CASE WHEN d.dice > 90 THEN 2 ELSE 0 END
      FROM dated d
    ON CONFLICT DO NOTHING`.execute(tx);
  if (assign) {
    // Layout and animation to Alice, lighting and compositing to Bruno, asset work to Chen; tasks not
    // started yet are assigned one time in three.
    const [alice, bruno, chen] = ['alice', 'bruno', 'chen'].map((name) => ids.people.get(`${name}@demo.rushes.local`)!);
    await sql`
      INSERT INTO assignations (task_id, person_id)
      SELECT t.id, CASE WHEN tt.for_entity = 'Asset' THEN ${chen}::uuid
                        WHEN tt.name IN ('Lighting', 'Compositing') THEN ${bruno}::uuid ELSE ${alice}::uuid END
        FROM task t
        JOIN task_status ts ON ts.id = t.task_status_id
        JOIN task_type tt ON tt.id = t.task_type_id
       WHERE t.project_id = ${ids.projectId}::uuid AND (ts.system_key <> 'not_started' OR abs(hashtext(t.id::text)) % 3 = 0)
      ON CONFLICT DO NOTHING`.execute(tx);
  }
  const count = await sql<{ count: string }>`SELECT count(*)::text AS count FROM task WHERE project_id = ${ids.projectId}::uuid`.execute(tx);
  return Number(count.rows[0]!.count);
}

/** Comments and time spents on the tasks that have moved, as the artists would have left them. */
async function createHistory(tx: Tx, projectId: string, coordinatorId: string): Promise<void> {
  // One to four hours a task on the last ten weekdays, kept to what a person works in a day (8 h).
  await sql`
    INSERT INTO time_spent (task_id, person_id, date, duration)
    SELECT task_id, person_id, date, duration FROM (
      SELECT t.id AS task_id, a.person_id, day::date AS date, 60 * (1 + (abs(hashtext(t.id::text || day::text)) % 4)) AS duration,
             sum(60 * (1 + (abs(hashtext(t.id::text || day::text)) % 4)))
               OVER (PARTITION BY a.person_id, day ORDER BY abs(hashtext(t.id::text || day::text)), t.id) AS day_total
        FROM task t
        JOIN assignations a ON a.task_id = t.id
        JOIN task_status ts ON ts.id = t.task_status_id AND ts.system_key <> 'not_started'
        CROSS JOIN generate_series(current_date - 14, current_date - 1, interval '1 day') AS day
       WHERE t.project_id = ${projectId}::uuid AND extract(isodow FROM day) < 6
         AND abs(hashtext(t.id::text || day::text)) % 3 = 0
    ) entries
     WHERE day_total <= 480
    ON CONFLICT DO NOTHING`.execute(tx);
  await sql`
    UPDATE task t SET duration = s.total, real_start_date = t.start_date
      FROM (SELECT task_id, sum(duration) AS total FROM time_spent GROUP BY task_id) s
     WHERE s.task_id = t.id AND t.project_id = ${projectId}::uuid`.execute(tx);
  await sql`
    WITH posted AS (
      INSERT INTO comment (object_id, object_type, text, task_status_id, person_id, created_at)
      SELECT t.id, 'Task',
             CASE ts.system_key
               WHEN 'in_progress' THEN 'Blocking done, moving to splines tomorrow.'
               WHEN 'submitted' THEN 'Ready for review: new version uploaded.'
               WHEN 'approved' THEN 'Approved, thanks! Great work on the timing.'
               WHEN 'retake' THEN 'Retake: the silhouette reads poorly against the storm, push the contrast.'
               ELSE 'Starting soon.' END,
             t.task_status_id,
             CASE WHEN ts.system_key IN ('approved', 'retake') THEN ${coordinatorId}::uuid ELSE a.person_id END,
             least(coalesce(t.start_date, utc_now()) + interval '2 days', utc_now() - interval '1 hour')
        FROM task t
        JOIN task_status ts ON ts.id = t.task_status_id AND ts.system_key <> 'not_started'
        JOIN LATERAL (SELECT person_id FROM assignations WHERE task_id = t.id LIMIT 1) a ON true
       WHERE t.project_id = ${projectId}::uuid
      RETURNING object_id, created_at)
    UPDATE task t SET last_comment_date = p.created_at FROM posted p WHERE p.object_id = t.id`.execute(tx);
  await sql`
    UPDATE task t SET end_date = t.due_date, done_date = t.due_date
      FROM task_status ts WHERE ts.id = t.task_status_id AND ts.is_done AND t.project_id = ${projectId}::uuid`.execute(tx);
  await sql`
    INSERT INTO milestone (project_id, name, date)
    VALUES (${projectId}::uuid, 'Animatic lock', current_date - 10), (${projectId}::uuid, 'Trailer', current_date + 40),
           (${projectId}::uuid, 'Final delivery', current_date + 120)`.execute(tx);
}

/** Seeds the demo production (or a bigger generated one); skipped when the project already exists. */
export async function seedDemoProduction(db: Database, options: DemoSeedOptions = {}): Promise<DemoSeedResult> {
  const projectName = options.projectName ?? DEMO_PROJECT_NAME;
  const sequences = options.sequences ?? 5;
  const shotsPerSequence = options.shotsPerSequence ?? 12;
  const assetsPerType = options.assetsPerType ?? 5;
  const people = DEMO_PEOPLE.map(({ email, password, full_name, role }) => ({ email, password, full_name, role }));
  return db.transaction().execute(async (tx) => {
    // Two seeds at once would both find no project; the lock makes the second one see the first's.
    await sql`SELECT pg_advisory_xact_lock(7283043)`.execute(tx);
    const existing = await sql<{ id: string }>`SELECT id FROM project WHERE name = ${projectName}`.execute(tx);
    const found = existing.rows[0];
    if (found) return { created: false, projectId: found.id, projectName, shots: 0, assets: 0, tasks: 0, people };
    const projectId = await createProject(tx, projectName, 150);
    await ensureDepartments(tx);
    const shotTypes = await ensureTaskTypes(tx, options.shotTaskTypes ?? SHOT_TASK_TYPES, 'Shot', 0);
    const assetTaskTypes = await ensureTaskTypes(tx, ASSET_TASK_TYPES, 'Asset', 4);
    await sql`INSERT INTO entity_type (name) SELECT unnest(${ASSET_TYPES}::text[]) ON CONFLICT DO NOTHING`.execute(tx);
    const assetTypes = await idsByName(tx, sql<{ id: string; name: string }>`
      SELECT id, name FROM entity_type WHERE lower(name) = ANY(${ASSET_TYPES.map((n) => n.toLowerCase())}::text[]) ORDER BY name`);
    await configureProject(tx, { projectId, shotTypes, assetTypes, assetTaskTypes });
    const peopleIds = await ensurePeople(tx, projectId);
    await createBreakdown(tx, projectId, sequences, shotsPerSequence, assetTypes, assetsPerType);
    const history = options.history ?? true;
    const tasks = await createTasks(tx, { projectId, shotTypes, assetTypes, assetTaskTypes, people: peopleIds }, history);
    if (history) await createHistory(tx, projectId, peopleIds.get(DEMO_PEOPLE[0]!.email)!);
    return { created: true, projectId, projectName, shots: sequences * shotsPerSequence, assets: assetsPerType * assetTypes.length, tasks, people };
  });
}

/** The `rushes seed --demo` command: the first admin when there is none yet, then the demo production. */
export async function runDemoSeed(
  db: Database,
  settings: { adminEmail?: string; adminPassword?: string; minPasswordLength: number },
  log: (line: string) => void,
): Promise<DemoSeedResult> {
  // Seeding people into an empty studio would stop `serve` from creating its first admin: create it now.
  await ensureInitialAdmin(db, { email: settings.adminEmail, password: settings.adminPassword, minPasswordLength: settings.minPasswordLength, print: log });
  const result = await seedDemoProduction(db);
  log(
    result.created
      ? `Seeded "${result.projectName}": ${result.shots} shots, ${result.assets} assets, ${result.tasks} tasks.`
      : `"${result.projectName}" already exists: nothing seeded.`,
  );
  log('Demo accounts (email / password / role):');
  for (const person of result.people) log(`  ${person.email.padEnd(32)} ${person.password.padEnd(18)} ${person.role}`);
  log('Start Rushes with `npm start` and log in at http://localhost:8080/ (or your PORT).');
  return result;
}
