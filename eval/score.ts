/**
 * Scores findings against a real drift case's labels.json, with the rules of ../shared/eval/README.md
 * (score.py is the reference): a finding on a positive's line (or also_lines) is a true positive,
 * counted once per positive; on a negative a false positive (on a line with both, the finding's token
 * decides); on an ambiguous line or outside `scope`, ignored; anything else in scope is unlabelled.
 */

/** A detection as scored: file relative to the case's docs folder, 1-based line, claimed text. */
export interface Detection {
  file: string;
  line: number;
  token?: string;
}

interface Label {
  file: string;
  line: number;
  claim: string;
  token?: string;
  also_lines?: number[];
  group?: string;
  difficulty?: string;
  kind?: string;
}

/** The labels file of a case. */
export interface Labels {
  case: string;
  scope: string[];
  positives: Label[];
  negatives: Label[];
  ambiguous: Label[];
}

/** Per-case figures, as score.py prints them, plus the misses and false positives to look at. */
export interface Score {
  case: string;
  recall: number;
  tp: number;
  positives: number;
  groupRecall: number;
  groups: number;
  hardRecall: number;
  fpOnNegatives: number;
  unlabelledInScope: number;
  ignored: number;
  precisionLenient: number;
  precisionStrict: number;
  misses: Label[];
  falsePositives: (Detection & { claim: string })[];
  unlabelled: Detection[];
}

const round = (n: number) => Math.round(n * 1000) / 1000;
const near = (a: string, b: string) => a.toLowerCase().includes(b.toLowerCase()) || b.toLowerCase().includes(a.toLowerCase());

/** Scores detections against labels. */
export function score(labels: Labels, detections: Detection[]): Score {
  const scope = new Set(labels.scope);
  const key = (file: string, line: number) => `${file}\u0000${line}`;
  const posAt = new Map<string, number[]>();
  labels.positives.forEach((p, i) => {
    for (const ln of [p.line, ...(p.also_lines ?? [])]) {
      const k = key(p.file, ln);
      posAt.set(k, [...(posAt.get(k) ?? []), i]);
    }
  });
  const negAt = new Map<string, Label[]>();
  for (const n of labels.negatives) negAt.set(key(n.file, n.line), [...(negAt.get(key(n.file, n.line)) ?? []), n]);
  const ambAt = new Set(labels.ambiguous.map((a) => key(a.file, a.line)));
  const hit = new Set<number>();
  const falsePositives: Score['falsePositives'] = [];
  const unlabelled: Detection[] = [];
  let ignored = 0;
  for (const d of detections) {
    const k = key(d.file, d.line);
    const pos = posAt.get(k);
    const neg = negAt.get(k);
    if (!scope.has(d.file)) ignored++;
    else if (pos && neg && d.token && neg.some((n) => near(d.token as string, n.token ?? n.claim)) && !pos.some((i) => near(d.token as string, labels.positives[i]?.token ?? ''))) {
      falsePositives.push({ ...d, claim: neg[0]?.claim ?? '' });
    } else if (pos) for (const i of pos) hit.add(i);
    else if (ambAt.has(k)) ignored++;
    else if (neg) falsePositives.push({ ...d, claim: neg[0]?.claim ?? '' });
    else unlabelled.push(d);
  }
  const tp = hit.size;
  const groups = new Map<string, Set<number>>();
  labels.positives.forEach((p, i) => {
    const g = p.group || `_${i}`;
    groups.set(g, (groups.get(g) ?? new Set()).add(i));
  });
  const groupHits = [...groups.values()].filter((s) => [...s].some((i) => hit.has(i))).length;
  const hard = labels.positives.map((p, i) => (p.difficulty === 'hard' ? i : -1)).filter((i) => i >= 0);
  const fp = falsePositives.length;
  return {
    case: labels.case,
    recall: round(tp / Math.max(1, labels.positives.length)),
    tp,
    positives: labels.positives.length,
    groupRecall: round(groupHits / Math.max(1, groups.size)),
    groups: groups.size,
    hardRecall: round(hard.filter((i) => hit.has(i)).length / Math.max(1, hard.length)),
    fpOnNegatives: fp,
    unlabelledInScope: unlabelled.length,
    ignored,
    precisionLenient: round(tp / Math.max(1, tp + fp)),
    precisionStrict: round(tp / Math.max(1, tp + fp + unlabelled.length)),
    misses: labels.positives.filter((_, i) => !hit.has(i)),
    falsePositives,
    unlabelled,
  };
}
