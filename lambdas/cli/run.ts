/** `precis run [PATH...]`: the whole pipeline on this machine (what `npm start` runs). */
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { loadLocalSettings } from '../config.ts';
import type { RunResult } from '../local/runner.ts';
import type { LocalDynamoDb } from '../local/servers.ts';
import { recordToJson, renderRecord, renderSummaryTable } from './records-view.ts';

interface RunFlags {
  dataDir: string;
  dynamodb: LocalDynamoDb;
  reset?: boolean;
  keepRunning?: boolean;
  recursive?: boolean;
  json?: boolean;
  verbose?: boolean;
}

/** Above this many files the summaries become one table row each, and a progress bar shows. */
const FULL_SUMMARY_LIMIT = 10;
const PROGRESS_BAR_FROM = 5;

/** Registers the `run` command. */
export function register(program: Command): void {
  const settings = loadLocalSettings();
  program
    .command('run')
    .description(
      'Run the pipeline locally: embedded S3 (s3rver) and DynamoDB on loopback, each file uploaded with the AWS SDK, ' +
        'each S3 notification delivered to the digest handler as a genuine S3 event in an SQS message.',
    )
    .argument('[paths...]', 'article files or directories (not descended into unless --recursive)', ['seeds'])
    .option(
      '--data-dir <dir>',
      'where the local servers keep their data (env PRECIS_DATA_DIR)',
      settings.dataDir,
    )
    .option('--dynamodb <kind>', 'dynalite or dynamodb-local (env PRECIS_DYNAMODB)', settings.dynamodb)
    .option('--reset', 'delete the local bucket and table first')
    .option('--keep-running', 'leave the servers up for `precis list/show`, the AWS CLI or other tools')
    .option('--recursive', 'descend into sub-directories')
    .option('--json', 'print each record as one JSON line instead of a summary')
    .option('--verbose', "show the handler's structured logs")
    .action(async (paths: string[], flags: RunFlags) => {
      if (flags.dynamodb !== 'dynalite' && flags.dynamodb !== 'dynamodb-local') {
        program.error(`--dynamodb must be dynalite or dynamodb-local, got "${flags.dynamodb}"`);
      }
      // Loaded here, not at start-up: the AWS SDK and s3rver would slow every other command.
      const { RunError, runLocalPipeline } = await import('../local/runner.ts');
      let bar: SingleBar | undefined;
      let result: RunResult;
      try {
        result = await runLocalPipeline({
          paths,
          dataDir: flags.dataDir,
          dynamodb: flags.dynamodb,
          reset: flags.reset ?? false,
          recursive: flags.recursive ?? false,
          ...(flags.verbose ? { logLevel: 'INFO' } : {}),
          onProgress: (done, total) => {
            if (total < PROGRESS_BAR_FROM) return;
            if (bar === undefined) {
              bar = new SingleBar({ format: 'digesting [{bar}] {value}/{total} articles' });
              bar.start(total, done);
            } else bar.update(done);
          },
        });
      } catch (error) {
        bar?.stop();
        if (error instanceof RunError) program.error(error.message);
        throw error;
      }
      bar?.stop();

      const { uploads, servers } = result;
      const records = uploads.flatMap((upload) => (upload.record ? [upload.record] : []));
      if (flags.json) {
        for (const record of records) process.stdout.write(`${JSON.stringify(recordToJson(record))}\n`);
      } else if (uploads.length <= FULL_SUMMARY_LIMIT) {
        for (const record of records) process.stdout.write(`${renderRecord(record)}\n\n`);
      } else {
        const rows = records.map((record) => ({
          bucket: record.bucket,
          key: record.key,
          uploadedAt: record.uploadedAt,
          status: record.status,
          language: record.digest?.language ?? 'und',
          title: record.digest?.title ?? '',
          summary: record.digest?.summary ?? [],
          ...(record.digest?.error ? { errorCode: record.digest.error.code } : {}),
        }));
        process.stdout.write(`${renderSummaryTable(rows)}\n\n`);
      }

      const failed = records.filter((record) => record.status === 'failed').length;
      const missing = uploads.filter((upload) => upload.record === undefined);
      const log = (line: string) => process.stderr.write(`${line}\n`);
      log(
        `${uploads.length} file(s) digested in ${(result.elapsedMs / 1000).toFixed(1)} s: ` +
          `${records.length - failed} ok, ${failed} failed${missing.length ? `, ${missing.length} without a record` : ''}.`,
      );
      for (const upload of missing) log(`  no record for ${upload.key} (see --verbose)`);
      log(
        `Records are kept in ${flags.dataDir}/: try \`npx precis list\` or \`npx precis show ${uploads[0]?.key ?? 'KEY'}\`.`,
      );
      if (missing.length > 0) process.exitCode = 1;

      if (!flags.keepRunning || servers.attached) {
        await servers.close();
        return;
      }
      log('Servers are running (Ctrl-C to stop). Point any AWS tool at them with:');
      log(
        `  export AWS_ENDPOINT_URL_S3=${servers.s3Endpoint} AWS_ENDPOINT_URL_DYNAMODB=${servers.dynamodbEndpoint}`,
      );
      log('  export AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER AWS_REGION=us-east-1');
      log('New uploads to the bucket are digested as they arrive.');
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await servers.close();
    });
}
