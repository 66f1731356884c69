import type { ClaimContext } from '../types.js';
import type { ClaimDraft } from './draft.js';

/** Runtime and service names as pages write them → the key version facts use. */
const RUNTIMES: Record<string, string> = {
  node: 'node', 'node.js': 'node', nodejs: 'node', go: 'go', golang: 'go', python: 'python', ruby: 'ruby', java: 'java',
  rust: 'rust', php: 'php', deno: 'deno', bun: 'bun', postgresql: 'postgres', postgres: 'postgres', redis: 'redis',
  mysql: 'mysql', mariadb: 'mariadb', mongodb: 'mongo', elasticsearch: 'elasticsearch', kafka: 'kafka', rabbitmq: 'rabbitmq',
  npm: 'npm', pnpm: 'pnpm', yarn: 'yarn', terraform: 'terraform', opentofu: 'opentofu', helm: 'helm', kubectl: 'kubectl',
  kubernetes: 'kubernetes',
};

/**
 * "Node.js 18", "Go 1.21 or later", "Python 3.10+", "PostgreSQL 15.x". `Go` must be capitalised
 * (the verb "go" is everywhere in prose); the version must start with a digit.
 */
const VERSION_IN_TEXT =
  /\b(Node(?:\.js|JS)?|nodejs|Go(?:lang)?|golang|Python|Ruby|Java|Rust|PHP|Deno|Bun|PostgreSQL|Postgres|Redis|MySQL|MariaDB|MongoDB|Elasticsearch|Kafka|RabbitMQ|Terraform|OpenTofu|Helm|kubectl|Kubernetes|npm|pnpm|Yarn)\s*(?:\(\s*)?(>=|≥|\^|~)?\s*(?:version\s+|v)?(\d+(?:\.\d+){0,2})(?:\.x)?(\+|\s+or\s+(?:later|newer|higher|above|greater)|\s+and\s+(?:later|newer|above))?/g;

/** Version claims stated in a run of text. */
export function versionClaims(text: string, lineOf: (offset: number) => number, context: ClaimContext, confidence: number): ClaimDraft[] {
  const out: ClaimDraft[] = [];
  for (const m of text.matchAll(VERSION_IN_TEXT)) {
    const name = m[1] as string;
    const key = RUNTIMES[name.toLowerCase()];
    const version = m[3];
    if (!key || !version) continue;
    // "Node.js14" is not how people write; a name glued to digits is likely an identifier.
    if (!/\s|\(/.test(m[0].slice(name.length, name.length + 1)) && !m[2]) continue;
    out.push({
      kind: 'version',
      key,
      value: version,
      raw: m[0].trim(),
      line: lineOf(m.index ?? 0),
      context,
      confidence,
      meta: { qualifier: m[2] || m[4] ? 'min' : 'exact' },
    });
  }
  return out;
}

/** Runtime images in `FROM` lines and `image:` values: `node:18-alpine` → node 18. */
export function imageVersion(image: string): { key: string; value: string } | undefined {
  const m = /^(?:[\w.-]+\/)?(?:library\/)?([a-z][\w.-]*):v?(\d+(?:\.\d+){0,2})/.exec(image.trim());
  if (!m?.[1] || !m[2]) return undefined;
  const name = m[1] === 'golang' ? 'go' : m[1];
  const key = RUNTIMES[name] ?? (['openjdk', 'eclipse-temurin', 'amazoncorretto'].includes(name) ? 'java' : undefined);
  return key ? { key, value: m[2] } : undefined;
}

/** Port numbers stated in prose: "listens on port 8080", "available at :9000". */
const PORT_IN_TEXT = /\b(?:listen(?:s|ing)?|serv(?:es|ing)|run(?:s|ning)?|available|exposed?|reachable|bound|binds?)\s+(?:on|at|to)\s+(?:the\s+)?(?:port\s+)?`?:?(\d{2,5})`?(?!\d|\.\d)/gi;

/** Port claims stated in prose; they are weak (the port may be another program's) and score low. */
export function portClaims(text: string, lineOf: (offset: number) => number, context: ClaimContext, confidence: number): ClaimDraft[] {
  const out: ClaimDraft[] = [];
  for (const m of text.matchAll(PORT_IN_TEXT)) {
    const port = Number(m[1]);
    if (!m[1] || port < 1 || port > 65535) continue;
    out.push({ kind: 'port', key: m[1], raw: m[0].trim(), line: lineOf(m.index ?? 0), context, confidence });
  }
  return out;
}
