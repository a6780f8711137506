/**
 * Genuine S3 event notifications (eventVersion 2.1, URL-encoded keys, hex sequencers) wrapped in SQS
 * messages, as the production route S3 -> SQS -> Lambda delivers them. Used by `precis run` to turn
 * s3rver's notifications into real events, and reusable to replay events for existing objects.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { S3Event, S3EventRecord, SQSEvent, SQSRecord } from 'aws-lambda';
import { encodeS3EventKey } from '../events.ts';

/** The S3 event names the pipeline reacts to. */
export type S3ObjectEventName =
  | 'ObjectCreated:Put'
  | 'ObjectCreated:Post'
  | 'ObjectCreated:Copy'
  | 'ObjectRemoved:Delete';

/** Where the local queue and function pretend to live (the ARNs only label the events). */
const LOCAL_ACCOUNT = '000000000000';

let lastMillis = 0;
let counter = 0;

/**
 * A sequencer greater than every one this process issued before, and than those of earlier runs (it
 * starts from the clock): S3's own are opaque hex that only grow per key, which is all the pipeline uses.
 */
export function nextSequencer(now = Date.now()): string {
  if (now > lastMillis) {
    lastMillis = now;
    counter = 0;
  } else {
    counter++;
    // 4096 events in one millisecond: borrow the next millisecond rather than repeat a sequencer.
    if (counter === 4096) {
      lastMillis++;
      counter = 0;
    }
  }
  return ((BigInt(lastMillis) << 12n) | BigInt(counter)).toString(16).toUpperCase().padStart(16, '0');
}

/** Facts about the object that a notification carries. */
export interface S3EventDetails {
  eventTime?: string;
  region?: string;
  etag?: string;
  versionId?: string;
}

/** One S3 notification record for an object, exactly as S3 writes it (key URL-encoded, `+` for spaces). */
export function s3EventRecordFor(
  bucket: string,
  key: string,
  size: number | undefined,
  eventName: S3ObjectEventName,
  sequencer: string = nextSequencer(),
  details: S3EventDetails = {},
): S3EventRecord {
  const region = details.region ?? 'us-east-1';
  const object: S3EventRecord['s3']['object'] = {
    key: encodeS3EventKey(key),
    sequencer,
  } as S3EventRecord['s3']['object'];
  if (eventName.startsWith('ObjectCreated:')) {
    object.size = size ?? 0;
    if (details.etag !== undefined) object.eTag = details.etag.replace(/^"|"$/g, '');
  }
  if (details.versionId !== undefined) object.versionId = details.versionId;
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: region,
    eventTime: details.eventTime ?? new Date().toISOString(),
    eventName,
    userIdentity: { principalId: 'AWS:PRECISLOCAL' },
    requestParameters: { sourceIPAddress: '127.0.0.1' },
    responseElements: {
      'x-amz-request-id': randomBytes(8).toString('hex').toUpperCase(),
      'x-amz-id-2': randomBytes(32).toString('base64'),
    },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: 'precis-uploads',
      bucket: { name: bucket, ownerIdentity: { principalId: 'PRECISLOCAL' }, arn: `arn:aws:s3:::${bucket}` },
      object,
    },
  };
}

/** An S3 notification holding these records. */
export function s3EventOf(...records: S3EventRecord[]): S3Event {
  return { Records: records };
}

/** The SQS message S3 would put on the queue for this notification (a string is sent as the raw body). */
export function sqsMessageFor(
  event: S3Event | object | string,
  receiveCount = 1,
  region = 'us-east-1',
): SQSRecord {
  const body = typeof event === 'string' ? event : JSON.stringify(event);
  const now = String(Date.now());
  return {
    messageId: randomUUID(),
    receiptHandle: randomBytes(24).toString('base64'),
    body,
    attributes: {
      ApproximateReceiveCount: String(receiveCount),
      SentTimestamp: now,
      SenderId: 'AIDAPRECISLOCAL',
      ApproximateFirstReceiveTimestamp: now,
    },
    messageAttributes: {},
    md5OfBody: createHash('md5').update(body).digest('hex'),
    eventSource: 'aws:sqs',
    eventSourceARN: `arn:aws:sqs:${region}:${LOCAL_ACCOUNT}:precis-uploads`,
    awsRegion: region,
  };
}

/** An SQS batch event, as Lambda's event source mapping delivers it. */
export function sqsEventOf(messages: SQSRecord[]): SQSEvent {
  return { Records: messages };
}

/** s3rver's notification: raw keys, eventVersion 2.0, a millisecond clock as sequencer. */
export interface S3rverEvent {
  Records: {
    eventName: string;
    eventTime: string;
    s3: { bucket: { name: string }; object: { key: string; size?: number; eTag?: string } };
  }[];
}

/** Rewrites an s3rver notification into the genuine S3 event the deployed pipeline would receive. */
export function genuineEventFromS3rver(event: S3rverEvent, region = 'us-east-1'): S3Event {
  return s3EventOf(
    ...event.Records.map((record) =>
      s3EventRecordFor(
        record.s3.bucket.name,
        record.s3.object.key,
        record.s3.object.size,
        record.eventName as S3ObjectEventName,
        nextSequencer(),
        {
          eventTime: record.eventTime,
          region,
          ...(record.s3.object.eTag === undefined ? {} : { etag: record.s3.object.eTag }),
        },
      ),
    ),
  );
}
