import { describe, expect, it } from 'vitest';
import { testCheck } from '../helpers/check-tester.js';
import { scanProject } from '../helpers/project.js';
import { scanProjectWithHistory } from '../helpers/git.js';

const system = { 'package.json': '{"scripts":{"build":"tsc"}}\n' };
const fm = (lines: string) => `---\n${lines}\n---\n\n# Page\n\nText.\n`;
// Without git and asOf, the reference date is the newest last_reviewed of the pages: this page sets it.
const anchor = fm('last_reviewed: 2025-06-02');

testCheck('review-overdue', {
  valid: [
    { name: 'reviewed within the interval', system, docs: { 'a.md': fm('last_reviewed: 2025-01-10'), 'index.md': anchor } },
    { name: 'a review_by in the future rules over an old last_reviewed', system, docs: { 'a.md': fm('last_reviewed: 2023-01-10\nreview_by: 2025-09-01'), 'index.md': anchor } },
    { name: 'no review metadata', system, docs: { 'a.md': '# A\n\nNothing about reviews.\n', 'index.md': anchor } },
    { name: 'an archived page is left to archived-page', system, docs: { 'a.md': fm('status: archived\nlast_reviewed: 2020-01-01'), 'index.md': anchor } },
    { name: 'a single page is never overdue against its own review date', system, docs: { 'a.md': fm('last_reviewed: 2020-01-01') } },
  ],
  invalid: [
    { name: 'last_reviewed older than 180 days', system, docs: { 'a.md': fm('title: A\nlast_reviewed: 2024-03-04'), 'index.md': anchor }, findings: [{ file: 'a.md', line: 3, messageId: 'overdue' }] },
    { name: 'review_by in the past', system, docs: { 'a.md': fm('review_by: 2025-05-01'), 'index.md': anchor }, findings: [{ file: 'a.md', line: 2, messageId: 'due' }] },
    { name: 'a TOML date, and the other key name', system, docs: { 'a.md': '+++\nreviewed = 2024-01-01\n+++\n\n# A\n', 'index.md': anchor }, findings: [{ file: 'a.md', line: 2, messageId: 'overdue' }] },
    { name: 'a value that is not a date', system, docs: { 'a.md': fm('owner: "@team"\nlast_reviewed: soon'), 'index.md': anchor }, findings: [{ file: 'a.md', line: 3, messageId: 'badDate' }] },
  ],
});

describe('review-overdue: the reference date', () => {
  it('says how many days, against which date, and where the date came from', async () => {
    const r = await scanProject({ 'a.md': fm('last_reviewed: 2024-03-04'), 'index.md': anchor }, system);
    expect(r.findings.filter((f) => f.checkId === 'review-overdue').map((f) => [f.message, f.severity])).toEqual([
      ['Last reviewed on 2024-03-04, 455 days before 2025-06-02: past the 180-day review interval', 'info'],
    ]);
    expect(r.summary.time).toMatchObject({ asOf: '2025-06-02', asOfSource: 'reviews' });
  });

  it('takes asOf and the interval from the options', async () => {
    const docs = { 'a.md': fm('last_reviewed: 2025-01-10') };
    const r = await scanProject(docs, system, { asOf: '2025-05-01', review: { intervalDays: 90 } });
    expect(r.summary.time).toMatchObject({ asOf: '2025-05-01', asOfSource: 'option' });
    expect(r.findings.filter((f) => f.checkId === 'review-overdue').map((f) => f.message)).toEqual(['Last reviewed on 2025-01-10, 111 days before 2025-05-01: past the 90-day review interval']);
    const none = await scanProject(docs, system, { asOf: '2025-05-01' });
    expect(none.findings.filter((f) => f.checkId === 'review-overdue')).toEqual([]);
  });

  it('reads configured key names', async () => {
    const r = await scanProject({ 'a.md': fm('checked_on: 2024-01-01\nlast_reviewed: 2025-04-30') }, system, { asOf: '2025-05-01', review: { lastReviewed: ['checked_on'] } });
    expect(r.findings.filter((f) => f.checkId === 'review-overdue').map((f) => f.span.start.line)).toEqual([2]);
  });

  it('defaults to the newest commit date when there is git history', async () => {
    const docs = { 'a.md': fm('last_reviewed: 2024-06-01') };
    const r = await scanProjectWithHistory(docs, system, [{ date: '2024-07-01', files: ['docs/a.md'] }, { date: '2025-03-01', files: ['system/package.json'] }]);
    expect(r.summary.time).toMatchObject({ asOf: '2025-03-01', asOfSource: 'git' });
    expect(r.findings.filter((f) => f.checkId === 'review-overdue').map((f) => f.message)).toEqual(['Last reviewed on 2024-06-01, 273 days before 2025-03-01: past the 180-day review interval']);
  });

  it('rejects a bad asOf or threshold as a user error', async () => {
    await expect(scanProject({ 'a.md': '# A\n' }, system, { asOf: '2025-02-30' })).rejects.toThrow(/asOf must be a date/);
    await expect(scanProject({ 'a.md': '# A\n' }, system, { gitChurnThreshold: 0 })).rejects.toThrow(/gitChurnThreshold/);
  });
});
