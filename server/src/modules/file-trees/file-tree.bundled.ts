import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileTree } from '../../../../packages/contracts/src/files.schema.ts';

/**
 * The file trees shipped with Rushes (`trees/<name>.json`): `default` (work and publish folders per
 * entity) and `simple` (a flat layout, software folders, upper-case file names).
 */

const TREES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'trees');
/** The name comes from the client: a plain identifier, so that it can never name another file. */
const TREE_NAME = /^[A-Za-z0-9_-]+$/;
const cache = new Map<string, FileTree>();

/** The bundled tree of that name, or undefined when there is none. */
export async function loadBundledTree(name: string): Promise<FileTree | undefined> {
  if (!TREE_NAME.test(name)) return undefined;
  const cached = cache.get(name);
  if (cached) return cached;
  try {
    const tree = JSON.parse(await readFile(path.join(TREES_DIR, `${name}.json`), 'utf8')) as FileTree;
    cache.set(name, tree);
    return tree;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
