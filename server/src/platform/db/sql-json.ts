import { sql, type RawBuilder } from 'kysely';

/** Pairs per call: `jsonb_build_object` takes at most 100 arguments, a key and a value each. */
const PAIRS_PER_CALL = 50;

/** `jsonb_build_object` of `key, value` pairs (SQL fragments), in chunks joined by `||` past 50 pairs. */
export function jsonbObjectOf(pairs: readonly RawBuilder<unknown>[]): RawBuilder<Record<string, unknown>> {
  const chunks: RawBuilder<unknown>[] = [];
  for (let i = 0; i < pairs.length; i += PAIRS_PER_CALL) chunks.push(sql`jsonb_build_object(${sql.join(pairs.slice(i, i + PAIRS_PER_CALL))})`);
  return sql<Record<string, unknown>>`(${sql.join(chunks, sql` || `)})`;
}
