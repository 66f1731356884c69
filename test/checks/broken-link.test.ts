import { testCheck } from '../helpers/check-tester.js';

const docs = {
  'index.md': '# Home\n\nSee [rollback](runbooks/rollback.md#steps) and [scaling](./runbooks/scaling.md).\n',
  'runbooks/rollback.md': '# Rollback\n\n## Steps\n\n## Steps\n\n## Why: "fast" & safe?\n\nBack to [home](../index.md), the [second steps](#steps-1) and [why](#why-fast--safe).\n',
  'runbooks/scaling.md': '# Scaling\n\nSee [the service config](../../system/config/default.yaml) and [upstream](https://example.com/x).\n',
};

testCheck('broken-link', {
  valid: [
    { name: 'relative links, duplicate and punctuated heading slugs, links into the system, external links', system: { 'config/default.yaml': 'a: 1\n' }, docs },
    { name: 'root-relative and extension-less links', system: {}, docs: { 'a/b.md': '# B\n\nGo [home](/index) or to [c](/a/c#top).\n', 'index.md': '# Home\n', 'a/c.md': '# Top\n' } },
  ],
  invalid: [
    {
      name: 'a missing page and a renamed anchor',
      system: {},
      docs: {
        'index.md': '# Home\n\n- [Rollback](runbooks/rollbak.md)\n- [Steps](runbooks/rollback.md#step-by-step)\n- [Nothing](runbooks/nowhere.md)\n',
        'runbooks/rollback.md': '# Rollback\n\n## Step by step guide\n',
      },
      findings: [
        { line: 3, file: 'index.md', messageId: 'missingPageNear', suggestion: 'runbooks/rollback.md' },
        { line: 4, file: 'index.md', messageId: 'missingAnchorNear', suggestion: '#step-by-step-guide' },
        { line: 5, file: 'index.md', messageId: 'missingPage', suggestion: undefined },
      ],
    },
    {
      name: 'a same-page anchor that does not exist',
      system: {},
      docs: '# Runbook\n\n## Escalation\n\nSee [below](#paging).\n',
      findings: [{ line: 5, messageId: 'missingAnchor' }],
    },
  ],
});
