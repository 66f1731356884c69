import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/parse/markdown.js';

const page = `---
title: Rollback runbook
owner: "@acme/payments-oncall"
last_reviewed: 2024-03-01
---

Intro text.

# Rolling back

## Steps

1. Run \`make rollback\`.

## Steps

## Why: "fast" & safe? {#why}

<a name="legacy-anchor"></a>

\`\`\`bash title="rollback.sh"
./scripts/rollback.sh
\`\`\`
`;

describe('parseMarkdown', () => {
  const { page: p, blocks, problems } = parseMarkdown(page, { id: 'runbooks/rollback.md', root: 'wiki' });

  it('reads title and owners from frontmatter', () => {
    expect(p.title).toBe('Rollback runbook');
    expect(p.owners).toEqual(['@acme/payments-oncall']);
    expect(problems).toEqual([]);
  });

  it('builds sections with GitHub slugs, duplicates and explicit ids', () => {
    expect(p.sections.map((s) => [s.id, s.depth, s.span.start.line, s.span.end?.line, s.parentId ?? null])).toEqual([
      ['', 0, 1, 8, null],
      ['rolling-back', 1, 9, 24, null],
      ['steps', 2, 11, 14, 'rolling-back'],
      ['steps-1', 2, 15, 16, 'rolling-back'],
      ['why', 2, 17, 24, 'rolling-back'],
    ]);
    expect(p.anchors).toContain('legacy-anchor');
  });

  it('keeps code blocks with the line of their first code line and their fence meta', () => {
    const code = blocks.find((b) => b.type === 'code');
    expect(code).toMatchObject({ type: 'code', lang: 'bash', meta: 'title="rollback.sh"', line: 22, sectionId: 'why' });
  });

  it('reports malformed frontmatter as a problem and goes on', () => {
    const bad = parseMarkdown('---\ntitle: [unclosed\n---\n# Hi\n', { id: 'x.md', root: '.' });
    expect(bad.problems[0]).toMatch(/malformed frontmatter/);
    expect(bad.page.title).toBe('Hi');
  });
});
