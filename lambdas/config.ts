/**
 * The only reader of `process.env`. Parsed once, at cold start, so a misconfigured function fails
 * on its first invocation with a message that names the variable, not deep inside a record.
 */
import { DEFAULTS } from './adapters/table-design.ts';

/** What the digest pipeline needs to know about its deployment. */
export interface PipelineConfig {
  /** DynamoDB table holding one record per article (`TABLE_NAME`, set by the stack next to its grant). */
  tableName: string;
  /** Only keys under this prefix are articles (`UPLOAD_PREFIX`, the same filter as the S3 notification). */
  uploadPrefix: string;
  /** Objects larger than this are stored as `TOO_LARGE` failures without being read (`MAX_ARTICLE_BYTES`). */
  maxArticleBytes: number;
  /** Sentences in the summary (`SUMMARY_SENTENCES`); the core's default when unset. */
  summarySentences?: number;
}

/** Settings of the local tools (`precis run/list/show` and the integration tests), never read by Lambdas. */
export interface LocalSettings {
  /** Where the embedded servers keep their data (`PRECIS_DATA_DIR`, default `.precis`). */
  dataDir: string;
  /** Which local DynamoDB to run (`PRECIS_DYNAMODB`): in-process dynalite, or Amazon's DynamoDB Local. */
  dynamodb: 'dynalite' | 'dynamodb-local';
}

/** A configuration variable that is missing or malformed. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function readPositiveInt(env: Env, name: string): number | undefined {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new ConfigError(`${name} must be a positive integer, got "${raw}"`);
  }
  return value;
}

/** Reads the pipeline configuration from the environment; throws a `ConfigError` naming the bad variable. */
export function loadConfig(env: Env = process.env): PipelineConfig {
  const tableName = env.TABLE_NAME?.trim();
  if (!tableName)
    throw new ConfigError('TABLE_NAME is not set: the function cannot know where to store digests');
  const config: PipelineConfig = {
    tableName,
    uploadPrefix: env.UPLOAD_PREFIX ?? DEFAULTS.uploadPrefix,
    maxArticleBytes: readPositiveInt(env, 'MAX_ARTICLE_BYTES') ?? DEFAULTS.maxArticleBytes,
  };
  const summarySentences = readPositiveInt(env, 'SUMMARY_SENTENCES');
  if (summarySentences !== undefined) config.summarySentences = summarySentences;
  return config;
}

/** Reads the local tools' settings (data directory, which DynamoDB emulator). */
export function loadLocalSettings(env: Env = process.env): LocalSettings {
  const dynamodb = env.PRECIS_DYNAMODB?.trim() || 'dynalite';
  if (dynamodb !== 'dynalite' && dynamodb !== 'dynamodb-local') {
    throw new ConfigError(`PRECIS_DYNAMODB must be "dynalite" or "dynamodb-local", got "${dynamodb}"`);
  }
  return { dataDir: env.PRECIS_DATA_DIR?.trim() || '.precis', dynamodb };
}
