/**
 * Values as compared across a page and the system: quotes dropped, booleans and numbers in one
 * spelling, lists as sorted sets, durations in milliseconds (`10s`, `10000ms`, `time.Second * 10`,
 * `10 * time.Second` and `"10s"` are all `10000ms`).
 */

const UNIT_MS: Record<string, number> = {
  ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, sec: 1000, secs: 1000, second: 1000, seconds: 1000,
  m: 60_000, min: 60_000, mins: 60_000, minute: 60_000, minutes: 60_000, h: 3_600_000, hr: 3_600_000, hour: 3_600_000, hours: 3_600_000,
  d: 86_400_000, day: 86_400_000, days: 86_400_000,
};
const GO_UNIT: Record<string, number> = { Nanosecond: 1e-6, Microsecond: 1e-3, Millisecond: 1, Second: 1000, Minute: 60_000, Hour: 3_600_000 };

/** Milliseconds of a duration as written (`1h30m`, `500ms`, `30 seconds`, `time.Minute * 5`), or undefined. */
export function durationMs(text: string): number | undefined {
  const t = text.trim();
  const go = /^(?:(\d+(?:\.\d+)?)\s*\*\s*)?time\.(\w+)(?:\s*\*\s*(\d+(?:\.\d+)?))?$/.exec(t);
  if (go?.[2] && GO_UNIT[go[2]] !== undefined && !(go[1] && go[3])) return Number(go[1] ?? go[3] ?? 1) * (GO_UNIT[go[2]] as number);
  const parts = [...t.matchAll(/(\d+(?:\.\d+)?)\s*([a-zµ]+)/gi)];
  if (!parts.length || parts.map((p) => p[0]).join('').replace(/\s/g, '') !== t.replace(/\s/g, '')) return undefined;
  let total = 0;
  for (const p of parts) {
    const unit = UNIT_MS[(p[2] as string).toLowerCase()];
    if (unit === undefined) return undefined;
    total += Number(p[1]) * unit;
  }
  return total;
}

/** The canonical form of a value for comparison. */
export function normalizeValue(v: string): string {
  let s = v.trim();
  if (s.length >= 2 && /^(["'`]).*\1$/.test(s)) s = s.slice(1, -1).trim();
  const lower = s.toLowerCase();
  if (/^(?:true|yes|on)$/.test(lower)) return 'true';
  if (/^(?:false|no|off)$/.test(lower)) return 'false';
  if (/^(?:null|~|nil|none)$/.test(lower)) return 'null';
  const num = s.replace(/_/g, '');
  if (/^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i.test(num)) return String(Number(num));
  const ms = durationMs(s);
  if (ms !== undefined) return `${ms}ms`;
  if (/^\[.*\]$/.test(s)) s = s.slice(1, -1).split(',').map((x) => x.trim().replace(/^["']|["']$/g, '')).join(', ');
  if (s.includes(', ')) return s.split(/,\s*/).map((x) => normalizeValue(x)).sort().join(', ');
  return s;
}

/** Whether a value is computed at run time (`${VAR}`, `{{ .Values.x }}`, `$(VAR)`, a function call) and cannot be compared. */
export function isComputedValue(v: string): boolean {
  return /\$\{|\{\{|\$\(|%\(|^\$[A-Z_]/.test(v) || /^[A-Za-z_][\w.]*\(.*\)$/.test(v.trim());
}
