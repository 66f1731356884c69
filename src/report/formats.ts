import type { Format } from '../config/load.js';
import type { AnalysisResult } from '../result.js';
import { formatJson } from './json.js';
import { formatMarkdown } from './markdown.js';

/** One output format: the file it is written to inside `--out`, and how the result becomes its text. */
export interface Formatter {
  file: string;
  format(result: AnalysisResult): string;
}

/**
 * Every output format, by the name `--format` takes. A new format adds its name to `FORMATS` in
 * `config/load.ts` and one entry here; the CLI and the library write whatever is listed.
 */
export const FORMATTERS: Record<Format, Formatter> = {
  md: { file: 'report.md', format: formatMarkdown },
  json: { file: 'report.json', format: formatJson },
};
