import { describe, expect, it } from 'vitest';
import { testCheck } from '../helpers/check-tester.js';
import { scanProject } from '../helpers/project.js';
import { jsonFinding } from '../../src/report/json.js';
import { formatMarkdown } from '../../src/report/markdown.js';

/** A system that defines nothing the pages below talk about. */
const bare = { 'package.json': '{ "name": "payments", "private": true }\n' };
/** A system whose config defines the retry count (3). */
const configured = {
  'config/default.yaml': 'server:\n  host: 0.0.0.0\npayments:\n  retry:\n    maxAttempts: 3\n  currency: EUR\n',
};

testCheck('conflicting-claims', {
  valid: [
    {
      name: 'units: 30 s, 30000 ms and 30 seconds are one value',
      system: bare,
      docs: {
        'runbooks/timeouts.md': '# Timeouts\n\nThe request timeout is 30 s.\n',
        'guide/api.md': '# API\n\nIntro.\n\nRequests time out after 30000 ms.\n',
        'faq.md': '# FAQ\n\nThe request timeout is 30 seconds.\n',
      },
    },
    {
      name: 'structured values that differ only in formatting',
      system: bare,
      docs: {
        'a.md': '| Key | Default |\n|---|---|\n| `cache.store.size` | `1GiB` |\n| `cache.store.enabled` | `yes` |\n| `cache.store.ttl` | `30s` |\n',
        'b.md': '# Cache\n\n| Key | Default |\n|---|---|\n| `cache.store.size` | `1024MiB` |\n| `cache.store.enabled` | `true` |\n| `cache.store.ttl` | `30000ms` |\n',
      },
    },
    {
      name: 'unrelated sentences with numbers are not tied',
      system: bare,
      docs: {
        'a.md': '# Payments\n\nThe payments service retries failed webhooks 3 times.\n\nInvoices are kept for 7 days.\n\nThe payments service runs 4 workers.\n',
        'b.md': '# Ops\n\nThe payments service runs 8 workers per region on weekends for the batch export.\n\nLogs are kept for 30 days.\n\nThe exporter sends 5 reminder emails.\n',
      },
    },
    {
      name: 'statements about different plans or environments are different subjects',
      system: bare,
      docs: {
        'a.md': '# Limits\n\nThe free plan allows 100 API requests per minute.\n\nProduction runs 3 replicas of the payments API.\n',
        'b.md': '# Pricing\n\nThe pro plan allows 1000 API requests per minute.\n\nStaging runs 1 replica of the payments API.\n',
      },
    },
    {
      name: 'instructions and examples are not statements of the value',
      system: bare,
      docs: {
        'a.md': '# Webhooks\n\nThe payments service retries failed webhooks 3 times.\n\n| Variable | Default |\n|---|---|\n| `PAYMENTS_LOG_LEVEL` | `info` |\n',
        'b.md': [
          '# Testing', '',
          'To test failure handling, set the webhook retries to 5 attempts.', '',
          'Set `PAYMENTS_LOG_LEVEL` to `debug` while developing.', '',
          '```dotenv', 'PAYMENTS_LOG_LEVEL=debug', '```', '',
          'You can make the payments service retry failed webhooks 10 times.',
        ].join('\n'),
      },
    },
    {
      name: 'an upper bound and a lower bound do not contradict; "18 or later" and "20" agree',
      system: bare,
      docs: {
        'a.md': '# Scaling\n\nThe payments API scales to at most 10 replicas.\n\nIt needs Node.js 18 or later.\n',
        'b.md': '# Availability\n\nThe payments API keeps at least 2 replicas.\n\nWe run it on Node.js 20.\n',
      },
    },
    {
      name: 'a value the system defines is left to the per-claim checks',
      system: configured,
      docs: {
        'a.md': '| Key | Default |\n|---|---|\n| `payments.retry.maxAttempts` | `5` |\n',
        'b.md': '# Retries\n\n| Key | Default |\n|---|---|\n| `payments.retry.maxAttempts` | `3` |\n',
      },
    },
    {
      name: 'changelogs state old values on purpose',
      system: bare,
      docs: {
        'CHANGELOG.md': '# Changelog\n\n## 2.0\n\nThe request timeout is 10 s.\n',
        'guide.md': '# Guide\n\nThe request timeout is 30 s.\n',
      },
    },
  ],
  invalid: [
    {
      name: 'a paraphrase with another count: "retries 3 times" vs "up to 5 retry attempts"',
      system: bare,
      docs: {
        'runbooks/webhooks.md': '# Webhooks\n\nThe `payments` service retries failed webhooks 3 times.\n',
        'overview.md': '# Overview\n\nSome text.\n\nFor failed webhooks, the payments service makes up to 5 retry attempts.\n',
      },
      findings: [
        { file: 'runbooks/webhooks.md', line: 3, messageId: 'conflict' },
        { file: 'overview.md', line: 5, messageId: 'conflict' },
      ],
    },
    {
      name: 'two defaults for one variable, and two values for one key, that the system does not define',
      system: bare,
      docs: {
        'reference/env.md': '# Env\n\n| Variable | Default |\n|---|---|\n| `PAYMENTS_BATCH_SIZE` | `100` |\n',
        'guide.md': '# Guide\n\nIntro.\n\nMore.\n\n`PAYMENTS_BATCH_SIZE` defaults to `200`.\n\n`payments.export.format` is `csv`.\n',
        'ops.md': '# Ops\n\nIntro.\n\nMore.\n\nEven more.\n\n| Key | Value |\n|---|---|\n| `payments.export.format` | `json` |\n',
      },
      findings: [
        { file: 'reference/env.md', line: 5 },
        { file: 'guide.md', line: 7 },
        { file: 'ops.md', line: 11 },
        { file: 'guide.md', line: 9 },
      ],
    },
    {
      name: 'a config table and prose on another page, the system silent: both sides',
      system: bare,
      docs: {
        'reference/config.md': '# Config\n\n| Key | Default |\n|---|---|\n| `payments.retry.maxAttempts` | `3` |\n',
        'runbooks/charges.md': '# Charges\n\nThe payments service retries failed charges 5 times.\n',
      },
      findings: [
        { file: 'runbooks/charges.md', line: 3, messageId: 'conflict' },
        { file: 'reference/config.md', line: 5, messageId: 'conflict' },
      ],
    },
    {
      name: 'the system defines the value: only the page that disagrees with it is reported',
      system: configured,
      docs: {
        'reference/config.md': '# Config\n\n| Key | Default |\n|---|---|\n| `payments.retry.maxAttempts` | `3` |\n',
        'runbooks/charges.md': '# Charges\n\nThe payments service retries failed charges 5 times.\n',
        'faq.md': '# FAQ\n\nIntro.\n\nSome more.\n\nThe payments service retries failed charges 3 times.\n',
      },
      findings: [{ file: 'runbooks/charges.md', line: 3, messageId: 'wrong' }],
    },
    {
      name: 'a sentence that names the key the system sets decides too',
      system: { 'config/default.yaml': 'redis:\n  idempotencyTtlSeconds: 86400\n' },
      docs: {
        'architecture.md': '# Architecture\n\nRedis holds idempotency keys (24 hours, `redis.idempotencyTtlSeconds`).\n',
        'runbooks/redis.md': '# Redis outage\n\nIntro.\n\nRedis keeps idempotency keys for 48 hours.\n',
      },
      findings: [{ file: 'runbooks/redis.md', line: 5, messageId: 'wrong' }],
    },
    {
      name: 'versions and ports of one subject',
      system: bare,
      docs: {
        'a.md': '# Setup\n\nIt needs Node.js 20 or later.\n\nThe payments API listens on port 8080.\n',
        'b.md': '# Install\n\nIntro.\n\nIt runs on Node.js 18.\n\nThe payments API listens on port 3000.\n',
      },
      findings: [
        { file: 'a.md', line: 3 },
        { file: 'a.md', line: 5 },
        { file: 'b.md', line: 5 },
        { file: 'b.md', line: 7 },
      ],
    },
  ],
});

describe('conflicting-claims evidence', () => {
  it('names the system line and every other page, and fixes a wrong count', async () => {
    const r = await scanProject(
      {
        'reference/config.md': '# Config\n\n| Key | Default |\n|---|---|\n| `payments.retry.maxAttempts` | `3` |\n',
        'runbooks/charges.md': '# Charges\n\nThe payments service retries failed charges 5 times.\n',
        'faq.md': '# FAQ\n\nThe payments service retries failed charges 3 times.\n',
      },
      configured,
    );
    const f = r.findings.find((x) => x.checkId === 'conflicting-claims');
    expect(f?.message).toBe(
      '"…payments service retries failed charges 5 times" here, but "…payments service retries failed charges 3 times" on faq.md:3, `3` on reference/config.md:5; the system says `3` (system/config/default.yaml:5)',
    );
    expect(f?.evidence.map((e) => `${e.span.file}:${e.span.start.line} ${e.value}`)).toEqual(['system/config/default.yaml:5 3']);
    expect(f?.related?.map((x) => `${x.span.file}:${x.span.start.line} ${x.value}`)).toEqual(['faq.md:3 3 times', 'reference/config.md:5 3']);
    expect(f?.fix).toEqual({ from: '5 times', to: '3 times' });
    // Both reports show the other pages.
    expect(jsonFinding(f as never).related.map((x) => `${x.file}:${x.line}`)).toEqual(['faq.md:3', 'reference/config.md:5']);
    expect(formatMarkdown(r)).toContain('  - also (reference/config.md:5): says `3` here (same subject, similarity 1.00)');
    // The prose page that agrees with the system passes.
    expect(r.verified.filter((c) => c.kind === 'quantity').map((c) => `${c.span.file}:${c.span.start.line}`)).toEqual(['faq.md:3']);
  });

  it('honours the similarity threshold option', async () => {
    const docs = {
      'a.md': '# A\n\nThe payments service retries failed webhooks 3 times.\n',
      'b.md': '# B\n\nFor failed webhooks, the payments service makes up to 5 retry attempts.\n',
    };
    const strict = await scanProject(docs, bare, { conflictSimilarity: 0.99 });
    expect(strict.findings.filter((f) => f.checkId === 'conflicting-claims')).toEqual([]);
    const loose = await scanProject(docs, bare, { conflictSimilarity: 0.5 });
    expect(loose.findings.filter((f) => f.checkId === 'conflicting-claims')).toHaveLength(2);
  });
});
