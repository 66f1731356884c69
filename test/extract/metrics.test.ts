import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/parse/markdown.js';
import { extractClaims } from '../../src/extract/index.js';
import { looksLikePromql, promqlMetricNames } from '../../src/extract/metrics.js';

/** Metric claims of a page as `line:column key (context confidence)`. */
const metrics = (md: string) =>
  extractClaims(parseMarkdown(md, { id: 'p.md', root: '.' }))
    .filter((c) => c.kind === 'metric')
    .map((c) => `${c.span.start.line}:${c.span.start.column ?? 0} ${c.key} (${c.context} ${c.confidence})`);
const keys = (md: string) => extractClaims(parseMarkdown(md, { id: 'p.md', root: '.' })).filter((c) => c.kind === 'metric').map((c) => c.key);

describe('PromQL names', () => {
  it('takes metric identifiers, not functions, aggregations, keywords, labels, durations or variables', () => {
    const expr = 'sum by (job, le) (rate(http_requests_total{code=~"5..", handler!="/health"}[5m] offset 1h)) / ignoring(code) group_left(team) sum without (instance) (irate(api_calls_total[$__rate_interval])) > bool 0.5 and on(job) up == 1';
    expect(promqlMetricNames(expr).map((r) => r.name)).toEqual(['http_requests_total', 'api_calls_total', 'up']);
  });

  it('reads histogram_quantile, __name__ matchers and skips recording rules', () => {
    expect(promqlMetricNames('histogram_quantile(0.99, sum by (le) (rate(payments_charge_duration_seconds_bucket[5m])))').map((r) => r.name)).toEqual(['payments_charge_duration_seconds_bucket']);
    expect(promqlMetricNames('{__name__="queue_depth", queue="emails"} > 100').map((r) => r.name)).toEqual(['queue_depth']);
    expect(promqlMetricNames('job:http_requests:rate5m > 10 unless absent(worker_heartbeat_timestamp)').map((r) => r.name)).toEqual(['worker_heartbeat_timestamp']);
  });

  it('tells inline PromQL from other code', () => {
    expect(looksLikePromql('rate(http_requests_total[5m])')).toBe(true);
    expect(looksLikePromql('http_requests_total{code="500"}')).toBe(true);
    expect(looksLikePromql('sum(rate(x_total[1m]))')).toBe(true);
    expect(looksLikePromql('max(created_at)')).toBe(false);
    expect(looksLikePromql('diff.changes(file_path)')).toBe(false);
    expect(looksLikePromql('http_requests_total')).toBe(false);
  });
});

describe('metric claims', () => {
  it('reads one claim per family from exposition text', () => {
    const md = [
      '# Metrics', '',
      'List of Prometheus metrics:', '',
      '```',
      '# HELP payments_charges_total Charges created.',
      '# TYPE payments_charges_total counter',
      'payments_charges_total{currency="eur"} 12',
      'payments_charges_total{currency="usd"} 3',
      '# HELP payments_charge_duration_seconds Charge latency.',
      '# TYPE payments_charge_duration_seconds histogram',
      'payments_charge_duration_seconds_bucket{le="0.1"} 4',
      'payments_charge_duration_seconds_bucket{le="+Inf"} 9',
      'payments_charge_duration_seconds_sum 1.7',
      'payments_charge_duration_seconds_count 9',
      'payments_workers 4',
      '```',
    ].join('\n');
    expect(metrics(md)).toEqual([
      '6:8 payments_charges_total (code-block 0.9)',
      '10:8 payments_charge_duration_seconds (code-block 0.9)',
      '16:1 payments_workers (code-block 0.9)',
    ]);
  });

  it('reads PromQL blocks', () => {
    const md = '# Dashboards\n\n```promql\nsum by (status) (\n  rate(payments_charges_total{env="$env"}[5m])\n)\n```\n';
    expect(metrics(md)).toEqual(['5:8 payments_charges_total (code-block 0.9)']);
  });

  it('reads expr values of alert rules, not their labels, annotations or recorded names', () => {
    const md = [
      '# Alerts', '',
      '```yaml',
      'groups:',
      '  - name: payments',
      '    rules:',
      '      - record: payments:charges:rate5m',
      '        expr: sum(rate(payments_charges_total[5m]))',
      '      - alert: PaymentsErrorRate',
      '        expr: |',
      '          sum(rate(payments_charge_errors_total[5m]))',
      '            / payments:charges:rate5m > 0.05',
      '        for: 10m',
      '        labels:',
      '          severity: page',
      '        annotations:',
      '          summary: "Error rate on {{ $labels.instance }} is {{ $value }}"',
      '      - alert: QueueStuck',
      "        expr: 'payments_queue_depth > 1000'",
      '```',
    ].join('\n');
    expect(metrics(md)).toEqual([
      '8:24 payments_charges_total (code-block 0.9)',
      '11:20 payments_charge_errors_total (code-block 0.9)',
      '19:16 payments_queue_depth (code-block 0.9)',
    ]);
  });

  it('reads Grafana panel queries in JSON', () => {
    const md = '# Dashboard\n\n```json\n{ "targets": [{ "expr": "rate(payments_refunds_total{job=\\"api\\"}[5m])", "legendFormat": "{{job}}" }] }\n```\n';
    expect(keys(md)).toEqual(['payments_refunds_total']);
  });

  it('reads inline names in a metrics section, and in a sentence about metrics', () => {
    const md = [
      '# Operations', '',
      'Restart the worker if `payments_queue_depth` stays high.', '',
      'The `payments_queue_depth` gauge counts waiting jobs.', '',
      '## Metrics', '',
      'Watch `payments_charges_total` and `payments_refunds_total`.', '',
      'The `currency_code` label holds the ISO code.', '',
    ].join('\n');
    expect(metrics(md)).toEqual([
      '5:6 payments_queue_depth (inline-code 0.75)',
      '9:8 payments_charges_total (inline-code 0.65)',
      '9:37 payments_refunds_total (inline-code 0.65)',
    ]);
  });

  it('does not take a snake_case name in an unrelated sentence for a metric', () => {
    const md = '# Database\n\nSet `max_connections` in postgresql.conf, then run `vacuum_full` on the `charges_archive` table.\n';
    expect(metrics(md)).toEqual([]);
  });

  it('reads inline PromQL anywhere', () => {
    const md = '# Troubleshooting\n\nIf `rate(payments_charge_errors_total[5m])` climbs, check the gateway.\n';
    expect(metrics(md)).toEqual(['3:10 payments_charge_errors_total (inline-code 0.75)']);
  });

  it('reads the name column of a metrics table, not as config keys', () => {
    const md = [
      '# Monitoring', '',
      '## Exported metrics', '',
      '| Name | Type | Description |',
      '| --- | --- | --- |',
      '| `payments_charges_total` | counter | Charges created |',
      '| `payments_queue_depth` | gauge | Jobs waiting |',
    ].join('\n');
    const claims = extractClaims(parseMarkdown(md, { id: 'p.md', root: '.' }));
    expect(claims.map((c) => `${c.span.start.line} ${c.kind} ${c.key} ${c.confidence}`)).toEqual([
      '7 metric payments_charges_total 0.85',
      '8 metric payments_queue_depth 0.85',
    ]);
  });

  it('reads a Metric column in any section', () => {
    const md = '# Reference\n\n| Metric | Meaning |\n|---|---|\n| payments_webhook_retries_total | Webhook retries |\n| up | Scrape health |\n';
    expect(keys(md)).toEqual(['payments_webhook_retries_total']);
  });
});
