/**
 * Synthesises the precis app the way `cdk synth` does (cdk.json's feature flags, cdk-nag as a gate)
 * into a temporary directory, optionally without bundling for variants that only need templates.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { addPrecisStacks, type PrecisStacks } from '../../infra/precis-app.ts';

/** A synthesised app and the templates of its two stacks. */
export interface SynthesisedApp extends PrecisStacks {
  app: App;
  outdir: string;
  storageTemplate: Template;
  processingTemplate: Template;
}

/** The context `cdk synth` gets from cdk.json (feature flags), so tests build what users deploy. */
export function readCdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
}

/** Builds and synthesises the app; throws, like `cdk synth`, on any unacknowledged cdk-nag finding. */
export function synthApp(
  context: Record<string, unknown> = {},
  options: { bundle?: boolean } = {},
): SynthesisedApp {
  const outdir = mkdtempSync(join(tmpdir(), 'precis-cdk-'));
  const app = new App({
    outdir,
    context: {
      ...readCdkJsonContext(),
      ...context,
      // CDK's own switch for `cdk synth --exclusively`: an empty list skips every bundling step.
      ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
    },
  });
  const stacks = addPrecisStacks(app);
  app.synth();
  return {
    ...stacks,
    app,
    outdir,
    storageTemplate: Template.fromStack(stacks.storage),
    processingTemplate: Template.fromStack(stacks.processing),
  };
}
