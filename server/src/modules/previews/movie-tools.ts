import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * ffmpeg (Debian's `ffmpeg` package, which brings ffprobe) for preview movies: detection, probing,
 * normalisation to H.264 MP4 and frame extraction. Tools run as child processes with argument arrays
 * (no shell), a time limit and the job's abort signal.
 */

export class MovieToolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MovieToolError';
  }
}

const TIMEOUT_MS = 30 * 60_000;
const availability = new Map<string, Promise<boolean>>();

interface RunResult {
  stdout: string;
  stderr: string;
}

/** Runs ffmpeg or ffprobe (no shell), failing with MovieToolError and the end of its log. */
export function run(command: string, args: string[], signal?: AbortSignal): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], signal, timeout: TIMEOUT_MS, killSignal: 'SIGKILL' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      if (stdout.length < 1_000_000) stdout += chunk.toString('utf8');
    });
    // Only the end of a long log says what went wrong.
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4000);
    });
    child.on('error', (error) => reject(new MovieToolError(`${path.basename(command)} could not run: ${error.message}`)));
    child.on('close', (code, killed) => {
      if (code === 0) resolve({ stdout, stderr });
      else reject(new MovieToolError(`${path.basename(command)} failed (${code ?? killed}): ${stderr.trim() || 'no output'}`));
    });
  });
}

/** Whether `ffmpeg -version` runs; asked once per executable and process. */
export function ffmpegAvailable(ffmpegPath: string): Promise<boolean> {
  let known = availability.get(ffmpegPath);
  if (!known) {
    known = run(ffmpegPath, ['-version']).then(() => true, () => false);
    availability.set(ffmpegPath, known);
  }
  return known;
}

/** ffprobe next to the configured ffmpeg. */
export function ffprobeOf(ffmpegPath: string): string {
  const base = path.basename(ffmpegPath);
  const probe = base.includes('ffmpeg') ? base.replace('ffmpeg', 'ffprobe') : 'ffprobe';
  return ffmpegPath.includes('/') ? path.join(path.dirname(ffmpegPath), probe) : probe;
}

export interface MovieFacts {
  width: number;
  height: number;
  /** Seconds. */
  duration: number;
}

/** Size and duration of the first video stream. */
export async function probeMovie(ffmpegPath: string, file: string, signal?: AbortSignal): Promise<MovieFacts> {
  const { stdout } = await run(
    ffprobeOf(ffmpegPath),
    ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height:format=duration', '-of', 'json', file],
    signal,
  );
  const parsed = JSON.parse(stdout) as { streams?: Array<{ width?: number; height?: number }>; format?: { duration?: string } };
  const stream = parsed.streams?.[0];
  if (!stream?.width || !stream.height) throw new MovieToolError('The file has no video stream.');
  return { width: stream.width, height: stream.height, duration: Number(parsed.format?.duration ?? 0) || 0 };
}

/**
 * H.264 (yuv420p, even dimensions) with AAC audio when there is any, the index at the front so that
 * browsers start playing before the end is loaded.
 */
export async function normalizeMovie(ffmpegPath: string, input: string, output: string, signal?: AbortSignal): Promise<void> {
  await run(ffmpegPath, [
    '-nostdin', '-hide_banner', '-loglevel', 'error', '-y', '-i', input,
    '-map', '0:v:0', '-map', '0:a:0?',
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', '-pix_fmt', 'yuv420p',
    '-vf', 'scale=trunc(iw/2)*2:trunc(ih/2)*2',
    '-c:a', 'aac', '-b:a', '128k',
    '-movflags', '+faststart',
    output,
  ], signal);
}

/** Frame `frameNumber` (from 0) of the movie as a PNG; MovieToolError when the movie is shorter. */
export async function extractFrame(ffmpegPath: string, input: string, output: string, frameNumber = 0, signal?: AbortSignal): Promise<void> {
  const select = frameNumber > 0 ? ['-vf', `select=eq(n\\,${frameNumber})`] : [];
  await run(ffmpegPath, ['-nostdin', '-hide_banner', '-loglevel', 'error', '-y', '-i', input, ...select, '-frames:v', '1', '-f', 'image2', output], signal);
  const written = await stat(output).catch(() => undefined);
  if (!written || written.size === 0) throw new MovieToolError(`The movie has no frame ${frameNumber}.`);
}

/** The first bytes of a movie container (MP4/QuickTime atoms, Matroska/WebM, AVI, ASF/WMV). */
export function hasMovieMagic(head: Buffer): boolean {
  const ascii = (offset: number, text: string) => head.subarray(offset, offset + text.length).toString('latin1') === text;
  const atom = head.subarray(4, 8).toString('latin1');
  return (
    ['ftyp', 'moov', 'mdat', 'wide', 'free', 'skip', 'pnot'].includes(atom) ||
    (head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) ||
    (ascii(0, 'RIFF') && ascii(8, 'AVI ')) ||
    (head[0] === 0x30 && head[1] === 0x26 && head[2] === 0xb2 && head[3] === 0x75 && head[4] === 0x8e && head[5] === 0x66 && head[6] === 0xcf && head[7] === 0x11)
  );
}
