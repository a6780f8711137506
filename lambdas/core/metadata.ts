/**
 * Metadata: attribution lines (publisher, byline), boilerplate, the outlets an article reports from,
 * and the title. Attribution and boilerplate paragraphs are returned so they never count as sentences.
 */
import { forEachMatch, forEachMatchAt, matchesFoundByOneOnly } from './fact-spans.ts';
import { hasArabic, isRegExpSpace, type Sentence, type Span } from './segment.ts';

/** What the article says about where it comes from. */
export interface Attribution {
  publisher?: string;
  byline?: string;
  citedSources: string[];
  /** Indexes of paragraphs that are attribution or boilerplate, not article content. */
  excluded: Set<number>;
}

/** Attribution lines are short: a long paragraph that starts with "Source:" is content. */
const MAX_ATTRIBUTION_CHARS = 160;
/** Attribution sits at the edges of an article: this many paragraphs from the top or the bottom. */
const EDGE_PARAGRAPHS = 3;

/** `المصدر | ترجمة وتحرير الخليج الجديد`, `Source: Reuters`, `المصدر: الجزيرة`. */
const SOURCE_LINE = /^(?:المصدر|المصادر|مصدر الخبر|Source|Sources|Via)\s*[|:：\-–—]\s*(.+)$/iu;
/** Words that introduce the publisher inside a source line but are not its name. */
const SOURCE_PREFIX =
  /^(?:(?:ترجمة|تحرير|إعداد|اعداد|نقلا عن|نقلاً عن|عن)(?:\s*(?:و|&)\s*(?:ترجمة|تحرير|إعداد|اعداد))*\s*[:：-]?\s*|(?:translated|edited|adapted|compiled)(?:\s+and\s+(?:translated|edited|adapted|compiled))?\s+by\s+)/iu;
/**
 * `By Jane Doe`, `بقلم: ...`, `كتب ...`, `تحرير: ...`, and agency credit lines such as
 * `(Reporting by Jane Doe; Editing by John Roe)`, with or without their parentheses.
 */
const BYLINE_LINE =
  /^\(?\s*(?:By|Written by|Reporting by|Additional reporting by|Writing by|Words by|Compiled by|Edited by|Editing by|بقلم|كتب|كتبت|كتبه|إعداد|تقرير|مراسل|تحرير|تحرير وترجمة)\s*[:：]?\s+([^;)]+)(?:;[^)]*)?\)?\.?$/iu;
/** Lines that are site furniture or disclaimers, never article content. */
const BOILERPLATE_START =
  /^(?:©|\(c\)|copyright\b|all rights reserved|جميع الحقوق محفوظة|حقوق النشر|اقرأ أيضا|اقرأ أيضاً|اقرأ المزيد|read more\b|related:|see also\b|share (?:this|on)\b|follow us\b|تابعونا|شارك(?:وا)? (?:هذا|على)|advertisement$|إعلان$|our standards:|subscribe\b|sign up\b|click here\b|photo:|صورة:|image:|\[?(?:embed|video)\]?$)/iu;
/** A disclaimer: boilerplate wherever it stands in the line's first line of text. */
const DISCLAIMER = /(?:لا يعكس بالضرورة|لا تعكس بالضرورة|do(?:es)? not necessarily reflect)/iu;
const ASCII_LETTER = /[A-Za-z]/;

/**
 * Whether a line is boilerplate: it starts as site furniture does, or holds a disclaimer before any
 * line break (what /^.*(?:disclaimer)/iu tests: the first disclaimer found has no break before it, or
 * none has), searched forwards instead of backtracking from the line's end. The search runs only where
 * a disclaimer can be: where the Arabic ones' بالضرورة is, or an ASCII letter (the English one's d
 * cannot be another letter under the i flag).
 */
function isBoilerplate(line: string): boolean {
  if (BOILERPLATE_START.test(line)) return true;
  if (!line.includes('بالضرورة') && !ASCII_LETTER.test(line)) return false;
  const disclaimer = DISCLAIMER.exec(line);
  if (disclaimer === null) return false;
  for (let i = 0; i < disclaimer.index; i++) if (isLineTerminator(line.charCodeAt(i))) return false;
  return true;
}

/** What a regular expression's . does not match: \n, \r, U+2028, U+2029. */
function isLineTerminator(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
}
/** A dateline agency at the top: `WASHINGTON (Reuters) -`, `القاهرة (رويترز) -`. */
const DATELINE_AGENCY = /^[\p{Lu}\p{Script=Arabic}][\p{L} .,،'-]{0,60}\s*\(([^()]{2,30})\)\s*[-–—:]/u;
/** A dateline opening the lead sentence, dropped from derived titles. */
const DATELINE_PREFIX = /^[\p{Lu}\p{Script=Arabic}][\p{L} .,،'-]{0,60}\s*\([^()]{2,30}\)\s*[-–—:]+\s*/u;
/** Agencies and outlets that sign datelines without parentheses (`واشنطن - الجزيرة نت`). */
const DATELINE_AGENCIES =
  'رويترز|الأناضول|الجزيرة نت|الجزيرة|العربية|فرانس برس|أ ف ب|أ\\.ف\\.ب|وام|واس|قنا|سانا|بترا|كونا|د ب أ|الخليج الجديد|Reuters|AP|AFP|BBC|CNN|Bloomberg|dpa|Xinhua|Anadolu';
/** A paragraph that is only a place and an agency joined by a dash. */
const DATELINE_DASH = new RegExp(`^[\\p{L} .,،'-]{2,40}?\\s+[-–—]\\s+(${DATELINE_AGENCIES})\\s*$`, 'u');
/** A paragraph that is nothing but a dateline: `دبي، الإمارات العربية المتحدة (CNN) --`. */
const DATELINE_ONLY = /^[\p{Lu}\p{Script=Arabic}][\p{L} .,،'-]{0,60}\s*\([^()]{2,30}\)\s*[-–—:]*$/u;

/** Whether `line` holds a dash `DATELINE_DASH` can read: -, – or —. */
function hasDash(line: string): boolean {
  return line.includes('-') || line.includes('–') || line.includes('—');
}

/**
 * Finds attribution and boilerplate paragraphs at the article's edges, and the outlets it cites.
 * `paragraphs` are spans into `text`.
 */
export function extractAttribution(text: string, paragraphs: Span[]): Attribution {
  const excluded = new Set<number>();
  let publisher: string | undefined;
  let byline: string | undefined;
  const edge = (i: number) => i < EDGE_PARAGRAPHS || i >= paragraphs.length - EDGE_PARAGRAPHS;
  paragraphs.forEach((p, i) => {
    const line = text.slice(p.start, p.end).trim();
    if (line.length > MAX_ATTRIBUTION_CHARS) return;
    if (isBoilerplate(line)) {
      excluded.add(i);
      return;
    }
    if (!edge(i)) return;
    // The datelines need a parenthesis or a dash: lines without one are not read by their patterns.
    if (i < EDGE_PARAGRAPHS && line.includes('(') && DATELINE_ONLY.test(line)) {
      excluded.add(i);
      const agency = DATELINE_AGENCY.exec(`${line} -`);
      if (agency?.[1] && !publisher) publisher = cleanName(agency[1]);
      return;
    }
    const dashed = i < EDGE_PARAGRAPHS && hasDash(line) ? DATELINE_DASH.exec(line) : null;
    if (dashed?.[1]) {
      excluded.add(i);
      if (!publisher) publisher = cleanName(dashed[1]);
      return;
    }
    const source = SOURCE_LINE.exec(line);
    if (source?.[1]) {
      excluded.add(i);
      const name = cleanName(source[1].replace(SOURCE_PREFIX, ''));
      if (name && !publisher) publisher = name;
      return;
    }
    const by = BYLINE_LINE.exec(line);
    if (by?.[1] && by[1].split(/\s+/).length <= 8) {
      excluded.add(i);
      if (!byline) byline = cleanName(by[1]);
    }
  });
  const first = paragraphs[0];
  if (!publisher && first) {
    const head = text.slice(first.start, first.end);
    // The agency is in parentheses: a first paragraph without one has no dateline to read.
    const agency = head.includes('(') ? DATELINE_AGENCY.exec(head) : null;
    if (agency?.[1]) publisher = cleanName(agency[1]);
  }
  const result: Attribution = { citedSources: [], excluded };
  if (publisher) result.publisher = publisher;
  if (byline) result.byline = byline;
  return result;
}

/** Outlet nouns that introduce a named source. */
const AR_OUTLET = '(?:موقع|صحيفة|جريدة|وكالة|وكالة أنباء|قناة|مجلة|شبكة|إذاعة|تلفزيون|محطة|مركز|معهد|منصة)';
/** Reporting verbs (with their و/ف conjunctions and feminine forms). */
const AR_REPORT_VERBS = [
  'كشف',
  'كشفت',
  'ذكر',
  'ذكرت',
  'قال',
  'قالت',
  'أفاد',
  'أفادت',
  'أورد',
  'أوردت',
  'نشر',
  'نشرت',
  'أكد',
  'أكدت',
  'أضاف',
  'أضافت',
  'نقل',
  'نقلت',
  'أشار',
  'أشارت',
  'رجح',
  'رجحت',
  'زعم',
  'زعمت',
  'أعلن',
  'أعلنت',
];
const AR_REPORT = `(?:[وف]?(?:${AR_REPORT_VERBS.join('|')}))`;
const QUOTED = '(?:"([^"\\n]{2,60})"|«([^»\\n]{2,60})»|“([^”\\n]{2,60})”)';
/** `موقع "إنتلجنس أونلاين"`, `صحيفة «الأهرام»`, `وكالة Reuters`. */
const AR_OUTLET_QUOTED = new RegExp(`${AR_OUTLET}\\s+${QUOTED}`, 'gu');
const AR_OUTLET_LATIN = new RegExp(`${AR_OUTLET}\\s+((?:[A-Z][\\w&.'-]*)(?:\\s+[A-Z][\\w&.'-]*){0,4})`, 'gu');
/** `وذكر "إنتلجنس أونلاين" أنه ...`: a reporting verb followed directly by a quoted name and أن/إن. */
const AR_REPORT_QUOTED = new RegExp(`(?:^|[\\s،,])${AR_REPORT}\\s+${QUOTED}\\s+(?:أن|إن|أنه|أنها|بأن)`, 'gu');
/** `وفقا لصحيفة "..."`, `بحسب وكالة ...`, `نقلا عن موقع ...`. */
const AR_ACCORDING = new RegExp(
  `(?:وفقا|وفقاً|طبقا|طبقاً|بحسب|حسب|نقلا عن|نقلاً عن|عن)\\s*ل?(?:${AR_OUTLET.slice(3, -1)})\\s+${QUOTED}`,
  'gu',
);
/** Named outlets without quotes after an outlet noun: up to three words, stopping at function words. */
const AR_OUTLET_BARE = new RegExp(
  `(?:^|[\\s،,])(?:[وف]?(?:ل|ب)?)${AR_OUTLET}\\s+((?:(?!(?:عن|أن|إن|في|من|على|إلى|الذي|التي|أنه|أنها|قبل|بعد|مع)[\\s،,.])[\\p{Script=Arabic}]{2,}(?:\\s+|$)){1,3})`,
  'gu',
);

const EN_NAME = "((?:The\\s+)?[A-Z][\\w&.'’-]*(?:\\s+(?:[A-Z][\\w&.'’-]*|of|for|the|de|and|&)){0,5})";
/** What follows an outlet's name in the last English pattern. */
const EN_REPORTING =
  '(?:reported|reports|revealed|first reported|has reported|had reported|said in a report|newspaper reported)';
const EN_NAME_REPORTED = new RegExp(`${EN_NAME}\\s+${EN_REPORTING}\\b`, 'g');
const EN_PATTERNS = [
  new RegExp(`\\b[Aa]ccording to (?:the |a |an )?(?:report(?:s)? (?:by|from|in) (?:the )?)?${EN_NAME}`, 'g'),
  new RegExp(
    `\\b(?:told|reported by|in an interview with|quoted by|cited by|speaking to|writing in|wrote in|reported in|published (?:by|in))\\s+(?:the\\s+)?${EN_NAME}`,
    'g',
  ),
  new RegExp(
    `\\b(?:newspaper|news agency|agency|website|magazine|outlet|broadcaster|network|channel|daily|weekly|news site)\\s+${EN_NAME}`,
    'g',
  ),
  EN_NAME_REPORTED,
];
const LATIN_CAPITAL = /[A-Z]/;
const REPORT_VERB_SET = new Set(AR_REPORT_VERBS);
const REPORT_VERB_MIN = Math.min(...AR_REPORT_VERBS.map((v) => v.length));
const REPORT_VERB_MAX = Math.max(...AR_REPORT_VERBS.map((v) => v.length));

/** Which quotation marks a sentence holds, as `quotesIn` tells. */
enum Quoting {
  /** No opening quotation mark ("«“): no quoted pattern can match. */
  None,
  Marks,
  /** A reporting verb, white space, then an opening mark: the reporting-verb pattern can match too. */
  ReportedMarks,
}

/**
 * Whether `t` holds an opening quotation mark, and one after a reporting verb and white space, as
 * new RegExp(`${AR_REPORT}\\s+["«“]`, 'u') finds it (a verb may end a longer word: the pattern has
 * no boundary before it, and its [وف]? changes nothing), by a look back from each mark instead of
 * trying the verbs at every position.
 */
function quotesIn(t: string): Quoting {
  let found = Quoting.None;
  // Each mark found by indexOf (a native search), not by a loop over the characters.
  for (const mark of OPENING_MARKS) {
    for (let i = t.indexOf(mark); i >= 0; i = t.indexOf(mark, i + 1)) {
      found = Quoting.Marks;
      if (followsReportVerb(t, i)) return Quoting.ReportedMarks;
    }
  }
  return found;
}

const OPENING_MARKS = ['"', '«', '“'];

/** Whether white space, then a reporting verb's end, comes right before `t[i]`. */
function followsReportVerb(t: string, i: number): boolean {
  let end = i;
  while (end > 0 && isRegExpSpace(t.charCodeAt(end - 1))) end--;
  if (end === i) return false;
  for (let n = REPORT_VERB_MIN; n <= REPORT_VERB_MAX && n <= end; n++)
    if (REPORT_VERB_SET.has(t.slice(end - n, end))) return true;
  return false;
}

/** `AR_OUTLET_BARE` tried at one position (see `findOutletStarts`), made on first use. */
let arOutletBare: RegExp | undefined;
const arOutletBareAt = () => {
  arOutletBare ??= new RegExp(AR_OUTLET_BARE.source, 'uy');
  return arOutletBare;
};
/** Every position an outlet noun starts at, one after the other (so overlapping ones too). */
const AR_OUTLET_EACH = new RegExp(AR_OUTLET, 'gu');
/** Where `AR_OUTLET_BARE` can start in the sentence being read: one buffer, reused. */
const outletStarts: number[] = [];

/**
 * Where an outlet noun starts in the sentence being read, ascending: where the quoted and Latin outlet
 * patterns can match (both start with the noun). One buffer, reused.
 */
const outletNouns = { at: [] as number[], count: 0 };
/** The quoted and Latin outlet patterns tried at one position, made on first use. */
let arOutletQuoted: RegExp | undefined;
let arOutletLatin: RegExp | undefined;
const arOutletQuotedAt = () => {
  arOutletQuoted ??= new RegExp(AR_OUTLET_QUOTED.source, 'uy');
  return arOutletQuoted;
};
const arOutletLatinAt = () => {
  arOutletLatin ??= new RegExp(AR_OUTLET_LATIN.source, 'uy');
  return arOutletLatin;
};

/**
 * Fills `outletNouns`, and `outletStarts` with where `AR_OUTLET_BARE` can match in `t`, ascending; returns how many (0: no
 * outlet noun, so no Arabic outlet pattern can match). That pattern's match starts at ^ or at the
 * space or comma before the noun's clitics ([وف]? then ل or ب: at most two letters), so 1 to 3
 * characters before the noun, or at 0.
 */
function findOutletStarts(t: string): number {
  let n = 0;
  outletNouns.count = 0;
  AR_OUTLET_EACH.lastIndex = 0;
  for (let m = AR_OUTLET_EACH.exec(t); m !== null; m = AR_OUTLET_EACH.exec(t)) {
    const at = m.index;
    outletNouns.at[outletNouns.count++] = at;
    if (at <= 2) n = addStart(n, 0);
    for (let k = 3; k >= 1; k--) if (at - k >= 0) n = addStart(n, at - k);
    AR_OUTLET_EACH.lastIndex = at + 1;
  }
  AR_OUTLET_EACH.lastIndex = 0;
  return n;
}

/**
 * Where trying `AR_OUTLET_BARE` at `findOutletStarts` finds other matches than its plain search in `t`
 * (as `index:match`): empty when every match starts where that says (a unit test holds it).
 */
export function bareOutletsMissed(t: string): string[] {
  return matchesFoundByOneOnly(
    (visit) => forEachMatch(AR_OUTLET_BARE, t, visit),
    (visit) => forEachMatchAt(arOutletBareAt(), t, outletStarts, findOutletStarts(t), visit),
  );
}

/** As `bareOutletsMissed`, for the quoted and Latin outlet patterns tried at the outlet nouns. */
export function namedOutletsMissed(t: string): string[] {
  const at = (sticky: () => RegExp) => (visit: (m: RegExpExecArray) => unknown) => {
    findOutletStarts(t);
    forEachMatchAt(sticky(), t, outletNouns.at, outletNouns.count, visit);
  };
  return [
    ...matchesFoundByOneOnly((visit) => forEachMatch(AR_OUTLET_QUOTED, t, visit), at(arOutletQuotedAt)),
    ...matchesFoundByOneOnly((visit) => forEachMatch(AR_OUTLET_LATIN, t, visit), at(arOutletLatinAt)),
  ];
}

/** Puts `at` into the ascending `outletStarts[0..n)` unless it is there; returns the new count. */
function addStart(n: number, at: number): number {
  let k = n;
  while (k > 0 && (outletStarts[k - 1] as number) > at) k--;
  if (k > 0 && outletStarts[k - 1] === at) return n;
  for (let j = n; j > k; j--) outletStarts[j] = outletStarts[j - 1] as number;
  outletStarts[k] = at;
  return n + 1;
}

/** What follows the name in the last English pattern: a sentence without it cannot match that pattern. */
const EN_REPORTED = new RegExp(`\\s${EN_REPORTING}\\b`);
/** Capitalised words that start a sentence or name a person, not an outlet. */
const EN_NOT_OUTLET =
  /^(?:The|A|An|He|She|It|They|We|I|You|This|That|These|Those|His|Her|Their|Its|Officials?|Police|Sources?|Mr|Mrs|Ms|Dr|Experts?|Analysts?|Authorities|Reuters reported that)$/;
/** Unnamed sources ("مصادر مطلعة") are not outlets. */
const AR_UNNAMED = /^(?:مصادر|مصدر)(?:\s|$)/u;

/** Outlets the article reports from, in order of first mention, deduplicated. */
export function extractCitedSources(sentences: Sentence[]): string[] {
  const found = new Map<string, string>();
  // An outlet named again adds nothing: its name is kept, or refused, the first time.
  const seen = new Set<string>();
  const add = (raw: string | undefined) => {
    if (!raw || seen.has(raw)) return;
    seen.add(raw);
    const name = cleanName(raw);
    if (!name || name.length < 2 || name.length > 60) return;
    if (EN_NOT_OUTLET.test(name) || AR_UNNAMED.test(name)) return;
    const key = name.toLowerCase().replace(/^the\s+/, '');
    if (!found.has(key)) found.set(key, name);
  };
  const addQuoted = (m: RegExpExecArray) => add(m[1] ?? m[2] ?? m[3]);
  const addLatin = (m: RegExpExecArray) => add(m[1]);
  // Bare names are only trusted when they are not a common noun with the article (anaphora: "الموقع").
  const addBare = (m: RegExpExecArray) => {
    const name = m[1]?.trim();
    if (name && !/^ال/u.test(name)) add(name);
  };
  const addEnglish = (m: RegExpExecArray) => {
    const name = trimEnglishName(m[1] ?? '');
    if (name) add(name);
  };
  // The patterns run in a fixed order per sentence (the first spelling of an outlet is the one kept);
  // one is skipped only where it cannot match, and matches are read with exec, not matchAll, which
  // copies the expression on every call.
  for (const s of sentences) {
    const t = s.text;
    // Every Arabic pattern needs an Arabic outlet noun or verb, every English one a capital letter:
    // a sentence without that script cannot match them. The quoted patterns need an opening quotation
    // mark, and the Latin one a capital letter, besides.
    const capital = LATIN_CAPITAL.test(t);
    if (hasArabic(t)) {
      const quoting = quotesIn(t);
      const quoted = quoting !== Quoting.None;
      const outlets = findOutletStarts(t);
      if (outlets > 0 && quoted)
        forEachMatchAt(arOutletQuotedAt(), t, outletNouns.at, outletNouns.count, addQuoted);
      if (quoting === Quoting.ReportedMarks) forEachMatch(AR_REPORT_QUOTED, t, addQuoted);
      if (outlets > 0) {
        if (quoted) forEachMatch(AR_ACCORDING, t, addQuoted);
        if (capital) forEachMatchAt(arOutletLatinAt(), t, outletNouns.at, outletNouns.count, addLatin);
        forEachMatchAt(arOutletBareAt(), t, outletStarts, outlets, addBare);
      }
    }
    if (!capital) continue;
    for (const re of EN_PATTERNS) {
      if (re === EN_NAME_REPORTED && !EN_REPORTED.test(t)) continue;
      forEachMatch(re, t, addEnglish);
    }
  }
  return [...found.values()];
}

function trimEnglishName(name: string): string {
  // Drop trailing function words that the pattern may have swallowed ("Reuters and", "the BBC of").
  return name.replace(/(?:\s+(?:of|for|the|de|and|&))+$/u, '').trim();
}

function cleanName(s: string): string {
  return s
    .replace(/^[\s"'«“”»|:：.,،-]+|[\s"'«“”»|:：.,،-]+$/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Longest title we derive from a lead sentence before cutting it at a clause boundary. */
const MAX_TITLE_CHARS = 110;
/** A first line this short, with no sentence-final stop, is taken as the title. */
const MAX_FIRST_LINE_TITLE = 120;

/** A first paragraph that reads as a title: short, one line, no final full stop, and more text after it. */
export function isTitleLine(line: string, paragraphCount: number): boolean {
  const t = line.trim();
  return (
    paragraphCount > 1 &&
    t.length > 0 &&
    t.length <= MAX_FIRST_LINE_TITLE &&
    !t.includes('\n') &&
    !/[.!?؟:؛]$/u.test(t) &&
    t.split(/\s+/).length >= 2
  );
}

/**
 * A reporting frame at the start of a lead ("كشف موقع X الإثنين عن ...", "Police said on Monday that ...")
 * tells who reported, not what happened: the headline is what follows it.
 */
const FRAME_AR =
  '[وف]?(?:كشف|كشفت|أعلن|أعلنت|ذكر|ذكرت|أفاد|أفادت|أكد|أكدت|قال|قالت|أوضح|أوضحت|نفى|نفت)\\s[^.!?؟]{3,90}?\\s(?:عن|أن|إن|بأن)\\s+';
const FRAME_EN =
  '[^.!?]{3,90}?\\s(?:said|says|told reporters)(?:\\s+on\\s+\\w+)?\\s+(?:that\\s+)?|[^.!?]{3,90}?\\s(?:announced|reported|revealed|confirmed)(?:\\s+on\\s+\\w+)?\\s+that\\s+';
const REPORTING_FRAME = new RegExp(`^(?:${FRAME_AR}|${FRAME_EN})`, 'u');
/** The Arabic alternative of `REPORTING_FRAME` alone. */
const REPORTING_FRAME_AR = new RegExp(`^(?:${FRAME_AR})`, 'u');
/** The English verbs of `REPORTING_FRAME`'s other alternatives (case-sensitive, as the pattern is). */
const ENGLISH_FRAME_VERBS = [
  'said',
  'says',
  'told reporters',
  'announced',
  'reported',
  'revealed',
  'confirmed',
];

/** Whether `t` holds a verb an English reporting frame needs: without one only the Arabic frame can match. */
function hasEnglishFrameVerb(t: string): boolean {
  for (const verb of ENGLISH_FRAME_VERBS) if (t.includes(verb)) return true;
  return false;
}

/** `t` less its final run of stops, as t.replace(/[.!?؟。]+$/u, '') gives it. */
function withoutFinalStops(t: string): string {
  let end = t.length;
  while (end > 0 && '.!?؟。'.includes(t[end - 1] as string)) end--;
  return end === t.length ? t : t.slice(0, end);
}

/** Parenthetical clauses this short ("، الإثنين،") are not a place to end a title. */
const MIN_CLAUSE_WORDS = 3;

/** A title derived from the lead sentence: reporting frame dropped, whole when short, else cut at a clause boundary. */
export function titleFromLead(lead: string): string {
  let t = withoutFinalStops(lead.trim());
  // The dateline is read only where its parenthesis is, the English frames only where their verbs are.
  if (t.includes('(')) t = t.replace(DATELINE_PREFIX, '');
  const frame = (hasEnglishFrameVerb(t) ? REPORTING_FRAME : REPORTING_FRAME_AR).exec(t);
  if (frame && t.length - frame[0].length >= 30) {
    const rest = t.slice(frame[0].length);
    t = /^\p{Ll}/u.test(rest) ? rest.charAt(0).toUpperCase() + rest.slice(1) : rest;
  }
  if (t.length <= MAX_TITLE_CHARS) return t;
  const window = t.slice(0, MAX_TITLE_CHARS);
  let previous = 0;
  let cut: number | undefined;
  for (const m of window.matchAll(/[،,;؛:]\s|\s[-–—]\s/gu)) {
    const clauseWords = window.slice(previous, m.index).trim().split(/\s+/).length;
    if (m.index >= 30 && clauseWords >= MIN_CLAUSE_WORDS) cut = m.index;
    previous = m.index + m[0].length;
  }
  if (cut !== undefined) return t.slice(0, cut).trim();
  const space = window.lastIndexOf(' ');
  return `${t.slice(0, space > 30 ? space : MAX_TITLE_CHARS).trim()}…`;
}
