import { PassThrough, type Readable } from 'node:stream';
import { crc32 } from 'node:zlib';

/**
 * A ZIP archive written as a stream, entry after entry, without holding a file in memory or on disk:
 * entries are stored (previews are already compressed media), each followed by a data descriptor
 * carrying its CRC-32, and ZIP64 records are written when an entry or the archive passes 4 GiB. The
 * sizes are known beforehand (the Storage's stat), so a reader can trust the local headers too.
 */

export interface ZipSource {
  name: string;
  size: number;
  /** Opened when its turn comes, so that only one stored object is read at a time. */
  open(): Promise<Readable>;
}

const MAX32 = 0xffffffff;
const UTF8_AND_DESCRIPTOR = 0x0808;

function dosDateTime(date: Date): { time: number; date: number } {
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
    date: ((Math.max(date.getUTCFullYear(), 1980) - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

interface Written {
  name: Buffer;
  crc: number;
  size: number;
  offset: number;
  zip64: boolean;
}

function localHeader(name: Buffer, size: number, stamp: { time: number; date: number }): Buffer {
  const zip64 = size >= MAX32;
  const extra = zip64 ? Buffer.alloc(20) : Buffer.alloc(0);
  if (zip64) {
    extra.writeUInt16LE(0x0001, 0);
    extra.writeUInt16LE(16, 2);
    extra.writeBigUInt64LE(BigInt(size), 4);
    extra.writeBigUInt64LE(BigInt(size), 12);
  }
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(zip64 ? 45 : 20, 4);
  header.writeUInt16LE(UTF8_AND_DESCRIPTOR, 6);
  header.writeUInt16LE(0, 8);
  header.writeUInt16LE(stamp.time, 10);
  header.writeUInt16LE(stamp.date, 12);
  header.writeUInt32LE(0, 14);
  header.writeUInt32LE(zip64 ? MAX32 : size, 18);
  header.writeUInt32LE(zip64 ? MAX32 : size, 22);
  header.writeUInt16LE(name.length, 26);
  header.writeUInt16LE(extra.length, 28);
  return Buffer.concat([header, name, extra]);
}

function dataDescriptor(entry: Written): Buffer {
  if (entry.zip64) {
    const descriptor = Buffer.alloc(24);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(entry.crc, 4);
    descriptor.writeBigUInt64LE(BigInt(entry.size), 8);
    descriptor.writeBigUInt64LE(BigInt(entry.size), 16);
    return descriptor;
  }
  const descriptor = Buffer.alloc(16);
  descriptor.writeUInt32LE(0x08074b50, 0);
  descriptor.writeUInt32LE(entry.crc, 4);
  descriptor.writeUInt32LE(entry.size, 8);
  descriptor.writeUInt32LE(entry.size, 12);
  return descriptor;
}

function centralRecord(entry: Written, stamp: { time: number; date: number }): Buffer {
  const bigSize = entry.size >= MAX32;
  const bigOffset = entry.offset >= MAX32;
  const fields = [...(bigSize ? [entry.size, entry.size] : []), ...(bigOffset ? [entry.offset] : [])];
  const extra = Buffer.alloc(fields.length ? 4 + fields.length * 8 : 0);
  if (fields.length) {
    extra.writeUInt16LE(0x0001, 0);
    extra.writeUInt16LE(fields.length * 8, 2);
    fields.forEach((value, index) => extra.writeBigUInt64LE(BigInt(value), 4 + index * 8));
  }
  const record = Buffer.alloc(46);
  record.writeUInt32LE(0x02014b50, 0);
  record.writeUInt16LE(45, 4);
  record.writeUInt16LE(fields.length ? 45 : 20, 6);
  record.writeUInt16LE(UTF8_AND_DESCRIPTOR, 8);
  record.writeUInt16LE(0, 10);
  record.writeUInt16LE(stamp.time, 12);
  record.writeUInt16LE(stamp.date, 14);
  record.writeUInt32LE(entry.crc, 16);
  record.writeUInt32LE(bigSize ? MAX32 : entry.size, 20);
  record.writeUInt32LE(bigSize ? MAX32 : entry.size, 24);
  record.writeUInt16LE(entry.name.length, 28);
  record.writeUInt16LE(extra.length, 30);
  record.writeUInt32LE(bigOffset ? MAX32 : entry.offset, 42);
  return Buffer.concat([record, entry.name, extra]);
}

function endRecords(count: number, directoryOffset: number, directorySize: number): Buffer {
  const needs64 = count >= 0xffff || directoryOffset >= MAX32 || directorySize >= MAX32;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(count, 0xffff), 8);
  end.writeUInt16LE(Math.min(count, 0xffff), 10);
  end.writeUInt32LE(Math.min(directorySize, MAX32), 12);
  end.writeUInt32LE(Math.min(directoryOffset, MAX32), 16);
  if (!needs64) return end;
  const end64 = Buffer.alloc(56);
  end64.writeUInt32LE(0x06064b50, 0);
  end64.writeBigUInt64LE(44n, 4);
  end64.writeUInt16LE(45, 12);
  end64.writeUInt16LE(45, 14);
  end64.writeBigUInt64LE(BigInt(count), 24);
  end64.writeBigUInt64LE(BigInt(count), 32);
  end64.writeBigUInt64LE(BigInt(directorySize), 40);
  end64.writeBigUInt64LE(BigInt(directoryOffset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(directoryOffset + directorySize), 8);
  locator.writeUInt32LE(1, 16);
  return Buffer.concat([end64, locator, end]);
}

async function write(out: PassThrough, chunk: Buffer): Promise<void> {
  if (out.destroyed) throw new Error('The archive stream was closed');
  if (out.write(chunk)) return;
  // Each wait removes both listeners, so that thousands of waits leave none behind.
  await new Promise<void>((resolve, reject) => {
    const drained = () => {
      out.off('close', closed);
      resolve();
    };
    const closed = () => {
      out.off('drain', drained);
      reject(new Error('The archive stream was closed'));
    };
    out.once('drain', drained);
    out.once('close', closed);
  });
}

/** The archive of `sources`, in order; the stream errors when a source fails or is not its stated size. */
export function zipStream(sources: ZipSource[], modified = new Date()): Readable {
  const out = new PassThrough();
  const stamp = dosDateTime(modified);
  const run = async () => {
    const written: Written[] = [];
    let offset = 0;
    for (const source of sources) {
      const name = Buffer.from(source.name, 'utf8');
      const header = localHeader(name, source.size, stamp);
      await write(out, header);
      let crc = 0;
      let size = 0;
      for await (const chunk of await source.open()) {
        const buffer = chunk as Buffer;
        crc = crc32(buffer, crc);
        size += buffer.length;
        await write(out, buffer);
      }
      if (size !== source.size) throw new Error(`${source.name} changed while it was archived`);
      const entry = { name, crc, size, offset, zip64: source.size >= MAX32 };
      const descriptor = dataDescriptor(entry);
      await write(out, descriptor);
      written.push(entry);
      offset += header.length + size + descriptor.length;
    }
    const directory = Buffer.concat(written.map((entry) => centralRecord(entry, stamp)));
    await write(out, directory);
    out.end(endRecords(written.length, offset, directory.length));
  };
  run().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}
