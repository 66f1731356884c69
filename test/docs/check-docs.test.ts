import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { Code, Heading, Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { checks } from '../../src/checks/index.js';
import { scanProject, type Files } from '../helpers/project.js';
import { parseHistory, scanProjectWithHistory, type Commit } from '../helpers/git.js';

const DOCS = path.resolve(import.meta.dirname, '../../docs/checks');

/**
 * The example files of a check page, by the heading they sit under: Example (system), Incorrect, Correct (docs).
 * A block whose meta says `history` (```` ```text history ````) under Incorrect or Correct is the git
 * history that example is scanned in: lines of `YYYY-MM-DD [xN] path ...` (see test/helpers/git.ts).
 */
function examples(file: string): { system: Files; incorrect: Files; correct: Files; history: { incorrect?: Commit[]; correct?: Commit[] } } {
  const tree = unified().use(remarkParse).parse(readFileSync(file, 'utf8')) as Root;
  const out = { system: {} as Files, incorrect: {} as Files, correct: {} as Files, history: {} as { incorrect?: Commit[]; correct?: Commit[] } };
  let section: 'system' | 'incorrect' | 'correct' | undefined;
  for (const node of tree.children) {
    if (node.type === 'heading') {
      const text = (node as Heading).children.map((c) => ('value' in c ? c.value : '')).join('').trim().toLowerCase();
      section = text === 'example' ? 'system' : text === 'incorrect' ? 'incorrect' : text === 'correct' ? 'correct' : section;
      continue;
    }
    if (node.type !== 'code' || !section) continue;
    if (/(?:^|\s)history(?:\s|$)/.test((node as Code).meta ?? '') && section !== 'system') {
      out.history[section] = parseHistory((node as Code).value);
      continue;
    }
    const meta = /\bfile=(\S+)/.exec((node as Code).meta ?? '');
    if (!meta?.[1]) continue;
    const rel = meta[1];
    const value = (node as Code).value + '\n';
    if (section === 'system') out.system[rel.replace(/^system\//, '')] = value;
    else out[section][rel.replace(/^docs\//, '')] = value;
  }
  return out;
}

describe('docs/checks pages', () => {
  it('exist for every check, and only for checks', () => {
    const pages = readdirSync(DOCS).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3)).sort();
    expect(pages).toEqual(checks.map((c) => c.meta.id).sort());
  });

  for (const check of checks) {
    const id = check.meta.id;
    describe(id, () => {
      const ex = examples(path.join(DOCS, `${id}.md`));
      it('has an Incorrect and a Correct example', () => {
        expect(Object.keys(ex.incorrect).length).toBeGreaterThan(0);
        expect(Object.keys(ex.correct).length).toBeGreaterThan(0);
      });
      const scan = (docs: Files, history: Commit[] | undefined) => (history ? scanProjectWithHistory(docs, ex.system, history) : scanProject(docs, ex.system));
      it('Incorrect example is flagged by this check', async () => {
        const result = await scan(ex.incorrect, ex.history.incorrect);
        expect(result.findings.filter((f) => f.checkId === id).length).toBeGreaterThan(0);
      });
      it('Correct example is not flagged by this check', async () => {
        const result = await scan(ex.correct, ex.history.correct);
        expect(result.findings.filter((f) => f.checkId === id).map((f) => f.message)).toEqual([]);
      });
    });
  }
});
