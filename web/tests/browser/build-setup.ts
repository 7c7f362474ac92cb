import { ensureBuilt } from '../../scripts/ensure-built.ts';

/** The browser tests drive the built app: build web/dist first when it is missing or stale. */
export default async function setup(): Promise<void> {
  await ensureBuilt((line) => console.log(line));
}
