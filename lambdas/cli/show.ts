/** `precis show KEY`: one article's stored record, readable or as JSON. */
import type { Command } from 'commander';
import type { StoredRecord } from '../adapters/dynamo-digest-store.ts';
import { DEFAULTS } from '../adapters/table-design.ts';
import { loadLocalSettings } from '../config.ts';
import type { LocalDynamoDb } from '../local/servers.ts';
import { openTableForCli, recordToJson, renderRecord } from './records-view.ts';

interface ShowFlags {
  bucket?: string;
  json?: boolean;
  table?: string;
  region?: string;
  dataDir: string;
  dynamodb: LocalDynamoDb;
}

/** The keys a user may mean: as typed, or a file name under the upload prefix; `s3://bucket/key` too. */
export function candidateKeys(input: string): { bucket?: string; keys: string[] } {
  const url = /^s3:\/\/([^/]+)\/(.+)$/.exec(input);
  if (url) return { bucket: url[1] as string, keys: [url[2] as string] };
  const keys = input.startsWith(DEFAULTS.uploadPrefix)
    ? [input]
    : [input, `${DEFAULTS.uploadPrefix}${input}`];
  return { keys };
}

/** Registers the `show` command. */
export function register(program: Command): void {
  const settings = loadLocalSettings();
  program
    .command('show')
    .description('Show the stored digest of one S3 object.')
    .argument(
      '<s3-key>',
      `object key (the "${DEFAULTS.uploadPrefix}" prefix may be left out) or s3://bucket/key`,
    )
    .option('--bucket <name>', 'the bucket, when the key exists in several')
    .option('--json', 'print the digest as JSON, with its record lifecycle under "record"')
    .option('--table <name>', 'read a deployed table instead of the local one')
    .option('--region <region>', 'AWS region of the deployed table')
    .option('--data-dir <dir>', 'local data directory (env PRECIS_DATA_DIR)', settings.dataDir)
    .option('--dynamodb <kind>', 'local emulator: dynalite or dynamodb-local', settings.dynamodb)
    .action(async (input: string, flags: ShowFlags) => {
      const table = await openTableForCli(program, flags);
      let records: StoredRecord[] = [];
      try {
        const { bucket = flags.bucket, keys } = candidateKeys(input);
        for (const key of keys) {
          if (bucket !== undefined) {
            const record = await table.store.getRecord(bucket, key);
            records = record ? [record] : [];
          } else records = await table.store.findRecordsByKey(key);
          if (records.length > 0) break;
        }
      } finally {
        await table.close();
      }
      if (records.length === 0) program.error(`No record for "${input}" in ${table.location}.`);
      const out = flags.json
        ? JSON.stringify(
            records.length === 1 ? recordToJson(records[0] as StoredRecord) : records.map(recordToJson),
            null,
            2,
          )
        : records.map(renderRecord).join('\n\n');
      process.stdout.write(`${out}\n`);
    });
}
