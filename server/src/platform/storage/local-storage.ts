import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  assertSafeKey,
  ByteLimiter,
  StorageNotFoundError,
  type ByteRange,
  type PutOptions,
  type Storage,
  type StoredObject,
} from './storage.ts';

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * Files under one root directory. Writes go to `<root>/.tmp` first and are renamed into place, so a
 * reader never sees half a file and a failed write leaves nothing.
 */
export class LocalStorage implements Storage {
  readonly kind = 'local';

  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    assertSafeKey(key);
    const full = path.resolve(this.root, key);
    // Belt and braces: assertSafeKey already makes this impossible.
    if (!full.startsWith(path.resolve(this.root) + path.sep)) throw new Error(`Refused storage key ${JSON.stringify(key)}.`);
    return full;
  }

  async put(key: string, body: Readable, options: PutOptions = {}): Promise<StoredObject> {
    const target = this.pathOf(key);
    const tmpDir = path.join(this.root, '.tmp');
    await mkdir(tmpDir, { recursive: true });
    await mkdir(path.dirname(target), { recursive: true });
    const tmp = path.join(tmpDir, randomUUID());
    const limiter = new ByteLimiter(options.maxBytes);
    try {
      await pipeline(body, limiter, createWriteStream(tmp, { flags: 'wx' }));
      await rename(tmp, target);
    } catch (error) {
      // pipeline() has destroyed the streams already.
      await rm(tmp, { force: true });
      throw error;
    }
    return { size: limiter.bytes };
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    const file = this.pathOf(key);
    if (range && range.end <= range.start) return Readable.from([]);
    try {
      const handle = await open(file, 'r');
      // FileHandle streams close their handle when they end or are destroyed.
      return handle.createReadStream(range ? { start: range.start, end: range.end - 1 } : {});
    } catch (error) {
      if (isMissing(error)) throw new StorageNotFoundError(key);
      throw error;
    }
  }

  async stat(key: string): Promise<StoredObject | undefined> {
    try {
      const info = await stat(this.pathOf(key));
      return info.isFile() ? { size: info.size } : undefined;
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    return (await this.stat(key)) !== undefined;
  }
}
