import { sql, type SqlBool } from 'kysely';
import type { OpenProject } from '../../../../packages/contracts/src/projects.schema.ts';
import type { Executor } from '../../platform/db/database.ts';
import { errors } from '../../platform/errors/index.ts';
import { presentProject, PROJECT_COLUMNS, type ProjectRecord } from './project.presenter.ts';

const P_COLUMNS = PROJECT_COLUMNS.map((column) => `p.${column}` as const);

export async function getProjectRecord(db: Executor, projectId: string): Promise<ProjectRecord> {
  const row = await db.selectFrom('project as p').select(P_COLUMNS).where('p.id', '=', projectId).executeTakeFirst();
  if (!row) throw errors.notFound();
  return row;
}

export interface OpenProjectsFilter {
  /** Non-admins: only open projects whose team holds this person. */
  memberId?: string;
  /** Exact project name (`?name=`). */
  name?: string;
  /** Clients only get the metadata descriptors published to them. */
  forClient: boolean;
}

/**
 * Open projects with their links and settings, as Zou's `get_projects_with_extra_data`: team,
 * asset types, task types and task statuses as id lists, task type priorities, task status links,
 * metadata descriptors and, for TV shows, the first episode. One query whatever their number.
 */
export async function listOpenProjects(db: Executor, filter: OpenProjectsFilter): Promise<OpenProject[]> {
  const rows = await db
    .selectFrom('project as p')
    .innerJoin('project_status as ps', 'ps.id', 'p.project_status_id')
    .select(P_COLUMNS)
    .select([
      sql<string[]>`coalesce((SELECT array_agg(l.person_id::text ORDER BY l.created_at) FROM project_person_link l WHERE l.project_id = p.id), '{}')`.as('team'),
      sql<string[]>`coalesce((SELECT array_agg(l.asset_type_id::text) FROM project_asset_type_link l WHERE l.project_id = p.id), '{}')`.as('asset_types'),
      sql<string[]>`coalesce((SELECT array_agg(l.task_type_id::text ORDER BY l.priority NULLS LAST) FROM project_task_type_link l WHERE l.project_id = p.id), '{}')`.as('task_types'),
      sql<string[]>`coalesce((SELECT array_agg(l.task_status_id::text ORDER BY l.priority NULLS LAST) FROM project_task_status_link l WHERE l.project_id = p.id), '{}')`.as('task_statuses'),
      sql<Record<string, number | null>>`coalesce((SELECT json_object_agg(l.task_type_id, l.priority) FROM project_task_type_link l WHERE l.project_id = p.id), '{}'::json)`.as('task_types_priority'),
      sql<Record<string, { priority: number | null; roles_for_board: string[] }>>`coalesce((
        SELECT json_object_agg(l.task_status_id, json_build_object('priority', l.priority, 'roles_for_board', l.roles_for_board))
          FROM project_task_status_link l WHERE l.project_id = p.id), '{}'::json)`.as('task_statuses_link'),
      sql<OpenProject['descriptors']>`coalesce((
        SELECT json_agg(json_build_object(
                 'id', d.id, 'name', d.name, 'field_name', d.field_name, 'data_type', d.data_type, 'choices', d.choices,
                 'for_client', d.for_client, 'entity_type', d.entity_type, 'task_type_id', d.task_type_id, 'position', d.position,
                 'departments', coalesce((SELECT json_agg(dl.department_id) FROM metadata_descriptor_department_link dl
                                           WHERE dl.metadata_descriptor_id = d.id), '[]'::json))
               ORDER BY d.position NULLS LAST, d.name)
          FROM metadata_descriptor d WHERE d.project_id = p.id AND (d.for_client OR NOT ${filter.forClient})), '[]'::json)`.as('descriptors'),
      sql<string[]>`coalesce((SELECT array_agg(l.status_automation_id::text) FROM project_status_automation_link l WHERE l.project_id = p.id), '{}')`
        .as('status_automations'),
      sql<string[]>`coalesce((SELECT array_agg(l.preview_background_file_id::text) FROM project_preview_background_file_link l
                              WHERE l.project_id = p.id), '{}')`.as('preview_background_files'),
      sql<string | null>`(SELECT e.id FROM entity e JOIN entity_type et ON et.id = e.entity_type_id AND et.name = 'Episode'
                          WHERE e.project_id = p.id ORDER BY (e.status <> 'running'), e.name LIMIT 1)`.as('first_episode_id'),
    ])
    .where('ps.name', '=', 'Open')
    .$if(filter.name !== undefined, (qb) => qb.where('p.name', '=', filter.name ?? ''))
    .$if(filter.memberId !== undefined, (qb) =>
      qb.where(sql<SqlBool>`EXISTS (SELECT 1 FROM project_person_link ppl WHERE ppl.project_id = p.id AND ppl.person_id = ${filter.memberId ?? ''})`),
    )
    .orderBy('p.name')
    .execute();
  return rows.map((row) => {
    const {
      first_episode_id: firstEpisodeId, team, asset_types, task_types, task_statuses, task_types_priority, task_statuses_link, descriptors,
      status_automations, preview_background_files, ...project
    } = row;
    return {
      ...presentProject(project),
      team,
      asset_types,
      task_types,
      task_statuses,
      status_automations,
      preview_background_files,
      descriptors,
      task_types_priority,
      task_statuses_link,
      ...(project.production_type === 'tvshow' ? { first_episode_id: firstEpisodeId } : {}),
    };
  });
}

type ProjectDescriptor = OpenProject['descriptors'][number];

/**
 * Every project whatever its status (`data/projects/all`), by name: all of them (`memberId` unset)
 * or those whose team holds the person; with their status name, and for admins the production-level
 * metadata descriptors (Zou's admin productions view).
 */
export async function listAllProjects(db: Executor, filter: { memberId?: string; name?: string; withDescriptors: boolean }) {
  const rows = await db
    .selectFrom('project as p')
    .innerJoin('project_status as ps', 'ps.id', 'p.project_status_id')
    .select(P_COLUMNS)
    .select('ps.name as project_status_name')
    .$if(filter.withDescriptors, (qb) => qb.select(sql<ProjectDescriptor[]>`coalesce((
        SELECT json_agg(json_build_object('id', d.id, 'name', d.name, 'field_name', d.field_name, 'data_type', d.data_type,
                                          'choices', d.choices, 'for_client', d.for_client, 'entity_type', d.entity_type)
               ORDER BY d.position NULLS LAST, d.name)
          FROM metadata_descriptor d WHERE d.project_id = p.id AND d.entity_type = 'Project'), '[]'::json)`.as('descriptors')))
    .$if(filter.name !== undefined, (qb) => qb.where('p.name', '=', filter.name ?? ''))
    .$if(filter.memberId !== undefined, (qb) =>
      qb.where(sql<SqlBool>`EXISTS (SELECT 1 FROM project_person_link ppl WHERE ppl.project_id = p.id AND ppl.person_id = ${filter.memberId ?? ''})`),
    )
    .orderBy('p.name')
    .execute();
  return rows.map((row) => {
    const { project_status_name, descriptors, ...project } = row as typeof row & { descriptors?: ProjectDescriptor[] };
    return { ...presentProject(project), project_status_name, ...(descriptors ? { descriptors } : {}) };
  });
}
