/**
 * Entities are one table; their kind comes from the entity type's name. Temporal kinds keep their own
 * name as Zou `type` ("Shot", "Sequence"...); every other entity type is an asset type ("Asset").
 */
export const TEMPORAL_KINDS = ['Shot', 'Sequence', 'Episode', 'Scene', 'Edit', 'Concept'] as const;
export type TemporalKind = (typeof TEMPORAL_KINDS)[number];
export type EntityKind = TemporalKind | 'Asset';

export function entityKindOf(entityTypeName: string): EntityKind {
  return (TEMPORAL_KINDS as readonly string[]).includes(entityTypeName) ? (entityTypeName as TemporalKind) : 'Asset';
}

/** Event prefix of a kind: "shot", "asset", "sequence"... (§7.2). */
export const eventKindOf = (kind: EntityKind): string => kind.toLowerCase();

/** A task type's `for_entity` matches an entity when kinds agree (any asset type for "Asset"). */
export function taskTypeMatchesEntity(forEntity: string, entityTypeName: string): boolean {
  return forEntity === entityKindOf(entityTypeName);
}
