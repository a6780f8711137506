/**
 * Opens the digest table for `precis list/show`: the local one by default (attaching to a running
 * `precis run --keep-running`, or starting the DynamoDB emulator on `.precis/` data), or a deployed
 * table when a name is given.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  createDynamoDigestStore,
  type DynamoDigestStore,
  wrapClient,
} from '../adapters/dynamo-digest-store.ts';
import { DEFAULTS } from '../adapters/table-design.ts';
import { attachRunningServers, type LocalDynamoDb, startLocalServers, useLocalAws } from './servers.ts';

/** Where to read records from. */
export interface TableTarget {
  /** A deployed table; when absent, the local one under `dataDir`. */
  table?: string;
  region?: string;
  dataDir: string;
  dynamodb: LocalDynamoDb;
}

/** An open digest table; `close` stops any server started for it. */
export interface OpenTable {
  store: DynamoDigestStore;
  /** Human description of where the records come from. */
  location: string;
  close(): Promise<void>;
}

/** No local data yet: the user has to run the pipeline first. */
export class NoLocalDataError extends Error {
  constructor(dataDir: string) {
    super(`No local records in ${dataDir}: run \`npm start\` (or \`npx precis run FILES\`) first.`);
    this.name = 'NoLocalDataError';
  }
}

/** Opens the table described by `target`. */
export async function openDigestTable(target: TableTarget): Promise<OpenTable> {
  if (target.table !== undefined) {
    const client = new DynamoDBClient(target.region === undefined ? {} : { region: target.region });
    return {
      store: createDynamoDigestStore(target.table, wrapClient(client)),
      location: `table ${target.table}${target.region ? ` (${target.region})` : ''}`,
      close: async () => client.destroy(),
    };
  }
  const dataDir = resolve(target.dataDir);
  const running = await attachRunningServers(dataDir);
  let dynamodb = target.dynamodb;
  if (running === undefined) {
    // Read whichever emulator's data exists, preferring the configured one.
    const other: LocalDynamoDb = dynamodb === 'dynalite' ? 'dynamodb-local' : 'dynalite';
    const dirOf = (kind: LocalDynamoDb) => join(dataDir, kind === 'dynalite' ? 'dynamodb' : 'dynamodb-local');
    if (!existsSync(dirOf(dynamodb)) && existsSync(dirOf(other))) dynamodb = other;
    if (!existsSync(dirOf(dynamodb))) throw new NoLocalDataError(target.dataDir);
  }
  const servers = running ?? (await startLocalServers({ dataDir, dynamodb, s3: false }));
  useLocalAws(servers);
  const client = new DynamoDBClient({});
  return {
    store: createDynamoDigestStore(DEFAULTS.tableName, wrapClient(client)),
    location: `local table ${DEFAULTS.tableName} in ${target.dataDir}`,
    close: async () => {
      client.destroy();
      await servers.close();
    },
  };
}
