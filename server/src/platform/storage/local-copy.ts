import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Storage } from './storage.ts';

/**
 * Tools that need a file on disk (sharp on large images, ffmpeg) work on a temporary copy of the
 * stored object, streamed down from the Storage whatever its kind; the copy and every file the work
 * writes next to it are removed afterwards.
 */
export async function withTempDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'rushes-work-'));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Copies `key` to `<dir>/<name>` and returns that path. */
export async function downloadTo(storage: Storage, key: string, dir: string, name = 'input'): Promise<string> {
  const file = path.join(dir, name);
  await pipeline(await storage.get(key), createWriteStream(file, { flags: 'wx' }));
  return file;
}
