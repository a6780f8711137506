/** `precis digest FILE...`: one JSON digest per file, in order; failures are records too. */
import { open } from 'node:fs/promises';
import type { Command } from 'commander';
import { DEFAULT_MAX_BYTES } from '../core/limits.ts';
import type { ArticleDigest } from '../core/schema.ts';
import { positiveInt } from './options.ts';

interface DigestFlags {
  sentences?: number;
  pretty?: boolean;
  maxBytes: number;
  referenceDate?: string;
}

/** Registers the `digest` command. */
export function register(program: Command): void {
  program
    .command('digest')
    .description('Digest article files (.txt, .md, .html, .json) and print one JSON line per file, in order.')
    .argument('<files...>', 'article files to digest')
    .option(
      '-s, --sentences <n>',
      'summary length in sentences (default: chosen from the article length)',
      positiveInt,
    )
    .option('--pretty', 'indent the JSON (one block per file instead of one line)')
    .option('--max-bytes <n>', 'refuse files larger than this many bytes', positiveInt, DEFAULT_MAX_BYTES)
    .option('--reference-date <iso>', 'date that relative dates ("last month") resolve against')
    .addHelpText(
      'after',
      '\nExit code: 0 when every file was digested, 1 when any file failed (its line has status "failed" and an error code).',
    )
    .action(async (files: string[], flags: DigestFlags) => {
      let failed = 0;
      for (const file of files) {
        const digest = await digestFile(file, flags);
        if (digest.status === 'failed') failed++;
        process.stdout.write(`${JSON.stringify(digest, null, flags.pretty ? 2 : undefined)}\n`);
      }
      process.exitCode = failed > 0 ? 1 : 0;
    });
}

/** Reads and digests one file; a file over the size limit is refused before it is read whole. */
export async function digestFile(file: string, flags: DigestFlags): Promise<ArticleDigest> {
  // Loaded on use, so `precis list` and `--help` do not pay for the whole core.
  const { digestArticle, failedDigest } = await import('../core/digest.ts');
  const source = { file };
  let bytes: Uint8Array;
  try {
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      if (size > flags.maxBytes) {
        return failedDigest(
          source,
          'TOO_LARGE',
          `The file is ${size} bytes, over the ${flags.maxBytes}-byte limit for one article.`,
        );
      }
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') return failedDigest(source, 'NOT_FOUND', `No such file: ${file}`);
    if (err.code === 'EISDIR')
      return failedDigest(source, 'READ_FAILED', `${file} is a directory, not a file.`);
    return failedDigest(source, 'READ_FAILED', `Could not read ${file}: ${err.message}`);
  }
  return digestArticle(
    { bytes, fileName: file, source },
    {
      maxBytes: flags.maxBytes,
      ...(flags.sentences ? { summarySentences: flags.sentences } : {}),
      ...(flags.referenceDate ? { referenceDate: flags.referenceDate } : {}),
    },
  );
}
