import { defineCheck } from '../engine/check.js';
import type { Fact } from '../types.js';

/** Flags every CLI library adds on its own. */
const BUILTIN_FLAGS = new Set(['--help', '-h', '--version', '-v', '-V']);

export default defineCheck({
  meta: {
    id: 'unknown-cli-flag',
    category: 'correctness',
    severity: 'error',
    description: 'Flags given to the system\'s own executables must still be defined (other tools\' flags are never judged).',
    kinds: ['cli-flag'],
    messages: {
      unknown: '`{{flag}}` is not a flag of `{{command}}`; it is no longer defined',
      renamed: '`{{flag}}` is not a flag of `{{command}}`; renamed to `{{suggestion}}`?',
    },
  },
  run(ctx) {
    const flags = ctx.facts.all('cli-flag');
    const commands = new Set(ctx.facts.keys('cli-command'));
    // Flags a provider has linked into a full command tree (a copy at the same place) are not floating.
    const linkedFlags = new Set(flags.filter((f) => !f.meta?.['partial']).map((f) => `${f.origin.file}:${f.origin.start.line}`));
    const byExe = new Map<string, Fact[]>();
    for (const f of flags) {
      const exe = String(f.meta?.['command'] ?? '').split(' ')[0] ?? '';
      byExe.set(exe, [...(byExe.get(exe) ?? []), f]);
    }
    // Pages that run one of the system's commands: a bare `--flag` there is about the system's CLI.
    const cliPages = new Set(ctx.claims('cli-command').map((c) => c.span.file));
    for (const claim of ctx.claims('cli-flag')) {
      if (BUILTIN_FLAGS.has(claim.key)) {
        ctx.pass(claim);
        continue;
      }
      const command = claim.meta?.command;
      if (!command) {
        if (!flags.length || (claim.context !== 'table' && !cliPages.has(claim.span.file))) {
          ctx.unverifiable(claim, 'a flag named without a command, on a page that runs none of the system\'s commands');
          continue;
        }
        if (flags.some((f) => f.key === claim.key)) ctx.pass(claim);
        else report(claim.key, 'the system\'s commands', flags);
        continue;
      }
      const exe = command.split(' ')[0] as string;
      const own = byExe.get(exe) ?? [];
      if (!own.length) {
        ctx.unverifiable(claim, `the flags of \`${exe}\` are not known`);
        continue;
      }
      // The command as far as the system knows it, and its ancestors (persistent/global flags).
      const words = command.split(' ');
      let known = exe;
      for (let i = 1; i < words.length && commands.has(`${known} ${words[i]}`); i++) known = `${known} ${words[i]}`;
      const scopes = new Set<string>();
      for (let p = known.split(' '); p.length; p = p.slice(0, -1)) scopes.add(p.join(' '));
      const inScope = own.filter((f) => scopes.has(String(f.meta?.['command'] ?? exe)));
      // Flags of commands defined in files that do not show their parents (`meta.partial`): their
      // command path starts mid-tree, so they count wherever the claim's command names that command.
      const floating = (f: Fact) => {
        if (!f.meta?.['partial'] || linkedFlags.has(`${f.origin.file}:${f.origin.start.line}`)) return false;
        const top = String(f.meta?.['command'] ?? '').split(' ')[0] ?? '';
        return top === exe || words.includes(top);
      };
      if (inScope.some((f) => f.key === claim.key) || own.some((f) => f.key === claim.key) || flags.some((f) => f.key === claim.key && floating(f))) {
        // A flag defined elsewhere in the same executable may be global through wiring docdrift cannot see.
        ctx.pass(claim);
        continue;
      }
      report(claim.key, known, inScope.length ? inScope : own);

      function report(flag: string, where: string, pool: Fact[]): void {
        const near = ctx.facts.nearest('cli-flag', flag, 0.75, [...new Set(pool.map((f) => f.key))]);
        ctx.report({
          claim,
          messageId: near ? 'renamed' : 'unknown',
          data: { flag, command: where, suggestion: near?.fact.key ?? '' },
          ...(near
            ? {
                suggestion: near.fact.key,
                expected: near.fact.key,
                fix: { from: flag, to: near.fact.key },
                evidence: [{ message: `\`${near.fact.key}\` is defined here`, span: near.fact.origin, ...(near.fact.value !== undefined ? { value: near.fact.value } : {}) }],
              }
            : { evidence: pool.slice(0, 1).map((f) => ({ message: `flags of \`${where}\` are defined here`, span: f.origin })) }),
        });
      }
    }
  },
});
