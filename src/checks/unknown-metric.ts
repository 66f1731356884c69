import { defineCheck } from '../engine/check.js';
import type { Claim, Fact } from '../types.js';
import type { FactBase } from '../facts/factbase.js';

/** Sample suffixes Prometheus and OpenMetrics add to a family name (histograms, summaries, counters, info). */
const SAMPLE_SUFFIXES = ['_bucket', '_sum', '_count', '_total', '_created', '_info'];
/** Samples of a histogram or summary, stripped to compare a renamed family. */
const FAMILY_SAMPLES = ['_bucket', '_sum', '_count'];

/**
 * Namespaces of metrics that exporters, runtimes and client libraries define, never the documented
 * system: the Go and process collectors, node_exporter, kube-state-metrics, cAdvisor, the Prometheus
 * server itself and its scrape series, language runtime collectors.
 */
const FOREIGN_NAMESPACES = new Set([
  'go', 'process', 'promhttp', 'node', 'nodejs', 'python', 'jvm', 'kube', 'kubelet', 'kubeproxy', 'kubernetes', 'container',
  'machine', 'cadvisor', 'apiserver', 'etcd', 'coredns', 'prometheus', 'scrape', 'up', 'windows', 'alertmanager', 'probe',
  'net', 'ALERTS',
]);

/** Unit and type words a metric name ends with; a rename rarely changes them. */
const SUFFIX_TYPES = new Set(['total', 'count', 'sum', 'bucket', 'seconds', 'milliseconds', 'ms', 'bytes', 'ratio', 'percent', 'info', 'created', 'celsius', 'meters', 'volts', 'amperes', 'joules', 'grams', 'timestamp']);

function suffixType(name: string): string {
  const last = name.split('_').pop() ?? '';
  return SUFFIX_TYPES.has(last) ? last : '';
}

function namespaceOf(name: string): string {
  return name.split(/[_.]/)[0] ?? name;
}

/** What the system defines, indexed for the suffix rules. */
class Metrics {
  readonly names = new Set<string>();
  readonly partial: string[] = [];
  readonly namespaces = new Set<string>();
  /** Underscore names a rename could go to (no dotted or tail-only forms). */
  readonly candidates: string[] = [];

  constructor(private readonly facts: FactBase) {
    for (const f of facts.all('metric')) {
      if (f.meta?.['partial']) {
        this.partial.push(f.key);
        continue;
      }
      this.names.add(f.key);
      this.namespaces.add(namespaceOf(f.key));
    }
    this.candidates = [...this.names].filter((k) => !k.includes('.') && !k.includes('-')).sort();
  }

  get size(): number {
    return this.names.size + this.partial.length;
  }

  /** The fact a claimed name is a sample of, if any. */
  resolve(key: string): Fact | undefined {
    const exact = this.facts.get('metric', key)[0];
    if (exact && !exact.meta?.['partial']) return exact;
    for (const s of SAMPLE_SUFFIXES) {
      if (!key.endsWith(s)) continue;
      const base = key.slice(0, -s.length);
      if (this.names.has(base)) return this.facts.get('metric', base)[0];
    }
    // A counter defined as `x_total`, documented by its family name `x`.
    if (this.names.has(`${key}_total`)) return this.facts.get('metric', `${key}_total`)[0];
    // Micrometer timers and distribution summaries also expose `_max`.
    if (key.endsWith('_max')) {
      const base = this.facts.get('metric', key.slice(0, -4));
      const m = base.find((f) => f.meta?.['via'] === 'micrometer');
      if (m) return m;
    }
    const stripped = [key, ...SAMPLE_SUFFIXES.filter((s) => key.endsWith(s)).map((s) => key.slice(0, -s.length))];
    for (const p of this.partial) {
      if (stripped.some((k) => k === p || k.endsWith(`_${p}`))) return this.facts.get('metric', p).find((f) => f.meta?.['partial']);
    }
    return undefined;
  }
}

/** A name the system uses for something other than a metric (a config key, an env variable). */
function otherNames(facts: FactBase): Set<string> {
  const out = new Set<string>();
  for (const k of facts.keys('config-key')) {
    out.add(k.split('.').pop()?.replace(/\[.*$/, '').toLowerCase() ?? k);
    out.add(k.replace(/\[\d*\]/g, '').replace(/[.-]/g, '_').toLowerCase());
  }
  for (const k of facts.keys('env-var')) out.add(k.toLowerCase());
  for (const k of facts.keys('cli-flag')) out.add(k.replace(/^-+/, '').replace(/-/g, '_'));
  return out;
}

export default defineCheck({
  meta: {
    id: 'unknown-metric',
    category: 'correctness',
    severity: 'warning',
    description: 'Metric names that pages, dashboards and alert rules use must still be defined by the system.',
    kinds: ['metric'],
    messages: {
      unknown: 'Metric `{{name}}` is no longer defined by the system',
      renamed: 'Metric `{{name}}` is not defined by the system; renamed to `{{suggestion}}`?',
    },
  },
  run(ctx) {
    const claims = ctx.claims('metric');
    if (!claims.length) return;
    const metrics = new Metrics(ctx.facts);
    const others = otherNames(ctx.facts);
    // Metrics a page documents correctly are not where its stale names went.
    const documented = new Map<string, Set<string>>();
    const resolved = new Map<Claim, Fact | undefined>();
    for (const claim of claims) {
      const fact = metrics.resolve(claim.key);
      resolved.set(claim, fact);
      if (!fact) continue;
      const page = claim.span.file;
      if (!documented.has(page)) documented.set(page, new Set());
      documented.get(page)?.add(fact.key);
    }
    for (const claim of claims) {
      if (resolved.get(claim)) {
        ctx.pass(claim);
        continue;
      }
      if (!metrics.size) {
        ctx.unverifiable(claim, 'the system defines no metrics that docdrift can read');
        continue;
      }
      const ns = namespaceOf(claim.key);
      if (FOREIGN_NAMESPACES.has(ns)) {
        ctx.unverifiable(claim, `\`${claim.key}\` is an exporter's or runtime's metric, not the system's`);
        continue;
      }
      if (!metrics.namespaces.has(ns)) {
        ctx.unverifiable(claim, `no metric of the system starts with \`${ns}_\`; \`${claim.key}\` may be another exporter's metric`);
        continue;
      }
      if (claim.raw === claim.key && claim.context !== 'code-block' && others.has(claim.key)) {
        ctx.unverifiable(claim, `\`${claim.key}\` names a setting or variable of the system, not a metric`);
        continue;
      }
      const onPage = documented.get(claim.span.file) ?? new Set<string>();
      const near = nearestMetric(ctx.facts, metrics, claim.key, onPage);
      if (!near && claim.context === 'inline-code' && claim.confidence < 0.75) {
        // Only a section heading ties this name to metrics: without a close system metric it is as
        // likely a field or a setting as a metric that is gone.
        ctx.unverifiable(claim, `\`${claim.key}\` is only loosely tied to metrics on the page and is close to no metric of the system`);
        continue;
      }
      if (near) {
        ctx.report({
          claim,
          messageId: 'renamed',
          data: { name: claim.key, suggestion: near.name },
          suggestion: near.name,
          expected: near.name,
          evidence: [{ message: `\`${near.fact.key}\` is defined here`, span: near.fact.origin }],
          fix: { from: claim.key, to: near.name },
        });
      } else {
        ctx.report({ claim, messageId: 'unknown', data: { name: claim.key } });
      }
    }
  },
});

/**
 * The system metric a stale name most likely became: in the same namespace, preferring one with the
 * same unit/type suffix, and passing over metrics the page already documents correctly (unless the
 * names are typo-close). A histogram or summary sample (`x_bucket`) is compared by its family name.
 */
function nearestMetric(facts: FactBase, metrics: Metrics, key: string, onPage: Set<string>): { name: string; fact: Fact } | undefined {
  const ns = namespaceOf(key);
  const inNs = metrics.candidates.filter((k) => namespaceOf(k) === ns);
  const find = (name: string, pool: string[]) => {
    const open = pool.filter((k) => !onPage.has(k));
    const type = suffixType(name);
    const same = (list: string[]) => list.filter((k) => suffixType(k) === type);
    return (
      facts.nearest('metric', name, 0.9, pool.filter((k) => onPage.has(k))) ??
      facts.nearest('metric', name, 0.79, same(open)) ??
      facts.nearest('metric', name, 0.85, open)
    );
  };
  const whole = find(key, inNs);
  if (whole) return { name: whole.fact.key, fact: whole.fact };
  for (const s of FAMILY_SAMPLES) {
    if (!key.endsWith(s)) continue;
    const families = inNs.filter((k) => facts.get('metric', k).some((f) => f.meta?.['type'] === 'histogram' || f.meta?.['type'] === 'summary' || f.meta?.['type'] === undefined));
    const near = find(key.slice(0, -s.length), families);
    if (near) return { name: near.fact.key + s, fact: near.fact };
  }
  return undefined;
}
