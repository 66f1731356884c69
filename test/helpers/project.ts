import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { analyze } from '../../src/analyze.js';
import type { AnalyzeOptions } from '../../src/options.js';
import type { AnalysisResult } from '../../src/result.js';

/** Files of a virtual project: path → content. */
export type Files = Record<string, string | Buffer>;

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/** Writes files under a fresh temporary directory and returns it. */
export function writeTree(files: Files, dir = mkdtempSync(path.join(tmpdir(), 'docdrift-'))): string {
  made.push(dir);
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return dir;
}

/** Runs the whole pipeline on a docs tree and a system tree written to disk. */
export async function scanProject(docs: Files, system: Files, options: Partial<AnalyzeOptions> = {}): Promise<AnalysisResult> {
  const root = writeTree({});
  writeTree(Object.fromEntries(Object.entries(docs).map(([k, v]) => [`docs/${k}`, v])), root);
  writeTree(Object.fromEntries(Object.entries(system).map(([k, v]) => [`system/${k}`, v])), root);
  mkdirSync(path.join(root, 'docs'), { recursive: true });
  mkdirSync(path.join(root, 'system'), { recursive: true });
  return analyze({ docs: [path.join(root, 'docs')], system: [path.join(root, 'system')], cwd: root, ...options });
}
