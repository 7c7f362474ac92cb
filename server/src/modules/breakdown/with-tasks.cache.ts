import type { TablePiece } from './table-gzip.ts';

/** A fragment with its deflated form (table-gzip.ts), or other bytes of a table (its groups' list). */
export type CachedValue = Buffer | TablePiece;

const sizeOf = (value: CachedValue) => (Buffer.isBuffer(value) ? value.byteLength : value.raw.byteLength + value.deflated.byteLength);

/**
 * Production-table fragments (the UTF-8 JSON of one sequence's shots, of one asset type's assets) by
 * validator. A key names the fragment and the fingerprint of everything it shows, so an entry is
 * never stale: a change makes a new key, and the old entry ages out. Least recently used entries go
 * first once the byte budget is spent; a budget of 0 turns the cache off.
 */
export class FragmentCache {
  private readonly entries = new Map<string, CachedValue>();
  private size = 0;

  constructor(private readonly budgetBytes: number) {}

  get(key: string): CachedValue | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: CachedValue): void {
    if (sizeOf(value) > this.budgetBytes / 4) return;
    const previous = this.entries.get(key);
    if (previous !== undefined) {
      this.size -= sizeOf(previous);
      this.entries.delete(key);
    }
    this.entries.set(key, value);
    this.size += sizeOf(value);
    for (const [oldest, body] of this.entries) {
      if (this.size <= this.budgetBytes) break;
      this.entries.delete(oldest);
      this.size -= sizeOf(body);
    }
  }

  /** Bytes held. */
  get bytes(): number {
    return this.size;
  }
}
