import type { ExtractContext } from '../extract/context.js';
import type { FactBase } from './factbase.js';

/**
 * What extraction should know of the system, derived from its facts: its executables (bin entries,
 * Go mains, Python scripts, and the first word of every CLI command it defines) and the host names
 * in its config values (URLs and `host`/`domain` keys).
 */
export function extractContextOf(facts: FactBase): ExtractContext {
  const executables = new Set<string>();
  for (const key of facts.keys('bin')) executables.add(key);
  for (const fact of facts.all('cli-command')) {
    // A partial command (defined in a file that does not show its parents) starts mid-tree: its
    // first word is a subcommand, not an executable.
    if (fact.meta?.['partial'] || fact.meta?.['fallback']) continue;
    const first = fact.key.split(' ')[0];
    if (first) executables.add(first);
  }
  const hosts = new Set<string>();
  for (const fact of facts.all('config-key')) {
    const v = fact.value;
    if (!v) continue;
    const url = /^https?:\/\/([^/:?#\s]+)/i.exec(v);
    if (url?.[1]) hosts.add(url[1].toLowerCase());
    else if (/(?:^|\.)(?:host|hostname|domain|publicHost|baseDomain)$/i.test(fact.key) && /^[a-z0-9.-]+\.[a-z]{2,}$/i.test(v)) hosts.add(v.toLowerCase());
  }
  for (const h of [...hosts]) if (/^(?:localhost|127\.0\.0\.1|example\.(?:com|org|net))$/.test(h)) hosts.delete(h);
  return { executables, hosts };
}
