/**
 * Stateless compute: the upload queue and its dead-letter queue, the `digest-upload` function, the
 * bucket's event notifications and the alarms. It depends on the storage stack, never the reverse.
 */
import { fileURLToPath } from 'node:url';
import {
  Aws,
  CfnOutput,
  Duration,
  Fn,
  RemovalPolicy,
  Stack,
  type StackProps,
  Validations,
} from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as snsSubscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { DEFAULTS } from '../lambdas/adapters/table-design.ts';
import { UPLOAD_SUFFIXES } from '../lambdas/backfill.ts';
import type { InfraConfig } from './config.ts';
import { buildPiecesCommand, HANDLER_BUNDLING } from './lambda-bundle.ts';
import { storageExportNames } from './storage-stack.ts';

/** Settings and storage the processing stack builds on. */
export interface ProcessingStackProps extends StackProps {
  readonly config: InfraConfig;
  /** Name of the storage stack whose bucket and table exports this stack imports. */
  readonly storageStackName: string;
}

/** The handler's source file, bundled by the local esbuild. */
export const DIGEST_UPLOAD_ENTRY = fileURLToPath(
  new URL('../lambdas/handlers/digest-upload.ts', import.meta.url),
);

/** Receives before a message moves to the dead-letter queue; the local queue uses the same number. */
const MAX_RECEIVE_COUNT = DEFAULTS.maxReceiveCount;
/** AWS's rule for SQS-triggered functions: visibility at least six times the function timeout. */
const VISIBILITY_TIMEOUT_FACTOR = 6;
/** Messages per invocation: the SQS maximum without a batching window, so uploads are digested at once. */
const BATCH_SIZE = 10;
/** Days a failed upload's message waits in the DLQ for inspection and redrive: the SQS maximum. */
const DLQ_RETENTION_DAYS = 14;
/** An upload is digested within seconds; an oldest message of 10 minutes means the consumer is stuck or starved. */
const OLDEST_MESSAGE_ALARM_SECONDS = 600;
/** DynamoDB actions of the digest store's write path, on the base table only. */
const DIGEST_STORE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:Query',
  'dynamodb:BatchWriteItem',
];
/** Powertools service name and metrics namespace, as dashboards and queries will refer to them. */
const SERVICE_NAME = 'precis';

/** Queue, function, notifications and alarms of the upload pipeline. */
export class ProcessingStack extends Stack {
  /** The function that turns an uploaded article into a stored digest. */
  readonly digestUpload: nodejs.NodejsFunction;
  /** The queue S3 notifies and the function consumes. */
  readonly queue: sqs.Queue;
  /** Where messages land after {@link MAX_RECEIVE_COUNT} failed attempts. */
  readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: ProcessingStackProps) {
    super(scope, id, props);
    const { config } = props;
    const exports = storageExportNames(props.storageStackName);
    const storage = {
      bucketArn: Fn.importValue(exports.bucketArn),
      bucketName: Fn.importValue(exports.bucketName),
      tableArn: Fn.importValue(exports.tableArn),
      tableName: Fn.importValue(exports.tableName),
    };
    // Imported by name, not passed as constructs: a construct from the storage stack would let CDK place
    // the bucket notification there, and storage would then refer back to this stack's queue (a cycle).
    const bucket = s3.Bucket.fromBucketAttributes(this, 'ArticlesBucket', {
      bucketArn: storage.bucketArn,
      bucketName: storage.bucketName,
    });
    const removalPolicy = config.removalPolicy === 'destroy' ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;

    this.deadLetterQueue = new sqs.Queue(this, 'UploadsDlq', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(DLQ_RETENTION_DAYS),
    });
    this.queue = new sqs.Queue(this, 'Uploads', {
      // SSE-SQS rather than KMS: S3 can only publish to a KMS-encrypted queue through a customer key policy.
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(config.timeoutSeconds * VISIBILITY_TIMEOUT_FACTOR),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: MAX_RECEIVE_COUNT },
    });

    const logGroup = new logs.LogGroup(this, 'DigestUploadLogs', {
      retention: config.logRetentionDays as logs.RetentionDays,
      removalPolicy,
    });
    // Our own role instead of AWSLambdaBasicExecutionRole, whose log permissions cover every log group.
    const role = new iam.Role(this, 'DigestUploadRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'digest-upload: read uploaded articles, write digests, write its own logs',
    });
    logGroup.grantWrite(role);

    this.digestUpload = new nodejs.NodejsFunction(this, 'DigestUpload', {
      entry: DIGEST_UPLOAD_ENTRY,
      handler: 'handler',
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: config.memorySize,
      timeout: Duration.seconds(config.timeoutSeconds),
      role,
      logGroup,
      description: 'Digests articles uploaded to the articles bucket into the digests table',
      environment: {
        MAX_ARTICLE_BYTES: String(config.maxArticleBytes),
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        POWERTOOLS_METRICS_NAMESPACE: SERVICE_NAME,
        LOG_LEVEL: 'INFO',
        // Stack traces point into the TypeScript sources instead of the minified bundle.
        NODE_OPTIONS: '--enable-source-maps',
        // Unset, the function uses the core's length, which grows with the article, as `precis run` does.
        ...(config.summarySentences === undefined
          ? {}
          : { SUMMARY_SENTENCES: String(config.summarySentences) }),
      },
      bundling: {
        // The main file's settings and the lazy pieces beside it come from infra/lambda-bundle.ts, the
        // definition the benchmark and the bundle tests build from too.
        minify: HANDLER_BUNDLING.minify,
        sourceMap: true,
        sourcesContent: false,
        target: HANDLER_BUNDLING.target,
        format: nodejs.OutputFormat.ESM,
        mainFields: [...HANDLER_BUNDLING.mainFields],
        // Bundle the v3 SDK: the exact version we test, tree-shaken, instead of whatever the runtime ships.
        bundleAwsSDK: true,
        externalModules: [],
        banner: HANDLER_BUNDLING.banner,
        define: { ...HANDLER_BUNDLING.define },
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          // The lazy pieces, built by the same local esbuild into the asset beside index.mjs.
          afterBundling: (_inputDir, outputDir) => [buildPiecesCommand(outputDir)],
        },
        forceDockerBundling: false,
      },
    });
    const fn = this.digestUpload;

    // Each grant sits beside the setting that names what it grants.
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'StoreDigests',
        // What the DynamoDB digest store does on the write path: read the stored sequencer, put or update
        // the article item, and replace its entity items (Query + BatchWriteItem). No index, no Scan.
        actions: DIGEST_STORE_ACTIONS,
        resources: [storage.tableArn],
      }),
    );
    fn.addEnvironment('TABLE_NAME', storage.tableName);

    fn.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'ReadUploadedArticles',
        actions: ['s3:GetObject'],
        resources: [bucket.arnForObjects(`${config.prefix}*`)],
      }),
    );
    // Without ListBucket S3 answers 403 instead of 404 for a key deleted before it was read, and the
    // pipeline could not tell "gone" (store a tombstone) from "denied" (retry). No s3:prefix condition: S3
    // does not document that this existence check carries one. It reveals key names of this bucket only.
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'TellMissingFromDenied',
        actions: ['s3:ListBucket'],
        resources: [bucket.bucketArn],
      }),
    );
    fn.addEnvironment('UPLOAD_PREFIX', config.prefix);

    fn.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: BATCH_SIZE,
        reportBatchItemFailures: true,
        maxConcurrency: config.maxConcurrency,
      }),
    );

    this.addUploadNotifications(bucket, config.prefix);
    this.addAlarms(config);
    this.acknowledgeFindings(`${exports.bucketArn}/${config.prefix}*`);

    const bucketName = bucket.bucketName;
    new CfnOutput(this, 'QueueUrl', { value: this.queue.queueUrl, description: 'Queue of upload events' });
    new CfnOutput(this, 'DeadLetterQueueUrl', {
      value: this.deadLetterQueue.queueUrl,
      description: `Uploads that failed ${MAX_RECEIVE_COUNT} times; inspect, fix, then redrive`,
    });
    new CfnOutput(this, 'RedriveCommand', {
      value: `aws sqs start-message-move-task --source-arn ${this.deadLetterQueue.queueArn}`,
      description: 'After fixing the cause, send the dead letters back to the upload queue',
    });
    new CfnOutput(this, 'UploadCommand', {
      value: `aws s3 cp article.txt s3://${bucketName}/${config.prefix}article.txt`,
      description: 'Upload an article (any .txt .md .markdown .html .htm .json file)',
    });
    new CfnOutput(this, 'ListCommand', {
      value: `npx precis list --table ${storage.tableName} --region ${this.region}`,
      description: 'List the stored digests',
    });
    new CfnOutput(this, 'BackfillCommand', {
      value: `npx precis backfill --bucket ${bucketName} --prefix ${config.prefix} --queue-url ${this.queue.queueUrl}`,
      description: 'Digest the articles that were in the bucket before the pipeline was deployed',
    });
  }

  /**
   * The notification custom resource lives in this stack because the bucket is imported here: references
   * only ever point from processing to storage, and deleting this stack removes only its own
   * notifications (the handler merges with, and leaves alone, any configuration it did not create).
   */
  private addUploadNotifications(bucket: s3.IBucket, prefix: string): void {
    const destination = new s3n.SqsDestination(this.queue);
    // S3 accepts one suffix per filter, so each format gets its own rule. Digests go to DynamoDB, never
    // back to the bucket, so no upload can trigger itself.
    for (const suffix of UPLOAD_SUFFIXES) {
      for (const event of [s3.EventType.OBJECT_CREATED, s3.EventType.OBJECT_REMOVED]) {
        bucket.addEventNotification(event, destination, { prefix, suffix });
      }
    }
    // CDK's grant names the bucket; AWS also advises naming its owner, so a bucket of the same name in
    // another account (should this one ever be deleted) could not send to the queue.
    this.queue.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'OnlyOurAccountsBuckets',
        effect: iam.Effect.DENY,
        principals: [new iam.ServicePrincipal('s3.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [this.queue.queueArn],
        conditions: { StringNotEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );
  }

  private addAlarms(config: InfraConfig): void {
    // Every alarm fires on a metric at or above its threshold; missing data means nothing happened.
    const alarm = (
      id: string,
      description: string,
      metric: cloudwatch.IMetric,
      threshold: number,
      periods = 1,
    ) =>
      new cloudwatch.Alarm(this, id, {
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: periods,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    const maximumPerMinute = { period: Duration.minutes(1), statistic: cloudwatch.Stats.MAXIMUM };
    const sumPerFiveMinutes = { period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM };
    const alarms = [
      alarm(
        'DlqNotEmptyAlarm',
        'An upload failed repeatedly and waits in the dead-letter queue',
        this.deadLetterQueue.metricApproximateNumberOfMessagesVisible(maximumPerMinute),
        1,
      ),
      alarm(
        'FunctionErrorsAlarm',
        'digest-upload failed a whole invocation (crash, timeout or out of memory)',
        this.digestUpload.metricErrors(sumPerFiveMinutes),
        1,
      ),
      alarm(
        'FunctionThrottlesAlarm',
        'digest-upload was throttled: the account or function concurrency limit was reached',
        this.digestUpload.metricThrottles(sumPerFiveMinutes),
        1,
      ),
      alarm(
        'OldestMessageAgeAlarm',
        'Uploads are waiting longer than 10 minutes to be digested',
        this.queue.metricApproximateAgeOfOldestMessage(maximumPerMinute),
        OLDEST_MESSAGE_ALARM_SECONDS,
        5,
      ),
    ];
    if (config.alarmEmail === undefined) return;

    const topic = new sns.Topic(this, 'AlarmTopic', { displayName: 'precis alarms', enforceSSL: true });
    topic.addSubscription(new snsSubscriptions.EmailSubscription(config.alarmEmail));
    Validations.of(topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'The topic carries only CloudWatch alarm state changes (alarm name, metric, threshold), never article content; the AWS-managed SNS key would stop CloudWatch from publishing, and a customer key would add cost without protecting any customer data.',
    });
    const action = new cloudwatchActions.SnsAction(topic);
    for (const alarm of alarms) {
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
    }
  }

  /** Each finding cdk-nag raises on this stack, accepted on the one construct it concerns, with the reason. */
  private acknowledgeFindings(articleObjectsArn: string): void {
    const policy = this.digestUpload.role?.node.tryFindChild('DefaultPolicy');
    if (policy) {
      Validations.of(policy).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${articleObjectsArn}]`,
        reason:
          'Object-level read (s3:GetObject only) on the upload prefix of one bucket: article keys are chosen by users at upload time, so the prefix wildcard is the narrowest resource that still covers them.',
      });
    }
    const notificationsHandler = this.node.children.find((child) =>
      child.node.id.startsWith('BucketNotificationsHandler'),
    );
    const handlerRole = notificationsHandler?.node.tryFindChild('Role');
    if (handlerRole) {
      Validations.of(handlerRole).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason:
          "CDK's own bucket-notifications handler, run only during deployments. AWSLambdaBasicExecutionRole grants CloudWatch Logs writes only (CreateLogGroup, CreateLogStream, PutLogEvents); its S3 permissions are a separate inline policy on this one bucket. A narrower role would have to guess the log group name CloudFormation generates for CDK's function.",
      });
    }
  }
}
