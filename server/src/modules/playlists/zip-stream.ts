import type { Readable } from 'node:stream';
import { ZipFile } from 'yazl';

/**
 * A ZIP archive written as a stream (yazl), entry after entry, without holding a file in memory or on
 * disk: entries are stored, not deflated (previews are already compressed media), each opened only
 * when its turn comes; ZIP64 records are written when an entry or the archive passes 4 GiB. The sizes
 * are known beforehand (the Storage's stat), so the local headers carry them.
 */
export interface ZipSource {
  name: string;
  size: number;
  /** Opened when its turn comes, so that only one stored object is read at a time. */
  open(): Promise<Readable>;
}

/** The archive of `sources`, in order; the stream errors when a source fails or is not its stated size. */
export function zipStream(sources: ZipSource[], modified = new Date()): Readable {
  const zip = new ZipFile();
  const out = zip.outputStream as Readable;
  zip.on('error', (error: Error) => out.destroy(new Error(`The archive could not be written: ${error.message}`)));
  for (const source of sources) {
    zip.addReadStreamLazy(source.name, { size: source.size, compress: false, mtime: modified }, (done) => {
      source.open().then((stream) => done(null, stream), (error: unknown) => done(error instanceof Error ? error : new Error(String(error)), undefined as never));
    });
  }
  zip.end();
  return out;
}
