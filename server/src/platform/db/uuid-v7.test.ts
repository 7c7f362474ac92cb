import { describe, expect, it } from 'vitest';
import { uuidV7 } from './uuid-v7.ts';

describe('uuidV7', () => {
  it('is a version 7, RFC variant UUID carrying the millisecond it was made', () => {
    const id = uuidV7(Date.UTC(2026, 11, 7, 12, 0, 0));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.UTC(2026, 11, 7, 12, 0, 0));
  });

  it('increases strictly, within a millisecond too and past 4,096 ids in one', () => {
    const now = Date.UTC(2027, 0, 1);
    const ids = Array.from({ length: 10_000 }, () => uuidV7(now));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    // And after a clock step back, still after the last one.
    const later = uuidV7(now - 5_000);
    expect(later > (ids.at(-1) ?? '')).toBe(true);
  });

  it('sorts like the database: in the order PostgreSQL compares uuids (bytes, as hex text)', () => {
    const a = uuidV7(Date.UTC(2028, 0, 1));
    const b = uuidV7(Date.UTC(2028, 0, 1) + 1);
    expect(a < b).toBe(true);
  });
});
