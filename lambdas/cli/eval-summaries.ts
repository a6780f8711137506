/** The work behind `precis eval`: ROUGE of our summaries beside Lead-N, and entity scores. */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { digestArticle } from '../core/digest.ts';
import type { ArticleDigest } from '../core/schema.ts';
import { splitParagraphs, splitSentences } from '../core/segment.ts';
import { type EntityEvaluation, formatEntityTable } from './eval-entities.ts';
import { type RougeScores, rouge } from './rouge.ts';

export { evaluateEntities } from './eval-entities.ts';

/** One evaluation record, in the JSONL format of the devset. */
export interface EvalRecord {
  id: string;
  lang?: string;
  title?: string;
  text: string;
  summaries: string[];
}

/** Mean scores (0..100) of one data set. */
export interface SummaryEvaluation {
  documents: number;
  sentences: number;
  ours: RougeScores;
  lead: RougeScores;
}

export interface EvalFlags {
  sentences: number;
  limit?: number;
  group: number;
  json?: boolean;
}

/** What one evaluation file measured: summaries, entities, or both. */
export interface FileEvaluation {
  summaries?: SummaryEvaluation;
  entities?: EntityEvaluation;
}

/** The results as text tables. */
export function formatResults(results: Record<string, FileEvaluation>, sentences: number): string {
  const pct = (s: RougeScores) =>
    [s.rouge1, s.rouge2, s.rougeL].map((v) => v.toFixed(1).padStart(5)).join(' ');
  const out: string[] = [];
  const summaryRows = Object.entries(results).filter(([, r]) => r.summaries);
  if (summaryRows.length > 0) {
    out.push(`${'file'.padEnd(40)} docs   precis R1/R2/RL     Lead-${sentences} R1/R2/RL`);
    for (const [file, r] of summaryRows) {
      const s = r.summaries as SummaryEvaluation;
      const name = file.split('/').pop() ?? file;
      out.push(`${name.padEnd(40)} ${String(s.documents).padStart(4)}   ${pct(s.ours)}   ${pct(s.lead)}`);
    }
  }
  for (const [file, r] of Object.entries(results)) {
    if (!r.entities) continue;
    out.push(
      '',
      `Entities, ${file.split('/').pop()} (${r.entities.documents} documents):`,
      formatEntityTable(r.entities),
    );
  }
  return `${out.join('\n')}\n`;
}

/** Digests a record's text for the entity scorer. */
export function digestText(text: string): { entities: ArticleDigest['entities'] } {
  return digestArticle({ bytes: new TextEncoder().encode(text), fileName: 'record.txt' });
}

/** Reads a JSONL file, skipping blank lines; a malformed line is an error naming its line number. */
export async function readJsonl(
  file: string,
  limit?: number,
): Promise<Array<EvalRecord & Record<string, unknown>>> {
  const out: Array<EvalRecord & Record<string, unknown>> = [];
  const lines = createInterface({
    input: createReadStream(file, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line));
    } catch (e) {
      throw new Error(`${file}:${n}: not valid JSON (${(e as Error).message})`);
    }
    if (limit && out.length >= limit) break;
  }
  return out;
}

/** Mean ROUGE F1 (x100) of our summaries and of Lead-N over the records that have reference summaries. */
export function evaluateSummaries(records: EvalRecord[], sentences: number): SummaryEvaluation {
  const zero = (): RougeScores => ({ rouge1: 0, rouge2: 0, rougeL: 0 });
  const ours = zero();
  const lead = zero();
  let documents = 0;
  for (const record of records) {
    const refs = (record.summaries ?? []).filter((s) => typeof s === 'string' && s.trim());
    if (refs.length === 0 || !record.text) continue;
    const lang = record.lang ?? 'und';
    const digest = digestArticle(
      { bytes: new TextEncoder().encode(record.text), fileName: `${record.id}.txt` },
      { summarySentences: sentences },
    );
    add(ours, rouge(digest.summary.join(' '), refs, lang));
    add(lead, rouge(leadN(record.text, lang, sentences), refs, lang));
    documents++;
  }
  const mean = (s: RougeScores): RougeScores => ({
    rouge1: documents ? (100 * s.rouge1) / documents : 0,
    rouge2: documents ? (100 * s.rouge2) / documents : 0,
    rougeL: documents ? (100 * s.rougeL) / documents : 0,
  });
  return { documents, sentences, ours: mean(ours), lead: mean(lead) };
}

/** The first N sentences of the text, by the same segmentation the digest uses. */
export function leadN(text: string, language: string, n: number): string {
  const sentences = splitSentences(text, splitParagraphs(text), language);
  return sentences
    .slice(0, n)
    .map((s) => s.text)
    .join(' ');
}

function add(total: RougeScores, s: RougeScores): void {
  total.rouge1 += s.rouge1;
  total.rouge2 += s.rouge2;
  total.rougeL += s.rougeL;
}
