import { defineCheck } from '../engine/check.js';
import type { Fact } from '../types.js';

/** Ports the system defines: `port` facts, plus config keys and variables named like a port with a number value. */
function systemPorts(all: { port: Fact[]; config: Fact[]; env: Fact[] }): Map<string, Fact[]> {
  const out = new Map<string, Fact[]>();
  const add = (port: string, f: Fact) => out.set(port, [...(out.get(port) ?? []), f]);
  for (const f of all.port) add(f.key, f);
  for (const f of [...all.config, ...all.env]) {
    const v = (f.value ?? '').trim();
    const m = /^:?(\d{2,5})$/.exec(v) ?? /^(?:[\w.-]+|\[[^\]]+\]):(\d{2,5})$/.exec(v);
    if (m?.[1] && /port|addr|listen|bind/i.test(f.key)) add(m[1], f);
  }
  return out;
}

export default defineCheck({
  meta: {
    id: 'port-mismatch',
    category: 'correctness',
    severity: 'warning',
    description: 'Ports a page names for the system (localhost URLs, "listens on port N") must be ports the system uses.',
    kinds: ['port'],
    messages: {
      mismatch: 'Port {{port}} is not used by the system; it listens on {{ports}}',
    },
  },
  run(ctx) {
    const ports = systemPorts({ port: ctx.facts.all('port'), config: ctx.facts.all('config-key'), env: ctx.facts.all('env-var') });
    const mainPorts = [...ports.keys()].sort((a, b) => Number(a) - Number(b));
    for (const claim of ctx.claims('port')) {
      if (!ports.size) {
        ctx.unverifiable(claim, 'the system declares no ports docdrift can read');
        continue;
      }
      if (ports.has(claim.key)) {
        ctx.pass(claim);
        continue;
      }
      const evidence = mainPorts.slice(0, 4).map((p) => {
        const f = (ports.get(p) as Fact[])[0] as Fact;
        return { message: `port ${p} is defined here`, span: f.origin, value: p };
      });
      const only = mainPorts.length === 1 ? mainPorts[0] : undefined;
      ctx.report({
        claim,
        messageId: 'mismatch',
        data: { port: claim.key, ports: mainPorts.slice(0, 6).join(', ') },
        expected: mainPorts.join(', '),
        evidence,
        ...(only && claim.raw.includes(claim.key) ? { suggestion: only, fix: { from: claim.raw, to: claim.raw.replace(claim.key, only) } } : {}),
      });
    }
  },
});
