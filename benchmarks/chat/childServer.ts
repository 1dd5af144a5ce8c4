import { fileURLToPath } from 'node:url';
import { type BenchChild, startBenchChild } from '../shared/benchChild.js';

export type ChildServer = BenchChild;

/** Runs one of the chat benchmark's servers (Parley, the exact-statement floor or the minimal floor) in its own process. */
export function startChildServer(
  script: 'parleyServer' | 'bareServer' | 'minimalServer',
  env: Record<string, string>,
): Promise<ChildServer> {
  return startBenchChild(fileURLToPath(new URL(`./${script}.ts`, import.meta.url)), env);
}
