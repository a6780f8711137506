/**
 * Builds the whole app (both stacks and the cdk-nag checks) on a given `App`, so `cdk synth` and the
 * infra tests assemble exactly the same thing.
 */
import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { type InfraConfig, readInfraConfig } from './config.ts';
import { ProcessingStack } from './processing-stack.ts';
import { StorageStack } from './storage-stack.ts';

/** The stacks of one deployment. */
export interface PrecisStacks {
  readonly config: InfraConfig;
  readonly storage: StorageStack;
  readonly processing: ProcessingStack;
}

/** Adds the storage and processing stacks to `app`, configured from its context, with cdk-nag as a gate. */
export function addPrecisStacks(app: App): PrecisStacks {
  const config = readInfraConfig((key) => app.node.tryGetContext(key));
  // Account and region come from the CLI's profile at deploy time; synth stays offline and environment-agnostic.
  const storage = new StorageStack(app, 'PrecisStorage', {
    config,
    description: 'precis: articles bucket and digests table (retained unless removalPolicy=destroy)',
  });
  const processing = new ProcessingStack(app, 'PrecisProcessing', {
    config,
    storageStackName: storage.stackName,
    description: 'precis: upload queue, digest-upload function, bucket notifications and alarms',
  });
  processing.addStackDependency(storage, 'imports the bucket and table exports');
  // Any finding that is not acknowledged with a reason fails synthesis, and with it `cdk deploy`.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { writeSuppressionsToCloudFormation: true }));
  return { config, storage, processing };
}
