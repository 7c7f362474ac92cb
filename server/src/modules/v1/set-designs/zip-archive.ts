import { PassThrough, type Readable } from 'node:stream';
import yauzl from 'yauzl';
import type { Storage } from '../../../platform/storage/index.ts';

/** The archive is refused as a whole: the upload task fails with this message. */
export class ArchiveRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArchiveRefusedError';
  }
}

export interface ArchiveLimits {
  maxEntries: number;
  /** Sum of the entries' inflated sizes, declared and actual. */
  maxUncompressedBytes: number;
}

export interface ArchiveEntry {
  /** Path inside the archive, as stored (already checked: relative, no `..`, no backslash). */
  name: string;
  isDirectory: boolean;
  uncompressedSize: number;
}

/**
 * Reads a ZIP straight from storage by byte ranges (yauzl reads the central directory at the end,
 * then each entry where it lies): the archive is never buffered whole nor copied to a local file, and
 * the same code serves local and S3 storage.
 */
class StorageRangeReader extends yauzl.RandomAccessReader {
  constructor(private readonly storage: Storage, private readonly key: string) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    const out = new PassThrough();
    this.storage.get(this.key, { start, end }).then(
      (stream) => {
        stream.on('error', (error) => out.destroy(error));
        stream.pipe(out);
      },
      (error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))),
    );
    return out;
  }
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** yauzl's own refusals, reworded for the person who uploaded the archive. */
function refusalOf(error: Error): ArchiveRefusedError {
  const message = error.message;
  if (message.startsWith('invalid relative path')) {
    return new ArchiveRefusedError(`Refused archive: entry "${message.split(': ').slice(1).join(': ')}" points outside the archive (../).`);
  }
  if (message.startsWith('absolute path')) {
    return new ArchiveRefusedError(`Refused archive: entry "${message.split(': ').slice(1).join(': ')}" has an absolute path.`);
  }
  if (message.startsWith('invalid characters in fileName')) {
    return new ArchiveRefusedError('Refused archive: an entry name contains a backslash.');
  }
  if (message.startsWith('too many bytes in the stream')) {
    return new ArchiveRefusedError('Refused archive: an entry inflates to more bytes than it declares (zip bomb).');
  }
  return new ArchiveRefusedError(`The file is not a readable ZIP archive: ${message}`);
}

function open(storage: Storage, key: string, size: number): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromRandomAccessReader(
      new StorageRangeReader(storage, key),
      size,
      { lazyEntries: true, autoClose: true, decodeStrings: true, validateEntrySizes: true, strictFileNames: true },
      (error, zip) => (error ? reject(refusalOf(error)) : resolve(zip)),
    );
  });
}

function checkEntry(entry: yauzl.Entry): void {
  if (((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK) {
    throw new ArchiveRefusedError(`Refused archive: entry "${entry.fileName}" is a symbolic link.`);
  }
  if (entry.isEncrypted()) throw new ArchiveRefusedError(`Refused archive: entry "${entry.fileName}" is encrypted.`);
}

/**
 * Walks the entries one at a time: `visit` gets each entry (already checked) and a way to open its
 * inflated content; the next entry is read only once `visit` is done. A refusal or an error from
 * `visit` closes the archive and rejects.
 */
export async function walkArchive(
  storage: Storage,
  key: string,
  size: number,
  visit: (entry: ArchiveEntry, openContent: () => Promise<Readable>) => Promise<void>,
  options: { onOpen?: (entryCount: number) => void } = {},
): Promise<void> {
  const zip = await open(storage, key, size);
  try {
    options.onOpen?.(zip.entryCount);
  } catch (error) {
    zip.close();
    throw error;
  }
  await new Promise<void>((resolve, reject) => {
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      zip.close();
      reject(error);
    };
    zip.on('error', (error: Error) => fail(refusalOf(error)));
    zip.on('end', () => {
      if (!settled) {
        settled = true;
        resolve();
      }
    });
    zip.on('entry', (entry: yauzl.Entry) => {
      const run = async () => {
        checkEntry(entry);
        const openContent = () =>
          new Promise<Readable>((resolveStream, rejectStream) =>
            zip.openReadStream(entry, (error, stream) => (error ? rejectStream(refusalOf(error)) : resolveStream(stream))),
          );
        await visit({ name: entry.fileName, isDirectory: entry.fileName.endsWith('/'), uncompressedSize: entry.uncompressedSize }, openContent);
      };
      run().then(() => zip.readEntry(), (error: unknown) => fail(error instanceof Error ? error : new Error(String(error))));
    });
    zip.readEntry();
  });
}

/**
 * Checks the whole central directory before any entry is inflated: entry count, declared total size
 * (zip bombs), names (zip slip: yauzl refuses `..`, absolute paths and backslashes), symbolic links.
 * Returns the entries; nothing has been written anywhere yet.
 */
export async function inspectArchive(storage: Storage, key: string, size: number, limits: ArchiveLimits): Promise<ArchiveEntry[]> {
  const entries: ArchiveEntry[] = [];
  let declared = 0;
  const countEntries = (entryCount: number) => {
    if (entryCount > limits.maxEntries) {
      throw new ArchiveRefusedError(`Refused archive: it has ${entryCount} entries, more than the ${limits.maxEntries} allowed.`);
    }
  };
  await walkArchive(storage, key, size, async (entry) => {
    declared += entry.uncompressedSize;
    if (declared > limits.maxUncompressedBytes) {
      throw new ArchiveRefusedError(`Refused archive: its files would take more than the ${limits.maxUncompressedBytes} bytes allowed once inflated (zip bomb).`);
    }
    entries.push(entry);
  }, { onOpen: countEntries });
  return entries;
}

/**
 * Reads an entry's inflated bytes, at most `maxBytes` of them: past it the archive is refused
 * (whatever the entry declared: its actual inflated size is what counts here).
 */
export async function readCapped(stream: Readable, maxBytes: number, name: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) {
        stream.destroy();
        throw new ArchiveRefusedError(`Refused archive: entry "${name}" inflates to more than the ${maxBytes} bytes allowed (zip bomb).`);
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof ArchiveRefusedError) throw error;
    throw refusalOf(error as Error);
  }
  return Buffer.concat(chunks);
}
