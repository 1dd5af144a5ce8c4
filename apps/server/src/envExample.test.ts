import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configVariables, loadConfig } from './config.js';

const lines = readFileSync(new URL('../../../.env.example', import.meta.url), 'utf8').split('\n');
/** `NAME=value` (a default) and `# NAME=` (no default), each under a comment line saying what it is. */
const entries = lines.flatMap((line, i) => {
  const m = /^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
  return m?.[2] ? [{ name: m[2], value: m[3] ?? '', commented: Boolean(m[1]), above: lines[i - 1] ?? '' }] : [];
});

describe('.env.example', () => {
  it('lists exactly the variables the configuration reads, once each', () => {
    const names = entries.map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual([...configVariables].sort());
  });

  it('gives each a one-line comment', () => {
    for (const entry of entries) expect(entry.above, entry.name).toMatch(/^# [A-Z].{10,}/);
  });

  it('states the real defaults: the listed values configure the server exactly as no values do', () => {
    const listed = Object.fromEntries(entries.filter((e) => !e.commented).map((e) => [e.name, e.value]));
    expect(loadConfig(listed)).toEqual(loadConfig({}));
    // A variable without a default is commented out and empty.
    for (const entry of entries.filter((e) => e.commented)) expect(entry.value, entry.name).toBe('');
  });
});
