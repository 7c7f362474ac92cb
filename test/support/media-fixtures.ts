import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import yazl from 'yazl';

/** Images, ZIP archives and a local HTTP server (127.0.0.1 only) for the media and set-design tests. */

export async function pngImage(width: number, height: number, color: string): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: color } }).png().toBuffer();
}

export async function jpegImage(width: number, height: number, color: string): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: color } }).jpeg().toBuffer();
}

/** A noisy image: slow enough to process that a poller sees the job between two entries. */
export async function noisyPng(width: number, height: number, seed: number): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < pixels.length; i += 1) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    pixels[i] = state >>> 24;
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } }).png().toBuffer();
}

export interface ZipItem {
  name: string;
  data?: Buffer;
  /** Unix mode with file type bits, e.g. 0o120777 for a symbolic link. */
  mode?: number;
  directory?: boolean;
  compress?: boolean;
}

export async function zipOf(items: ZipItem[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const item of items) {
    if (item.directory) zip.addEmptyDirectory(item.name);
    else zip.addBuffer(item.data ?? Buffer.alloc(0), item.name, { mode: item.mode, compress: item.compress ?? true });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Replaces every occurrence of an entry name (local headers and central directory): names yazl refuses to write. */
export function renameEntries(zip: Buffer, from: string, to: string): Buffer {
  if (from.length !== to.length) throw new Error('names must have the same length');
  const result = Buffer.from(zip);
  const needle = Buffer.from(from);
  for (let at = result.indexOf(needle); at !== -1; at = result.indexOf(needle, at + 1)) Buffer.from(to).copy(result, at);
  return result;
}

/** Lies about every entry's inflated size in the central directory (what yauzl trusts): a zip bomb. */
export function understateSizes(zip: Buffer, declared: number): Buffer {
  const result = Buffer.from(zip);
  for (let at = result.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); at !== -1; at = result.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 4)) {
    result.writeUInt32LE(declared, at + 24);
  }
  return result;
}

export function multipartBody(field: string, fileName: string, data: Buffer, contentType = 'application/zip') {
  const boundary = `----rushes${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, data, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export interface LocalServer {
  url: string;
  requests: Array<{ method: string; path: string; body: string }>;
  close(): Promise<void>;
}

/** An HTTP server on 127.0.0.1 answering with `handler`; it records every request. */
export async function localServer(
  handler: (request: { method: string; path: string; body: string }, response: http.ServerResponse) => void,
): Promise<LocalServer> {
  const requests: LocalServer['requests'] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const entry = { method: req.method ?? 'GET', path: req.url ?? '/', body: Buffer.concat(chunks).toString('utf8') };
      requests.push(entry);
      handler(entry, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
