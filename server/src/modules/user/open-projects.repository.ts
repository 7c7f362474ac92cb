import { sql, type RawBuilder } from 'kysely';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { OpenProject } from '../../../../packages/contracts/src/user.schema.ts';
import { jsonObject, PROJECT_COLUMNS } from './wire-columns.ts';

/**
 * The open projects a user works on, as Zou's `get_open_projects` returns them: the project with its
 * relations (team, asset types, task types, task statuses as ids), its metadata descriptors (clients:
 * only those published to them; vendors: those of their departments), `task_types_priority`,
 * `task_statuses_link` and, for TV shows, `first_episode_id`. One statement.
 */
export async function listOpenProjects(db: Executor, actor: Actor, options: { name?: string } = {}): Promise<OpenProject[]> {
  const membership = actor.role === 'admin'
    ? sql``
    : sql`AND EXISTS (SELECT 1 FROM project_person_link me WHERE me.project_id = p.id AND me.person_id = ${actor.id})`;
  const byName = options.name === undefined ? sql`` : sql`AND p.name = ${options.name}`;
  const result = await sql<{ project: OpenProject }>`
    SELECT ${jsonObject('p', PROJECT_COLUMNS, 'Project')} || jsonb_build_object(
             'team', ARRAY(SELECT l.person_id FROM project_person_link l WHERE l.project_id = p.id ORDER BY l.created_at),
             'asset_types', ARRAY(SELECT l.asset_type_id FROM project_asset_type_link l WHERE l.project_id = p.id),
             'task_types', ARRAY(SELECT l.task_type_id FROM project_task_type_link l WHERE l.project_id = p.id ORDER BY l.priority NULLS LAST),
             'task_statuses', ARRAY(SELECT l.task_status_id FROM project_task_status_link l WHERE l.project_id = p.id ORDER BY l.priority NULLS LAST),
             'status_automations', ARRAY(SELECT l.status_automation_id FROM project_status_automation_link l WHERE l.project_id = p.id),
             'preview_background_files', ARRAY(SELECT l.preview_background_file_id FROM project_preview_background_file_link l
                                                WHERE l.project_id = p.id),
             'descriptors', ${descriptors(actor)},
             'task_types_priority', (SELECT coalesce(jsonb_object_agg(l.task_type_id, l.priority), '{}'::jsonb)
                                       FROM project_task_type_link l WHERE l.project_id = p.id),
             'task_statuses_link', (SELECT coalesce(jsonb_object_agg(l.task_status_id,
                                       jsonb_build_object('priority', l.priority, 'roles_for_board', l.roles_for_board)), '{}'::jsonb)
                                      FROM project_task_status_link l WHERE l.project_id = p.id))
           || CASE WHEN p.production_type = 'tvshow' THEN coalesce((
                SELECT jsonb_build_object('first_episode_id', ep.id)
                  FROM entity ep JOIN entity_type ept ON ept.id = ep.entity_type_id AND ept.name = 'Episode'
                 WHERE ep.project_id = p.id
                 ORDER BY ep.status <> 'running', ep.name LIMIT 1), '{}'::jsonb)
              ELSE '{}'::jsonb END AS project
      FROM project p
      JOIN project_status ps ON ps.id = p.project_status_id AND ps.name = 'Open'
     WHERE true ${membership} ${byName}
     ORDER BY p.name`.execute(db);
  return result.rows.map((row) => row.project);
}

function descriptors(actor: Actor): RawBuilder<unknown> {
  const visible =
    actor.role === 'client'
      ? sql`AND md.for_client`
      : actor.role === 'vendor'
        ? sql`AND (NOT EXISTS (SELECT 1 FROM metadata_descriptor_department_link d WHERE d.metadata_descriptor_id = md.id)
                   OR EXISTS (SELECT 1 FROM metadata_descriptor_department_link d
                               WHERE d.metadata_descriptor_id = md.id AND d.department_id = ANY(${actor.departmentIds}::uuid[])))`
        : sql``;
  return sql`(SELECT coalesce(jsonb_agg(jsonb_build_object(
              'id', md.id, 'name', md.name, 'field_name', md.field_name, 'data_type', md.data_type, 'choices', md.choices,
              'for_client', md.for_client, 'entity_type', md.entity_type, 'task_type_id', md.task_type_id, 'position', md.position,
              'departments', ARRAY(SELECT d.department_id FROM metadata_descriptor_department_link d WHERE d.metadata_descriptor_id = md.id))
              ORDER BY md.position NULLS LAST, md.name), '[]'::jsonb)
             FROM metadata_descriptor md WHERE md.project_id = p.id ${visible})`;
}
