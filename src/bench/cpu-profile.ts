import type { Profiler } from 'node:inspector';

/** A function of the profiled code: its name, and how the path of its compiled file ends. */
export interface ProfiledFunction {
  name: string;
  fileEndsWith: string;
}

/**
 * CPU time, µs, spent in any of the `functions` and in everything they called, each sample
 * counted once however deeply they nest. An async function's code after each `await` runs as a
 * stack of its own, whose first frame is the function again: it is counted too.
 */
export function inclusiveMicros(profile: Profiler.Profile, functions: ProfiledFunction[]): number {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  profile.samples?.forEach((id, i) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas?.[i] ?? 0));
  });
  const matches = (node: Profiler.ProfileNode) =>
    functions.some(
      (f) => node.callFrame.functionName === f.name && node.callFrame.url.endsWith(f.fileEndsWith),
    );
  let total = 0;
  const children = new Set(profile.nodes.flatMap((node) => node.children ?? []));
  const roots = profile.nodes.filter((node) => !children.has(node.id));
  const stack = roots.map((node) => ({ node, inside: false }));
  while (stack.length > 0) {
    const { node, inside } = stack.pop()!;
    const counted = inside || matches(node);
    if (counted) total += self.get(node.id) ?? 0;
    for (const child of node.children ?? []) {
      stack.push({ node: byId.get(child)!, inside: counted });
    }
  }
  return total;
}
