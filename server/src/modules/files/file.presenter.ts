import type { Selectable } from 'kysely';
import type { OutputFile, OutputType, WorkingFile } from '../../../../packages/contracts/src/files.schema.ts';
import type { OutputFile as OutputFileTable, OutputType as OutputTypeTable, WorkingFile as WorkingFileTable } from '../../platform/db/schema.ts';

/** Zou's columns and `type`; nothing else of a row reaches the wire. */

export function presentWorkingFile(row: Selectable<WorkingFileTable>): WorkingFile {
  return {
    id: row.id,
    type: 'WorkingFile',
    created_at: row.created_at,
    updated_at: row.updated_at,
    shotgun_id: row.shotgun_id,
    name: row.name,
    description: row.description,
    comment: row.comment,
    revision: row.revision,
    size: row.size,
    checksum: row.checksum,
    path: row.path,
    data: row.data,
    task_id: row.task_id,
    entity_id: row.entity_id,
    person_id: row.person_id,
    software_id: row.software_id,
  };
}

export function presentOutputFile(row: Selectable<OutputFileTable>): OutputFile {
  return {
    id: row.id,
    type: 'OutputFile',
    created_at: row.created_at,
    updated_at: row.updated_at,
    shotgun_id: row.shotgun_id,
    name: row.name,
    canceled: row.canceled,
    size: row.size,
    checksum: row.checksum,
    description: row.description,
    comment: row.comment,
    extension: row.extension,
    revision: row.revision,
    representation: row.representation,
    nb_elements: row.nb_elements,
    source: row.source,
    path: row.path,
    data: row.data,
    file_status_id: row.file_status_id,
    entity_id: row.entity_id,
    asset_instance_id: row.asset_instance_id,
    output_type_id: row.output_type_id,
    task_type_id: row.task_type_id,
    person_id: row.person_id,
    source_file_id: row.source_file_id,
    temporal_entity_id: row.temporal_entity_id,
  };
}

export function presentOutputType(row: Selectable<OutputTypeTable>): OutputType {
  return { id: row.id, type: 'OutputType', created_at: row.created_at, updated_at: row.updated_at, name: row.name, short_name: row.short_name };
}
