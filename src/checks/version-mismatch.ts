import semver from 'semver';
import { defineCheck } from '../engine/check.js';
import type { Fact } from '../types.js';
import { imageVersion } from '../extract/versions.js';

/** What the system requires of a runtime, as a semver range, with where it says so. */
interface Requirement {
  range: string;
  fact: Fact;
}

/** Turns a version fact into a range: `>=20` stays, `20`/`20.11` from .nvmrc or an image tag mean that line, `go 1.22` is a minimum. */
function requirementOf(fact: Fact, key: string): Requirement | undefined {
  let v = (fact.value ?? '').trim();
  if (fact.kind === 'image') {
    const iv = imageVersion(`${fact.key}:${v}`);
    if (!iv || iv.key !== key) return undefined;
    v = iv.value;
  }
  v = v.replace(/^v/, '').replace(/^(\d+(?:\.\d+)*)[-_].*$/, '$1');
  if (!v || v === 'latest' || v === 'lts' || /^lts\//.test(v)) return undefined;
  // go.mod's `go` line is a minimum; a pin elsewhere (.go-version, .tool-versions) is that version.
  if (key === 'go' && fact.provider === 'gomod' && /^\d+\.\d+(?:\.\d+)?$/.test(v)) return { range: `>=${v}`, fact };
  if (/^\d+(?:\.\d+){0,2}$/.test(v)) return { range: v.split('.').length < 3 ? `${v}.x` : v, fact };
  const range = semver.validRange(pep440ToSemver(v));
  return range ? { range, fact } : undefined;
}

/**
 * Python's PEP 440 specifiers as a semver range: `~=3.11` is `>=3.11 <4`, `~=3.11.2` is
 * `>=3.11.2 <3.12`, `==3.11.*` is `3.11.x`, commas are "and", `!=` exclusions are dropped (they
 * remove single releases, never a whole line). Other ranges pass through.
 */
export function pep440ToSemver(spec: string): string {
  return spec
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part && !part.startsWith('!='))
    .map((part) => {
      const compatible = /^~=\s*(\d+(?:\.\d+)+)$/.exec(part);
      if (compatible?.[1]) {
        const nums = compatible[1].split('.').map(Number);
        const upper = nums.slice(0, -1);
        upper[upper.length - 1] = (upper[upper.length - 1] as number) + 1;
        return `>=${compatible[1]} <${upper.join('.')}`;
      }
      const wildcard = /^==\s*(\d+(?:\.\d+)*)\.\*$/.exec(part);
      if (wildcard?.[1]) return `${wildcard[1]}.x`;
      return part.replace(/^==\s*/, '');
    })
    .join(' ');
}

export default defineCheck({
  meta: {
    id: 'version-mismatch',
    category: 'correctness',
    severity: 'warning',
    description: 'Runtime and service versions a page states must fit what the system requires (engines, .nvmrc, go.mod, Dockerfile, compose images).',
    kinds: ['version'],
    messages: {
      mismatch: '{{name}} {{version}} on this page, but the system requires {{name}} {{required}}',
      tooOld: '{{name}} {{version}} or later on this page, but the system requires {{name}} {{required}}',
    },
  },
  run(ctx) {
    for (const claim of ctx.claims('version')) {
      const key = claim.key;
      const facts = [
        ...ctx.facts.get('version', key),
        ...ctx.facts.get('engine', key),
        ...ctx.facts.all('image').filter((f) => imageVersion(`${f.key}:${f.value ?? ''}`)?.key === key),
      ];
      const reqs = facts.map((f) => requirementOf(f, key)).filter((r): r is Requirement => !!r);
      const claimed = semver.coerce(claim.value ?? '');
      if (!reqs.length || !claimed) {
        ctx.unverifiable(claim, `the system states no ${key} version docdrift can read`);
        continue;
      }
      const precision = (claim.value ?? '').split('.').length;
      const fits = reqs.some((r) => {
        const min = semver.minVersion(r.range);
        if (claim.meta?.qualifier === 'min') {
          // "18 or later" is right while the system's minimum is 18 at the page's precision, or lower.
          if (!min) return true;
          return compareAt(claimed, min, precision) >= 0 || semver.satisfies(claimed, r.range);
        }
        if (semver.satisfies(claimed, r.range)) return true;
        // "Node 20" fits ".nvmrc 20.11.1": compare at the precision the page wrote.
        return !!min && compareAt(claimed, min, precision) === 0;
      });
      if (fits) {
        ctx.pass(claim);
        continue;
      }
      const required = [...new Set(reqs.map((r) => r.fact.value ?? r.range))].join(' / ');
      const main = reqs[0] as Requirement;
      const min = semver.minVersion(main.range);
      const to = min ? [min.major, min.minor, min.patch].slice(0, Math.max(1, precision)).join('.') : undefined;
      ctx.report({
        claim,
        messageId: claim.meta?.qualifier === 'min' ? 'tooOld' : 'mismatch',
        data: { name: key, version: claim.value ?? '', required },
        expected: required,
        evidence: reqs.map((r) => ({ message: `${r.fact.kind === 'image' ? 'image' : key} version required here`, span: r.fact.origin, value: r.fact.value ?? r.range })),
        ...(to && claim.value && claim.raw.includes(claim.value) ? { fix: { from: claim.raw, to: claim.raw.replace(claim.value, to) }, suggestion: `${key} ${to}` } : {}),
      });
    }
  },
});

/** Compares two versions on their first `precision` parts. */
function compareAt(a: semver.SemVer, b: semver.SemVer, precision: number): number {
  const pa = [a.major, a.minor, a.patch].slice(0, precision);
  const pb = [b.major, b.minor, b.patch].slice(0, precision);
  for (let i = 0; i < pa.length; i++) if (pa[i] !== pb[i]) return (pa[i] as number) - (pb[i] as number);
  return 0;
}
