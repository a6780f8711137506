/** The `precis` command line: one file per command, each exporting `register(program)`. */
import { Command } from 'commander';
import { register as registerBackfill } from './backfill.ts';
import { register as registerDigest } from './digest.ts';
import { register as registerEval } from './eval.ts';
import { register as registerList } from './list.ts';
import { register as registerRun } from './run.ts';
import { register as registerShow } from './show.ts';

const program = new Command()
  .name('precis')
  .description('Digest articles (Arabic, English and more) into structured summaries, locally or on AWS.')
  .showHelpAfterError();

registerDigest(program);
registerEval(program);
registerRun(program);
registerList(program);
registerShow(program);
registerBackfill(program);

await program.parseAsync(process.argv);
