import { describe, expect, it } from 'vitest';
import { testCheck } from '../helpers/check-tester.js';
import { scanProject } from '../helpers/project.js';
import { formatJson } from '../../src/report/json.js';
import { formatMarkdown } from '../../src/report/markdown.js';

const system = { 'package.json': '{"scripts":{"build":"tsc"}}\n' };

testCheck('archived-page', {
  valid: [
    { name: 'a current page', system, docs: '---\nstatus: stable\n---\n\n# Webhooks\n' },
    { name: 'deprecated in the text only', system, docs: '# Webhooks\n\nThe v1 endpoint is deprecated.\n' },
    { name: 'deprecated: false', system, docs: '---\ndeprecated: false\n---\n\n# Webhooks\n' },
  ],
  invalid: [
    { name: 'status: deprecated', system, docs: '---\ntitle: Webhooks v1\nstatus: deprecated\n---\n\n# Webhooks\n', findings: [{ line: 3, messageId: 'archived' }] },
    { name: 'status in any case', system, docs: '---\nstatus: Archived\n---\n\n# Old\n', findings: [{ line: 2 }] },
    { name: 'deprecated: true', system, docs: '---\nowner: x\ndeprecated: true\n---\n\n# Old\n', findings: [{ line: 3 }] },
  ],
});

describe('archived-page', () => {
  it('is a warning on the status line, printed in both reports', async () => {
    const r = await scanProject({ 'old.md': '---\nstatus: obsolete\n---\n\n# Old API\n' }, system);
    const [f] = r.findings.filter((x) => x.checkId === 'archived-page');
    expect(f).toMatchObject({ severity: 'warning', message: 'Page is marked `status: obsolete`: remove it from retrieval sources, or update it and drop the mark', span: { file: 'old.md', start: { line: 2 } } });
    const json = JSON.parse(formatJson(r));
    expect(json.findings.find((x: { checkId: string }) => x.checkId === 'archived-page')).toMatchObject({ file: 'old.md', line: 2, claimKind: null, actual: 'status: obsolete' });
    const md = formatMarkdown(r);
    expect(md).toContain('- **warning** `archived-page` line 2: Page is marked `status: obsolete`');
    expect(md).toContain('  - page says (old.md:2): `status: obsolete`');
    expect(md).not.toContain('nothing defines it');
  });

  it('uses the configured status keys and values', async () => {
    const r = await scanProject({ 'old.md': '---\nlifecycle: sunset\n---\n\n# Old\n' }, system, { review: { status: ['lifecycle'], archived: ['sunset'] } });
    expect(r.findings.filter((x) => x.checkId === 'archived-page').map((x) => x.span.start.line)).toEqual([2]);
  });
});
