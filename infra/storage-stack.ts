/**
 * Stateful resources: the articles bucket, its access-log bucket and the digests table. They live in
 * their own stack so that replacing or deleting the compute never touches the data. The processing
 * stack reaches them only through this stack's named exports, so references point one way.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { TABLE_INDEXES, TABLE_KEYS, type TableIndex } from '../lambdas/adapters/table-design.ts';
import type { InfraConfig } from './config.ts';

/** Settings the storage stack needs. */
export interface StorageStackProps extends StackProps {
  readonly config: InfraConfig;
}

/** Days an overwritten or deleted article version is kept before S3 expires it. */
const NONCURRENT_VERSION_DAYS = 30;
/** Days server access logs are kept: long enough to investigate an incident, short enough to cost little. */
const ACCESS_LOG_DAYS = 90;
/** Days after which an unfinished multipart upload is aborted, so its parts stop costing storage. */
const INCOMPLETE_UPLOAD_DAYS = 7;

/** The articles bucket and the digests table. */
export class StorageStack extends Stack {
  /** Where users upload articles. */
  readonly bucket: s3.Bucket;
  /** Where the pipeline stores one digest per article. */
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props: StorageStackProps) {
    super(scope, id, props);
    const { config } = props;
    const destroy = config.removalPolicy === 'destroy';
    const removalPolicy = destroy ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;

    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      // Server access log delivery only supports SSE-S3 on the target bucket.
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(ACCESS_LOG_DAYS) }],
      removalPolicy,
      autoDeleteObjects: destroy,
    });
    Validations.of(accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This is the server access log bucket of the articles bucket; logging it into itself would loop, and logging it elsewhere would only move the finding.',
    });

    this.bucket = new s3.Bucket(this, 'Articles', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      // The cast only bridges a typing quirk: Bucket.isWebsite is `boolean | undefined` under exactOptionalPropertyTypes.
      serverAccessLogsBucket: accessLogs as s3.IBucket,
      serverAccessLogsPrefix: 'articles-bucket/',
      lifecycleRules: [
        {
          id: 'expire-old-versions',
          noncurrentVersionExpiration: Duration.days(NONCURRENT_VERSION_DAYS),
          expiredObjectDeleteMarker: true,
        },
        {
          id: 'abort-incomplete-uploads',
          abortIncompleteMultipartUploadAfter: Duration.days(INCOMPLETE_UPLOAD_DAYS),
        },
      ],
      removalPolicy,
      autoDeleteObjects: destroy,
    });

    this.table = new dynamodb.Table(this, 'Digests', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      // Protection would make an opted-in `destroy` fail, so it follows the removal policy.
      deletionProtection: !destroy,
      removalPolicy,
    });
    for (const index of Object.values(TABLE_INDEXES)) this.table.addGlobalSecondaryIndex(toGsiProps(index));

    const names = storageExportNames(this.stackName);
    new CfnOutput(this, 'BucketName', {
      value: this.bucket.bucketName,
      exportName: names.bucketName,
      description: 'Bucket to upload articles to',
    });
    new CfnOutput(this, 'BucketArn', { value: this.bucket.bucketArn, exportName: names.bucketArn });
    new CfnOutput(this, 'UploadPrefix', {
      value: config.prefix,
      description: 'Key prefix the pipeline watches',
    });
    new CfnOutput(this, 'TableName', {
      value: this.table.tableName,
      exportName: names.tableName,
      description: 'Table holding the digests',
    });
    new CfnOutput(this, 'TableArn', { value: this.table.tableArn, exportName: names.tableArn });
  }
}

/** The storage stack's export names: chosen by us, so policies and acknowledgements read `<stack>-BucketArn`. */
export interface StorageExports {
  readonly bucketName: string;
  readonly bucketArn: string;
  readonly tableName: string;
  readonly tableArn: string;
}

/** Export names of a storage stack called `stackName` (export names are unique per account and region). */
export function storageExportNames(stackName: string): StorageExports {
  return {
    bucketName: `${stackName}-BucketName`,
    bucketArn: `${stackName}-BucketArn`,
    tableName: `${stackName}-TableName`,
    tableArn: `${stackName}-TableArn`,
  };
}

function toGsiProps(index: TableIndex): dynamodb.GlobalSecondaryIndexProps {
  return {
    indexName: index.name,
    partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
    sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
    projectionType: dynamodb.ProjectionType[index.projection],
    ...(index.nonKeyAttributes === undefined ? {} : { nonKeyAttributes: [...index.nonKeyAttributes] }),
  };
}
