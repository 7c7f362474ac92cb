import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, errors } from '../errors/index.ts';
import { StorageLimitError, type Storage } from '../storage/index.ts';

/**
 * Multipart uploads streamed straight into the Storage, for Zou's upload routes (Gazu posts the main
 * file in field `file`, extra ones in `file-1`, `file-2`...). Nothing is held in memory: each file part
 * flows through a byte limiter into its storage object, whose key comes from a server id; past the
 * limit the object is discarded and the request answered 413.
 */

export interface ReceivedFile {
  /** The server id the storage key was built from (the attachment row's id, say). */
  id: string;
  key: string;
  fieldname: string;
  /** As the client named it: row metadata and download names only, never part of a key. */
  filename: string;
  mimetype: string;
  size: number;
  /** The first bytes, for magic-number checks. */
  head: Buffer;
}

const HEAD_BYTES = 64;

/** The largest accepted file, as a 413 error. */
export const fileTooLarge = (maxBytes: number) =>
  new AppError(413, 'file_too_large', `The uploaded file is larger than the ${maxBytes} bytes allowed.`);

export const fileNotProvided = () => errors.badRequest('File not provided.');

function isTooLarge(error: unknown): boolean {
  return error instanceof StorageLimitError || (error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE';
}

/** Streams one file part into `key`, keeping its first bytes; a 413 past `maxBytes`. */
export async function storeFilePart(storage: Storage, part: MultipartFile, id: string, key: string, maxBytes: number): Promise<ReceivedFile> {
  let head = Buffer.alloc(0);
  async function* capture(source: Readable) {
    for await (const chunk of source) {
      const bytes = chunk as Buffer;
      if (head.length < HEAD_BYTES) head = Buffer.concat([head, bytes.subarray(0, HEAD_BYTES - head.length)]);
      yield bytes;
    }
  }
  let size: number;
  try {
    ({ size } = await storage.put(key, Readable.from(capture(part.file)), { maxBytes, contentType: part.mimetype }));
  } catch (error) {
    if (isTooLarge(error)) throw fileTooLarge(maxBytes);
    throw error;
  }
  // The parser's own limit is one byte above ours, so this only guards against a change of settings.
  if (part.file.truncated) {
    await storage.delete(key);
    throw fileTooLarge(maxBytes);
  }
  return { id, key, fieldname: part.fieldname, filename: part.filename, mimetype: part.mimetype, size, head };
}

/** Removes stored uploads that will not be used (a refused request, a rolled-back transaction). */
export async function discardFiles(storage: Storage, files: readonly ReceivedFile[]): Promise<void> {
  await Promise.all(files.map((file) => storage.delete(file.key).catch(() => undefined)));
}

export interface UploadPluginOptions {
  /** Largest file, bytes. */
  maxBytes: number;
  /** Most files in one request. */
  maxFiles: number;
}

/** @fastify/multipart for a plugin whose handlers read the files themselves (`receiveFile`, `receiveFiles`). */
export async function registerStreamedUploads(app: FastifyInstance, options: UploadPluginOptions): Promise<void> {
  await app.register(multipart, {
    // One byte over our own limit: the storage limiter refuses first, with a clean 413.
    limits: { fileSize: options.maxBytes + 1, files: options.maxFiles, fields: 50, parts: options.maxFiles + 50 },
  });
}

/**
 * The multipart file `field` of the request, streamed into `key`. Other files are drained and
 * ignored; form fields are returned. 400 "File not provided." when there is no such file.
 */
export async function receiveFile(
  request: FastifyRequest,
  options: { storage: Storage; id: string; key: string; maxBytes: number; field?: string },
): Promise<{ file: ReceivedFile; fields: Record<string, string> }> {
  if (!request.isMultipart()) throw fileNotProvided();
  const field = options.field ?? 'file';
  const fields: Record<string, string> = {};
  let file: ReceivedFile | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        fields[part.fieldname] = String(part.value);
      } else if (part.fieldname === field && !file) {
        file = await storeFilePart(options.storage, part, options.id, options.key, options.maxBytes);
      } else {
        part.file.resume();
      }
    }
  } catch (error) {
    if (file) await discardFiles(options.storage, [file]);
    throw mapMultipartError(error, options.maxBytes);
  }
  if (!file) throw fileNotProvided();
  return { file, fields };
}

/** Gazu's file fields: `file`, then `file-1`, `file-2`... */
export const isGazuFileField = (name: string) => /^file(-\d+)?$/.test(name);

/**
 * Every file part whose field `accept`s, each streamed into a fresh key from `keyOf(new id)`. On any
 * failure the files already stored are removed. 400 when there is none.
 */
export async function receiveFiles(
  request: FastifyRequest,
  options: { storage: Storage; keyOf: (id: string) => string; maxBytes: number; accept?: (field: string) => boolean },
): Promise<{ files: ReceivedFile[]; fields: Record<string, string> }> {
  if (!request.isMultipart()) throw fileNotProvided();
  const accept = options.accept ?? isGazuFileField;
  const fields: Record<string, string> = {};
  const files: ReceivedFile[] = [];
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        fields[part.fieldname] = String(part.value);
      } else if (accept(part.fieldname)) {
        const id = randomUUID();
        files.push(await storeFilePart(options.storage, part, id, options.keyOf(id), options.maxBytes));
      } else {
        part.file.resume();
      }
    }
  } catch (error) {
    await discardFiles(options.storage, files);
    throw mapMultipartError(error, options.maxBytes);
  }
  if (files.length === 0) throw fileNotProvided();
  return { files, fields };
}

function mapMultipartError(error: unknown, maxBytes: number): unknown {
  if (error instanceof AppError) return error;
  if (isTooLarge(error)) return fileTooLarge(maxBytes);
  const code = (error as { code?: string }).code;
  if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
    return new AppError(413, 'too_many_parts', 'The upload has too many files or fields.');
  }
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return fileNotProvided();
  return error;
}

/*
 * Forms with files whose fields are validated by the route schema (the comment route: Gazu posts the
 * comment's fields with its attachments). The fields become the body; the files are streamed into the
 * Storage while the body is parsed ("staged"), then handed to the handler. The handler keeps them once
 * its transaction committed (`keepStagedFiles`); whatever was not kept when the response is sent —
 * refused request, failed validation, rolled-back transaction — is removed from the Storage.
 */

export interface StagedUploadConfig {
  keyOf: (id: string) => string;
  maxBytes: number;
  accept?: (field: string) => boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set on the routes of a `acceptStagedForms` plugin that take files. */
    stagedUploads?: StagedUploadConfig;
  }
}

const staged = new WeakMap<FastifyRequest, ReceivedFile[]>();

/** Registers form parsing with staged files on this plugin (routes opt in with `config.stagedUploads`). */
export async function acceptStagedForms(app: FastifyInstance, options: UploadPluginOptions & { storage: Storage }): Promise<void> {
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: options.maxBytes + 1, files: options.maxFiles, fields: 50, parts: options.maxFiles + 50 },
    async onFile(this: FastifyRequest, part: MultipartFile) {
      const config = this.routeOptions.config.stagedUploads;
      if (!config || !(config.accept ?? isGazuFileField)(part.fieldname)) {
        part.file.resume();
        throw errors.badRequest(config ? `Unexpected file field "${part.fieldname}".` : 'This route does not accept files.');
      }
      const id = randomUUID();
      const files = staged.get(this) ?? [];
      staged.set(this, files);
      try {
        files.push(await storeFilePart(options.storage, part, id, config.keyOf(id), Math.min(config.maxBytes, options.maxBytes)));
      } catch (error) {
        throw mapMultipartError(error, config.maxBytes);
      }
    },
  });
  const discardUnkept = async (request: FastifyRequest) => {
    const files = staged.get(request);
    if (!files) return;
    staged.delete(request);
    await discardFiles(options.storage, files);
  };
  // Before the answer leaves, so that a client never sees a refusal while its files are still stored;
  // onResponse catches what onSend did not see (a request that ended before any answer).
  app.addHook('onSend', async (request, _reply, payload) => {
    await discardUnkept(request);
    return payload;
  });
  app.addHook('onResponse', discardUnkept);
}

/** The files staged for this request, in the order they came. */
export const stagedFilesOf = (request: FastifyRequest): ReceivedFile[] => [...(staged.get(request) ?? [])];

/** The handler's work committed: the staged files stay in the Storage. */
export function keepStagedFiles(request: FastifyRequest): void {
  staged.delete(request);
}
