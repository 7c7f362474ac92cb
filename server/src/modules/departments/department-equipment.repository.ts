import type { Executor, Tx } from '../../platform/db/database.ts';

/** The two kinds of equipment a department is linked to. */
export type Equipment = 'software' | 'hardware-items';

export async function rowExists(db: Executor, table: 'department' | 'software' | 'hardware_item', id: string): Promise<boolean> {
  return (await db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** Software licences linked to departments (one department, or all of them), with the department id. */
export function linkedSoftware(db: Executor, departmentId?: string) {
  return db
    .selectFrom('department_software_link as l')
    .innerJoin('software as s', 's.id', 'l.software_id')
    .selectAll('s')
    .select('l.department_id')
    .$if(departmentId !== undefined, (qb) => qb.where('l.department_id', '=', departmentId ?? ''))
    .orderBy('s.name')
    .execute();
}

/** Hardware items linked to departments (one department, or all of them), with the department id. */
export function linkedHardwareItems(db: Executor, departmentId?: string) {
  return db
    .selectFrom('department_hardware_item_link as l')
    .innerJoin('hardware_item as h', 'h.id', 'l.hardware_item_id')
    .selectAll('h')
    .select('l.department_id')
    .$if(departmentId !== undefined, (qb) => qb.where('l.department_id', '=', departmentId ?? ''))
    .orderBy('h.name')
    .execute();
}

/** Links an item; returns whether the link is new. */
export async function link(tx: Tx, equipment: Equipment, departmentId: string, itemId: string): Promise<boolean> {
  const insert = equipment === 'software'
    ? tx.insertInto('department_software_link').values({ department_id: departmentId, software_id: itemId })
    : tx.insertInto('department_hardware_item_link').values({ department_id: departmentId, hardware_item_id: itemId });
  const result = await insert.onConflict((oc) => oc.doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Unlinks an item; returns whether it was linked. */
export async function unlink(tx: Tx, equipment: Equipment, departmentId: string, itemId: string): Promise<boolean> {
  const remove = equipment === 'software'
    ? tx.deleteFrom('department_software_link').where('department_id', '=', departmentId).where('software_id', '=', itemId)
    : tx.deleteFrom('department_hardware_item_link').where('department_id', '=', departmentId).where('hardware_item_id', '=', itemId);
  return Number((await remove.executeTakeFirst()).numDeletedRows) > 0;
}
