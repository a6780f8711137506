/**
 * Structured logs and CloudWatch metrics (Powertools) around each object event. Logs carry ids, sizes
 * and outcomes, never article text. Service name and namespace come from POWERTOOLS_* variables.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { UploadOutcome } from './pipeline.ts';
import type { UploadEvent } from './ports.ts';

/** The shared logger (Powertools reads POWERTOOLS_SERVICE_NAME and POWERTOOLS_LOG_LEVEL). */
export const logger = new Logger();

/** The shared metrics buffer (Powertools reads POWERTOOLS_METRICS_NAMESPACE), flushed per invocation. */
export const metrics = new Metrics();

/** Runs one event through `run`, logging and counting its outcome; rethrows transient faults after logging. */
export async function observeUpload(upload: UploadEvent, run: () => Promise<UploadOutcome>): Promise<void> {
  const started = performance.now();
  const ids = { bucket: upload.bucket, key: upload.key, kind: upload.kind, sequencer: upload.sequencer };
  try {
    const outcome = await run();
    const durationMs = Math.round(performance.now() - started);
    metrics.addMetric('DigestDuration', MetricUnit.Milliseconds, durationMs);
    if (outcome.action === 'stored') {
      metrics.addMetric('Digests', MetricUnit.Count, 1);
      metrics.addMetric('ArticleBytes', MetricUnit.Bytes, outcome.bytes);
      if (outcome.status === 'failed') metrics.addMetric('DigestFailures', MetricUnit.Count, 1);
    }
    const log = outcome.action === 'stored' && outcome.status === 'failed' ? logger.warn : logger.info;
    log.call(logger, 'object event handled', { ...ids, ...outcome, durationMs });
  } catch (error) {
    metrics.addMetric('TransientErrors', MetricUnit.Count, 1);
    logger.error('object event failed; it will be retried', { ...ids, error: error as Error });
    throw error;
  }
}

/** Flushes the invocation's metrics (skipped when nothing was recorded, to avoid an empty-metrics warning). */
export function publishMetrics(): void {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
}
