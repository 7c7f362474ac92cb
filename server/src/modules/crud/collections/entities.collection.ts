import { sql } from 'kysely';
import { EntityLinkRow, EntityRow } from '../../../../../packages/contracts/src/models/index.ts';
import { entityKindOf } from '../../breakdown/entity-kind.ts';
import { all, any, manager, member, owner, vendorAssigned } from '../crud.policy.ts';
import { deleteEntityChildren } from '../cascade.repository.ts';
import type { Collection } from '../crud.types.ts';
import { cancelEntity, entityHasTasks } from '../model-rules.repository.ts';
import { mergeData } from './merge-data.ts';
import { adminPolicy } from './policies.ts';

const managerOrCreator = any(manager, all(member, owner('created_by')));

/**
 * Assets, shots, sequences, episodes... in one table. `type` is the kind (the entity type's name for
 * temporal kinds, else "Asset"), and so are event names (`shot:new {shot_id}`).
 */
export const entities: Collection = {
  name: 'entities',
  table: 'entity',
  typeName: 'Entity',
  schema: EntityRow,
  project: { column: 'project_id' },
  relations: {
    entities_out: { link: 'entity_link', own: 'entity_in_id', other: 'entity_out_id', target: 'entity' },
    entities_in: { link: 'entity_link', own: 'entity_out_id', other: 'entity_in_id', target: 'entity' },
  },
  extraSelects: {
    _entity_type_name: (t) => sql`(SELECT et.name FROM entity_type et WHERE et.id = ${sql.ref(`${t}.entity_type_id`)})`,
  },
  present: (base, row) => ({ ...base, type: entityKindOf(String(row._entity_type_name ?? '')) }),
  eventKind: (entity) => String(entity.type).toLowerCase(),
  protectedOnUpdate: ['type', 'shotgun_id', 'created_by', 'entities_in', 'entities_out', 'instance_casting'],
  updateWithRelations: true,
  policy: {
    list: { projects: 'member-open', vendors: { assignedEntity: 'id' } },
    read: all(member, vendorAssigned({ entity: 'id' })),
    create: manager,
    update: managerOrCreator,
    delete: managerOrCreator,
  },
  hooks: {
    async beforeCreate(ctx, values) {
      values.created_by ??= ctx.actor.id;
    },
    async beforeUpdate(_ctx, current, changes) {
      mergeData(current, changes);
    },
    /** An entity with tasks is only flagged canceled unless `force` deletes its tasks first (§8.9). */
    async beforeDelete(ctx, current, force) {
      const id = String(current.id);
      if (force) {
        await deleteEntityChildren(ctx.tx, [id]);
        return;
      }
      if (await entityHasTasks(ctx.tx, id)) {
        await cancelEntity(ctx.tx, id);
        return 'handled';
      }
    },
  },
};

/** Casting rows (asset cast into a shot, episode or asset): admin only through CRUD. */
export const entityLinks: Collection = {
  name: 'entity-links',
  table: 'entity_link',
  typeName: 'EntityLink',
  schema: EntityLinkRow,
  project: { via: 'entity', column: 'entity_in_id' },
  policy: adminPolicy,
};
