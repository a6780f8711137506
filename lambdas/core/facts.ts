/** Key facts of an article: entities, dates, numbers, quotes, ranked facts and the who/what/when/where brief. */
import type { AnalysedText } from './analysis.ts';
import { extractDates } from './dates.ts';
import { extractEntities } from './entities.ts';
import { indexAt } from './fact-spans.ts';
import { extractNumbers } from './numbers.ts';
import { extractQuotes } from './quotes.ts';
import type { Brief, DateMention, Entity, KeyFact, NumberMention, Quote, TextSpan } from './schema.ts';
import { normalizeForMatch } from './segment.ts';

/** Everything the fact extractors add to a digest. */
export interface Facts {
  entities: Entity[];
  dates: DateMention[];
  numbers: NumberMention[];
  quotes: Quote[];
  keyFacts: KeyFact[];
  brief: Brief;
}

/** Ranked facts reported: at least three when the article has them, at most eight. */
const MIN_FACTS = 3;
const MAX_FACTS = 8;
/** Sentences considered for key facts: the facts of a news article are in its first screens. */
const MAX_FACT_SENTENCES = 400;
/** Two facts sharing this share of their words say the same thing. */
const DUPLICATE_OVERLAP = 0.6;
/** Longest brief span (characters): a brief is read at a glance. */
const MAX_BRIEF_CHARS = 160;

/**
 * Extracts the facts of an analysed article. `sentenceScores[i]` is the summariser's salience of
 * `doc.sentences[i]` (0..1, lead- and centrality-weighted).
 */
export function extractFacts(doc: AnalysedText, sentenceScores: number[]): Facts {
  const entities = extractEntities(doc);
  const dates = extractDates(doc, entities);
  const numbers = extractNumbers(doc, entities, dates);
  const quotes = extractQuotes(doc, entities);
  const keyFacts = rankFacts(doc, sentenceScores, entities, dates, numbers);
  const brief = buildBrief(doc, entities, dates);
  return { entities, dates, numbers, quotes, keyFacts, brief };
}

interface SentenceItems {
  entities: Set<string>;
  dates: string[];
  numbers: string[];
}

function itemsBySentence(
  doc: AnalysedText,
  entities: Entity[],
  dates: DateMention[],
  numbers: NumberMention[],
) {
  const n = Math.min(doc.sentences.length, MAX_FACT_SENTENCES);
  const items: SentenceItems[] = Array.from({ length: n }, () => ({
    entities: new Set(),
    dates: [],
    numbers: [],
  }));
  for (const e of entities) {
    for (const m of e.mentions) {
      const i = indexAt(doc.sentences, m.start);
      if (i >= 0 && i < n) items[i]?.entities.add(e.text);
    }
  }
  for (const d of dates)
    if (d.sentence !== undefined && d.sentence < n) items[d.sentence]?.dates.push(d.text);
  for (const x of numbers)
    if (x.sentence !== undefined && x.sentence < n) items[x.sentence]?.numbers.push(x.text);
  return items;
}

const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;

/**
 * The words (runs of letters and digits) longer than two UTF-16 units of a sentence's matching form:
 * what splitting on /[^\p{L}\p{N}]+/u gives, read in one pass that decides ASCII and Arabic letters
 * from their codes and asks the pattern only about other characters, once each (`isLetterOrNumber`).
 */
function wordSet(text: string): Set<string> {
  const n = normalizeForMatch(text);
  const out = new Set<string>();
  let from = -1;
  for (let i = 0; i < n.length; ) {
    const c = n.charCodeAt(i);
    let size = 1;
    let inWord: boolean;
    if (c < 0x80) inWord = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
    else if (c >= 0x0621 && c <= 0x064a) inWord = true;
    else {
      const cp = n.codePointAt(i) as number;
      if (cp > 0xffff) size = 2;
      inWord = isLetterOrNumber(cp);
    }
    if (inWord) {
      if (from < 0) from = i;
    } else if (from >= 0) {
      if (i - from > 2) out.add(n.slice(from, i));
      from = -1;
    }
    i += size;
  }
  if (from >= 0 && n.length - from > 2) out.add(n.slice(from));
  return out;
}

/** Answers of `LETTER_OR_NUMBER` by code point: a sentence repeats its punctuation and marks. */
const letterOrNumber = new Map<number, boolean>();
const LETTER_OR_NUMBER_MEMO_MAX = 4096;

function isLetterOrNumber(cp: number): boolean {
  let yes = letterOrNumber.get(cp);
  if (yes === undefined) {
    yes = LETTER_OR_NUMBER.test(String.fromCodePoint(cp));
    if (letterOrNumber.size >= LETTER_OR_NUMBER_MEMO_MAX) letterOrNumber.clear();
    letterOrNumber.set(cp, yes);
  }
  return yes;
}

function overlapShare(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let same = 0;
  for (const w of a) if (b.has(w)) same++;
  return same / Math.min(a.size, b.size);
}

/** 3-8 verbatim sentences ranked by salience and by the entities, dates and numbers they carry; the lead first. */
function rankFacts(
  doc: AnalysedText,
  scores: number[],
  entities: Entity[],
  dates: DateMention[],
  numbers: NumberMention[],
): KeyFact[] {
  const items = itemsBySentence(doc, entities, dates, numbers);
  const maxScore = Math.max(1e-9, ...scores.slice(0, items.length).filter((x) => Number.isFinite(x)));
  const ranked = items.map((it, i) => {
    // A NaN or infinite rank score would make the stored score NaN/Infinity, which JSON and DynamoDB refuse.
    const raw = scores[i] ?? 0;
    const salience = Number.isFinite(raw) ? Math.max(0, raw) / maxScore : 0;
    const density =
      (0.25 * Math.min(it.entities.size, 4)) / 4 +
      0.15 * (it.dates.length ? 1 : 0) +
      0.1 * (it.numbers.length ? 1 : 0);
    const carries = it.entities.size + it.dates.length + it.numbers.length > 0;
    const score = 0.5 * salience + density + (i === 0 ? 0.1 : 0);
    return { i, score: Math.round(score * 1000) / 1000, carries };
  });
  const lead = ranked.find((r) => r.carries) ?? ranked[0];
  const order = [...ranked].sort((a, b) => b.score - a.score || a.i - b.i);
  const picked: typeof ranked = [];
  const words: Array<Set<string>> = [];
  // Sentences turned down as near-duplicates come back in the second pass, and repeated sentences
  // (boilerplate, a pasted dump) recur: split each distinct text once. The sets are only read.
  const wordSets = new Map<string, Set<string>>();
  const tryPick = (r: (typeof ranked)[number]) => {
    const s = doc.sentences[r.i];
    if (!s || picked.includes(r)) return;
    let w = wordSets.get(s.text);
    if (!w) {
      w = wordSet(s.text);
      wordSets.set(s.text, w);
    }
    if (words.some((o) => overlapShare(o, w) >= DUPLICATE_OVERLAP)) return;
    picked.push(r);
    words.push(w);
  };
  if (lead) tryPick(lead);
  for (const r of order) if (picked.length < MAX_FACTS && r.carries) tryPick(r);
  for (const r of order) if (picked.length < MIN_FACTS) tryPick(r);
  return picked.map((r) => {
    const s = doc.sentences[r.i] as { start: number; end: number; text: string };
    const it = items[r.i] as SentenceItems;
    return {
      text: s.text,
      start: s.start,
      end: s.end,
      score: r.score,
      entities: [...it.entities],
      dates: it.dates,
      numbers: it.numbers,
    };
  });
}

const REPORTING =
  /^(?:[وف]?(?:كشف|كشفت|ذكر|ذكرت|قال|قالت|أفاد|أفادت|أعلن|أعلنت|أكد|أكدت|نقل|نقلت|أوردت|أورد)\s.*?\s(?:عن|أن|إن|بأن)\s+)|^(?:.*?\b(?:reported|said|says|announced|revealed|told)\b(?:[^,.]{0,40}?\bthat\b)?\s*)/u;
const WHY =
  /(?:بهدف|من أجل|بخصوص|بسبب|لأن|نظرا ل|نظراً ل|بغية|because(?: of)?|due to|in order to|in a bid to|aimed at)\s+/iu;
const HOW = /(?:عن طريق|من خلال|بواسطة|باستخدام|by means of|through|using|via)\s+/iu;

function clauseFrom(text: string, base: number, from: number): TextSpan | undefined {
  const rest = text.slice(from);
  // A comma ends the clause only once it says something (Arabic leads put the date between commas).
  const hard = rest.search(/[؛;.:!?؟"«»“”()]/u);
  const soft = rest.slice(0, hard < 0 ? undefined : hard).search(/[،,](?<=^.{40,}[،,])/su);
  const stop = soft >= 0 ? soft : hard;
  let len = stop < 0 ? rest.length : stop;
  if (len > MAX_BRIEF_CHARS) {
    const cut = rest.lastIndexOf(' ', MAX_BRIEF_CHARS);
    len = cut > 20 ? cut : MAX_BRIEF_CHARS;
  }
  const span = rest.slice(0, len).trimEnd();
  if (span.length < 3) return undefined;
  return { text: span, start: base + from, end: base + from + span.length };
}

function mentionSpan(doc: AnalysedText, m: { start: number; end: number }): TextSpan {
  return { text: doc.text.slice(m.start, m.end), start: m.start, end: m.end };
}

/** Who/what/when/where (why/how when stated) of the lead event, as short verbatim spans. */
function buildBrief(doc: AnalysedText, entities: Entity[], dates: DateMention[]): Brief {
  const brief: Brief = {};
  const leadIndex = Math.max(
    0,
    doc.sentences.findIndex(
      (s, i) => i < 5 && entities.some((e) => e.mentions.some((m) => m.start >= s.start && m.end <= s.end)),
    ),
  );
  const lead = doc.sentences[leadIndex];
  if (!lead) return brief;
  const reporting = REPORTING.exec(lead.text);
  const whatFrom = reporting ? reporting[0].length : 0;
  const what = clauseFrom(lead.text, lead.start, whatFrom);
  if (what) brief.what = what;
  const inLead = entities
    .flatMap((e) =>
      e.mentions
        .filter((m) => m.start >= lead.start && m.end <= lead.end)
        .map((m) => ({ ...m, type: e.type })),
    )
    .sort((a, b) => a.start - b.start);
  const inWhat = what ? inLead.filter((m) => m.start >= what.start && m.end <= what.end) : inLead;
  const actor =
    inWhat.find((m) => m.type === 'person' || m.type === 'organization') ??
    inWhat.find((m) => m.type === 'location') ??
    inLead.find((m) => m.type === 'person' || m.type === 'organization');
  if (actor) brief.who = mentionSpan(doc, actor);
  const place = inLead.find((m) => m.type === 'location' && m.start !== actor?.start);
  if (place) brief.where = mentionSpan(doc, place);
  const when = dates.find((d) => d.sentence === leadIndex) ?? dates.find((d) => !d.relative);
  if (when) brief.when = mentionSpan(doc, when);
  const why = WHY.exec(lead.text);
  if (why) {
    const span = clauseFrom(lead.text, lead.start, why.index);
    if (span) brief.why = span;
  }
  const how = HOW.exec(lead.text);
  if (how) {
    const span = clauseFrom(lead.text, lead.start, how.index);
    if (span) brief.how = span;
  }
  return brief;
}
