import type { Severity } from './types.js';

/** Per-check setting: `off`, or a severity that overrides the check's default. */
export type CheckSetting = 'off' | Severity;

/** Everything `analyze()` needs. Paths are absolute or relative to `cwd`. */
export interface AnalyzeOptions {
  /** Documentation roots (folders of pages). */
  docs: string[];
  /** System roots (the config and code the pages describe). */
  system: string[];
  /** Globs of pages to read under each docs root (default: Markdown files). */
  include?: string[];
  /** Globs to leave out (under docs and system roots), on top of `.gitignore`. */
  exclude?: string[];
  /** Per-check severity overrides or `off`. */
  checks?: Record<string, CheckSetting>;
  /** Findings below this confidence are reported as `suspect` (severity lowered to `info`). Default 0.5. */
  minConfidence?: number;
  /** Largest file read, in bytes (default 5 MiB). */
  maxFileBytes?: number;
  /** Base for relative paths (default `process.cwd()`). */
  cwd?: string;
}
