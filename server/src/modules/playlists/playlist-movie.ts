import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ffprobeOf, run } from '../previews/movie-tools.ts';

/**
 * The ffmpeg steps of a playlist build. Each entry becomes a segment with the same encoding (H.264
 * yuv420p at the production's size and frame rate, letterboxed; AAC stereo 48 kHz, silent when the
 * preview has no sound), so that the segments join without re-encoding and the movie lasts the sum of
 * its entries.
 */

export interface MovieFormat {
  width: number;
  height: number;
  fps: number;
}

const even = (value: number) => Math.max(2, Math.round(value / 2) * 2);

/** The production's resolution ("1920x1080") and fps ("25", "23.976"), or 1920×1080 at 25. */
export function formatOf(resolution: string | null, fps: string | null): MovieFormat {
  const size = /^(\d{2,5})x(\d{2,5})$/.exec(resolution?.trim() ?? '');
  const rate = Number(fps);
  return {
    width: size ? even(Number(size[1])) : 1920,
    height: size ? even(Number(size[2])) : 1080,
    fps: Number.isFinite(rate) && rate >= 1 && rate <= 120 ? rate : 25,
  };
}

async function hasAudio(ffmpegPath: string, file: string, signal?: AbortSignal): Promise<boolean> {
  const { stdout } = await run(ffprobeOf(ffmpegPath), ['-v', 'error', '-select_streams', 'a', '-show_entries', 'stream=index', '-of', 'csv=p=0', file], signal);
  return stdout.trim().length > 0;
}

const videoFilter = (format: MovieFormat) =>
  `scale=${format.width}:${format.height}:force_original_aspect_ratio=decrease,` +
  `pad=${format.width}:${format.height}:(ow-iw)/2:(oh-ih)/2:color=black,setsar=1,fps=${format.fps},format=yuv420p`;

const SILENCE = ['-f', 'lavfi', '-i', 'anullsrc=channel_layout=stereo:sample_rate=48000'];
const ENCODING = ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', '-c:a', 'aac', '-ar', '48000', '-ac', '2', '-b:a', '128k', '-video_track_timescale', '90000'];

/** A movie entry as a segment; its own sound when it has some, else silence of its length. */
export async function movieSegment(ffmpegPath: string, input: string, output: string, format: MovieFormat, signal?: AbortSignal): Promise<void> {
  const sound = await hasAudio(ffmpegPath, input, signal);
  await run(ffmpegPath, [
    '-nostdin', '-hide_banner', '-loglevel', 'error', '-y', '-i', input, ...(sound ? [] : SILENCE),
    '-map', '0:v:0', '-map', sound ? '0:a:0' : '1:a:0', '-vf', videoFilter(format), ...ENCODING,
    ...(sound ? [] : ['-shortest']), output,
  ], signal);
}

/** A picture entry shown for `seconds`, with silence. */
export async function stillSegment(ffmpegPath: string, input: string, output: string, format: MovieFormat, seconds: number, signal?: AbortSignal): Promise<void> {
  await run(ffmpegPath, [
    '-nostdin', '-hide_banner', '-loglevel', 'error', '-y', '-loop', '1', '-framerate', String(format.fps), '-i', input, ...SILENCE,
    '-map', '0:v:0', '-map', '1:a:0', '-vf', videoFilter(format), ...ENCODING, '-t', String(seconds), output,
  ], signal);
}

/** Joins same-encoding segments into one MP4 (stream copy), the index at the front for players. */
export async function concatSegments(ffmpegPath: string, segments: string[], output: string, signal?: AbortSignal): Promise<void> {
  const list = path.join(path.dirname(output), 'segments.txt');
  // The segment paths are ours (a temporary directory and indexes), never user text: no quoting issue.
  await writeFile(list, segments.map((segment) => `file '${segment}'`).join('\n'));
  await run(ffmpegPath, ['-nostdin', '-hide_banner', '-loglevel', 'error', '-y', '-f', 'concat', '-safe', '0', '-i', list, '-c', 'copy', '-movflags', '+faststart', output], signal);
}
