/**
 * zod/mini with English messages, for every schema of the project: zod/mini alone says only
 * "Invalid input", and the configuration is process-wide, so it is made once, here. Import it as
 * `import * as z from './zod.ts'` (member accesses keep esbuild's tree-shaking).
 */
import { en } from 'zod/locales';
import { config } from 'zod/mini';

config(en());

export * from 'zod/mini';
