import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { DomainEvent } from '../../platform/events/event-bus.ts';
import type { EntityRecord } from './entity.presenter.ts';

type CreatedKind = 'Episode' | 'Sequence' | 'Shot' | 'Asset';

/**
 * What every breakdown creation leaves, in its transaction: the `<kind>:new` event (`<kind>_id` plus
 * the kind's extra keys: a shot's episode, an asset's type) and the creation audit with the row.
 */
export async function recordEntityCreation(
  tx: Tx,
  events: DomainEvent[],
  actor: Actor,
  created: { kind: CreatedKind; row: EntityRecord; projectId: string; eventData?: Record<string, unknown> },
): Promise<void> {
  const { row, projectId } = created;
  const name = created.kind.toLowerCase();
  events.push({ name: `${name}:new`, data: { [`${name}_id`]: row.id, ...created.eventData }, projectId, actorId: actor.id });
  await recordAudit(tx, { actorId: actor.id, action: 'create', objectType: name, objectId: row.id, projectId, after: row });
}
