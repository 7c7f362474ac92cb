import type { HttpMethod } from './route-list.ts';

/** What the extractor read from one client function. */
export interface ExtractedFunction {
  module: string;
  function: string;
  /** Requests whose method and path were read from the code (paths already under /api). */
  calls: Array<{ method: HttpMethod; path: string }>;
  /**
   * Requests whose path could not be read. `passThrough`: the path is one of the function's own
   * parameters (a transport helper such as raw.get: its callers' paths are the routes).
   */
  unresolved: Array<{ method: HttpMethod | null; reason: string; passThrough: boolean }>;
}

/** Parameter names of a signature's argument list (`a, b: int = 1, *args, client=default`). */
export function parameterNames(args: string[], keyword: Record<string, string>): string[] {
  const names = args.map((arg) => /^\*{0,2}\s*\{?\s*([A-Za-z_]\w*)/.exec(arg)?.[1]).filter((name): name is string => Boolean(name));
  return [...names, ...Object.keys(keyword)];
}
