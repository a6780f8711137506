/**
 * The deployable app, checked offline: what triggers what, who may do what, what is encrypted, and
 * that cdk-nag finds nothing unexplained. The default app is synthesised (and bundled) once.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { App, type CfnElement, Stack, Validations } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPrecisStacks } from '../../infra/precis-app.ts';
import { createDynamoDigestStore, wrapClient } from '../../lambdas/adapters/dynamo-digest-store.ts';
import { TABLE_INDEXES, TABLE_KEYS, toProjection } from '../../lambdas/adapters/table-design.ts';
import { UPLOAD_SUFFIXES } from '../../lambdas/backfill.ts';
import { loadConfig } from '../../lambdas/config.ts';
import { LAZY_PIECES } from '../../lambdas/core/lazy.ts';
import { deliverS3Events, type SqsHandler } from '../../lambdas/local/queue.ts';
import { s3EventRecordFor } from '../../lambdas/local/s3-events.ts';
import { ensureBucketAndTable, startLocalServers, useLocalAws } from '../../lambdas/local/servers.ts';
import { readCdkJsonContext, type SynthesisedApp, synthApp } from './synth-app.ts';

type Json = Record<string, unknown>;
type Statement = {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Principal?: unknown;
  Condition?: unknown;
};

const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

function logicalId(construct: IConstruct): string {
  return Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);
}

function onlyResource(template: SynthesisedApp['storageTemplate'], type: string): [string, Json] {
  const found = Object.entries(template.findResources(type));
  expect(found, type).toHaveLength(1);
  return found[0] as [string, Json];
}

/** Every IAM statement in a template: managed and inline policies, and role inline policies. */
function iamStatements(template: SynthesisedApp['storageTemplate']): Statement[] {
  const statements: Statement[] = [];
  for (const policy of Object.values(template.findResources('AWS::IAM::Policy'))) {
    statements.push(...(policy.Properties.PolicyDocument.Statement as Statement[]));
  }
  for (const role of Object.values(template.findResources('AWS::IAM::Role'))) {
    for (const inline of (role.Properties.Policies ?? []) as {
      PolicyDocument: { Statement: Statement[] };
    }[]) {
      statements.push(...inline.PolicyDocument.Statement);
    }
  }
  return statements;
}

function resourcePolicyStatements(template: SynthesisedApp['storageTemplate']): Statement[] {
  return ['AWS::S3::BucketPolicy', 'AWS::SQS::QueuePolicy', 'AWS::SNS::TopicPolicy'].flatMap((type) =>
    Object.values(template.findResources(type)).flatMap(
      (p) => p.Properties.PolicyDocument.Statement as Statement[],
    ),
  );
}

const importOf = (name: string) => ({ 'Fn::ImportValue': name });

describe('the default app (bundled once)', () => {
  let synth: SynthesisedApp;
  let bucketId: string;
  let tableId: string;
  let queueId: string;
  let dlqId: string;
  let functionId: string;

  beforeAll(() => {
    synth = synthApp({}, { bundle: true });
    bucketId = logicalId(synth.storage.bucket);
    tableId = logicalId(synth.storage.table);
    queueId = logicalId(synth.processing.queue);
    dlqId = logicalId(synth.processing.deadLetterQueue);
    functionId = logicalId(synth.processing.digestUpload);
  });

  afterAll(() => rmSync(synth.outdir, { recursive: true, force: true }));

  describe('upload -> notification -> queue -> function', () => {
    it('exports the bucket and table under stable names that the processing stack imports', () => {
      const outputs = synth.storageTemplate.toJSON().Outputs as Record<
        string,
        { Value: unknown; Export?: { Name: string } }
      >;
      expect(outputs.BucketName).toMatchObject({
        Value: { Ref: bucketId },
        Export: { Name: 'PrecisStorage-BucketName' },
      });
      expect(outputs.BucketArn).toMatchObject({
        Value: { 'Fn::GetAtt': [bucketId, 'Arn'] },
        Export: { Name: 'PrecisStorage-BucketArn' },
      });
      expect(outputs.TableName).toMatchObject({
        Value: { Ref: tableId },
        Export: { Name: 'PrecisStorage-TableName' },
      });
      expect(outputs.TableArn).toMatchObject({
        Value: { 'Fn::GetAtt': [tableId, 'Arn'] },
        Export: { Name: 'PrecisStorage-TableArn' },
      });
      // References point one way only: storage never imports from processing.
      expect(JSON.stringify(synth.storageTemplate.toJSON())).not.toContain('Fn::ImportValue');
      expect(synth.processing.dependencies.map((s) => s.stackName)).toEqual(['PrecisStorage']);
    });

    it('notifies the queue of created and removed objects under the prefix, one rule per format', () => {
      const [, notifications] = onlyResource(synth.processingTemplate, 'Custom::S3BucketNotifications');
      const props = notifications.Properties as Json;
      expect(props.BucketName).toEqual(importOf('PrecisStorage-BucketName'));
      // Not managed: the handler merges with configuration it did not create, and removes only its own.
      expect(props.Managed).toBe(false);
      const rules = (props.NotificationConfiguration as { QueueConfigurations: Json[] }).QueueConfigurations;
      const expected = UPLOAD_SUFFIXES.flatMap((suffix) =>
        ['s3:ObjectCreated:*', 's3:ObjectRemoved:*'].map((event) => ({
          Events: [event],
          Filter: {
            Key: {
              FilterRules: expect.arrayContaining([
                { Name: 'prefix', Value: 'articles/' },
                { Name: 'suffix', Value: suffix },
              ]),
            },
          },
          QueueArn: { 'Fn::GetAtt': [queueId, 'Arn'] },
        })),
      );
      expect(rules).toEqual(expect.arrayContaining(expected));
      expect(rules).toHaveLength(expected.length);
      const config = (props.NotificationConfiguration as Json) ?? {};
      expect(config).not.toHaveProperty('LambdaFunctionConfigurations');
      expect(config).not.toHaveProperty('TopicConfigurations');
    });

    it('lets only S3, for this bucket of this account, send to the queue', () => {
      const statements = resourcePolicyStatements(synth.processingTemplate);
      expect(statements).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Principal: { Service: 's3.amazonaws.com' },
          Action: 'sqs:SendMessage',
          Condition: { StringNotEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          Resource: { 'Fn::GetAtt': [queueId, 'Arn'] },
        }),
      );
      const allows = statements.filter((s) => s.Effect === 'Allow');
      expect(allows).toEqual([
        expect.objectContaining({
          Principal: { Service: 's3.amazonaws.com' },
          Action: expect.arrayContaining(['sqs:SendMessage']),
          Condition: { ArnLike: { 'aws:SourceArn': importOf('PrecisStorage-BucketArn') } },
          Resource: { 'Fn::GetAtt': [queueId, 'Arn'] },
        }),
      ]);
    });

    it('feeds the queue to the function in batches that report partial failures, with bounded concurrency', () => {
      synth.processingTemplate.resourceCountIs('AWS::Lambda::EventSourceMapping', 1);
      synth.processingTemplate.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: { 'Fn::GetAtt': [queueId, 'Arn'] },
        FunctionName: { Ref: functionId },
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        BatchSize: 10,
        ScalingConfig: { MaximumConcurrency: 5 },
      });
    });

    it('never writes back to the bucket, so a digest cannot trigger another upload event', () => {
      const s3Writes = iamStatements(synth.processingTemplate).flatMap((s) =>
        asArray(s.Action).filter(
          (a) => /^s3:(Put|Delete|Restore|Copy)/.test(a) && a !== 's3:PutBucketNotification',
        ),
      );
      expect(s3Writes).toEqual([]);
    });
  });

  describe('dead letters', () => {
    it('moves a message to the DLQ after 3 to 5 receives, and waits six function timeouts between them', () => {
      const queue = synth.processingTemplate.findResources('AWS::SQS::Queue')[queueId];
      const props = (queue as Json).Properties as Json;
      const redrive = props.RedrivePolicy as { deadLetterTargetArn: unknown; maxReceiveCount: number };
      expect(redrive.deadLetterTargetArn).toEqual({ 'Fn::GetAtt': [dlqId, 'Arn'] });
      expect(redrive.maxReceiveCount).toBeGreaterThanOrEqual(3);
      expect(redrive.maxReceiveCount).toBeLessThanOrEqual(5);
      const fn = synth.processingTemplate.findResources('AWS::Lambda::Function')[functionId] as Json;
      const timeout = (fn.Properties as Json).Timeout as number;
      expect(props.VisibilityTimeout as number).toBeGreaterThanOrEqual(6 * timeout);
    });

    it('keeps dead letters for the longest time SQS allows', () => {
      synth.processingTemplate.hasResourceProperties('AWS::SQS::Queue', {
        MessageRetentionPeriod: 14 * 24 * 3600,
      });
    });
  });

  describe('encryption and transport security', () => {
    it('encrypts every bucket, blocks public access and denies plain HTTP', () => {
      const buckets = synth.storageTemplate.findResources('AWS::S3::Bucket');
      expect(Object.keys(buckets)).toHaveLength(2);
      for (const [id, bucket] of Object.entries(buckets)) {
        const props = bucket.Properties as Json;
        expect(props.BucketEncryption, id).toEqual({
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        });
        expect(props.PublicAccessBlockConfiguration, id).toEqual({
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        });
        synth.storageTemplate.hasResourceProperties('AWS::S3::BucketPolicy', {
          Bucket: { Ref: id },
          PolicyDocument: {
            Statement: Match.arrayWith([
              Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
            ]),
          },
        });
      }
    });

    it('versions the articles bucket, expires old versions and logs access to a separate bucket', () => {
      synth.storageTemplate.hasResourceProperties('AWS::S3::Bucket', {
        VersioningConfiguration: { Status: 'Enabled' },
        LifecycleConfiguration: {
          Rules: Match.arrayWith([
            Match.objectLike({ Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 30 } }),
          ]),
        },
        LoggingConfiguration: { DestinationBucketName: { Ref: Match.stringLikeRegexp('^AccessLogs') } },
      });
    });

    it('encrypts both queues and denies plain HTTP on them', () => {
      for (const id of [queueId, dlqId]) {
        synth.processingTemplate.hasResourceProperties('AWS::SQS::QueuePolicy', {
          Queues: [{ Ref: id }],
          PolicyDocument: {
            Statement: Match.arrayWith([
              Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
            ]),
          },
        });
      }
      const queues = Object.values(synth.processingTemplate.findResources('AWS::SQS::Queue'));
      expect(queues).toHaveLength(2);
      expect(queues.every((q) => (q.Properties as Json).SqsManagedSseEnabled === true)).toBe(true);
    });
  });

  describe('the digests table', () => {
    it('is on-demand, encrypted, point-in-time recoverable and retained', () => {
      const [, table] = onlyResource(synth.storageTemplate, 'AWS::DynamoDB::Table');
      expect(table.DeletionPolicy).toBe('Retain');
      expect(table.Properties).toMatchObject({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
        DeletionProtectionEnabled: true,
        KeySchema: [
          { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
        ],
      });
    });

    it('has exactly the GSIs of the shared table design', () => {
      const [, table] = onlyResource(synth.storageTemplate, 'AWS::DynamoDB::Table');
      const indexes = (table.Properties as Json).GlobalSecondaryIndexes as Json[];
      expect(indexes).toEqual(
        expect.arrayContaining(
          Object.values(TABLE_INDEXES).map((index) => ({
            IndexName: index.name,
            KeySchema: [
              { AttributeName: index.partitionKey, KeyType: 'HASH' },
              { AttributeName: index.sortKey, KeyType: 'RANGE' },
            ],
            Projection: toProjection(index),
          })),
        ),
      );
      expect(indexes).toHaveLength(Object.keys(TABLE_INDEXES).length);
    });

    it('retains the buckets too unless the user opts out', () => {
      for (const bucket of Object.values(synth.storageTemplate.findResources('AWS::S3::Bucket'))) {
        expect(bucket.DeletionPolicy).toBe('Retain');
      }
      synth.storageTemplate.resourceCountIs('Custom::S3AutoDeleteObjects', 0);
    });
  });

  describe('least privilege', () => {
    it('has no IAM statement that allows every action or every resource', () => {
      for (const template of [synth.storageTemplate, synth.processingTemplate]) {
        for (const statement of iamStatements(template).filter((s) => s.Effect === 'Allow')) {
          for (const action of asArray(statement.Action)) expect(action).not.toMatch(/^\*$|:\*$/);
          for (const resource of asArray(statement.Resource)) expect(resource).not.toBe('*');
        }
        // Resource policies may only deny to everyone (the SSL-only rules), never allow everyone.
        for (const statement of resourcePolicyStatements(template).filter((s) => s.Effect === 'Allow')) {
          expect(JSON.stringify(statement.Principal)).not.toMatch(/"\*"/);
        }
      }
    });

    it('gives the function exactly: read the prefix, store digests, consume the queue, write its logs', () => {
      const fn = synth.processingTemplate.findResources('AWS::Lambda::Function')[functionId] as Json;
      const roleId = ((fn.Properties as Json).Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0];
      const role = synth.processingTemplate.findResources('AWS::IAM::Role')[roleId as string] as Json;
      expect((role.Properties as Json).ManagedPolicyArns).toBeUndefined();
      const policies = Object.values(synth.processingTemplate.findResources('AWS::IAM::Policy')).filter((p) =>
        JSON.stringify(p.Properties.Roles).includes(roleId as string),
      );
      const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
      const grants = statements.map((s) => ({ actions: asArray(s.Action).sort(), resource: s.Resource }));
      const logGroupId = Object.keys(synth.processingTemplate.findResources('AWS::Logs::LogGroup'))[0];
      expect(grants).toEqual(
        expect.arrayContaining([
          {
            actions: ['s3:GetObject'],
            resource: { 'Fn::Join': ['', [importOf('PrecisStorage-BucketArn'), '/articles/*']] },
          },
          { actions: ['s3:ListBucket'], resource: importOf('PrecisStorage-BucketArn') },
          {
            actions: [
              'dynamodb:BatchWriteItem',
              'dynamodb:GetItem',
              'dynamodb:PutItem',
              'dynamodb:Query',
              'dynamodb:UpdateItem',
            ],
            resource: importOf('PrecisStorage-TableArn'),
          },
          {
            actions: [
              'sqs:ChangeMessageVisibility',
              'sqs:DeleteMessage',
              'sqs:GetQueueAttributes',
              'sqs:GetQueueUrl',
              'sqs:ReceiveMessage',
            ],
            resource: { 'Fn::GetAtt': [queueId, 'Arn'] },
          },
          {
            actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] },
          },
        ]),
      );
      expect(grants).toHaveLength(5);
      expect(statements.every((s) => s.Effect === 'Allow' && s.Condition === undefined)).toBe(true);
    });

    it("sets the function's environment from the same names as its grants, and config.ts reads it", () => {
      const fn = synth.processingTemplate.findResources('AWS::Lambda::Function')[functionId] as Json;
      const env = ((fn.Properties as Json).Environment as { Variables: Record<string, unknown> }).Variables;
      // The table it may write is the table it is told about: both come from the same storage export pair.
      expect(env.TABLE_NAME).toEqual(importOf('PrecisStorage-TableName'));
      // The prefix it may read is the prefix it filters on and the prefix S3 notifies about.
      expect(env.UPLOAD_PREFIX).toBe('articles/');
      const asDeployed = Object.fromEntries(
        Object.entries(env).map(([name, value]) => [
          name,
          typeof value === 'string' ? value : 'table-from-export',
        ]),
      );
      // No SUMMARY_SENTENCES by default: the core's length, which grows with the article, as locally.
      expect(env).not.toHaveProperty('SUMMARY_SENTENCES');
      expect(loadConfig(asDeployed)).toEqual({
        tableName: 'table-from-export',
        uploadPrefix: 'articles/',
        maxArticleBytes: 10 * 1024 * 1024,
      });
    });
  });

  describe('the function', () => {
    it('runs the bundled handler on Node.js 24 on arm64, with the configured memory, timeout and log retention', () => {
      const fn = synth.processingTemplate.findResources('AWS::Lambda::Function')[functionId] as Json;
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: 1024,
        Timeout: 120,
        LoggingConfig: { LogGroup: { Ref: expect.stringMatching(/^DigestUploadLogs/) } },
      });
      synth.processingTemplate.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    });
  });

  describe('alarms', () => {
    it.each([
      ['the DLQ is not empty', 'ApproximateNumberOfMessagesVisible', 'dlq'],
      ['the function fails', 'Errors', 'function'],
      ['the function is throttled', 'Throttles', 'function'],
      ['uploads wait too long', 'ApproximateAgeOfOldestMessage', 'queue'],
    ])('raises an alarm when %s', (_, metricName, subject) => {
      const dimension =
        subject === 'function'
          ? { Name: 'FunctionName', Value: { Ref: functionId } }
          : {
              Name: 'QueueName',
              Value: { 'Fn::GetAtt': [subject === 'dlq' ? dlqId : queueId, 'QueueName'] },
            };
      synth.processingTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: metricName,
        Dimensions: [dimension],
        TreatMissingData: 'notBreaching',
      });
    });

    it('sends them nowhere when no alarm e-mail is configured', () => {
      synth.processingTemplate.resourceCountIs('AWS::SNS::Topic', 0);
    });
  });

  describe('outputs', () => {
    it('tells the user where to upload, what to run, and which queues to watch', () => {
      const storageOutputs = synth.storageTemplate.toJSON().Outputs as Json;
      expect(storageOutputs.UploadPrefix).toMatchObject({ Value: 'articles/' });
      const outputs = synth.processingTemplate.toJSON().Outputs as Record<string, { Value: unknown }>;
      expect(outputs.QueueUrl?.Value).toEqual({ Ref: queueId });
      expect(outputs.DeadLetterQueueUrl?.Value).toEqual({ Ref: dlqId });
      // Without a destination, SQS moves dead letters back to the queue they came from.
      expect(outputs.RedriveCommand?.Value).toEqual({
        'Fn::Join': ['', ['aws sqs start-message-move-task --source-arn ', { 'Fn::GetAtt': [dlqId, 'Arn'] }]],
      });
      expect(outputs.UploadCommand?.Value).toEqual({
        'Fn::Join': [
          '',
          ['aws s3 cp article.txt s3://', importOf('PrecisStorage-BucketName'), '/articles/article.txt'],
        ],
      });
      expect(outputs.ListCommand?.Value).toEqual({
        'Fn::Join': [
          '',
          [
            'npx precis list --table ',
            importOf('PrecisStorage-TableName'),
            ' --region ',
            { Ref: 'AWS::Region' },
          ],
        ],
      });
    });
  });

  describe('the bundle', () => {
    let bundlePath: string;
    let code: string;

    beforeAll(() => {
      const fn = synth.processingTemplate.findResources('AWS::Lambda::Function')[functionId] as Json;
      // The code's S3 key is the asset hash, and the cloud assembly stages the asset as `asset.<hash>`.
      const s3Key = ((fn.Properties as Json).Code as { S3Key: string }).S3Key;
      const assetDir = `asset.${s3Key.replace(/\.zip$/, '')}`;
      bundlePath = join(synth.outdir, assetDir, 'index.mjs');
      code = readFileSync(bundlePath, 'utf8');
    });

    it('is one minified ES module with a source map, and its size is reported', () => {
      const bytes = statSync(bundlePath).size;
      const mapBytes = statSync(`${bundlePath}.map`).size;
      console.info(
        `digest-upload bundle: ${(bytes / 1024).toFixed(0)} KiB (+ ${(mapBytes / 1024).toFixed(0)} KiB map)`,
      );
      expect(code).toMatch(/\/\/# sourceMappingURL=index\.mjs\.map\s*$/);
      // Minified: no line starts a statement of its own (the line breaks left are inside string
      // literals: the SDK's messages, the gazetteer's tables with one row per line; an unminified
      // bundle has thousands of such lines), and the core's own function names are gone.
      const statementLines = code
        .split('\n')
        .filter((line) => /^\s*(?:const|let|var|function|return|if|for|export)\b/.test(line));
      expect(statementLines.length).toBeLessThan(10);
      expect(code).not.toContain('guessLegacyEncoding');
    });

    it('holds each lazy piece beside index.mjs, with the exports the core loads from it', () => {
      const assetDir = dirname(bundlePath);
      const files = readdirSync(assetDir);
      const requireBesideBundle = createRequire(bundlePath);
      for (const [name, piece] of Object.entries(LAZY_PIECES)) {
        expect(files, name).toContain(piece.file);
        const loaded = requireBesideBundle(`./${piece.file}`) as Record<string, unknown>;
        const names = Object.values(piece.exports as Record<string, readonly string[]>).flat();
        for (const exported of names) expect(loaded[exported], `${name}.${exported}`).toBeTruthy();
      }
      console.info(
        `lazy pieces: ${Object.values(LAZY_PIECES)
          .map((p) => `${p.file} ${(statSync(join(assetDir, p.file)).size / 1024).toFixed(0)} KiB`)
          .join(', ')}`,
      );
    });

    // The bundle sits in a temporary directory, outside the project: a package left out of it (the AWS
    // SDK included) could not be resolved, so loading it at all proves it is self-contained.
    it('loads on its own, digests and deletes articles, and needs no permission beyond its grants', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'precis-bundle-'));
      const servers = await startLocalServers({ dataDir, persist: false });
      const proxies: RecordingProxy[] = [];
      try {
        useLocalAws(servers);
        const s3Endpoint = servers.s3Endpoint as string;
        const bucket = 'bundle-test';
        const tableName = 'bundle-digests';
        await ensureBucketAndTable(bucket, tableName);
        // The test's own clients talk to the servers directly; only the bundle goes through the proxies.
        const s3 = new S3Client({ endpoint: s3Endpoint, forcePathStyle: true });
        const store = createDynamoDigestStore(
          tableName,
          wrapClient(new DynamoDBClient({ endpoint: servers.dynamodbEndpoint })),
        );
        const articles = [
          [
            'articles/مقال.txt',
            'أعلنت الشركة يوم الأحد عن افتتاح مصنع جديد في الدوحة. وقال المدير إن المصنع سيوظف مئتي عامل.',
          ],
          [
            'articles/news item.md',
            '# New plant\n\nThe company opened a new plant in Doha on Sunday. It will employ two hundred people.',
          ],
        ] as const;
        const created = [];
        for (const [key, text] of articles) {
          const put = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: text }));
          created.push(
            s3EventRecordFor(bucket, key, Buffer.byteLength(text), 'ObjectCreated:Put', undefined, {
              ...(put.ETag === undefined ? {} : { etag: put.ETag }),
            }),
          );
        }

        const s3Proxy = await startRecordingProxy(s3Endpoint);
        const dynamoProxy = await startRecordingProxy(servers.dynamodbEndpoint);
        proxies.push(s3Proxy, dynamoProxy);
        // What the stack sets, with the local table; the bundle reads it at import, as in Lambda.
        Object.assign(process.env, {
          AWS_ENDPOINT_URL_S3: s3Proxy.url,
          AWS_ENDPOINT_URL_DYNAMODB: dynamoProxy.url,
          TABLE_NAME: tableName,
          UPLOAD_PREFIX: 'articles/',
          POWERTOOLS_LOG_LEVEL: 'ERROR',
          POWERTOOLS_METRICS_DISABLED: 'true',
        });
        const { handler } = (await import(pathToFileURL(bundlePath).href)) as { handler: SqsHandler };
        expect(await deliverS3Events(handler, created)).toEqual([]);
        await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'articles/news item.md' }));
        const removed = s3EventRecordFor(bucket, 'articles/news item.md', undefined, 'ObjectRemoved:Delete');
        expect(await deliverS3Events(handler, [removed])).toEqual([]);
        s3.destroy();

        const arabic = await store.getRecord(bucket, 'articles/مقال.txt');
        expect(arabic).toMatchObject({ status: 'ok', digest: { language: 'ar' } });
        expect(arabic?.digest?.summary.length).toBeGreaterThan(0);
        expect(await store.getRecord(bucket, 'articles/news item.md')).toMatchObject({
          status: 'deleted',
          digest: { language: 'en' },
        });

        // Every DynamoDB operation the bundle performed is one the role grants on the table.
        const granted = grantedActions(synth, 'dynamodb:');
        const dynamoOps = new Set(
          dynamoProxy.calls.map((call) => `dynamodb:${call.target.split('.').pop()}`),
        );
        expect(dynamoOps.size).toBeGreaterThan(0);
        expect([...dynamoOps].filter((op) => !granted.includes(op))).toEqual([]);
        // Every S3 request was a read of an object under the prefix: s3:GetObject on articles/*.
        expect(s3Proxy.calls.length).toBeGreaterThan(0);
        for (const call of s3Proxy.calls) {
          expect(call.method).toMatch(/^(GET|HEAD)$/);
          expect(decodeURIComponent(call.path.split('?')[0] as string)).toMatch(
            /^\/bundle-test\/articles\/./,
          );
        }
      } finally {
        for (const proxy of proxies) await proxy.close();
        await servers.close();
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
  });

  describe('cdk-nag (AwsSolutions)', () => {
    it('leaves no finding unacknowledged', () => {
      const report = new AwsSolutionsChecks().validateScope(synth.app);
      expect(
        report.violations.map((v) => `${v.ruleName} at ${v.violatingResources[0]?.constructPath}`),
      ).toEqual([]);
    });

    it('acknowledges each finding on the one construct it concerns, with a reason', () => {
      const acknowledgements = collectAcknowledgements(synth.app);
      expect(acknowledgements.map((a) => a.id).sort()).toEqual([
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        'AwsSolutions-IAM5[Resource::PrecisStorage-BucketArn/articles/*]',
        'AwsSolutions-S1',
      ]);
      for (const { path, reason } of acknowledgements) {
        // Never a whole stack or app: that would also silence findings nobody has looked at.
        expect(path.split('/').length, path).toBeGreaterThan(1);
        expect(reason.length, path).toBeGreaterThan(80);
      }
    });
  });
});

function collectAcknowledgements(root: IConstruct): { path: string; id: string; reason: string }[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
}

describe('an app configured through context', () => {
  let synth: SynthesisedApp;

  beforeAll(() => {
    // Strings, as `cdk deploy -c key=value` passes them.
    synth = synthApp({
      prefix: 'news/',
      summarySentences: '4',
      memorySize: '1024',
      timeoutSeconds: '30',
      maxConcurrency: '10',
      alarmEmail: 'ops@example.com',
      removalPolicy: 'destroy',
    });
  });

  afterAll(() => rmSync(synth.outdir, { recursive: true, force: true }));

  it('watches, grants and configures the chosen prefix, and sets the chosen summary length', () => {
    const [, notifications] = onlyResource(synth.processingTemplate, 'Custom::S3BucketNotifications');
    const rules = (
      (notifications.Properties as Json).NotificationConfiguration as { QueueConfigurations: Json[] }
    ).QueueConfigurations;
    expect(JSON.stringify(rules)).not.toContain('articles/');
    expect(rules.every((rule) => JSON.stringify(rule).includes('{"Name":"prefix","Value":"news/"}'))).toBe(
      true,
    );
    synth.processingTemplate.hasResourceProperties('AWS::Lambda::Function', {
      MemorySize: 1024,
      Timeout: 30,
      Environment: { Variables: Match.objectLike({ UPLOAD_PREFIX: 'news/', SUMMARY_SENTENCES: '4' }) },
    });
    synth.processingTemplate.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 's3:GetObject',
            Resource: { 'Fn::Join': ['', [importOf('PrecisStorage-BucketArn'), '/news/*']] },
          }),
        ]),
      },
    });
  });

  it('keeps the queue visibility at six times the shorter timeout and applies the concurrency cap', () => {
    synth.processingTemplate.hasResourceProperties('AWS::SQS::Queue', { VisibilityTimeout: 180 });
    synth.processingTemplate.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      ScalingConfig: { MaximumConcurrency: 10 },
    });
  });

  it('e-mails every alarm, and its recovery, through an SSL-only topic', () => {
    const [topicId] = onlyResource(synth.processingTemplate, 'AWS::SNS::Topic');
    synth.processingTemplate.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.com',
      TopicArn: { Ref: topicId },
    });
    synth.processingTemplate.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    const alarms = Object.values(synth.processingTemplate.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms).toHaveLength(4);
    for (const alarm of alarms) {
      expect(alarm.Properties).toMatchObject({
        AlarmActions: [{ Ref: topicId }],
        OKActions: [{ Ref: topicId }],
      });
    }
  });

  it('lets `cdk destroy` remove the data when removalPolicy is destroy', () => {
    for (const bucket of Object.values(synth.storageTemplate.findResources('AWS::S3::Bucket'))) {
      expect(bucket.DeletionPolicy).toBe('Delete');
    }
    // A non-empty bucket cannot be deleted: CDK empties it first.
    synth.storageTemplate.resourceCountIs('Custom::S3AutoDeleteObjects', 2);
    const [, table] = onlyResource(synth.storageTemplate, 'AWS::DynamoDB::Table');
    expect(table.DeletionPolicy).toBe('Delete');
    expect((table.Properties as Json).DeletionProtectionEnabled).toBe(false);
  });

  it('passes cdk-nag with the same short list of explained acknowledgements', () => {
    expect(new AwsSolutionsChecks().validateScope(synth.app).violations).toEqual([]);
    expect(collectAcknowledgements(synth.app).map((a) => a.id)).toEqual(
      expect.arrayContaining([
        'AwsSolutions-IAM5[Resource::PrecisStorage-BucketArn/news/*]',
        'AwsSolutions-SNS2',
      ]),
    );
  });
});

describe('cdk-nag as a gate', () => {
  it('fails synthesis on a finding nobody acknowledged', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'precis-cdk-'));
    const app = new App({ outdir, context: { ...readCdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });
    const { storage } = addPrecisStacks(app);
    // A bucket with none of the protections the real ones have.
    new s3.Bucket(storage, 'Careless');
    expect(() => app.synth()).toThrow(/AwsSolutions-S10/);
    rmSync(outdir, { recursive: true, force: true });
  });
});

/** The actions with this prefix that the digest-upload role is granted. */
function grantedActions(synth: SynthesisedApp, prefix: string): string[] {
  return Object.values(synth.processingTemplate.findResources('AWS::IAM::Policy'))
    .filter((policy) => JSON.stringify(policy.Properties.Roles).includes('DigestUploadRole'))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[])
    .flatMap((statement) => asArray(statement.Action))
    .filter((action) => action.startsWith(prefix));
}

/** An HTTP pass-through in front of a local server that records each request. */
interface RecordingProxy {
  url: string;
  calls: { method: string; path: string; target: string }[];
  close(): Promise<void>;
}

async function startRecordingProxy(upstream: string): Promise<RecordingProxy> {
  const target = new URL(upstream);
  const calls: RecordingProxy['calls'] = [];
  const server = createServer((request, response) => {
    calls.push({
      method: request.method ?? '',
      path: request.url ?? '',
      target: String(request.headers['x-amz-target'] ?? ''),
    });
    // Headers pass unchanged (Host included), so SigV4 signatures still verify upstream.
    const forward = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: request.method,
        path: request.url,
        headers: request.headers,
      },
      (upstreamResponse) => {
        response.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers);
        upstreamResponse.pipe(response);
      },
    );
    request.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
