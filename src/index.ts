/**
 * docdrift's library API. Importing it has no side effects: nothing is read, written or printed
 * until a function is called.
 */
export { analyze, DEFAULT_INCLUDE } from './analyze.js';
export { defineCheck } from './engine/check.js';
export type { Check, CheckContext, CheckMeta, CheckOptions, PageReport, Report, Passed } from './engine/check.js';
export type { Timeline, Change, AsOfSource } from './history/timeline.js';
export { checks } from './checks/index.js';
export { formatJson } from './report/json.js';
export { formatMarkdown } from './report/markdown.js';
export type { AnalyzeOptions, CheckSetting } from './options.js';
export type { AnalysisResult, Summary, PageSummary, CheckInfo, TimeSummary } from './result.js';
export type * from './types.js';
export { VERSION } from './version.js';
