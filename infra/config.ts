/**
 * The CDK app's settings, read from CDK context (`cdk.json` or `cdk deploy -c key=value`) once, with
 * defaults and clear errors, so the stacks never see an unchecked value.
 */
import { DEFAULTS } from '../lambdas/adapters/table-design.ts';

/** Whether stateful resources survive `cdk destroy`. */
export type RemovalMode = 'retain' | 'destroy';

/** Everything a user may configure about the deployed pipeline. */
export interface InfraConfig {
  /** Key prefix the pipeline watches; ends with `/`. */
  readonly prefix: string;
  /** Largest article the function will read, in bytes. */
  readonly maxArticleBytes: number;
  /** Sentences in each summary; `undefined` keeps the core's default, which grows with the article (2 to 5). */
  readonly summarySentences: number | undefined;
  /** Function memory in MB (CPU scales with it). */
  readonly memorySize: number;
  /** Function timeout in seconds. */
  readonly timeoutSeconds: number;
  /** Most concurrent function instances the queue may drive. */
  readonly maxConcurrency: number;
  /** Days the function's logs are kept. */
  readonly logRetentionDays: number;
  /** Where alarms are e-mailed; no topic is created without it. */
  readonly alarmEmail: string | undefined;
  /** `retain` (default) keeps the bucket and the table on `cdk destroy`. */
  readonly removalPolicy: RemovalMode;
}

/** Documented defaults: what `cdk deploy` builds when the context says nothing. */
export const INFRA_DEFAULTS: InfraConfig = {
  prefix: DEFAULTS.uploadPrefix,
  maxArticleBytes: DEFAULTS.maxArticleBytes,
  summarySentences: undefined,
  // 1024 MB: about 0.58 vCPU (CPU scales with memory). `npm run bench` measures a 5 MB English article at
  // ~11 s of CPU, so the largest accepted article (10 MB) needs ~40 s here; a seed-like one ~90 ms.
  memorySize: 1024,
  // 120 s: three times the worst measured valid article at 1024 MB, so a timeout means a stuck call,
  // never a large article dropped into the dead-letter queue without its record.
  timeoutSeconds: 120,
  // 5: enough parallelism for bursts of uploads without exhausting the account's concurrency pool.
  maxConcurrency: 5,
  logRetentionDays: 30,
  alarmEmail: undefined,
  removalPolicy: 'retain',
};

/** Log retention periods CloudWatch Logs accepts, in days. */
const LOG_RETENTION_DAYS = new Set([
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
]);

/** A setting in CDK context that cannot be used; the message says which and why. */
export class InfraConfigError extends Error {
  override readonly name = 'InfraConfigError';
}

/** Reads and checks the app's settings; `getContext` is `app.node.tryGetContext`. */
export function readInfraConfig(getContext: (key: string) => unknown): InfraConfig {
  const prefix = readString(getContext, 'prefix') ?? INFRA_DEFAULTS.prefix;
  if (!/^[^/*?][^*?]*\/$/.test(prefix)) {
    throw new InfraConfigError(
      `context "prefix" must be a key prefix ending in "/" without wildcards, got "${prefix}"`,
    );
  }
  // Lambda's ceiling is 900 s; the queue's visibility (six times this) stays far below SQS's 12-hour cap.
  const timeoutSeconds = readInteger(getContext, 'timeoutSeconds', 1, 900) ?? INFRA_DEFAULTS.timeoutSeconds;
  const logRetentionDays =
    readInteger(getContext, 'logRetentionDays', 1, 3653) ?? INFRA_DEFAULTS.logRetentionDays;
  if (!LOG_RETENTION_DAYS.has(logRetentionDays)) {
    throw new InfraConfigError(
      `context "logRetentionDays" must be one of ${[...LOG_RETENTION_DAYS].join(', ')}, got ${logRetentionDays}`,
    );
  }
  const alarmEmail = readString(getContext, 'alarmEmail');
  if (alarmEmail !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(alarmEmail)) {
    throw new InfraConfigError(`context "alarmEmail" must be an e-mail address, got "${alarmEmail}"`);
  }
  const removalPolicy = readString(getContext, 'removalPolicy') ?? INFRA_DEFAULTS.removalPolicy;
  if (removalPolicy !== 'retain' && removalPolicy !== 'destroy') {
    throw new InfraConfigError(
      `context "removalPolicy" must be "retain" or "destroy", got "${removalPolicy}"`,
    );
  }
  return {
    prefix,
    maxArticleBytes:
      readInteger(getContext, 'maxArticleBytes', 1, 100 * 1024 * 1024) ?? INFRA_DEFAULTS.maxArticleBytes,
    summarySentences: readInteger(getContext, 'summarySentences', 1, 20),
    memorySize: readInteger(getContext, 'memorySize', 128, 10_240) ?? INFRA_DEFAULTS.memorySize,
    timeoutSeconds,
    maxConcurrency: readInteger(getContext, 'maxConcurrency', 2, 1000) ?? INFRA_DEFAULTS.maxConcurrency,
    logRetentionDays,
    alarmEmail,
    removalPolicy,
  };
}

// `-c key=value` on the command line always yields strings; cdk.json yields JSON types. Accept both.
function readString(getContext: (key: string) => unknown, key: string): string | undefined {
  const value = getContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new InfraConfigError(`context "${key}" must be a string`);
  return value.trim();
}

function readInteger(
  getContext: (key: string) => unknown,
  key: string,
  min: number,
  max: number,
): number | undefined {
  const value = getContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new InfraConfigError(
      `context "${key}" must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`,
    );
  }
  return n;
}
