import { randomInt, randomUUID } from 'node:crypto';

/**
 * Time-ordered UUIDs (version 7: 48 bits of Unix milliseconds, 12 bits of sequence, then random bits),
 * like the database's `uuid_v7()` default (migration 0150). Made here for rows written by the
 * thousand (the event log of a CSV import): the SQL function costs a few microseconds a row inside the
 * statement, and the writer learns the ids without reading them back. Within this process the ids
 * increase strictly — events recorded in the same millisecond keep their order — by counting in the
 * 12 bits after the version (RFC 9562's "fixed-length dedicated counter"), moving to the next
 * millisecond when they run out.
 */
let lastMs = 0;
let sequence = 0;

export function uuidV7(now = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    // A random start leaves room to count and keeps two processes' ids of one millisecond apart.
    sequence = randomInt(0x800);
  } else if (++sequence > 0xfff) {
    lastMs += 1;
    sequence = 0;
  }
  const time = lastMs.toString(16).padStart(12, '0');
  // randomUUID is xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx: its variant and last 62 random bits are kept.
  const random = randomUUID();
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${sequence.toString(16).padStart(3, '0')}-${random.slice(19)}`;
}

/** The smallest version-7 UUID of millisecond `ms`: ids compared to it select the rows made from then on. */
export function uuidV7Floor(ms: number): string {
  const time = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0');
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7000-8000-000000000000`;
}
