import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TestContext } from './test-app.ts';

/** Uploads as Gazu sends them, and test media (a PNG, a short movie made by ffmpeg). */

export interface UploadedFile {
  field: string;
  name: string;
  data: Buffer;
  /** Gazu (python-requests) sends file parts without a Content-Type; set one to test other clients. */
  contentType?: string;
}

/**
 * The multipart body python-requests builds for `requests.post(url, data=fields, files=files)`: form
 * fields first (a list value repeats the field), then files, file parts without Content-Type.
 */
export function gazuMultipart(fields: Record<string, string | string[]>, files: UploadedFile[]) {
  const boundary = Math.random().toString(16).slice(2).padEnd(32, '0');
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${item}\r\n`));
    }
  }
  for (const file of files) {
    const type = file.contentType ? `Content-Type: ${file.contentType}\r\n` : '';
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\n${type}\r\n`));
    parts.push(file.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Posts a Gazu upload (`raw.upload`): the main file in `file`, extra ones in `file-1`, `file-2`... */
export async function gazuUpload(
  ctx: TestContext,
  token: string,
  path_: string,
  files: Array<{ name: string; data: Buffer; contentType?: string }>,
  fields: Record<string, string | string[]> = {},
) {
  const body = gazuMultipart(fields, files.map((file, index) => ({ field: index === 0 ? 'file' : `file-${index}`, ...file })));
  const response = await ctx.app.inject({
    method: 'POST',
    url: `/api/${path_}`,
    headers: { authorization: `Bearer ${token}`, ...body.headers },
    payload: body.payload,
  });
  return { status: response.statusCode, body: response.body.length > 0 ? (response.json() as Record<string, unknown>) : {}, raw: response };
}

const run = promisify(execFile);

export async function hasFfmpeg(): Promise<boolean> {
  try {
    await run('ffmpeg', ['-version']);
    return true;
  } catch {
    return false;
  }
}

/** A one-second 64×48 test movie (test pattern and a tone) in the given container, made by ffmpeg. */
export async function testMovie(extension = 'mov'): Promise<Buffer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'rushes-movie-'));
  try {
    const file = path.join(dir, `clip.${extension}`);
    await run('ffmpeg', [
      '-nostdin', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=duration=1:size=64x48:rate=12',
      '-f', 'lavfi', '-i', 'sine=frequency=440:duration=1', '-shortest', '-c:v', 'mpeg4', '-c:a', 'aac', file,
    ]);
    return await readFile(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
