/** Calendar days as docdrift compares them: `YYYY-MM-DD` in UTC, no time of day, no time zone. */

const DAY_MS = 86_400_000;

/** A day written in frontmatter or config (`2025-01-03`, `2025/01/03`, an ISO timestamp, a YAML/TOML date) as `YYYY-MM-DD`, or undefined. */
export function toDay(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  if (typeof value !== 'string') return undefined;
  const m = /^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$/.exec(value);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}

/** Days since the epoch of a `YYYY-MM-DD` day. */
export function dayNumber(day: string): number {
  return Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
}

/** The `YYYY-MM-DD` day (UTC) of a unix time in seconds. */
export function dayOfTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}

/** The unix time (seconds) at the end of a `YYYY-MM-DD` day, UTC: "reviewed on that day" covers the whole day. */
export function endOfDay(day: string): number {
  return (dayNumber(day) + 1) * 86_400 - 1;
}
