import { describe, expect, it } from 'vitest';
import { findMarkers, MARKERS, signalsAsOf, signalScore } from '../../src/extract/markers.js';
import { parseMarkdown } from '../../src/parse/markdown.js';
import { formatJson } from '../../src/report/json.js';
import { formatMarkdown } from '../../src/report/markdown.js';
import { scanProject } from '../helpers/project.js';

const markersOf = (text: string) => findMarkers(parseMarkdown(text, { id: 'p.md', root: 'docs' }).blocks).map(({ kind, line, text: t }) => `${line} ${kind} ${t}`);

describe('text markers', () => {
  it('finds each marker of the table, with its line', () => {
    const page = [
      '# Legacy API', //1
      '', //2
      'This endpoint is Deprecated and will be removed in v3.', //3
      'The screenshots are out of date (TODO: update).', //4
      'FIXME explain retries. Pricing as of March 2023 is below.', //5
      'Streaming is coming soon; it is new in v1.2.', //6
      'The flag no longer exists; a temporary workaround is below.', //7
      '', //8
      '| Option | Note |', //9
      '|---|---|', //10
      '| `x` | outdated |', //11
    ].join('\n');
    expect(markersOf(page)).toEqual([
      '1 legacy Legacy',
      '3 deprecated Deprecated',
      '3 will-be-removed will be removed',
      '4 outdated out of date',
      '4 todo TODO:',
      '5 dated as of March 2023',
      '5 fixme FIXME',
      '6 coming-soon coming soon',
      '6 new-in-version new in v1.2',
      '7 no-longer no longer',
      '7 workaround temporary workaround',
      '11 outdated outdated',
    ]);
    expect(new Set(MARKERS.map((m) => m.kind)).size).toBe(MARKERS.length);
  });

  it('skips code blocks and inline code, and needs word boundaries', () => {
    const page = '# Setup\n\n```yaml\nlegacy: true # TODO: update, deprecated\n```\n\nSet `legacy_mode` or `deprecated: true`; the deprecatedFoo and illegacy names are not remarks.\n\n    indented deprecated code\n';
    expect(markersOf(page)).toEqual([]);
  });

  it('matches across a soft line break, on the line the marker starts', () => {
    expect(markersOf('# A\n\nThis option is no\nlonger read.\n')).toEqual(['3 no-longer no longer']);
  });

  it('counts "as of <year>" only for a year before the reference date', () => {
    const hits = findMarkers(parseMarkdown('# A\n\nAs of 2023 we use X. As of 2025 we use Y.\n', { id: 'p.md', root: 'docs' }).blocks);
    expect(signalsAsOf(hits, 2025).map((s) => s.text)).toEqual(['As of 2023']);
    expect(signalsAsOf(hits, 2026).map((s) => s.text)).toEqual(['As of 2023']); // one per kind and line
    expect(signalsAsOf(hits, 2023)).toEqual([]);
  });

  it('scores a page by its distinct marker kinds, at most 1', () => {
    expect(signalScore([{ kind: 'legacy', line: 1, text: 'legacy', weight: 0.1 }, { kind: 'legacy', line: 2, text: 'legacy', weight: 0.1 }, { kind: 'outdated', line: 3, text: 'outdated', weight: 0.4 }])).toBe(0.5);
    expect(signalScore(MARKERS.map((m, i) => ({ kind: m.kind, line: i, text: '', weight: m.weight })))).toBe(1);
  });

  it('are listed per page in both reports, and are never findings', async () => {
    const r = await scanProject({ 'a.md': '# A\n\nThis page is outdated.\n', 'b.md': '# B\n\nFine.\n' }, { 'package.json': '{}\n' }, { asOf: '2025-01-01' });
    expect(r.findings).toEqual([]);
    expect(r.pages.map((p) => [p.page.id, p.signals, p.signalScore])).toEqual([
      ['a.md', [{ kind: 'outdated', line: 3, text: 'outdated', weight: 0.4 }], 0.4],
      ['b.md', [], 0],
    ]);
    const json = JSON.parse(formatJson(r));
    expect(json.pages[0]).toMatchObject({ file: 'a.md', signals: [{ kind: 'outdated', line: 3 }], signalScore: 0.4, lastModified: null });
    expect(json.summary.time).toMatchObject({ asOf: '2025-01-01', asOfSource: 'option' });
    const md = formatMarkdown(r);
    expect(md).toContain('### a.md\n\n- signals (weak, score 0.40): line 3 “outdated”');
    expect(md).toContain('Ages as of **2025-01-01** (given with asOf)');
    expect(md).not.toContain('### b.md');
  });
});
