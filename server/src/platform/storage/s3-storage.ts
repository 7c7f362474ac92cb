import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { S3Config } from '../config.ts';
import {
  assertSafeKey,
  ByteLimiter,
  StorageNotFoundError,
  type ByteRange,
  type PutOptions,
  type Storage,
  type StoredObject,
} from './storage.ts';

function isNotFound(error: unknown): boolean {
  if (!(error instanceof S3ServiceException)) return false;
  return error.name === 'NotFound' || error.name === 'NoSuchKey' || error.$metadata.httpStatusCode === 404;
}

/**
 * S3-compatible object storage (AWS S3, MinIO, Garage, Ceph, R2...). Uploads stream through
 * lib-storage's multipart Upload, so a large file is never held in memory; an upload that passes
 * `maxBytes` is aborted, and S3 never shows an object whose upload did not complete.
 */
export class S3Storage implements Storage {
  readonly kind = 's3';
  private readonly client: S3Client;

  constructor(private readonly config: S3Config) {
    this.client = new S3Client({
      region: config.region,
      endpoint: config.endpoint,
      // Self-hosted S3 servers rarely have per-bucket DNS names.
      forcePathStyle: config.endpoint !== undefined,
      credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    });
  }

  async put(key: string, body: Readable, options: PutOptions = {}): Promise<StoredObject> {
    assertSafeKey(key);
    const limiter = new ByteLimiter(options.maxBytes);
    const pass = new PassThrough();
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.config.bucket, Key: key, Body: pass, ContentType: options.contentType },
    });
    // Each side stops the other: a refused stream aborts the upload, a failed upload ends the stream.
    const feeding = pipeline(body, limiter, pass).catch(async (error: unknown) => {
      await upload.abort().catch(() => undefined);
      throw error;
    });
    const uploading = upload.done().catch((error: unknown) => {
      pass.destroy(error instanceof Error ? error : new Error(String(error)));
      throw error;
    });
    const [fed, uploaded] = await Promise.allSettled([feeding, uploading]);
    // The limiter's error says why; the upload's ("aborted") does not.
    if (fed.status === 'rejected') throw fed.reason;
    if (uploaded.status === 'rejected') throw uploaded.reason;
    return { size: limiter.bytes };
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    assertSafeKey(key);
    if (range && range.end <= range.start) return Readable.from([]);
    try {
      const result = await this.client.send(
        new GetObjectCommand({
          Bucket: this.config.bucket,
          Key: key,
          Range: range ? `bytes=${range.start}-${range.end - 1}` : undefined,
        }),
      );
      if (!(result.Body instanceof Readable)) throw new Error('S3 returned a body that is not a Node stream');
      return result.Body;
    } catch (error) {
      if (isNotFound(error)) throw new StorageNotFoundError(key);
      throw error;
    }
  }

  async stat(key: string): Promise<StoredObject | undefined> {
    assertSafeKey(key);
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.config.bucket, Key: key }));
      return { size: head.ContentLength ?? 0 };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertSafeKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key: key }));
  }

  async exists(key: string): Promise<boolean> {
    return (await this.stat(key)) !== undefined;
  }
}
