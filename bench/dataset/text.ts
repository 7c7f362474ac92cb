import type { Random } from './random.ts';
import { WORDS } from './reference.ts';

/** Comment bodies: mostly a line or two, a quarter a paragraph, one in twenty a long review of up to 10 KB. */
export function commentLength(rng: Random): number {
  const roll = rng.next();
  if (roll < 0.7) return rng.int(20, 200);
  if (roll < 0.95) return rng.int(200, 1500);
  return rng.int(1500, 10_000);
}

/** Seeded prose of about `length` characters (never more than 10 KB). */
export function prose(rng: Random, length: number): string {
  const max = Math.min(length, 10_000);
  const parts: string[] = [];
  let size = 0;
  let sentence = 0;
  while (size < max) {
    let word: string = rng.pick(WORDS);
    if (sentence === 0) word = word.charAt(0).toUpperCase() + word.slice(1);
    sentence += 1;
    const end = sentence > 6 && rng.chance(0.2);
    const piece = end ? `${word}.${rng.chance(0.15) ? '\n' : ' '}` : `${word} `;
    if (end) sentence = 0;
    parts.push(piece);
    size += piece.length;
  }
  return parts.join('').slice(0, max).trimEnd();
}
