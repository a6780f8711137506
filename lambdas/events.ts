/**
 * S3 event notifications at the edge: validated with zod, keys URL-decoded, sequencers made comparable.
 * They arrive either directly from S3 or as the body of an SQS message (the production route).
 */
import * as z from './core/zod.ts';
import type { UploadEvent } from './ports.ts';

/** An event body that is not an S3 notification: retrying cannot fix it, so it belongs in the DLQ. */
export class MalformedEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedEventError';
  }
}

const HEX = /^[0-9A-Fa-f]+$/;

// One instance per field shape: each schema built is zod constructor work at every cold start.
const text = z.string();
const nonEmptyText = text.check(z.minLength(1));
const optionalText = z.optional(text);

const S3EventRecordSchema = z.object({
  eventSource: z.literal('aws:s3'),
  eventName: text,
  eventTime: text.check(
    z.refine((value) => !Number.isNaN(Date.parse(value)), 'eventTime must be an ISO date'),
  ),
  s3: z.object({
    bucket: z.object({ name: nonEmptyText }),
    object: z.object({
      key: nonEmptyText,
      size: z.optional(z.int().check(z.nonnegative())),
      eTag: optionalText,
      versionId: optionalText,
      sequencer: text.check(z.regex(HEX, 'sequencer must be hexadecimal')),
    }),
  }),
});

const S3EventSchema = z.object({ Records: z.array(S3EventRecordSchema) });

/** The message S3 sends once when a notification is configured; it carries no object. */
const S3TestEventSchema = z.object({ Event: z.literal('s3:TestEvent') });

/** Width sequencers are padded to: S3's are 16-20 hex digits today; 32 leaves room to grow. */
const SEQUENCER_WIDTH = 32;

/**
 * A sequencer that sorts as a string: S3 sequencers are hex of varying length and compare only after
 * left-padding to equal length.
 */
export function toSortableSequencer(sequencer: string): string {
  if (!HEX.test(sequencer)) throw new MalformedEventError(`sequencer "${sequencer}" is not hexadecimal`);
  const upper = sequencer.toUpperCase().replace(/^0+(?=.)/, '');
  return upper.padStart(Math.max(SEQUENCER_WIDTH, upper.length), '0');
}

/** Negative when `a` is older than `b`, zero when equal, positive when newer. */
export function compareSequencers(a: string, b: string): number {
  const left = toSortableSequencer(a);
  const right = toSortableSequencer(b);
  if (left.length !== right.length) return left.length - right.length;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Decodes a key as S3 writes it in notifications: form-URL-encoded, `+` for a space. */
export function decodeS3EventKey(encoded: string): string {
  try {
    return decodeURIComponent(encoded.replace(/\+/g, ' '));
  } catch {
    throw new MalformedEventError(`object key "${encoded}" is not valid URL encoding`);
  }
}

/** Encodes a key the way S3 does in notifications (the inverse of `decodeS3EventKey`; `/` kept). */
export function encodeS3EventKey(key: string): string {
  return encodeURIComponent(key)
    .replace(/%20/g, '+')
    .replace(/%2F/gi, '/')
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function toUploadEvent(record: z.infer<typeof S3EventRecordSchema>): UploadEvent | undefined {
  const kind = record.eventName.startsWith('ObjectCreated:')
    ? 'created'
    : record.eventName.startsWith('ObjectRemoved:')
      ? 'removed'
      : undefined;
  // Restores, replication and lifecycle transitions do not change the article.
  if (kind === undefined) return undefined;
  const { bucket, object } = record.s3;
  const upload: UploadEvent = {
    kind,
    bucket: bucket.name,
    key: decodeS3EventKey(object.key),
    sequencer: object.sequencer,
    eventTime: new Date(record.eventTime).toISOString(),
  };
  if (object.size !== undefined) upload.size = object.size;
  if (object.eTag !== undefined) upload.etag = object.eTag;
  if (object.versionId !== undefined) upload.versionId = object.versionId;
  return upload;
}

/** True for an event S3 sent directly (not through SQS). */
export function isS3Event(event: unknown): boolean {
  const first = (event as { Records?: { eventSource?: unknown }[] } | null)?.Records?.[0];
  return first?.eventSource === 'aws:s3';
}

/** The object events of an S3 notification; throws `MalformedEventError` when it is not one. */
export function parseS3Event(event: unknown): UploadEvent[] {
  const parsed = S3EventSchema.safeParse(event);
  if (!parsed.success) throw new MalformedEventError(`not an S3 event notification: ${parsed.error.message}`);
  return parsed.data.Records.map(toUploadEvent).filter((upload) => upload !== undefined);
}

/** The object events in an SQS message body: empty for S3's test event, `MalformedEventError` for anything else. */
export function parseSqsBody(body: string): UploadEvent[] {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new MalformedEventError('SQS message body is not JSON');
  }
  if (S3TestEventSchema.safeParse(json).success) return [];
  return parseS3Event(json);
}
