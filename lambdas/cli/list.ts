/** `precis list`: recent articles, by language or by entity, from the local or a deployed table. */
import type { Command } from 'commander';
import { loadLocalSettings } from '../config.ts';
import type { LocalDynamoDb } from '../local/servers.ts';
import { positiveInt } from './options.ts';
import { openTableForCli, renderSummaryTable } from './records-view.ts';

interface ListFlags {
  language?: string;
  entity?: string;
  limit: number;
  json?: boolean;
  table?: string;
  region?: string;
  dataDir: string;
  dynamodb: LocalDynamoDb;
}

/** Registers the `list` command. */
export function register(program: Command): void {
  const settings = loadLocalSettings();
  program
    .command('list')
    .description('List digested articles, newest first (deleted ones are left out).')
    .option('-l, --language <code>', 'only articles in this language (ISO 639-1, e.g. ar, en)')
    .option('-e, --entity <name>', 'only articles mentioning this entity (e.g. قطر, Qatar)')
    .option('-n, --limit <n>', 'at most this many articles', positiveInt, 20)
    .option('--json', 'print a JSON array instead of a table')
    .option('--table <name>', 'read a deployed table instead of the local one')
    .option('--region <region>', 'AWS region of the deployed table')
    .option('--data-dir <dir>', 'local data directory (env PRECIS_DATA_DIR)', settings.dataDir)
    .option('--dynamodb <kind>', 'local emulator: dynalite or dynamodb-local', settings.dynamodb)
    .action(async (flags: ListFlags) => {
      if (flags.language && flags.entity) program.error('choose --language or --entity, not both');
      const table = await openTableForCli(program, flags);
      try {
        const rows = flags.language
          ? await table.store.listByLanguage(flags.language, flags.limit)
          : flags.entity
            ? await table.store.listByEntity(flags.entity, flags.limit)
            : await table.store.listRecent(flags.limit);
        process.stdout.write(
          flags.json ? `${JSON.stringify(rows, null, 2)}\n` : `${renderSummaryTable(rows)}\n`,
        );
      } finally {
        await table.close();
      }
    });
}
