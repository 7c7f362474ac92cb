import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { errors } from '../../platform/errors/index.ts';
import { criterionSql, type Criterion } from './entity-criteria.ts';
import { entityKindOf, TEMPORAL_KINDS, type EntityKind } from './entity-kind.ts';
import { E_COLUMNS, presentEntity, presentEntityWith, type EntityRecord, type EntityView } from './entity.presenter.ts';

export type { EntityRecord } from './entity.presenter.ts';
export interface KindedEntity extends EntityRecord {
  entity_type_name: string;
  kind: EntityKind;
}

/** One entity with its kind, or undefined. */
export async function findEntity(db: Executor, id: string): Promise<KindedEntity | undefined> {
  const row = await db
    .selectFrom('entity as e')
    .innerJoin('entity_type as et', 'et.id', 'e.entity_type_id')
    .select([...E_COLUMNS, 'et.name as entity_type_name'])
    .where('e.id', '=', id)
    .executeTakeFirst();
  return row ? { ...row, kind: entityKindOf(row.entity_type_name) } : undefined;
}

/** Typed getter: 404 when the id is unknown or names an entity of another kind (§3.7). */
export async function getEntityOfKind(db: Executor, id: string, kind: EntityKind): Promise<KindedEntity> {
  const entity = await findEntity(db, id);
  if (!entity || entity.kind !== kind) throw errors.notFound();
  return entity;
}

/** An entity a new one is attached to (sequence, episode): 404 unless it is of that kind in that project. */
export async function getProjectEntityOfKind(db: Executor, id: string, kind: EntityKind, projectId: string): Promise<KindedEntity> {
  const entity = await getEntityOfKind(db, id, kind);
  if (entity.project_id !== projectId) throw errors.notFound();
  return entity;
}

/** Locks an entity row for the rest of the transaction (deletion, casting). */
export async function lockEntity(db: Executor, id: string): Promise<void> {
  await db.selectFrom('entity').select('id').where('id', '=', id).forUpdate().execute();
}

/** The condition "entity type of `e` is of this kind" (any non-temporal type for assets). */
export function kindSql(kind: EntityKind): RawBuilder<SqlBool> {
  if (kind === 'Asset') return sql<SqlBool>`et.name <> ALL(${[...TEMPORAL_KINDS]}::text[])`;
  return sql<SqlBool>`et.name = ${kind}`;
}

/**
 * Vendors only see entities with a task assigned to them (§5.2 entity access); for sequences and
 * episodes a task on something below them counts (Zou's `only_assigned` listings).
 */
export function assignedSql(kind: EntityKind, personId: string): RawBuilder<SqlBool> {
  const scope =
    kind === 'Sequence'
      ? sql`SELECT e.id UNION ALL SELECT c.id FROM entity c WHERE c.parent_id = e.id`
      : kind === 'Episode'
        ? sql`SELECT e.id
              UNION ALL SELECT c.id FROM entity c WHERE c.parent_id IN (SELECT s.id FROM entity s WHERE s.parent_id = e.id)
              UNION ALL SELECT a.id FROM entity a WHERE a.source_id = e.id`
        : sql`SELECT e.id`;
  return sql<SqlBool>`EXISTS (SELECT 1 FROM task t JOIN assignations asg ON asg.task_id = t.id
    WHERE asg.person_id = ${personId} AND t.entity_id IN (${scope}))`;
}

export interface EntityListOptions {
  kind: EntityKind;
  criteria: Criterion[];
  /** Vendors: only entities with a task assigned to this person. */
  assignedTo?: string;
  /** Non-admins listing without a project: only projects this person is in the team of. */
  teamMemberId?: string;
  /** Assets of an episode: its own (source) assets and the ones cast in it. */
  episodeId?: string;
}

function entityListQuery(db: Executor, options: EntityListOptions) {
  const { kind, criteria, assignedTo, teamMemberId, episodeId } = options;
  return db
    .selectFrom('entity as e')
    .innerJoin('entity_type as et', 'et.id', 'e.entity_type_id')
    .innerJoin('project as p', 'p.id', 'e.project_id')
    .leftJoin('entity as sq', 'sq.id', 'e.parent_id')
    .select([...E_COLUMNS, 'p.name as project_name', 'sq.name as sequence_name'])
    .where(kindSql(kind))
    .$call((qb) => criteria.reduce((acc, criterion) => acc.where(criterionSql(criterion)), qb))
    .$if(assignedTo !== undefined, (qb) => qb.where(assignedSql(kind, assignedTo ?? '')))
    .$if(teamMemberId !== undefined, (qb) =>
      qb.where(sql<SqlBool>`EXISTS (SELECT 1 FROM project_person_link ppl
        WHERE ppl.project_id = e.project_id AND ppl.person_id = ${teamMemberId ?? ''})`),
    )
    .$if(episodeId !== undefined, (qb) =>
      qb.where(sql<SqlBool>`(e.source_id = ${episodeId ?? ''} OR EXISTS (SELECT 1 FROM entity_link l
        WHERE l.entity_out_id = e.id AND l.entity_in_id = ${episodeId ?? ''}))`),
    )
    .orderBy('e.name')
    .orderBy('e.id');
}

/** Entities of one kind matching the criteria, ordered by name, in one query. */
export async function listEntities(db: Executor, options: EntityListOptions): Promise<EntityView[]> {
  const rows = await entityListQuery(db, options).execute();
  return rows.map((row) => presentEntity(row, options.kind));
}

/** Shots matching the criteria with their project and sequence names (`data/shots/all`). */
export async function listNamedShots(db: Executor, options: Omit<EntityListOptions, 'kind'>) {
  const rows = await entityListQuery(db, { ...options, kind: 'Shot' }).execute();
  return rows.map((row) => presentEntityWith(row, 'Shot', ['project_name', 'sequence_name']));
}

/** Shots of an episode (through its sequences), ordered by name. */
export async function listShotsOfEpisode(db: Executor, episodeId: string, assignedTo?: string): Promise<EntityView[]> {
  const rows = await db
    .selectFrom('entity as e')
    .innerJoin('entity_type as et', 'et.id', 'e.entity_type_id')
    .innerJoin('entity as sq', 'sq.id', 'e.parent_id')
    .select(E_COLUMNS)
    .where(kindSql('Shot'))
    .where('sq.parent_id', '=', episodeId)
    .$if(assignedTo !== undefined, (qb) => qb.where(assignedSql('Shot', assignedTo ?? '')))
    .orderBy('e.name')
    .orderBy('e.id')
    .execute();
  return rows.map((row) => presentEntity(row, 'Shot'));
}

/** Assets cast in an entity (`entities_out`), ordered by name. */
export async function listCastAssets(db: Executor, entityId: string): Promise<EntityView[]> {
  const rows = await db
    .selectFrom('entity_link as l')
    .innerJoin('entity as e', 'e.id', 'l.entity_out_id')
    .select(E_COLUMNS)
    .where('l.entity_in_id', '=', entityId)
    .orderBy('e.name')
    .orderBy('e.id')
    .execute();
  return rows.map((row) => presentEntity(row, 'Asset'));
}
