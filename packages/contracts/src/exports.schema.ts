import { Type, type Static } from 'typebox';

/**
 * CSV exports (Zou contract §8.7): `;`-delimited UTF-8, `text/csv`, `Content-Disposition: attachment;
 * filename=kitsu_<slug>.csv`, streamed (chunked transfer encoding). Text cells a spreadsheet would run
 * as a formula (starting with = + - @, a tab or a carriage return) are prefixed with an apostrophe;
 * the CSV import removes it again.
 */

const open = { additionalProperties: true } as const;

export const ExportProjectParams = Type.Object({ project_id: Type.String({ description: 'Project UUID' }) });
export type ExportProjectParams = Static<typeof ExportProjectParams>;

export const ProjectExportQuery = Type.Object(
  {
    episode_id: Type.Optional(Type.String({ description: 'Episode UUID to narrow the export; `all` for every episode (casting: `main` = main pack, `all` = episode casting)' })),
    assigned_to: Type.Optional(Type.String({ description: 'Present (any value): only entities / tasks assigned to the caller' })),
    is_shot_casting: Type.Optional(Type.String({ description: 'Casting only: `true` exports the casting of shots instead of assets' })),
  },
  open,
);
export type ProjectExportQuery = Static<typeof ProjectExportQuery>;

/** The OpenAPI description of a CSV response (the body is streamed text, not JSON). */
export function csvResponse(columns: string) {
  return {
    description: `CSV file, ';'-delimited. Columns: ${columns}`,
    content: { 'text/csv': { schema: { type: 'string' as const } } },
  };
}

export const EXPORT_COLUMNS = {
  shots: 'Project;Episode;Sequence;Name;Description;Time Spent (days of 8 hours);Frames;Frame In;Frame Out;FPS; one column per Shot metadata descriptor (its display name); then for each task type present, ordered by task type priority then name: <Task Type> (status short name);Assignations (comma-separated full names). Rows sorted by episode, sequence, shot name.',
  assets: 'Project;Type;[Episode — tv shows only, MP for the main pack];Name;Description;Time Spent; one column per Asset metadata descriptor; then <Task Type>;Assignations per task type present. Rows sorted by asset type then name.',
  casting: '[Episode — tv shows];Parent (sequence for shots, asset type for assets, "Episode" for episodes);Name;Asset Type;Asset;Occurences;Label',
  tasks: 'Project;Task Type;Episode;Sequence;Entity Type;Entity;Assigner;Assignees;Duration (minutes);Estimation (minutes);Start date;Due date;WIP date;Validation date;Task Status',
  persons: 'First Name;Last Name;Email;Phone;Role;Departments;Studio;Country;Contract Type;Position;Seniority;Daily Salary;Active (yes/no)',
  taskTypes: 'Department;Name',
  projects: 'Name;Status',
} as const;
