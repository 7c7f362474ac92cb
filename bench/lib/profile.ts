/** A V8 .cpuprofile (node --cpu-prof): nodes with a call frame; samples (node ids) with their time deltas (µs). */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface Profile {
  nodes?: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileLine {
  function: string;
  selfPercent: number;
}

/**
 * Self time by function (name, file and line) as a share of the busy (non-idle) samples, highest first.
 * Samples of the first `skipSeconds` (the server's start-up: module loading, schema compilation) are left out.
 */
export function summarizeProfile(profile: unknown, top: number, skipSeconds = 0): ProfileLine[] {
  const { nodes = [], samples = [], timeDeltas = [] } = profile as Profile;
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>();
  let all = 0;
  let elapsed = 0;
  samples.forEach((id, i) => {
    elapsed += timeDeltas[i] ?? 0;
    const node = byId.get(id);
    if (!node || elapsed < skipSeconds * 1e6 || node.callFrame.functionName === '(idle)') return;
    all += 1;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.replace(/^file:\/\//, '').replace(/^.*node_modules\//, '').replace(/^.*\/server\/src\//, 'server/src/');
    const key = `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
    totals.set(key, (totals.get(key) ?? 0) + 1);
  });
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([fn, hits]) => ({ function: fn, selfPercent: all > 0 ? Math.round((hits / all) * 1000) / 10 : 0 }));
}
