import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { acceptsGzip, tableGzip, tableJson, tablePiece } from './table-gzip.ts';

const piece = (json: unknown[]) => tablePiece(Buffer.from(JSON.stringify(json).slice(1, -1)));

describe('tables from deflated pieces', () => {
  it('puts the pieces side by side as one JSON array, skipping empty ones, plain or gzip', () => {
    const pieces = [piece([{ id: 1, name: 'SH010' }]), piece([]), piece([{ id: 2 }, { id: 3, name: 'é 🎬' }]), piece([])];
    const json = tableJson(pieces);
    expect(JSON.parse(json.toString('utf8'))).toEqual([{ id: 1, name: 'SH010' }, { id: 2 }, { id: 3, name: 'é 🎬' }]);
    expect(gunzipSync(tableGzip(pieces)).equals(json)).toBe(true);
    expect(gunzipSync(tableGzip([])).toString()).toBe('[]');
  });

  it('deflates a piece once: the same bytes however many tables use it, and large pieces stay valid', () => {
    const big = piece(Array.from({ length: 20_000 }, (_, i) => ({ id: i, status: i % 7 === 0 ? 'wip' : 'done', padding: 'x'.repeat(i % 50) })));
    const small = piece([{ id: 'last' }]);
    const first = tableGzip([big, small]);
    expect(tableGzip([big, small]).equals(first)).toBe(true);
    expect(JSON.parse(gunzipSync(first).toString()).at(-1)).toEqual({ id: 'last' });
    expect(first.byteLength).toBeLessThan(big.raw.byteLength / 5);
  });

  it('reads Accept-Encoding as RFC 9110 says: q=0 refuses, * accepts', () => {
    expect(acceptsGzip('gzip, deflate, br, zstd')).toBe(true);
    expect(acceptsGzip('br;q=1.0, gzip;q=0.8')).toBe(true);
    expect(acceptsGzip('gzip;q=0, *')).toBe(false);
    expect(acceptsGzip('br')).toBe(false);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});
