import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/parse/markdown.js';
import { pageWords } from '../../src/parse/signature.js';
import { estimateJaccard } from '../../src/util/minhash.js';

const parse = (text: string) => parseMarkdown(text, { id: 'p.md', root: 'docs' });

describe('page signatures', () => {
  it('read headings, prose, tables and code, lower-cased, without frontmatter, markup or link targets', () => {
    const { blocks } = parse(`---
title: Secret Title
owner: team-x
---

# Deploy **Now**

Run [the script](https://example.com/hidden-target) with \`make Deploy\`.

| Key | Default |
|---|---|
| \`server.port\` | 8080 |

\`\`\`bash
npm run build
\`\`\`
`);
    expect(pageWords(blocks)).toEqual(['deploy', 'now', 'run', 'the', 'script', 'with', 'make', 'deploy', 'key', 'default', 'server', 'port', '8080', 'npm', 'run', 'build']);
  });

  it('the same text gives the same signature; markup and frontmatter do not change it', () => {
    const plain = parse('# Title\n\n' + 'The quick brown fox jumps over the lazy dog again and again. '.repeat(5));
    const marked = parse('---\nlast_reviewed: 2024-01-01\n---\n\n# Title\n\n' + 'The *quick* brown [fox](x.md) jumps over the **lazy** dog again and again. '.repeat(5));
    expect(plain.page.signature).toEqual(parse('# Title\n\n' + 'The quick brown fox jumps over the lazy dog again and again. '.repeat(5)).page.signature);
    expect(estimateJaccard(plain.page.signature as Uint32Array, marked.page.signature as Uint32Array)).toBe(1);
    expect(plain.page.words).toBe(61);
  });

  it('an empty page has no signature', () => {
    const { page } = parse('---\ntitle: x\n---\n');
    expect(page.signature).toBeUndefined();
    expect(page.words).toBeUndefined();
  });
});
