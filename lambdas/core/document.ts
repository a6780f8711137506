/**
 * Text + format -> the article document: its body text (paragraphs separated by blank lines) and what
 * the source states about itself (title, byline, date, language, direction). Plain text, Markdown,
 * HTML and JSON.
 */
import type { Readability as ReadabilityParser } from '@mozilla/readability';
import { DigestError } from './errors.ts';
import { loadPiece } from './lazy.ts';

/**
 * The HTML stack (linkedom, its CSS and HTML parsers, Readability) and the Markdown parser are most of
 * the core's dependencies, and plain-text articles use neither: each is a lazy piece, loaded on first use.
 */
const htmlParsers = () => loadPiece('html');
const markdownParsers = () => loadPiece('markdown');

export type ArticleFormat = 'text' | 'markdown' | 'html' | 'json';

/** The article as its source presents it. `text` is what every offset in the digest points into. */
export interface ArticleDocument {
  format: ArticleFormat;
  text: string;
  title?: string;
  titleSource?: 'explicit' | 'heading';
  byline?: string;
  publisher?: string;
  publishedAt?: string;
  lang?: string;
  dir?: 'rtl' | 'ltr';
}

const EXTENSIONS: Record<string, ArticleFormat> = {
  txt: 'text',
  text: 'text',
  md: 'markdown',
  markdown: 'markdown',
  mdown: 'markdown',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  json: 'json',
};

/** Extensions of files that are never articles in text form: refused with a clear reason. */
const UNSUPPORTED_EXTENSIONS = new Set(
  'pdf doc docx odt rtf xls xlsx ppt pptx png jpg jpeg gif webp svg bmp tiff zip gz tgz bz2 xz 7z rar tar exe dll so bin mp3 mp4 wav avi mov mkv woff woff2 ttf'.split(
    ' ',
  ),
);

const CONTENT_TYPES: Array<[RegExp, ArticleFormat]> = [
  [/^text\/html|^application\/xhtml/i, 'html'],
  [/^text\/markdown|^text\/x-markdown/i, 'markdown'],
  [/^application\/(?:ld\+)?json|^text\/json/i, 'json'],
  [/^text\/plain/i, 'text'],
];

/** Lower-case extension of a file name or S3 key, without the dot. */
export function extensionOf(fileName: string): string {
  const base = fileName.split('/').pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/** Picks the format by extension, then content type, then by sniffing the text. */
export function detectFormat(fileName: string, contentType: string | undefined, text: string): ArticleFormat {
  const ext = extensionOf(fileName);
  if (UNSUPPORTED_EXTENSIONS.has(ext)) {
    throw new DigestError(
      'UNSUPPORTED_TYPE',
      `Files of type .${ext} are not supported: upload .txt, .md, .html or .json.`,
    );
  }
  const byExt = EXTENSIONS[ext];
  if (byExt) return byExt;
  if (contentType) {
    for (const [re, format] of CONTENT_TYPES) if (re.test(contentType)) return format;
  }
  return sniffFormat(text);
}

function sniffFormat(text: string): ArticleFormat {
  const head = text.slice(0, 2048).trimStart();
  if (
    /^(?:<!doctype html|<html[\s>]|<\?xml[^>]*>\s*<html)/i.test(head) ||
    /<(?:body|article|p|div|h1)[\s>]/i.test(head)
  ) {
    return 'html';
  }
  if (/^[{[]/.test(head)) {
    try {
      JSON.parse(text);
      return 'json';
    } catch {
      // Not JSON after all: plain text that happens to start with a bracket.
    }
  }
  if (
    /^#{1,6}\s+\S/m.test(head) ||
    /\[[^\]\n]+\]\([^)\s]+\)/.test(head) ||
    /^\s*[-*]\s+\S[\s\S]*\*\*\S/m.test(head)
  ) {
    return 'markdown';
  }
  return 'text';
}

/** Builds the article document for the given format. Throws `DigestError` for malformed JSON or a missing body. */
export function extractDocument(text: string, format: ArticleFormat): ArticleDocument {
  switch (format) {
    case 'html':
      return extractHtml(text);
    case 'markdown':
      return extractMarkdown(text);
    case 'json':
      return extractJson(text);
    default:
      return { format: 'text', text };
  }
}

// ---------------------------------------------------------------- Markdown

type MdNode = { type: string; depth?: number; children?: MdNode[] };

/**
 * Quotes and lists nested deeper than this are flattened to it: micromark's work and the recursion
 * over its tree grow with depth (`- ` 10,000 times took minutes, then overflowed the stack). The
 * text is kept; only the nesting, which the digest never uses, is lost.
 */
const MAX_MARKDOWN_NESTING = 32;
/** A line opening more than MAX_MARKDOWN_NESTING containers (`>`, `-`, `*`, `+`, `1.`); unambiguous, so linear. */
const DEEP_CONTAINERS = new RegExp(
  `^[ \\t]*(?:(?:>|[-*+](?=[ \\t])|\\d{1,9}[.)](?=[ \\t]))[ \\t]*){${MAX_MARKDOWN_NESTING + 1},}`,
  'gm',
);

/** Indentation past this many columns nests lists no deeper (two columns a level). */
const DEEP_INDENT = new RegExp(`^[ \\t]{${MAX_MARKDOWN_NESTING * 2 + 1},}`, 'gm');
/** Emphasis runs longer than this nest no deeper; the markers are not text. */
const DEEP_EMPHASIS = new RegExp(`[*_]{${MAX_MARKDOWN_NESTING + 1},}`, 'g');

/** micromark pairs emphasis delimiters in time quadratic in their number; articles have a few hundred at most. */
const MAX_EMPHASIS_RUNS = 2_000;

function extractMarkdown(source: string): ArticleDocument {
  const flattened = source
    .replace(DEEP_CONTAINERS, '> '.repeat(MAX_MARKDOWN_NESTING))
    .replace(DEEP_INDENT, ' '.repeat(MAX_MARKDOWN_NESTING * 2))
    .replace(DEEP_EMPHASIS, (run) => run.slice(0, MAX_MARKDOWN_NESTING));
  let runs = 0;
  for (const _ of flattened.matchAll(/[*_]+/g))
    if (++runs > MAX_EMPHASIS_RUNS) return { format: 'markdown', text: flattened };
  try {
    return markdownDocument(flattened);
  } catch (error) {
    // Nesting built another way (alternating `*a *b ...`) can still exhaust the stack: read it as text.
    if (error instanceof RangeError) return { format: 'markdown', text: flattened };
    throw error;
  }
}

/** YAML front matter at the top of a Markdown file (Jekyll, Hugo, Astro). */
const FRONT_MATTER = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/;

/** The flat `key: value` pairs of front matter (quotes removed); nested YAML is ignored. */
function readFrontMatter(yaml: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of yaml.split('\n')) {
    const m = /^([A-Za-z_][\w-]*)\s*:\s*(.+?)\s*$/.exec(line);
    if (m?.[1] && m[2]) out[m[1].toLowerCase()] = m[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  return out;
}

function markdownDocument(markdown: string): ArticleDocument {
  const front = FRONT_MATTER.exec(markdown);
  const meta = front ? readFrontMatter(front[1] ?? '') : {};
  // The front matter is replaced by blank lines so the body keeps its shape.
  const source = front
    ? `${'\n'.repeat(front[0].split('\n').length - 1)}${markdown.slice(front[0].length)}`
    : markdown;
  const tree = markdownParsers().fromMarkdown(source) as MdNode;
  const blocks: string[] = [];
  let title: string | undefined;
  const visit = (node: MdNode) => {
    switch (node.type) {
      case 'heading': {
        const text = inline(node);
        if (!text) return;
        if (title === undefined && (node.depth ?? 1) <= 2 && blocks.length === 0) title = text;
        else blocks.push(text);
        return;
      }
      case 'paragraph':
      case 'tableCell': {
        const text = inline(node);
        if (text) blocks.push(text);
        return;
      }
      case 'html': {
        // Raw HTML blocks carry text too ("<div>...</div>"); keep it, without the tags.
        const text = clean(((node as { value?: string }).value ?? '').replace(/<[^>]*>/g, ' '));
        if (text) blocks.push(text);
        return;
      }
      case 'code':
      case 'thematicBreak':
      case 'definition':
      case 'yaml':
        return;
      default:
        for (const child of node.children ?? []) visit(child);
    }
  };
  visit(tree);
  const doc: ArticleDocument = { format: 'markdown', text: blocks.join('\n\n') };
  if (meta.title) {
    doc.title = meta.title;
    doc.titleSource = 'explicit';
    if (title) blocks.unshift(title);
    doc.text = blocks.join('\n\n');
  } else if (title) {
    doc.title = title;
    doc.titleSource = 'heading';
  }
  const author = meta.author ?? meta.byline;
  if (author) doc.byline = author;
  const date = meta.date ?? meta.published ?? meta.pubdate;
  if (date) doc.publishedAt = date;
  const lang = meta.lang ?? meta.language;
  if (lang) doc.lang = lang;
  return doc;
}

function inline(node: MdNode): string {
  const { toString: mdastToString } = markdownParsers();
  return mdastToString(node as Parameters<typeof mdastToString>[0])
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}

// ---------------------------------------------------------------- HTML

const BLOCK_SELECTOR = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, figcaption, td, dd, dt';

function extractHtml(page: string): ArticleDocument {
  // linkedom builds a DOM without running scripts or fetching anything: safe for untrusted uploads.
  const { parseHTML, Readability } = htmlParsers();
  // A <br> separates lines, but textContent drops it: "decades.<br>Governor" would read "decades.Governor".
  const source = page.replace(/<br\s*\/?>/gi, ' <br>');
  const { document } = parseHTML(withBody(source));
  const html = document.documentElement;
  const lang = html?.getAttribute('lang') ?? undefined;
  const dirAttr = (html?.getAttribute('dir') ?? document.body?.getAttribute('dir') ?? '').toLowerCase();
  const meta = (name: string) =>
    document
      .querySelector(`meta[property="${name}"], meta[name="${name}"], meta[itemprop="${name}"]`)
      ?.getAttribute('content') ?? undefined;
  const pageTitle = meta('og:title') ?? document.querySelector('title')?.textContent ?? undefined;
  const published =
    meta('article:published_time') ??
    meta('datePublished') ??
    meta('date') ??
    document.querySelector('time[datetime]')?.getAttribute('datetime') ??
    undefined;
  const siteName = meta('og:site_name') ?? undefined;
  const author = meta('author') ?? undefined;

  let article: ReturnType<ReadabilityParser['parse']> = null;
  // Readability's cleanup costs nodes x depth: a page nested thousands deep would take minutes.
  if (!nestsDeeperThan(document.documentElement as unknown as Element | null, MAX_READABILITY_DEPTH)) {
    try {
      article = new Readability(document as unknown as Document, { charThreshold: 100 }).parse();
    } catch {
      article = null;
    }
  }
  const bodyHtml = article?.content ?? '';
  let text = bodyHtml ? blockText(bodyHtml) : '';
  if (!text) {
    // Readability gives up on short pages: fall back to the page's own blocks, scripts and styles removed.
    const { document: again } = parseHTML(withBody(source));
    for (const el of again.querySelectorAll(
      'script, style, noscript, template, nav, header, footer, aside, form',
    ))
      el.remove();
    text = blocksOf(again.body as unknown as Element | null);
  }
  const doc: ArticleDocument = { format: 'html', text };
  const fullTitle = clean(article?.title ?? pageTitle ?? document.querySelector('h1')?.textContent ?? '');
  const { title } = splitSiteSuffix(fullTitle);
  // Readability already drops "| Site" from its title; the page's own <title> still names the site.
  const { site } = splitSiteSuffix(clean(pageTitle ?? ''));
  if (title) {
    doc.title = title;
    doc.titleSource = 'explicit';
  }
  const byline = clean(article?.byline ?? author ?? '').replace(BYLINE_PREFIX, '');
  if (byline) doc.byline = byline;
  const publisher = clean(article?.siteName ?? siteName ?? site ?? '');
  if (publisher) doc.publisher = publisher;
  const date = clean(article?.publishedTime ?? published ?? '');
  if (date) doc.publishedAt = date;
  const language = clean(article?.lang ?? lang ?? '');
  if (language) doc.lang = language;
  const dir = (article?.dir ?? dirAttr).toLowerCase();
  if (dir === 'rtl' || dir === 'ltr') doc.dir = dir;
  return doc;
}

/** "By ", "بقلم:" and the like before an author's name. */
const BYLINE_PREFIX = /^(?:by|written by|بقلم|كتب|كتبه)\s*[:：]?\s+/iu;
/** A page title's site suffix: "Headline | الجزيرة نت", "Headline - BBC News". */
const SITE_SUFFIX = /^(.{15,}?)\s+[|–—-]\s+([^|–—-]{2,40})$/u;

/** Splits "Headline | Site" into the headline and the site name. */
function splitSiteSuffix(title: string): { title: string; site?: string } {
  const m = SITE_SUFFIX.exec(title);
  const headline = m?.[1]?.trim();
  const site = m?.[2]?.trim();
  if (!headline || !site || site.split(/\s+/).length > 4) return { title };
  return { title: headline, site };
}

/** Real pages nest a few dozen elements deep; beyond this, Readability is skipped for the block fallback. */
const MAX_READABILITY_DEPTH = 100;

/** True when elements nest more than `limit` deep under `root`; iterative, as a hostile page nests 10,000 deep. */
function nestsDeeperThan(root: Element | null, limit: number): boolean {
  const stack: Array<[Element, number]> = root ? [[root, 1]] : [];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [el, depth] = item;
    if (depth > limit) return true;
    for (let child = el.firstElementChild; child; child = child.nextElementSibling)
      stack.push([child, depth + 1]);
  }
  return false;
}

/** linkedom needs a full document to expose `body`; fragments are wrapped. */
function withBody(source: string): string {
  return /<html[\s>]/i.test(source)
    ? source
    : `<!doctype html><html><head></head><body>${source}</body></html>`;
}

function blockText(body: string): string {
  const { document } = htmlParsers().parseHTML(`<!doctype html><html><body>${body}</body></html>`);
  return blocksOf(document.body as unknown as Element | null);
}

function blocksOf(root: Element | null): string {
  if (!root) return '';
  const blocks: string[] = [];
  const all = Array.from(root.querySelectorAll(BLOCK_SELECTOR));
  // Only innermost blocks: a <li> holding a <p> contributes once. Every ancestor of a block holds a
  // block; marking them, and stopping where an earlier walk passed, keeps deep nesting linear.
  const holdsBlock = new Set<Element>();
  for (const el of all) {
    for (let up = el.parentElement; up && !holdsBlock.has(up); up = up.parentElement) holdsBlock.add(up);
  }
  for (const el of all) {
    if (holdsBlock.has(el)) continue;
    const text = clean(el.textContent ?? '');
    if (text) blocks.push(text);
  }
  if (blocks.length === 0) {
    const text = clean(root.textContent ?? '');
    if (text) blocks.push(text);
  }
  return blocks.join('\n\n');
}

function clean(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------- JSON

const TITLE_FIELDS = ['title', 'headline', 'name', 'subject'];
const BODY_FIELDS = [
  'body',
  'content',
  'text',
  'articleBody',
  'article_body',
  'article',
  'story',
  'description',
  'summary',
];
const AUTHOR_FIELDS = ['author', 'byline', 'authors', 'creator', 'writer'];
const DATE_FIELDS = [
  'date',
  'published',
  'publishedAt',
  'published_at',
  'datePublished',
  'pubDate',
  'publication_date',
  'created_at',
  'createdAt',
  'time',
];
const LANG_FIELDS = ['lang', 'language', 'inLanguage', 'locale'];
const PUBLISHER_FIELDS = ['publisher', 'source', 'siteName', 'site_name', 'outlet'];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function extractJson(source: string): ArticleDocument {
  let value: Json;
  try {
    value = JSON.parse(source) as Json;
  } catch (e) {
    throw new DigestError('MALFORMED', `The JSON is malformed: ${(e as Error).message}`);
  }
  const record = findArticleObject(value, 0);
  if (!record) {
    throw new DigestError(
      'MALFORMED',
      'The JSON holds no article: expected an object with a body, content or text field.',
    );
  }
  const bodyField = BODY_FIELDS.find((f) => f in record);
  const body = bodyField === undefined ? undefined : record[bodyField];
  const text = bodyText(body);
  if (text === undefined) {
    throw new DigestError(
      'MALFORMED',
      `The JSON field "${bodyField}" is not text (found ${describe(body)}).`,
    );
  }
  const isHtml = /<(?:p|div|br|h\d|article|span)[\s>/]/i.test(text);
  const doc: ArticleDocument = isHtml ? { ...extractHtml(text), format: 'json' } : { format: 'json', text };
  const title = stringField(record, TITLE_FIELDS);
  if (title) {
    doc.title = title;
    doc.titleSource = 'explicit';
  }
  const author = stringField(record, AUTHOR_FIELDS);
  if (author) doc.byline = author;
  const date = stringField(record, DATE_FIELDS);
  if (date) doc.publishedAt = date;
  const lang = stringField(record, LANG_FIELDS);
  if (lang) doc.lang = lang;
  const publisher = stringField(record, PUBLISHER_FIELDS);
  if (publisher) doc.publisher = publisher;
  return doc;
}

/** The first object (at most three levels down, or the first array element) that has a body field. */
function findArticleObject(value: Json, depth: number): Record<string, Json> | undefined {
  if (depth > 3 || value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value))
    return value.length > 0 ? findArticleObject(value[0] as Json, depth + 1) : undefined;
  if (BODY_FIELDS.some((f) => f in value)) return value;
  for (const child of Object.values(value)) {
    const found = findArticleObject(child, depth + 1);
    if (found) return found;
  }
  return undefined;
}

function bodyText(body: Json | undefined): string | undefined {
  if (typeof body === 'string') return body;
  if (Array.isArray(body) && body.every((p) => typeof p === 'string')) return body.join('\n\n');
  if (Array.isArray(body) && body.every((p) => p !== null && typeof p === 'object' && !Array.isArray(p))) {
    const parts = body.map((p) => stringField(p as Record<string, Json>, ['text', 'content', 'body']));
    if (parts.every((p) => p !== undefined)) return parts.join('\n\n');
  }
  return undefined;
}

function stringField(record: Record<string, Json>, names: string[]): string | undefined {
  for (const name of names) {
    const v = record[name];
    if (typeof v === 'string' && v.trim()) return clean(v);
    if (typeof v === 'number' && name.toLowerCase().includes('date')) return new Date(v).toISOString();
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const inner = stringField(v, ['name', 'title', 'value']);
      if (inner) return inner;
    }
    if (Array.isArray(v)) {
      const names2 = v.map((x) =>
        typeof x === 'string'
          ? x
          : x && typeof x === 'object' && !Array.isArray(x)
            ? stringField(x, ['name'])
            : undefined,
      );
      const joined = names2.filter((x): x is string => !!x).join(', ');
      if (joined) return joined;
    }
  }
  return undefined;
}

function describe(v: Json | undefined): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return `a ${typeof v}`;
}
