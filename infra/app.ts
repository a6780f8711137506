/** `cdk.json`'s entry: the precis app, configured through CDK context (see README, Configuration). */
import { App } from 'aws-cdk-lib';
import { addPrecisStacks } from './precis-app.ts';

addPrecisStacks(new App());
