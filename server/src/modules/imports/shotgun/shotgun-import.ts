import { isRecord, SgEntryError, sgIdOf, type SgRecord } from './shotgun-fields.ts';

/** The shape shared by every ShotGrid import: extract, de-duplicate, upsert, count, report failures. */

export interface Failure {
  entry: unknown;
  message: string;
}

export interface Item<V> {
  entry: SgRecord;
  value: V;
}

export interface Outcome {
  /** The imported rows as the API serialises them, in the order of the payload. */
  rows: object[];
  created: number;
  updated: number;
  unchanged: number;
  failures: Failure[];
}

/** A ShotGrid record's values: `null` skips it silently (records Zou filters out, e.g. tasks without step). */
export type Extract<V> = (entry: SgRecord) => V | null;

export function extractAll<V extends { shotgun_id: number }>(entries: unknown[], extract: Extract<V>): { items: Array<Item<V>>; failures: Failure[] } {
  const failures: Failure[] = [];
  const bySgId = new Map<number, Item<V>>();
  for (const entry of entries) {
    try {
      if (!isRecord(entry)) throw new SgEntryError('A ShotGrid record must be an object');
      sgIdOf(entry.id);
      const value = extract(entry);
      if (value === null) continue;
      // The same record twice in one payload: the last one wins, as it would over two calls.
      bySgId.delete(value.shotgun_id);
      bySgId.set(value.shotgun_id, { entry, value });
    } catch (error) {
      if (!(error instanceof SgEntryError)) throw error;
      failures.push({ entry, message: error.message });
    }
  }
  return { items: [...bySgId.values()], failures };
}

/** Keeps the first item per natural key; later ones fail with the message (they would collide in the database). */
export function rejectDuplicates<V>(items: Array<Item<V>>, failures: Failure[], key: (value: V) => string, message: (value: V) => string): Array<Item<V>> {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item.value);
    if (!seen.has(k)) {
      seen.add(k);
      return true;
    }
    failures.push({ entry: item.entry, message: message(item.value) });
    return false;
  });
}

/** Moves the items a check rejects into the failures. */
export function rejectWhere<V>(items: Array<Item<V>>, failures: Failure[], reason: (value: V) => string | undefined): Array<Item<V>> {
  return items.filter((item) => {
    const message = reason(item.value);
    if (message === undefined) return true;
    failures.push({ entry: item.entry, message });
    return false;
  });
}

export interface Written {
  id: string;
  inserted: boolean;
}

/** Created / updated / unchanged counts from an upsert's RETURNING and the rows whose relations changed. */
export function countOutcome(total: number, written: Written[], relationsChanged: Iterable<string> = []): Pick<Outcome, 'created' | 'updated' | 'unchanged'> {
  const created = new Set(written.filter((row) => row.inserted).map((row) => row.id));
  const updated = new Set(written.filter((row) => !row.inserted).map((row) => row.id));
  for (const id of relationsChanged) if (!created.has(id)) updated.add(id);
  return { created: created.size, updated: updated.size, unchanged: total - created.size - updated.size };
}

/** Rows read back by ShotGrid id, in payload order. */
export function inPayloadOrder<V extends { shotgun_id: number }, R extends { shotgun_id: number | null }>(items: Array<Item<V>>, rows: R[]): R[] {
  const bySgId = new Map(rows.map((row) => [row.shotgun_id, row]));
  return items.flatMap((item) => {
    const row = bySgId.get(item.value.shotgun_id);
    return row ? [row] : [];
  });
}
