/**
 * The names a coordinator types when laying out a production: shot ranges ("SH010 to SH200 by 10")
 * and lists of asset names. Pure functions: the dialogs show what they return before anything is sent.
 */

/** The most shots one range may create: a typo (SH0010 to SH9990 by 1) should not send 10,000 requests. */
export const MAX_RANGE = 500;

export interface ShotRange {
  /** The first name, e.g. "SH010": its letters are the prefix, its digits the padding. */
  first: string;
  /** The last name or number, e.g. "SH200" or "200" (kept when the step does not land on it exactly). */
  last: string;
  step: number;
}

export type RangeResult = { names: string[]; error: null } | { names: []; error: string };

const NUMBERED = /^(.*?)(\d+)$/;

/** Expands a shot range into names: SH010, SH200, by 10 → SH010, SH020 … SH200 (the first name's zero padding kept). */
export function shotNamesInRange(range: ShotRange): RangeResult {
  const first = range.first.trim();
  const last = range.last.trim();
  const start = NUMBERED.exec(first);
  if (!start) return { names: [], error: 'The first shot name must end with a number, e.g. SH010.' };
  const [, prefix = '', digits = ''] = start;
  const end = NUMBERED.exec(last || first);
  if (!end) return { names: [], error: 'The last shot name must end with a number, e.g. SH200.' };
  if (end[1] && end[1] !== prefix) return { names: [], error: `The last shot name should start with ${prefix || 'no prefix'}, as the first does.` };
  const from = Number(digits);
  const to = Number(end[2]);
  if (to < from) return { names: [], error: 'The last shot comes before the first one.' };
  if (!Number.isInteger(range.step) || range.step < 1) return { names: [], error: 'The step must be a whole number of 1 or more.' };
  const count = Math.floor((to - from) / range.step) + 1;
  if (count > MAX_RANGE) return { names: [], error: `That makes ${count} shots; create at most ${MAX_RANGE} at once.` };
  const names: string[] = [];
  for (let value = from; value <= to; value += range.step) names.push(`${prefix}${String(value).padStart(digits.length, '0')}`);
  return { names, error: null };
}

/** Names typed one per line or separated by commas, trimmed, blanks and repeats dropped (first spelling kept). */
export function namesFromList(text: string): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  for (const part of text.split(/[\n,;]/)) {
    const name = part.trim();
    if (!name || seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    names.push(name);
  }
  return names;
}

/** The names that already exist (compared without case, as the studio reads them). */
export function takenNames(names: string[], existing: Iterable<string>): string[] {
  const taken = new Set([...existing].map((name) => name.toLowerCase()));
  return names.filter((name) => taken.has(name.toLowerCase()));
}

/**
 * "A shot SH010 already exists in SQ010" — or, for several, "Shots SH010, SH020 already exist in SQ010".
 * `kind` is the singular noun (shot, asset, sequence, episode).
 */
export function alreadyExistsMessage(kind: string, taken: string[], where: string | null): string {
  const place = where ? ` in ${where}` : '';
  if (taken.length === 1) return `${/^[aeiou]/i.test(kind) ? 'An' : 'A'} ${kind} ${taken[0]} already exists${place}.`;
  const shown = taken.length > 6 ? `${taken.slice(0, 6).join(', ')} and ${taken.length - 6} more` : taken.join(', ');
  return `${kind[0]!.toUpperCase()}${kind.slice(1)}s ${shown} already exist${place}.`;
}

export interface FrameRange {
  frameIn: number | null;
  frameOut: number | null;
  frames: number | null;
}

/**
 * Completes frames, in and out from what was typed: in and out give the count (both inclusive), a
 * count and an in give the out. Returns an error when they disagree or are negative.
 */
export function completeFrames(input: FrameRange): FrameRange & { error: string | null } {
  const { frameIn, frameOut } = input;
  let { frames } = input;
  const values = [frameIn, frameOut, frames].filter((value): value is number => value !== null);
  if (values.some((value) => !Number.isInteger(value) || value < 0)) return { ...input, error: 'Frames, in and out are whole numbers of 0 or more.' };
  if (frameIn !== null && frameOut !== null) {
    if (frameOut < frameIn) return { ...input, error: 'The out frame comes before the in frame.' };
    const span = frameOut - frameIn + 1;
    if (frames !== null && frames !== span) return { ...input, error: `In ${frameIn} to out ${frameOut} is ${span} frames, not ${frames}.` };
    frames = span;
    return { frameIn, frameOut, frames, error: null };
  }
  if (frameIn !== null && frames !== null && frames > 0) return { frameIn, frameOut: frameIn + frames - 1, frames, error: null };
  return { frameIn, frameOut, frames, error: null };
}

/** A number input's value: null when empty or not a number. */
export function numberOrNull(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const parsed = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(parsed) ? parsed : null;
}
