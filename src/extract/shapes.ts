/**
 * What a token looks like: an environment variable, a path, a config key path. These predicates
 * decide what becomes a claim, so they lean towards precision: a token that could be several things
 * is left alone rather than guessed.
 */

/** `FOO_BAR`, `$FOO_BAR`, `${FOO_BAR}`: upper case with at least one underscore, or a `$` reference. */
const ENV_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;

/** Returns the variable name when `token` is written like an environment variable. */
export function envVarName(token: string): string | undefined {
  const t = token.trim();
  const ref = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(t);
  if (ref?.[1]) return /^[A-Z][A-Z0-9_]*$/.test(ref[1]) && ref[1].length > 1 ? ref[1] : undefined;
  // `WOODPECKER_GOGS_...` / `ACME_DB_*`: a family of variables sharing a prefix.
  const family = /^([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)_(?:\.{3}|…|\*)$/.exec(t);
  if (family?.[1]) return `${family[1]}_*`;
  return ENV_NAME.test(t) ? t : undefined;
}

/**
 * Variables that belong to the shell, the OS, language runtimes, CI services and common tools, not
 * to the system a page describes. A page that mentions them claims nothing about that system.
 */
const WELL_KNOWN_ENV = new Set(
  `PATH HOME USER SHELL PWD OLDPWD TERM LANG LC_ALL TZ TMPDIR EDITOR VISUAL HOSTNAME UID GID PS1 IFS DISPLAY
  NODE_ENV NODE_OPTIONS NODE_PATH NODE_EXTRA_CA_CERTS NPM_TOKEN NPM_CONFIG_REGISTRY YARN_ENABLE_IMMUTABLE_INSTALLS
  GOPATH GOROOT GOOS GOARCH GOFLAGS GOPROXY GOPRIVATE CGO_ENABLED GO111MODULE GOBIN GOCACHE GOMODCACHE
  PYTHONPATH PYTHONUNBUFFERED VIRTUAL_ENV PIP_INDEX_URL JAVA_HOME JAVA_OPTS MAVEN_OPTS RUST_LOG RUST_BACKTRACE CARGO_HOME
  KUBECONFIG KUBE_CONTEXT HELM_HOME DOCKER_HOST DOCKER_BUILDKIT DOCKER_CONFIG COMPOSE_PROJECT_NAME COMPOSE_FILE
  AWS_PROFILE AWS_REGION AWS_DEFAULT_REGION AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN
  GOOGLE_APPLICATION_CREDENTIALS AZURE_CLIENT_ID AZURE_TENANT_ID AZURE_CLIENT_SECRET
  PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE PGSSLMODE MYSQL_PWD REDISCLI_AUTH
  HTTP_PROXY HTTPS_PROXY NO_PROXY SSL_CERT_FILE SSL_CERT_DIR CURL_CA_BUNDLE
  GITHUB_TOKEN GITHUB_SHA GITHUB_REF GITHUB_WORKSPACE GITHUB_ACTIONS GITLAB_CI CI_COMMIT_SHA CI_JOB_TOKEN
  XDG_CONFIG_HOME XDG_DATA_HOME XDG_CACHE_HOME XDG_RUNTIME_DIR SSH_AUTH_SOCK GPG_TTY DEBIAN_FRONTEND`
    .split(/\s+/)
    .filter(Boolean),
);

/** Whether `name` belongs to the OS, a runtime or a common tool rather than to the documented system. */
export function isWellKnownEnv(name: string): boolean {
  return WELL_KNOWN_ENV.has(name) || /^(?:LC|XDG|SSH|GPG|npm_config|npm_package)_/.test(name);
}

/** File extensions that make a token a file name rather than a key path. */
const FILE_EXT =
  /\.(?:md|mdx|markdown|txt|rst|adoc|html?|ya?ml|json|jsonc|json5|toml|ini|cfg|conf|properties|env|xml|csv|sql|sh|bash|zsh|ps1|bat|py|go|mod|sum|rs|rb|java|kt|kts|gradle|js|mjs|cjs|jsx|ts|mts|cts|tsx|vue|svelte|css|scss|less|php|cs|c|h|cc|cpp|hpp|swift|lock|log|pem|crt|key|tf|tfvars|hcl|proto|graphql|gql|png|jpe?g|gif|svg|ico|pdf|zip|tar|gz|tgz|dockerfile|service|timer|j2|tpl|tmpl|example|sample|dist)$/i;

/** Well-known file names without an extension. */
const BARE_FILES = new Set([
  'Makefile', 'makefile', 'GNUmakefile', 'Dockerfile', 'Containerfile', 'Procfile', 'Jenkinsfile', 'Vagrantfile',
  'Gemfile', 'Rakefile', 'Justfile', 'justfile', 'Taskfile', 'CODEOWNERS', 'LICENSE', 'README', 'CHANGELOG',
  '.env', '.gitignore', '.dockerignore', '.nvmrc', '.node-version', '.python-version', '.tool-versions', '.editorconfig',
]);

/** Whether the last segment of `token` names a file (by extension or well-known name). */
export function looksLikeFileName(token: string): boolean {
  const base = token.replace(/\/+$/, '').split('/').pop() ?? '';
  return FILE_EXT.test(base) || BARE_FILES.has(base) || /^\.env\.[\w-]+$/.test(base) || /^Dockerfile\.[\w-]+$/.test(base);
}

const PATH_CHARS = /^[\w.@+~-]+$/;
/** Segments that stand for "anything": placeholders and globs. */
export const PLACEHOLDER_SEGMENT = /[*?]|<[^>]*>|\{[^}]*\}|\$\{?\w+\}?|\[[^\]]*\]/;

/**
 * Normalises a token written as a relative path into the system (`./src/x.ts`, `deploy/k8s/`,
 * `scripts/rollback.sh`), or returns undefined. Absolute paths, home paths and URLs are not the
 * system's. A token with a single segment must look like a file name.
 */
export function relativePath(token: string): string | undefined {
  const t = token.trim().replace(/[,;:]+$/, '');
  if (!t || /\s/.test(t) || t.includes('://') || t.startsWith('/') || t.startsWith('~') || t.startsWith('-')) return undefined;
  if (/^[A-Za-z]:[\\/]/.test(t) || t.includes('\\')) return undefined;
  if (t.startsWith('$') || t.startsWith('@')) return undefined;
  const explicit = t.startsWith('./') || t.startsWith('../');
  const stripped = t.replace(/^(?:\.\/)+/, '');
  const segments = stripped.replace(/\/+$/, '').split('/');
  if (segments.some((s) => s === '')) return undefined;
  for (const s of segments) if (!PATH_CHARS.test(s) && !PLACEHOLDER_SEGMENT.test(s) && s !== '..') return undefined;
  if (segments.length === 1) {
    if (!explicit && !looksLikeFileName(stripped)) return undefined;
  } else if (!explicit && !t.endsWith('/') && !looksLikeFileName(stripped)) {
    // `owner/repo`, `deploy/payments`, `feature/x`: two words with a slash are too often not paths.
    if (segments.length < 3 && !/^(?:src|lib|app|cmd|pkg|internal|config|configs|scripts|bin|docs|test|tests)$/.test(segments[0] ?? '')) return undefined;
  }
  return stripped;
}

/** A dotted key path: `database.pool.max`, `server.tls[0].cert`, `features.newCheckout`. */
const KEY_PATH = /^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[[^\]\s]*\])+$/;

/** Top-level domains that make a dotted token a host name, not a key path. */
const TLD = /\.(?:com|net|org|io|dev|app|cloud|internal|local|localhost|corp|lan|svc|cluster|co|uk|de|fr|us|eu|ai|sh|gov|edu|info|biz|me|example|test|invalid)$/i;

/** Whether `token` looks like a dotted config key path (and not a file, host name, version or code). */
export function isKeyPath(token: string): boolean {
  if (!KEY_PATH.test(token)) return false;
  if (looksLikeFileName(token) || TLD.test(token)) return false;
  // Code, not config: member access on well-known objects.
  if (/^(?:process|console|window|document|module|exports|require|this|self|Math|JSON|Object|Array|Promise|os|sys|fmt|http|req|res|ctx|app|router)\./.test(token)) return false;
  return true;
}

/** Whether a stated value is a placeholder that should never be compared with the system. */
export function isPlaceholderValue(value: string): boolean {
  const v = value.trim();
  if (!v) return true;
  return (
    /^<.*>$/.test(v) ||
    /^\.{3}$|^…$/.test(v) ||
    /^\$\{?\w+\}?$/.test(v) ||
    /\{\{.*\}\}/.test(v) ||
    /^(?:x{3,}|changeme|change-me|your[-_].*|my[-_].*|example|todo|tbd|redacted|secret|password|\*{3,})$/i.test(v)
  );
}
