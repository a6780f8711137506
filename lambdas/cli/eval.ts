/** `precis eval DATA.jsonl...`: ROUGE of our summaries against reference summaries beside Lead-N, and entity scores. */
import type { Command } from 'commander';
import type { EntityRecord } from './eval-entities.ts';
import type { EvalFlags, FileEvaluation } from './eval-summaries.ts';
import { positiveInt } from './options.ts';

/** Registers the `eval` command. */
export function register(program: Command): void {
  program
    .command('eval')
    .description(
      'Score summaries against a JSONL of {id, lang, text, summaries[]} with ROUGE-1/2/L F1 beside the Lead-N baseline, ' +
        'and entities against records with gold entities[] (precision/recall/F1 by type).',
    )
    .argument('<files...>', 'JSONL evaluation files')
    .option(
      '-s, --sentences <n>',
      'summary length in sentences, for us and for the Lead-N baseline',
      positiveInt,
      3,
    )
    .option('--limit <n>', 'score only the first N records of each file', positiveInt)
    .option(
      '--group <n>',
      'sentences per document for entity records (ANERcorp is one sentence a line)',
      positiveInt,
      10,
    )
    .option('--json', 'print the results as JSON')
    .action(async (files: string[], flags: EvalFlags) => {
      // Loaded on use, so other commands and --help do not pay for the core.
      const { digestText, evaluateEntities, evaluateSummaries, formatResults, readJsonl } = await import(
        './eval-summaries.ts'
      );
      const results: Record<string, FileEvaluation> = {};
      for (const file of files) {
        const records = await readJsonl(file, flags.limit);
        const result: FileEvaluation = {};
        if (records.some((r) => Array.isArray(r.summaries) && r.summaries.length > 0)) {
          result.summaries = evaluateSummaries(records, flags.sentences);
        }
        if (records.some((r) => Array.isArray(r.entities))) {
          result.entities = evaluateEntities(records as EntityRecord[], digestText, flags.group);
        }
        results[file] = result;
      }
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
        return;
      }
      process.stdout.write(formatResults(results, flags.sentences));
    });
}
