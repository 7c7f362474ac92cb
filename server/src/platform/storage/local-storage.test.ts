import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalStorage } from './local-storage.ts';
import { assertSafeKey, StorageLimitError, StorageNotFoundError } from './storage.ts';

let dir: string;
let storage: LocalStorage;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rushes-storage-'));
  storage = new LocalStorage(path.join(dir, 'files'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('local storage', () => {
  it('stores, streams, ranges, stats and deletes an object', async () => {
    expect(await storage.put('media/abc/original.txt', Readable.from([Buffer.from('hello '), Buffer.from('world')]))).toEqual({ size: 11 });
    expect(await text(await storage.get('media/abc/original.txt'))).toBe('hello world');
    expect(await text(await storage.get('media/abc/original.txt', { start: 6, end: 11 }))).toBe('world');
    expect(await text(await storage.get('media/abc/original.txt', { start: 3, end: 3 }))).toBe('');
    expect(await storage.stat('media/abc/original.txt')).toEqual({ size: 11 });
    expect(await storage.exists('media/abc/original.txt')).toBe(true);
    await storage.delete('media/abc/original.txt');
    expect(await storage.exists('media/abc/original.txt')).toBe(false);
    expect(await storage.stat('media/abc/original.txt')).toBeUndefined();
    await expect(storage.get('media/abc/original.txt')).rejects.toBeInstanceOf(StorageNotFoundError);
    await storage.delete('media/abc/original.txt');
  });

  it('refuses a stream past its size limit and leaves nothing behind', async () => {
    const big = Readable.from([Buffer.alloc(600), Buffer.alloc(600)]);
    await expect(storage.put('uploads/too-big.zip', big, { maxBytes: 1000 })).rejects.toBeInstanceOf(StorageLimitError);
    expect(await storage.exists('uploads/too-big.zip')).toBe(false);
    expect(await readdir(path.join(dir, 'files', '.tmp'))).toEqual([]);
  });

  it.each([
    ['../escape.txt'],
    ['media/../../escape.txt'],
    ['/etc/passwd'],
    ['C:/windows/file'],
    ['media\\file.txt'],
    ['media//file.txt'],
    ['media/./file.txt'],
    ['media/user name.png'],
    [''],
  ])('refuses the key %j', async (key) => {
    expect(() => assertSafeKey(key)).toThrow(/Refused storage key/);
    await expect(storage.put(key, Readable.from([Buffer.from('x')]))).rejects.toThrow(/Refused storage key/);
    await expect(storage.get(key)).rejects.toThrow(/Refused storage key/);
  });
});
