/** Coverage figures: Gazu functions whose every call is served, Kitsu client routes served. */
import { routeKey, type ClientCall } from './route-list.ts';

export interface Coverage { served: number; total: number }

export interface SurfaceCoverage {
  gazuFunctions: Coverage;
  /** Gazu functions not served only because they call routes Zou does not serve either. */
  gazuFunctionsZouLacks: number;
  gazuModules: Array<{ module: string } & Coverage>;
  kitsuRoutes: Coverage;
  /** Kitsu client routes not served that Zou does not serve either. */
  kitsuRoutesZouLacks: number;
}

/** A function counts as served when all the routes it calls are. */
export function surfaceCoverage(calls: ClientCall[], missing: Set<string>, zouLacks: Set<string>): SurfaceCoverage {
  const functions = new Map<string, { module: string; served: boolean; onlyZouLacks: boolean }>();
  for (const call of calls.filter((c) => c.client === 'gazu')) {
    const key = `${call.module}.${call.function}`;
    const entry = functions.get(key) ?? { module: call.module, served: true, onlyZouLacks: true };
    const route = routeKey(call);
    entry.served &&= !missing.has(route);
    if (missing.has(route) && !zouLacks.has(route)) entry.onlyZouLacks = false;
    functions.set(key, entry);
  }
  const modules = new Map<string, Coverage>();
  for (const { module, served } of functions.values()) {
    const entry = modules.get(module) ?? { served: 0, total: 0 };
    entry.total += 1;
    if (served) entry.served += 1;
    modules.set(module, entry);
  }
  const kitsuKeys = new Set(calls.filter((c) => c.client === 'kitsu').map(routeKey));
  return {
    gazuFunctions: { served: [...functions.values()].filter((f) => f.served).length, total: functions.size },
    gazuFunctionsZouLacks: [...functions.values()].filter((f) => !f.served && f.onlyZouLacks).length,
    gazuModules: [...modules].map(([module, coverage]) => ({ module, ...coverage })).sort((a, b) => a.module.localeCompare(b.module)),
    kitsuRoutes: { served: [...kitsuKeys].filter((key) => !missing.has(key)).length, total: kitsuKeys.size },
    kitsuRoutesZouLacks: [...kitsuKeys].filter((key) => missing.has(key) && zouLacks.has(key)).length,
  };
}
