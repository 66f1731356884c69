import { defineCheck } from '../engine/check.js';
import { similarity } from '../util/similarity.js';

export default defineCheck({
  meta: {
    id: 'unknown-cli-command',
    category: 'correctness',
    severity: 'error',
    description: 'Subcommands of the system\'s own executables that a page runs must still exist.',
    kinds: ['cli-command'],
    messages: {
      unknown: '`{{command}}`: `{{parent}}` has no subcommand `{{word}}`; it is no longer defined',
      renamed: '`{{command}}`: `{{parent}}` has no subcommand `{{word}}`; renamed to `{{suggestion}}`?',
    },
  },
  run(ctx) {
    // Commands whose file does not show their parents (`meta.partial`) start mid-tree: they are kept
    // apart and matched as a continuation wherever the full tree runs out.
    const all = ctx.facts.all('cli-command');
    const full = all.filter((f) => !f.meta?.['partial']);
    const known = new Set(full.map((f) => f.key));
    // A partial fact a provider has since linked into a full tree (a copy at the same place) is no
    // longer free-floating.
    const linked = new Set(full.map((f) => `${f.origin.file}:${f.origin.start.line}`));
    const partial = new Set(all.filter((f) => f.meta?.['partial'] && !linked.has(`${f.origin.file}:${f.origin.start.line}`)).map((f) => f.key));
    const childrenOf = (keys: Set<string>) => {
      const children = new Map<string, string[]>();
      for (const key of keys) {
        const parent = key.split(' ').slice(0, -1).join(' ');
        if (parent) children.set(parent, [...(children.get(parent) ?? []), key.split(' ').pop() as string]);
      }
      return children;
    };
    const children = childrenOf(known);
    const partialChildren = childrenOf(partial);
    // Tops of the partial trees: commands defined in a file that does not show their parent.
    const partialRoots = new Set([...partial].filter((k) => !k.includes(' ')));
    for (const claim of ctx.claims('cli-command')) {
      const words = claim.key.split(' ');
      const exe = words[0] as string;
      if (!children.has(exe) && !known.has(exe)) {
        ctx.unverifiable(claim, `the commands of \`${exe}\` are not known (its CLI is not defined by a library docdrift reads)`);
        continue;
      }
      // Walk down the known command tree; stop at a leaf (the rest are arguments).
      let path = exe;
      let i = 1;
      let verdict: 'ok' | 'bad' | 'unknown' = 'ok';
      let tree = { known, children };
      for (; i < words.length; i++) {
        const kids = tree.children.get(path);
        const word = words[i] as string;
        if (!kids?.length) {
          // A leaf of the full tree may still have subcommands defined in other files.
          if (tree.known === known && partial.has(word)) {
            tree = { known: partial, children: partialChildren };
            path = word;
            continue;
          }
          if (tree.known === known && exe === path && partialRoots.size && /^[a-z][\w-]*$/.test(word)) {
            // The executable shows no subcommands of its own, but some are defined in files that do
            // not say where they hang: `word` may be one of those, or an argument. Not judged.
            verdict = 'unknown';
          }
          break;
        }
        const next = `${path} ${word}`;
        if (!tree.known.has(next)) {
          if (tree.known === known && partial.has(words[i] as string)) {
            // Defined in a file that does not say where it hangs: continue in that subtree.
            tree = { known: partial, children: partialChildren };
            path = words[i] as string;
            continue;
          }
          verdict = 'bad';
          break;
        }
        path = next;
      }
      if (verdict === 'ok') {
        ctx.pass(claim);
        continue;
      }
      if (verdict === 'unknown') {
        ctx.unverifiable(claim, `\`${exe}\` defines no subcommands in its own file, and others are defined in files that do not name their parent`);
        continue;
      }
      const word = words[i] as string;
      const kids = tree.children.get(path) ?? [];
      // Siblings are compared by their own names: a shared parent path would make any two look close.
      let best: { kid: string; score: number } | undefined;
      for (const kid of [...kids].sort()) {
        const score = similarity(word, kid);
        if (score >= 0.75 && (!best || score > best.score)) best = { kid, score };
      }
      const nearFact = best ? tree.known === known ? ctx.facts.get('cli-command', `${path} ${best.kid}`)[0] : ctx.facts.all('cli-command').find((f) => f.key === `${path} ${best?.kid}` && f.meta?.['partial']) : undefined;
      const near = nearFact ? { fact: nearFact } : undefined;
      const parentFact = ctx.facts.get('cli-command', path)[0];
      const evidence = near
        ? [{ message: `\`${near.fact.key}\` is defined here`, span: near.fact.origin }]
        : parentFact
          ? [{ message: `\`${path}\` defines: ${kids.slice().sort().join(', ')}`, span: parentFact.origin }]
          : [];
      const data = { command: words.slice(0, i + 1).join(' '), parent: path, word, suggestion: near ? (near.fact.key.split(' ').pop() as string) : '' };
      ctx.report({
        claim,
        messageId: near ? 'renamed' : 'unknown',
        data,
        evidence,
        ...(near ? { suggestion: near.fact.key, expected: near.fact.key, fix: { from: `${path.split(' ').pop()} ${word}`, to: `${path.split(' ').pop()} ${data.suggestion}` } } : {}),
      });
    }
  },
});

