import { Transform, type Readable, type TransformCallback } from 'node:stream';

/**
 * Where Rushes keeps uploaded and generated files (media, uploaded archives). One interface, two
 * implementations: local files under `<RUSHES_DATA_DIR>/files` and S3-compatible object storage.
 *
 * Keys are built by the server from its own ids (`media/<uuid>/original.png`), never from a user's file
 * name: `assertSafeKey` refuses anything that could leave the storage root.
 */
export interface Storage {
  /** Human-readable kind, for logs: "local" or "s3". */
  readonly kind: string;
  /**
   * Writes `body` under `key`, replacing what was there. Past `maxBytes` it throws StorageLimitError
   * and leaves nothing behind: readers never see a partial object.
   */
  put(key: string, body: Readable, options?: PutOptions): Promise<StoredObject>;
  /** Streams the object, or the byte range [start, end) of it. Throws StorageNotFoundError. */
  get(key: string, range?: ByteRange): Promise<Readable>;
  /** Size of the object, or undefined when there is none. */
  stat(key: string): Promise<StoredObject | undefined>;
  /** Removes the object; removing a missing object is not an error. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

export interface PutOptions {
  maxBytes?: number;
  contentType?: string;
}

export interface StoredObject {
  size: number;
}

/** Half-open byte range: `end` is excluded. */
export interface ByteRange {
  start: number;
  end: number;
}

export class StorageLimitError extends Error {
  constructor(readonly limit: number) {
    super(`The file is larger than the ${limit} bytes allowed.`);
    this.name = 'StorageLimitError';
  }
}

export class StorageNotFoundError extends Error {
  constructor(key: string) {
    super(`No stored object under "${key}".`);
    this.name = 'StorageNotFoundError';
  }
}

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Refuses keys that are absolute, contain `..` or backslashes, or any character outside [A-Za-z0-9._-/]. */
export function assertSafeKey(key: string): void {
  const problem =
    key.length === 0 || key.length > 512 ? 'empty or too long'
      : key.includes('\\') ? 'contains a backslash'
        : key.startsWith('/') || /^[A-Za-z]:/.test(key) ? 'is absolute'
          : key.split('/').some((segment) => segment === '..' || segment === '.') ? 'contains a relative segment'
            : key.split('/').every((segment) => SEGMENT.test(segment)) ? undefined
              : 'contains characters outside [A-Za-z0-9._-/]';
  if (problem) throw new Error(`Refused storage key ${JSON.stringify(key)}: it ${problem}.`);
}

/** A pass-through that fails with StorageLimitError once more than `maxBytes` went through it. */
export class ByteLimiter extends Transform {
  bytes = 0;

  constructor(private readonly maxBytes: number = Number.POSITIVE_INFINITY) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) callback(new StorageLimitError(this.maxBytes));
    else callback(null, chunk);
  }
}
