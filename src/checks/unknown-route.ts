import { defineCheck } from '../engine/check.js';
import type { Fact } from '../types.js';
import { similarity } from '../util/similarity.js';

/** Path segments; `{}` is a parameter. */
function segments(path: string): string[] {
  return path.split('/').filter(Boolean);
}

function segMatch(a: string, b: string): boolean {
  return a === b || a === '{}' || b === '{}';
}

/**
 * Whether a documented path and a defined one name the same route. Either may carry a mount prefix
 * the other lacks (`/api/v1` set where a router is mounted, or left to a base URL on the page), so a
 * suffix match counts when it covers at least one literal segment on both sides.
 */
export function pathsMatch(doc: string, sys: string, partial = false): boolean {
  const a = segments(doc);
  const b = segments(sys);
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  const offset = long.length - short.length;
  let literal = false;
  for (let i = 0; i < short.length; i++) {
    const [x, y] = [short[i] as string, long[i + offset] as string];
    if (!segMatch(x, y)) return false;
    if (x !== '{}' && y !== '{}') literal = true;
  }
  // A suffix match needs a literal segment on both sides at the same place: `/healthz` must not
  // match `/orders/{id}` by lining up against the parameter.
  // A route whose mount prefix is unknown (`meta.partial`) must share a literal segment: `/{id}`
  // alone would match any one-segment path.
  return (offset === 0 && !partial) || literal;
}

function methodMatch(doc: string, sys: string): boolean {
  return doc === sys || sys === 'ANY' || doc === 'ANY' || (doc === 'HEAD' && sys === 'GET') || doc === 'OPTIONS';
}

export default defineCheck({
  meta: {
    id: 'unknown-route',
    category: 'correctness',
    severity: 'error',
    description: 'HTTP routes a page calls (`GET /api/orders`, curl on the system\'s hosts) must be served by the system.',
    kinds: ['route'],
    messages: {
      unknown: '`{{method}} {{path}}` is not served by the system; it is no longer defined',
      renamed: '`{{method}} {{path}}` is not served by the system; moved to `{{suggestion}}`?',
      method: '`{{path}}` is served, but not for `{{method}}` (the system accepts {{methods}})',
    },
  },
  run(ctx) {
    const routes = ctx.facts.all('route');
    for (const claim of ctx.claims('route')) {
      if (!routes.length) {
        ctx.unverifiable(claim, 'the system defines no HTTP routes docdrift can read');
        continue;
      }
      const [method = 'ANY', path = '/'] = claim.key.split(' ');
      const samePath = routes.filter((r) => pathsMatch(path, routePath(r), !!r.meta?.['partial']));
      if (samePath.some((r) => methodMatch(method, routeMethod(r)))) {
        ctx.pass(claim);
        continue;
      }
      // A bare URL (`https://host/api/v2`) that only prefixes served routes is a base URL, not an endpoint.
      if (!samePath.length && /^https?:\/\//i.test(claim.raw.trim()) && routes.some((r) => !r.meta?.['partial'] && routePath(r).startsWith(`${path.replace(/\/+$/, '')}/`))) {
        ctx.pass(claim);
        continue;
      }
      if (samePath.length) {
        const methods = [...new Set(samePath.map(routeMethod))].sort();
        ctx.report({
          claim,
          messageId: 'method',
          data: { method, path: claim.value ?? path, methods: methods.join(', ') },
          expected: methods.join(', '),
          evidence: samePath.slice(0, 3).map((r) => ({ message: `\`${r.key}\` is defined here`, span: r.origin })),
          ...(methods.length === 1 ? { fix: { from: method, to: methods[0] as string }, suggestion: `${methods[0]} ${claim.value ?? path}` } : {}),
        });
        continue;
      }
      let best: { fact: Fact; score: number } | undefined;
      for (const r of routes) {
        const score = similarity(asPattern(path), routePath(r).replace(/\{\}/g, 'param'));
        if (score >= 0.8 && methodMatch(method, routeMethod(r)) && (!best || score > best.score || (score === best.score && r.key < best.fact.key))) best = { fact: r, score };
      }
      ctx.report({
        claim,
        messageId: best ? 'renamed' : 'unknown',
        data: { method, path: claim.value ?? path, suggestion: best?.fact.value ?? best?.fact.key ?? '' },
        ...(best
          ? { suggestion: best.fact.key, expected: best.fact.key, evidence: [{ message: `\`${best.fact.key}\` is defined here`, span: best.fact.origin }] }
          : {}),
      });
    }
  },
});

function routePath(f: Fact): string {
  return f.key.slice(f.key.indexOf(' ') + 1);
}

function routeMethod(f: Fact): string {
  return String(f.meta?.['method'] ?? f.key.split(' ')[0]).toUpperCase();
}

/**
 * A documented path as a pattern for "moved to" suggestions: parameters and concrete ids written
 * in their place (`pay_123`, `42`, a UUID) both read as `param`, so `/payments/pay_123/refunds`
 * is compared with `/payments/{}/refunds` by shape, not by the id's letters.
 */
function asPattern(path: string): string {
  return path
    .split('/')
    .map((seg) => (seg === '{}' || /\d/.test(seg) && /^[\w.-]+$/.test(seg) && !/^v\d+$/.test(seg) ? 'param' : seg))
    .join('/');
}
