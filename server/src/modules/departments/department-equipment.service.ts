import type { Actor } from '../../platform/auth/actor.ts';
import { requireAdmin } from '../../platform/auth/permissions.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { inTransaction } from '../../platform/db/unit-of-work.ts';
import { errors } from '../../platform/errors/index.ts';
import type { AppDeps } from '../../platform/http/types.ts';
import { isUuid } from '../../platform/http/uuid.ts';
import * as repo from './department-equipment.repository.ts';
import type { Equipment } from './department-equipment.repository.ts';
import type { Static } from 'typebox';
import type { HardwareItem, SoftwareLicence } from '../../../../packages/contracts/src/departments.schema.ts';

type Deps = Pick<AppDeps, 'db' | 'events'>;

const ITEM = {
  software: { table: 'software', key: 'software_id', missing: 'Software not found' },
  'hardware-items': { table: 'hardware_item', key: 'hardware_item_id', missing: 'Hardware item not found' },
} as const;

/** Zou's check_id_parameter: a malformed id is a 400, not a missing row. */
function checkId(value: string): string {
  if (!isUuid(value)) throw errors.badRequest(`Invalid id: ${value}`);
  return value.toLowerCase();
}

async function existingDepartment(deps: Deps, departmentId: string): Promise<string> {
  const id = checkId(departmentId);
  if (!(await repo.rowExists(deps.db, 'department', id))) throw errors.notFound('Department not found');
  return id;
}

type SoftwareView = Static<typeof SoftwareLicence>;
type HardwareItemView = Static<typeof HardwareItem>;

function groupByDepartment<T>(rows: Array<{ department_id: string; row: T }>): Record<string, T[]> {
  const byDepartment: Record<string, T[]> = {};
  for (const { department_id, row } of rows) (byDepartment[department_id] ??= []).push(row);
  return byDepartment;
}

async function softwareRows(deps: Deps, departmentId?: string) {
  return (await repo.linkedSoftware(deps.db, departmentId)).map(({ department_id, ...row }) => ({ department_id, row: { ...row, type: 'Software' as const } }));
}

async function hardwareRows(deps: Deps, departmentId?: string) {
  return (await repo.linkedHardwareItems(deps.db, departmentId)).map(({ department_id, ...row }) => ({ department_id, row: { ...row, type: 'HardwareItem' as const } }));
}

/** `GET data/departments/software-licenses`: every department's software licences, keyed by department id (admin). */
export async function softwareByDepartment(deps: Deps, actor: Actor): Promise<Record<string, SoftwareView[]>> {
  requireAdmin(actor);
  return groupByDepartment(await softwareRows(deps));
}

/** `GET data/departments/hardware-items`: every department's hardware items, keyed by department id (admin). */
export async function hardwareItemsByDepartment(deps: Deps, actor: Actor): Promise<Record<string, HardwareItemView[]>> {
  requireAdmin(actor);
  return groupByDepartment(await hardwareRows(deps));
}

/** `GET data/departments/<id>/software-licenses` (admin; 404 for no such department). */
export async function departmentSoftware(deps: Deps, actor: Actor, departmentId: string): Promise<SoftwareView[]> {
  requireAdmin(actor);
  return (await softwareRows(deps, await existingDepartment(deps, departmentId))).map(({ row }) => row);
}

/** `GET data/departments/<id>/hardware-items` (admin; 404 for no such department). */
export async function departmentHardwareItems(deps: Deps, actor: Actor, departmentId: string): Promise<HardwareItemView[]> {
  requireAdmin(actor);
  return (await hardwareRows(deps, await existingDepartment(deps, departmentId))).map(({ row }) => row);
}

/** `POST data/departments/<id>/<…> {software_id | hardware_item_id}`: links the item (once); the route answers the link (admin). */
export async function linkEquipment(
  deps: Deps, actor: Actor, equipment: Equipment, departmentId: string, itemId: string,
): Promise<{ department_id: string; item_id: string }> {
  requireAdmin(actor);
  const id = await existingDepartment(deps, departmentId);
  const item = checkId(itemId);
  if (!(await repo.rowExists(deps.db, ITEM[equipment].table, item))) throw errors.notFound(ITEM[equipment].missing);
  return inTransaction(deps, async (tx) => {
    if (await repo.link(tx, equipment, id, item)) {
      await recordAudit(tx, { actorId: actor.id, action: `add-${equipment}`, objectType: 'department', objectId: id, after: { [ITEM[equipment].key]: item } });
    }
    return { department_id: id, item_id: item };
  });
}

/** `DELETE data/departments/<id>/<…>/<item_id>`: unlinks the item (admin; 404 for no such department or item). */
export async function unlinkEquipment(deps: Deps, actor: Actor, equipment: Equipment, departmentId: string, itemId: string): Promise<void> {
  requireAdmin(actor);
  const id = await existingDepartment(deps, departmentId);
  const item = checkId(itemId);
  if (!(await repo.rowExists(deps.db, ITEM[equipment].table, item))) throw errors.notFound(ITEM[equipment].missing);
  await inTransaction(deps, async (tx) => {
    if (await repo.unlink(tx, equipment, id, item)) {
      await recordAudit(tx, { actorId: actor.id, action: `remove-${equipment}`, objectType: 'department', objectId: id, before: { [ITEM[equipment].key]: item } });
    }
  });
}
