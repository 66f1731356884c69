/**
 * What extraction needs to know about the system: which executables are its own (so that a
 * `kubectl` or `git` flag is never taken as a claim about it) and which hosts are its own (so that
 * a URL on them is a route claim).
 */
export interface ExtractContext {
  /** Names of the system's own executables (package.json `bin`, Go `cmd/<name>`, Python scripts, CLI roots). */
  executables: Set<string>;
  /** Host names the system serves on, besides localhost. */
  hosts: Set<string>;
}

/** A context that knows nothing about the system: no CLI or URL claims are made. */
export const EMPTY_CONTEXT: ExtractContext = { executables: new Set(), hosts: new Set() };

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '0.0.0.0', '[::1]', 'host.docker.internal']);

/** Whether a URL host (without port) is the system's: loopback, a known host, or a `$VAR` placeholder. */
export function isSystemHost(host: string, ctx: ExtractContext): boolean {
  const h = host.toLowerCase();
  return LOCAL_HOSTS.has(h) || ctx.hosts.has(h) || /^\$\{?\w+\}?$/.test(host) || /^<[^>]+>$/.test(host);
}
