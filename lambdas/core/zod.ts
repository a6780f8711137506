/**
 * zod/mini with English messages, for every schema of the project: zod/mini alone says only
 * "Invalid input", and the configuration is process-wide, so it is made once, here.
 */
import { en } from 'zod/locales';
import * as z from 'zod/mini';

z.config(en());

export { z };
