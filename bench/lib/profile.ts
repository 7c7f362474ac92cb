/** A V8 .cpuprofile (node --cpu-prof): nodes with a call frame and a hit count. */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

export interface ProfileLine {
  function: string;
  selfPercent: number;
}

/** Self time by function (name, file and line) as a share of the busy (non-idle) samples, highest first. */
export function summarizeProfile(profile: unknown, top: number): ProfileLine[] {
  const nodes = ((profile as { nodes?: ProfileNode[] }).nodes ?? []);
  const totals = new Map<string, number>();
  let all = 0;
  for (const node of nodes) {
    if (node.callFrame.functionName === '(idle)') continue;
    const hits = node.hitCount ?? 0;
    all += hits;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.replace(/^file:\/\//, '').replace(/^.*node_modules\//, '').replace(/^.*\/server\/src\//, 'server/src/');
    const key = `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
    totals.set(key, (totals.get(key) ?? 0) + hits);
  }
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([fn, hits]) => ({ function: fn, selfPercent: all > 0 ? Math.round((hits / all) * 1000) / 10 : 0 }));
}
