import { randomBytes, randomInt, scrypt, timingSafeEqual, type BinaryLike, type ScryptOptions } from 'node:crypto';

/** §1.5: 16 codes of 10 uppercase alphanumerics (36^10, about 52 bits each). */
export const RECOVERY_CODE_COUNT = 16;
const CODE_LENGTH = 10;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

// scrypt at 16 MiB: slow enough that a stolen table costs real work per guess, fast enough that a
// login pays it once (every code of a set shares the set's salt, so one hash checks all of them).
const SCRYPT: ScryptOptions = { N: 2 ** 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LENGTH = 32;
const PREFIX = 'scrypt1';

function scryptAsync(password: BinaryLike, salt: BinaryLike): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_LENGTH, SCRYPT, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () =>
    Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''),
  );
}

/** What people type: lower case, spaces and dashes are forgiven. */
export function normaliseRecoveryCode(typed: string): string {
  return typed.replace(/[\s-]+/g, '').toUpperCase();
}

/** Hashes of a new set of codes, in the same order, all with one fresh salt. */
export async function hashRecoveryCodes(codes: string[]): Promise<string[]> {
  const salt = randomBytes(16);
  const keys = await Promise.all(codes.map((code) => scryptAsync(code, salt)));
  return keys.map((key) => `${PREFIX}$${salt.toString('base64')}$${key.toString('base64')}`);
}

/**
 * Which of the stored (unused) codes the typed one is, by id, or null. One scrypt per distinct salt,
 * then constant-time comparisons.
 */
export async function findRecoveryCode(typed: string, stored: { id: string; code_hash: string }[]): Promise<string | null> {
  const code = normaliseRecoveryCode(typed);
  if (!/^[A-Z0-9]{10}$/.test(code)) return null;
  const keyBySalt = new Map<string, Promise<Buffer>>();
  for (const row of stored) {
    const [prefix, salt, hash] = row.code_hash.split('$');
    if (prefix !== PREFIX || !salt || !hash) continue;
    if (!keyBySalt.has(salt)) keyBySalt.set(salt, scryptAsync(code, Buffer.from(salt, 'base64')));
    const key = await keyBySalt.get(salt)!;
    const expected = Buffer.from(hash, 'base64');
    if (expected.length === key.length && timingSafeEqual(expected, key)) return row.id;
  }
  return null;
}
