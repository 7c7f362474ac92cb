/**
 * Colours offered to a new status. They stay clear of the five system statuses' grey, blue, amber,
 * green and red, and of each other, so that a production's statuses can be told apart at a glance.
 */
export const STATUS_PALETTE = [
  '#9333EA', '#EC4899', '#06B6D4', '#84CC16', '#4F46E5', '#A16207',
  '#BE123C', '#0E7490', '#334155', '#D946EF', '#7C2D12', '#581C87',
] as const;

/** Below this distance two colours read as the same status colour in a chip. */
export const TOO_CLOSE = 110;

function rgbOf(hex: string): [number, number, number] | null {
  const match = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  return match ? [parseInt(match[1] as string, 16), parseInt(match[2] as string, 16), parseInt(match[3] as string, 16)] : null;
}

/**
 * How different two colours look, in "red-mean" weighted RGB (closer to what the eye sees than plain
 * RGB distance, without a colour-space library). 0 for the same colour, about 765 for black and white.
 */
export function colourDistance(a: string, b: string): number {
  const left = rgbOf(a);
  const right = rgbOf(b);
  if (!left || !right) return Number.POSITIVE_INFINITY;
  const redMean = (left[0] + right[0]) / 2;
  const [dr, dg, db] = [left[0] - right[0], left[1] - right[1], left[2] - right[2]];
  return Math.sqrt((2 + redMean / 256) * dr * dr + 4 * dg * dg + (2 + (255 - redMean) / 256) * db * db);
}

/**
 * The colour to suggest for a new status: the first palette colour far enough from every colour the
 * production already uses; when the palette is used up, the one farthest from its nearest used colour.
 */
export function suggestStatusColor(used: readonly string[]): string {
  const nearest = (candidate: string) => Math.min(Number.POSITIVE_INFINITY, ...used.map((colour) => colourDistance(candidate, colour)));
  const free = STATUS_PALETTE.find((candidate) => nearest(candidate) >= TOO_CLOSE);
  if (free) return free;
  return [...STATUS_PALETTE].sort((a, b) => nearest(b) - nearest(a))[0] as string;
}
