/** Terminal views of stored records, shared by `precis run`, `list` and `show`. */

import type { Command } from 'commander';
import type { RecordSummary, StoredRecord } from '../adapters/dynamo-digest-store.ts';
import type { ArticleDigest } from '../core/schema.ts';
import type { OpenTable, TableTarget } from '../local/local-table.ts';

/** Key facts and entities shown per article: enough to judge it at a glance. */
const TOP_FACTS = 3;
const TOP_ENTITIES = 8;

function cut(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function describeDigest(digest: ArticleDigest): string {
  const { stats } = digest;
  return [
    digest.language,
    digest.direction,
    digest.format,
    `${stats.words} words`,
    `${stats.readingMinutes} min read`,
    ...(digest.publishedAt ? [`published ${digest.publishedAt}`] : []),
  ].join(' · ');
}

/** A readable block for one article: title, language, summary, top facts, entities. */
export function renderRecord(record: StoredRecord): string {
  const lines = [`━━ s3://${record.bucket}/${record.key}  (${record.status}, uploaded ${record.uploadedAt})`];
  if (record.deletedAt) lines.push(`   deleted ${record.deletedAt}; the digest below is of the last version`);
  const digest = record.digest;
  if (digest === undefined) return lines.join('\n');
  if (digest.error) {
    lines.push(`   failed: ${digest.error.code}: ${digest.error.message}`);
    return lines.join('\n');
  }
  lines.push(`   ${digest.title || '(untitled)'}`, `   ${describeDigest(digest)}`);
  if (record.truncated) lines.push('   (lists shortened to fit the 400 KB item limit)');
  if (digest.summary.length > 0) {
    lines.push('   Summary:');
    for (const sentence of digest.summary) lines.push(`     ${sentence.replace(/\s+/g, ' ').trim()}`);
  }
  const facts = [...digest.keyFacts].sort((a, b) => b.score - a.score).slice(0, TOP_FACTS);
  if (facts.length > 0) {
    lines.push('   Key facts:');
    for (const fact of facts) lines.push(`     • ${cut(fact.text, 240)}`);
  }
  const entities = [...digest.entities].sort((a, b) => b.count - a.count).slice(0, TOP_ENTITIES);
  if (entities.length > 0) {
    lines.push(`   Entities: ${entities.map((e) => `${e.text} (${e.type}, ${e.count})`).join(' · ')}`);
  }
  return lines.join('\n');
}

/** A fixed-width table of record summaries, newest first. */
export function renderSummaryTable(rows: RecordSummary[]): string {
  if (rows.length === 0) return 'No records.';
  const cells = rows.map((row) => [
    row.uploadedAt.slice(0, 16).replace('T', ' '),
    row.language,
    row.errorCode ? `failed:${row.errorCode}` : row.status,
    row.key,
    cut(row.title || (row.errorCode ? '' : '(untitled)'), 70),
  ]);
  const header = ['UPLOADED (UTC)', 'LANG', 'STATUS', 'KEY', 'TITLE'];
  const widths = header.map((title, i) =>
    Math.max(title.length, ...cells.map((row) => (row[i] ?? '').length)),
  );
  const format = (row: string[]) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [format(header), ...cells.map(format)].join('\n');
}

/** The JSON form of a record for `--json`: the digest's own fields, then the record's lifecycle. */
export function recordToJson(record: StoredRecord): Record<string, unknown> {
  const { digest, ...meta } = record;
  return { ...(digest ?? {}), record: meta };
}

/** Opens the table `list`/`show` read, turning "no local data yet" into a clear CLI error. */
export async function openTableForCli(program: Command, target: TableTarget): Promise<OpenTable> {
  // Loaded here, not at start-up: the AWS SDK would slow every other command.
  const { NoLocalDataError, openDigestTable } = await import('../local/local-table.ts');
  try {
    return await openDigestTable(target);
  } catch (error) {
    if (error instanceof NoLocalDataError) program.error(error.message);
    throw error;
  }
}
