/**
 * Entity precision/recall/F1 by type against gold spans (ANERcorp-style records), pure: the caller
 * passes the records and a digest function. Exact-span match on PERSON, ORGANIZATION, LOCATION.
 */
import type { Entity, EntityType } from '../core/schema.ts';

/** A gold entity span: `start`/`end` are offsets into the record's `text`. */
export interface GoldEntity {
  text: string;
  type: string;
  start: number;
  end: number;
}

/** A record with gold entities (one sentence or one article). */
export interface EntityRecord {
  id: string;
  lang?: string;
  text: string;
  entities?: GoldEntity[];
}

/** Precision, recall and F1 (percent, one decimal) with the counts behind them. */
export interface PrfScore {
  precision: number;
  recall: number;
  f1: number;
  gold: number;
  predicted: number;
  correct: number;
}

/** Per-type and overall (micro-averaged) scores. */
export interface EntityEvaluation {
  documents: number;
  byType: Record<GoldType, PrfScore>;
  overall: PrfScore;
}

/** Digests one text and returns its entities (a digest function or a thin wrapper around one). */
export type EntityDigest = (text: string, language: string) => { entities: Entity[] };

/** The gold types scored; MISC is not compared (our event/product/other do not map onto it). */
export type GoldType = 'PERSON' | 'ORGANIZATION' | 'LOCATION';
const GOLD_TYPES: GoldType[] = ['PERSON', 'ORGANIZATION', 'LOCATION'];
const TYPE_MAP: Partial<Record<EntityType, GoldType>> = {
  person: 'PERSON',
  organization: 'ORGANIZATION',
  location: 'LOCATION',
};

/** Sentences per evaluation document: names recur within a document, which our propagation relies on. */
export const SENTENCES_PER_DOCUMENT = 10;

/** Joins consecutive sentence records into documents of `size`, one paragraph per sentence, shifting gold offsets. */
export function groupIntoDocuments(records: EntityRecord[], size = SENTENCES_PER_DOCUMENT): EntityRecord[] {
  const out: EntityRecord[] = [];
  for (let i = 0; i < records.length; i += size) {
    const chunk = records.slice(i, i + size);
    let text = '';
    const entities: GoldEntity[] = [];
    for (const r of chunk) {
      if (text) text += '\n\n';
      const base = text.length;
      text += r.text;
      for (const e of r.entities ?? []) entities.push({ ...e, start: e.start + base, end: e.end + base });
    }
    const doc: EntityRecord = { id: chunk[0]?.id ?? `doc${i}`, text, entities };
    if (chunk[0]?.lang) doc.lang = chunk[0].lang;
    out.push(doc);
  }
  return out;
}

/**
 * Widens a span to whole whitespace-separated tokens. Gold tokens keep their clitics (ولبنان,
 * للأمم المتحدة) while our mentions start after them, so both sides are compared as tokens.
 */
export function widenToTokens(text: string, start: number, end: number): [number, number] {
  let s = start;
  let e = end;
  while (s > 0 && !/\s/.test(text[s - 1] ?? ' ')) s--;
  while (e < text.length && !/\s/.test(text[e] ?? ' ')) e++;
  return [s, e];
}

function score(correct: number, predicted: number, gold: number): PrfScore {
  const p = predicted ? correct / predicted : 0;
  const r = gold ? correct / gold : 0;
  const f = p + r ? (2 * p * r) / (p + r) : 0;
  const pct = (x: number) => Math.round(x * 1000) / 10;
  return { precision: pct(p), recall: pct(r), f1: pct(f), gold, predicted, correct };
}

/**
 * Scores entity recognition on records that carry gold `entities`. Sentence-level records are
 * first grouped into documents of ten (`groupSize`; pass 1 to score records as they are).
 */
export function evaluateEntities(
  records: EntityRecord[],
  digest: EntityDigest,
  groupSize = SENTENCES_PER_DOCUMENT,
): EntityEvaluation {
  const withGold = records.filter((r) => Array.isArray(r.entities));
  const docs = groupSize > 1 ? groupIntoDocuments(withGold, groupSize) : withGold;
  const counts = Object.fromEntries(
    GOLD_TYPES.map((t) => [t, { gold: 0, predicted: 0, correct: 0 }]),
  ) as Record<GoldType, { gold: number; predicted: number; correct: number }>;
  for (const doc of docs) {
    const gold = new Set<string>();
    for (const e of doc.entities ?? []) {
      if (!GOLD_TYPES.includes(e.type as GoldType)) continue;
      const [s, en] = widenToTokens(doc.text, e.start, e.end);
      gold.add(`${e.type}:${s}:${en}`);
      counts[e.type as GoldType].gold++;
    }
    const predicted = new Set<string>();
    let entities: Entity[] = [];
    try {
      entities = digest(doc.text, doc.lang ?? 'und').entities;
    } catch {
      entities = [];
    }
    for (const ent of entities) {
      const type = TYPE_MAP[ent.type];
      if (!type) continue;
      for (const m of ent.mentions) {
        const [s, en] = widenToTokens(doc.text, m.start, m.end);
        predicted.add(`${type}:${s}:${en}`);
      }
    }
    for (const key of predicted) {
      const type = key.slice(0, key.indexOf(':')) as GoldType;
      counts[type].predicted++;
      if (gold.has(key)) counts[type].correct++;
    }
  }
  const byType = Object.fromEntries(
    GOLD_TYPES.map((t) => [t, score(counts[t].correct, counts[t].predicted, counts[t].gold)]),
  ) as Record<GoldType, PrfScore>;
  const total = GOLD_TYPES.reduce(
    (acc, t) => ({
      gold: acc.gold + counts[t].gold,
      predicted: acc.predicted + counts[t].predicted,
      correct: acc.correct + counts[t].correct,
    }),
    { gold: 0, predicted: 0, correct: 0 },
  );
  return { documents: docs.length, byType, overall: score(total.correct, total.predicted, total.gold) };
}

/** The evaluation as a Markdown table (type, P, R, F1, gold, predicted). */
export function formatEntityTable(e: EntityEvaluation): string {
  const rows = [
    '| type | P | R | F1 | gold | predicted |',
    '|---|---|---|---|---|---|',
    ...GOLD_TYPES.map((t) => {
      const s = e.byType[t];
      return `| ${t} | ${s.precision} | ${s.recall} | ${s.f1} | ${s.gold} | ${s.predicted} |`;
    }),
    `| overall | ${e.overall.precision} | ${e.overall.recall} | ${e.overall.f1} | ${e.overall.gold} | ${e.overall.predicted} |`,
  ];
  return rows.join('\n');
}
