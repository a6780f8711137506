#!/usr/bin/env -S node --openssl-legacy-provider
// Entry point for `npx precis`: runs the TypeScript CLI through tsx, so no build step is needed after `npm ci`.
// --openssl-legacy-provider: s3rver signs its listing continuation tokens with a cipher OpenSSL 3 keeps in the legacy provider.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
