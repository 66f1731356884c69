import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/parse/markdown.js';
import { extractClaims } from '../../src/extract/index.js';
import type { ExtractContext } from '../../src/extract/context.js';

const ctx: ExtractContext = { executables: new Set(['acme']), hosts: new Set(['payments.internal.acme.io']) };
const claims = (md: string, c: ExtractContext = ctx) =>
  extractClaims(parseMarkdown(md, { id: 'p.md', root: '.' }), c).map((x) => `${x.span.start.line} ${x.kind} ${x.key}${x.value !== undefined ? `=${x.value}` : ''}${x.meta?.default ? ' (default)' : ''}${x.meta?.command ? ` @${x.meta.command}` : ''}`);

describe('extractClaims', () => {
  it('reads commands and flags of the system\'s own executables only', () => {
    const md = '# CLI\n\n```bash\nacme db migrate --dry-run --env=staging -v\nkubectl rollout restart deploy/payments --timeout=60s\nnpx acme version\n```\n';
    expect(claims(md)).toEqual([
      '4 cli-command acme db migrate',
      '4 cli-flag --dry-run @acme db migrate',
      '4 cli-flag --env=staging @acme db migrate',
      '4 cli-flag -v @acme db migrate',
      '6 cli-command acme version',
    ]);
    expect(claims(md, { executables: new Set(), hosts: new Set() })).toEqual([]);
  });

  it('reads routes from method lines, curl on the system\'s hosts, http blocks and tables', () => {
    const md = [
      '# API', '',
      'Call `POST /v1/charges/:id/capture` or GET /v1/charges.', '',
      '```bash',
      'curl -X DELETE https://payments.internal.acme.io/v1/refunds/42',
      'curl -d \'{"a":1}\' http://localhost:8080/v1/charges',
      'curl https://api.stripe.com/v1/charges',
      '```', '',
      '```http',
      'PATCH /v1/charges/{id} HTTP/1.1',
      '```', '',
      '| Method | Path |', '|---|---|', '| GET | `/health` |',
    ].join('\n');
    expect(claims(md)).toEqual([
      '3 route POST /v1/charges/{}/capture=/v1/charges/:id/capture',
      '3 route GET /v1/charges=/v1/charges',
      '6 route DELETE /v1/refunds/42=/v1/refunds/42',
      '7 route POST /v1/charges=/v1/charges',
      '7 port 8080',
      '12 route PATCH /v1/charges/{}=/v1/charges/{id}',
      '17 route GET /health=/health',
    ]);
  });

  it('reads versions, prose ports and defaults under reference headings', () => {
    const md = [
      '# Setup', '',
      'Install Golang (>=1.21) and Node.js 20. The API listens on port 8080.', '',
      '### `ACME_LOG_LEVEL`', '', '> Default: empty', '',
      '### `ACME_TIMEOUT`', '', 'Default: `30s`. Example: `ACME_TIMEOUT=1m`', '',
      '| Flag | Default |', '|---|---|', '| `--workers` | `4` |',
    ].join('\n');
    expect(claims(md)).toEqual([
      '3 version go=1.21',
      '3 version node=20',
      '3 port 8080',
      '3 quantity port:api listen port=8080',
      '5 env-var ACME_LOG_LEVEL',
      '7 env-var ACME_LOG_LEVEL= (default)',
      '9 env-var ACME_TIMEOUT',
      '11 env-var ACME_TIMEOUT=1m',
      '11 env-var ACME_TIMEOUT=30s (default)',
      '15 cli-flag --workers=4 (default)',
    ]);
  });

  it('reads diff blocks by their after-state, env listings, and compose environment lists', () => {
    const md = [
      '# Setup', '',
      '```diff',
      ' services:',
      '   api:',
      '     environment:',
      '-      - ACME_OLD_FLAG=true',
      '+      - ACME_TLS=true',
      '```', '',
      '```',
      '- ACME_HOST=ci.example.com',
      '- ACME_FILTER=',
      '```', '',
      '```ini',
      'ACME_OPEN=true',
      '# comment',
      'ACME_ADMIN=alice',
      '```', '',
      '```ini',
      '[server]',
      'port = 8080',
      '```',
    ].join('\n');
    expect(claims(md)).toEqual([
      '4 config-key services',
      '5 config-key services.api',
      '6 config-key services.api.environment',
      '8 env-var ACME_TLS=true',
      '12 env-var ACME_HOST=ci.example.com',
      '13 env-var ACME_FILTER',
      '17 env-var ACME_OPEN=true',
      '19 env-var ACME_ADMIN=alice',
      '23 config-key server',
      '24 config-value server.port=8080',
    ]);
  });

  it('reads the subcommand after global options when it is clear where they end', () => {
    const md = '```bash\nacme --server http://localhost:8080 items get SKU-1\nacme --verbose --config=./x.yaml db migrate\nacme --env staging db migrate\n```\n';
    expect(claims(md).filter((c) => c.includes('cli-command'))).toEqual([
      '2 cli-command acme items get',
      '3 cli-command acme db migrate',
      '4 cli-command acme',
    ]);
  });

  it('keeps two versions of one runtime stated on one line', () => {
    expect(claims('It needs Python 3.10 or later; the team develops on Python 3.12.\n').filter((c) => c.includes('version'))).toEqual([
      '1 version python=3.10',
      '1 version python=3.12',
    ]);
  });

  it('reads the default in a definition-list entry', () => {
    const md = '# Flags\n\n`--batch-size`\n: Rows per batch. Default: `1000`.\n\n`ACME_TIMEOUT`\n: How long to wait. Defaults to 30s.\n';
    expect(claims(md).filter((c) => c.includes('(default)'))).toEqual(['4 cli-flag --batch-size=1000 (default)', '7 env-var ACME_TIMEOUT=30s (default)']);
  });

  it('reads YAML snippets with elided parts', () => {
    const md = '```yaml\nservices:\n  api:\n    [...]\n    environment:\n      - [...]\n      - ACME_TLS=true\n```\n';
    expect(claims(md)).toEqual(['2 config-key services', '3 config-key services.api', '5 config-key services.api.environment', '7 env-var ACME_TLS=true']);
  });
});
