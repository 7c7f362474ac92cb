import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { zipStream, type ZipSource } from './zip-stream.ts';

const run = promisify(execFile);

const source = (name: string, data: Buffer, size = data.length): ZipSource => ({ name, size, open: async () => Readable.from([data.subarray(0, data.length / 2), data.subarray(data.length / 2)]) });

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Every entry's name and bytes, read back with yauzl (UTF-8 names, sizes checked against the directory). */
function entriesOf(zip: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true, validateEntrySizes: true }, (error, archive) => {
      if (error || !archive) return reject(error ?? new Error('no archive'));
      const read = new Map<string, Buffer>();
      archive.on('entry', (entry: yauzl.Entry) => {
        archive.openReadStream(entry, (openError, stream) => {
          if (openError || !stream) return reject(openError ?? new Error('no stream'));
          collect(stream).then((data) => {
            read.set(entry.fileName, data);
            archive.readEntry();
          }, reject);
        });
      });
      archive.on('end', () => resolve(read));
      archive.on('error', reject);
      archive.readEntry();
    });
  });
}

describe('zipStream', () => {
  it('writes an archive unzip verifies (CRCs, sizes, UTF-8 names), byte for byte, with no listener left behind', async () => {
    const files = Array.from({ length: 40 }, (_unused, index) => ({ name: `SQ010_SH${index}_Layout_v${index}é.bin`, data: randomBytes(200_000 + index) }));
    const stream = zipStream(files.map((file) => source(file.name, file.data)));
    // Read slowly, so that the writer waits for drains; count the listeners it leaves meanwhile.
    const chunks: Buffer[] = [];
    let mostListeners = 0;
    for await (const chunk of stream) {
      chunks.push(chunk as Buffer);
      mostListeners = Math.max(mostListeners, stream.listenerCount('close'));
      await new Promise((resolve) => setImmediate(resolve));
    }
    const zip = Buffer.concat(chunks);
    expect(mostListeners).toBeLessThan(5);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rushes-zip-'));
    try {
      const file = path.join(dir, 'a.zip');
      await writeFile(file, zip);
      expect((await run('unzip', ['-t', file])).stdout).toContain('No errors detected');
      const read = await entriesOf(zip);
      expect([...read.keys()]).toEqual(files.map((entry) => entry.name));
      for (const entry of files) expect(Buffer.compare(read.get(entry.name)!, entry.data)).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('fails the stream when a source is not the size it was said to be', async () => {
    const stream = zipStream([source('short.bin', Buffer.alloc(10), 12)]);
    await expect(collect(stream)).rejects.toThrow(/could not be written: .*unexpected number of bytes/);
  });

  it('writes an empty archive for no sources', async () => {
    const zip = await collect(zipStream([]));
    expect(zip.readUInt32LE(0)).toBe(0x06054b50);
    expect(zip).toHaveLength(22);
  });
});
