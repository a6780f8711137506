/**
 * The handler as Lambda gets it: bundled by esbuild with the definitions of infra/lambda-bundle.ts that
 * the processing stack deploys (a minified ES module plus its lazy pieces beside it), the sizes, the
 * time a fresh Node process takes to import the main file against a bundle holding only the S3 and
 * DynamoDB clients, and what each lazy piece adds when an article first needs it.
 */
import { spawnSync } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { bundleWithPieces, HANDLER_BUILD_OPTIONS } from '../infra/lambda-bundle.ts';
import { LAZY_PIECES, type LazyPieceName } from '../lambdas/core/lazy.ts';
import { median, round } from './stats.ts';

/** An entry that builds only what every S3 -> DynamoDB function pays for: the clients themselves. */
const SDK_ONLY_ENTRY = `import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
const s3 = new S3Client({});
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const handler = async () => ({ s3: typeof s3, ddb: typeof ddb });
`;

/**
 * Imports the handler (argv[2]), as a cold start does, then times the require() of the lazy piece
 * argv[3] through the bundle's own resolution: what the first article needing that piece adds.
 */
const PIECE_TIMER = `import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
await import(pathToFileURL(process.argv[2]).href);
const requireBesideBundle = createRequire(pathToFileURL(process.argv[2]).href);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
requireBesideBundle('./' + process.argv[3]);
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
process.stdout.write(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, rssMb: process.memoryUsage().rss / 1048576 }));
`;

/** Times `import()` of the file given as argv[2], from inside the process. */
const IMPORT_TIMER = `const cpu0 = process.cpuUsage();
const t0 = performance.now();
await import(process.argv[2]);
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
process.stdout.write(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, rssMb: process.memoryUsage().rss / 1048576 }));
`;

/** One measured bundle. */
export interface BundleResult {
  bytes: number;
  importMs: number;
  /** CPU time of the import (parse, compile, evaluate, and V8's helper threads). */
  importCpuMs: number;
  importMsWithSourceMaps: number;
  rssAfterImportMb: number;
}

/** One lazy piece: its file's size and what loading it adds to the first article that needs it. */
export interface PieceResult {
  file: string;
  bytes: number;
  /** require() of the piece in a fresh process that has imported the handler (median, wall clock). */
  loadMs: number;
  loadCpuMs: number;
}

/** Both bundles and the ratio the target is set on. */
export interface ColdStartResult {
  /** The main file (index.mjs): what every cold start imports. */
  handler: BundleResult;
  /** The lazy pieces beside it, loaded only by the articles that need them. */
  pieces: Record<LazyPieceName, PieceResult>;
  sdkOnly: BundleResult;
  /**
   * handler import / SDK-only import, wall clock: the median over `runs` pairs of fresh processes, each
   * pair run back to back, of the pair's ratio (a slow spell of a shared machine slows both of a pair).
   */
  importRatio: number;
  /** The same in CPU time. */
  importCpuRatio: number;
  /** The ratio of the two medians instead, CPU time (the figure reported before pairs were compared). */
  importCpuRatioOfMedians: number;
  importRatioWithSourceMaps: number;
  runs: number;
}

/**
 * Bundles `entry` (a file, or module source resolved from `root`) into `outfile` with the Lambda
 * options, plus an external source map as deployed; returns the bundle's size in bytes.
 */
export async function bundleForLambda(
  entry: { file: string } | { source: string },
  outfile: string,
  root: string,
): Promise<number> {
  if ('file' in entry) return bundleWithPieces(entry, outfile, { sourcemap: true });
  await build({
    ...HANDLER_BUILD_OPTIONS,
    stdin: { contents: entry.source, resolveDir: root, sourcefile: 'sdk-only.mjs' },
    outfile,
    sourcemap: true,
    absWorkingDir: root,
  });
  return statSync(outfile).size;
}

/** The environment the deployed function has at import (config.ts reads TABLE_NAME at cold start). */
function lambdaEnv(sourceMaps: boolean): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    TABLE_NAME: 'precis-bench',
    UPLOAD_PREFIX: 'articles/',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_EC2_METADATA_DISABLED: 'true',
    POWERTOOLS_SERVICE_NAME: 'precis',
    POWERTOOLS_METRICS_NAMESPACE: 'precis',
    ...(sourceMaps ? { NODE_OPTIONS: '--enable-source-maps' } : {}),
  };
}

function timeImport(
  timer: string,
  file: string,
  sourceMaps: boolean,
  ...args: string[]
): { ms: number; cpuMs: number; rssMb: number } {
  const out = spawnSync(process.execPath, [timer, file, ...args], {
    env: lambdaEnv(sourceMaps),
    encoding: 'utf8',
  });
  if (out.status !== 0) throw new Error(`importing ${file} failed: ${out.stderr}`);
  return JSON.parse(out.stdout) as { ms: number; cpuMs: number; rssMb: number };
}

/** Builds both bundles under `dir` and times `runs` cold imports of each, interleaved. */
export async function measureColdStart(root: string, dir: string, runs: number): Promise<ColdStartResult> {
  const handlerFile = join(dir, 'digest-upload.mjs');
  const sdkFile = join(dir, 'sdk-only.mjs');
  const timer = join(dir, 'import-timer.mjs');
  const pieceTimer = join(dir, 'piece-timer.mjs');
  writeFileSync(timer, IMPORT_TIMER);
  writeFileSync(pieceTimer, PIECE_TIMER);
  const handlerBytes = await bundleForLambda(
    { file: join(root, 'lambdas/handlers/digest-upload.ts') },
    handlerFile,
    root,
  );
  const sdkBytes = await bundleForLambda({ source: SDK_ONLY_ENTRY }, sdkFile, root);

  const samples = { handler: [[], []], sdk: [[], []] } as Record<'handler' | 'sdk', [number[], number[]]>;
  const rss = { handler: [] as number[], sdk: [] as number[] };
  const cpu = { handler: [] as number[], sdk: [] as number[] };
  // One unmeasured import of each first, so the page cache holds both files.
  timeImport(timer, handlerFile, false);
  timeImport(timer, sdkFile, false);
  for (let i = 0; i < runs; i++) {
    for (const sourceMaps of [false, true]) {
      const h = timeImport(timer, handlerFile, sourceMaps);
      const s = timeImport(timer, sdkFile, sourceMaps);
      samples.handler[sourceMaps ? 1 : 0].push(h.ms);
      samples.sdk[sourceMaps ? 1 : 0].push(s.ms);
      if (!sourceMaps) {
        rss.handler.push(h.rssMb);
        rss.sdk.push(s.rssMb);
        cpu.handler.push(h.cpuMs);
        cpu.sdk.push(s.cpuMs);
      }
    }
  }
  const result = (bytes: number, key: 'handler' | 'sdk'): BundleResult => ({
    bytes,
    importMs: round(median(samples[key][0]), 1),
    importCpuMs: round(median(cpu[key]), 1),
    importMsWithSourceMaps: round(median(samples[key][1]), 1),
    rssAfterImportMb: round(median(rss[key]), 1),
  });
  const handler = result(handlerBytes, 'handler');
  const sdkOnly = result(sdkBytes, 'sdk');
  return {
    handler,
    pieces: measurePieces(pieceTimer, handlerFile, dir, runs),
    sdkOnly,
    importRatio: round(pairedRatio(samples.handler[0], samples.sdk[0]), 2),
    importCpuRatio: round(pairedRatio(cpu.handler, cpu.sdk), 2),
    importCpuRatioOfMedians: round(median(cpu.handler) / median(cpu.sdk), 2),
    importRatioWithSourceMaps: round(pairedRatio(samples.handler[1], samples.sdk[1]), 2),
    runs,
  };
}

/** The median of a[i] / b[i]: measurements taken in pairs, side by side. */
function pairedRatio(a: number[], b: number[]): number {
  return median(a.map((x, i) => x / (b[i] as number)));
}

/** Each lazy piece's size and its median load time after a cold import of the handler. */
function measurePieces(timer: string, handlerFile: string, dir: string, runs: number) {
  const names = Object.keys(LAZY_PIECES) as LazyPieceName[];
  const samples = new Map(names.map((name) => [name, { ms: [] as number[], cpuMs: [] as number[] }]));
  for (let i = 0; i < runs; i++) {
    for (const name of names) {
      const t = timeImport(timer, handlerFile, false, LAZY_PIECES[name].file);
      samples.get(name)?.ms.push(t.ms);
      samples.get(name)?.cpuMs.push(t.cpuMs);
    }
  }
  return Object.fromEntries(
    names.map((name) => {
      const file = LAZY_PIECES[name].file;
      const { ms, cpuMs } = samples.get(name) ?? { ms: [], cpuMs: [] };
      return [
        name,
        {
          file,
          bytes: statSync(join(dir, file)).size,
          loadMs: round(median(ms), 1),
          loadCpuMs: round(median(cpuMs), 1),
        },
      ];
    }),
  ) as Record<LazyPieceName, PieceResult>;
}
