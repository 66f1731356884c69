import { describe, expect, it } from 'vitest';
import { score, type Labels } from '../../eval/score.js';

const labels: Labels = {
  case: 'demo',
  scope: ['a.md', 'b.md'],
  positives: [
    { file: 'a.md', line: 3, claim: 'OLD_VAR', token: 'OLD_VAR', group: 'g1' },
    { file: 'a.md', line: 9, claim: 'OLD_VAR2', token: 'OLD_VAR2', group: 'g1', also_lines: [12] },
    { file: 'b.md', line: 5, claim: 'default', token: 'Default: 5', difficulty: 'hard' },
    { file: 'b.md', line: 7, claim: 'X=3 etcdctl', token: 'X=3' },
  ],
  negatives: [
    { file: 'a.md', line: 4, claim: 'GOOD_VAR', token: 'GOOD_VAR' },
    { file: 'b.md', line: 7, claim: 'etcdctl alarm', token: 'etcdctl' },
  ],
  ambiguous: [{ file: 'a.md', line: 20, claim: 'maybe' }],
};

describe('eval score', () => {
  it('follows the README rules: once per positive, also_lines, token tie-break, scope and ambiguity', () => {
    const s = score(labels, [
      { file: 'a.md', line: 3, token: 'OLD_VAR' },
      { file: 'a.md', line: 3, token: 'OLD_VAR' },
      { file: 'a.md', line: 12, token: 'OLD_VAR2' },
      { file: 'a.md', line: 4, token: 'GOOD_VAR' },
      { file: 'b.md', line: 7, token: 'etcdctl' },
      { file: 'a.md', line: 20 },
      { file: 'c.md', line: 1 },
      { file: 'b.md', line: 99, token: 'what' },
    ]);
    expect(s).toMatchObject({
      tp: 2, recall: 0.5, groups: 3, groupRecall: 0.333, hardRecall: 0,
      fpOnNegatives: 2, unlabelledInScope: 1, ignored: 2, precisionLenient: 0.5, precisionStrict: 0.4,
    });
    expect(s.misses.map((m) => m.claim)).toEqual(['default', 'X=3 etcdctl']);
  });
});
