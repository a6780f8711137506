/**
 * How the handler ships: one minified ES module (`index.mjs`) holding what every invocation runs, and
 * beside it one minified CommonJS file per lazy piece of the core (`lambdas/core/lazy.ts`) that only
 * some articles need. The processing stack, the benchmark and the bundle tests all build from the
 * definitions here, so what is measured and tested is what is deployed.
 *
 * Run as a script (`node --import tsx infra/lambda-bundle.ts <dir>`) it builds the lazy pieces into
 * `<dir>`: the command CDK's `afterBundling` hook runs after esbuild wrote `index.mjs` there.
 */
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BuildOptions, build } from 'esbuild';
import { BUNDLED_FLAG, LAZY_PIECES, type LazyPieceName } from '../lambdas/core/lazy.ts';

/** The project root, where esbuild resolves packages from. */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const THIS_FILE = fileURLToPath(import.meta.url);

/** Settings of the main file, in the terms of NodejsFunction's `bundling` block. */
export const HANDLER_BUNDLING = {
  minify: true,
  target: 'node20',
  // Prefer ES modules so esbuild can drop the unused parts of the SDK and of our dependencies.
  mainFields: ['module', 'main'],
  // CommonJS dependencies inside an ES module bundle still call require() for Node built-ins, and the
  // lazy pieces are require()d beside the bundle: both through this `require`.
  banner:
    "import { createRequire as __createRequire } from 'node:module';const require = __createRequire(import.meta.url);",
  // Tells lambdas/core/lazy.ts that its pieces are files beside the bundle, not packages in node_modules.
  define: { [BUNDLED_FLAG]: 'true' },
} as const;

/** The esbuild options NodejsFunction derives from {@link HANDLER_BUNDLING} (ESM, `index.mjs`). */
export const HANDLER_BUILD_OPTIONS: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  minify: HANDLER_BUNDLING.minify,
  target: HANDLER_BUNDLING.target,
  mainFields: [...HANDLER_BUNDLING.mainFields],
  banner: { js: HANDLER_BUNDLING.banner },
  define: { ...HANDLER_BUNDLING.define },
  logLevel: 'error',
};

/** The esbuild options of every lazy piece: CommonJS, so the synchronous core can require() it. */
const PIECE_BUILD_OPTIONS: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  minify: true,
  target: HANDLER_BUNDLING.target,
  mainFields: [...HANDLER_BUNDLING.mainFields],
  logLevel: 'error',
};

/**
 * Modules a piece's packages import that the core never reaches, replaced by a stub at build time: a
 * `<style>` element's `sheet` is parsed only when read, and nothing reads it.
 */
const PIECE_STUBS: Partial<Record<LazyPieceName, Record<string, string>>> = {
  html: { 'cssomnom/parse': join(ROOT, 'infra/no-style-sheets.ts') },
};

/** The module a piece is built from: the named exports of its packages that the core uses, nothing else. */
function pieceEntrySource(name: LazyPieceName): string {
  return Object.entries(LAZY_PIECES[name].exports as Record<string, readonly string[]>)
    .map(([pkg, names]) => `export { ${names.join(', ')} } from ${JSON.stringify(pkg)};`)
    .join('\n');
}

/** Builds every lazy piece into `outdir`; returns each piece's file and size in bytes. */
export async function buildLazyPieces(
  outdir: string,
): Promise<Record<LazyPieceName, { file: string; bytes: number }>> {
  const names = Object.keys(LAZY_PIECES) as LazyPieceName[];
  const built = await Promise.all(
    names.map(async (name) => {
      const file = join(outdir, LAZY_PIECES[name].file);
      await build({
        ...PIECE_BUILD_OPTIONS,
        alias: PIECE_STUBS[name] ?? {},
        stdin: { contents: pieceEntrySource(name), resolveDir: ROOT, sourcefile: `lazy-${name}.mjs` },
        outfile: file,
        absWorkingDir: ROOT,
      });
      return [name, { file, bytes: statSync(file).size }] as const;
    }),
  );
  return Object.fromEntries(built) as Record<LazyPieceName, { file: string; bytes: number }>;
}

/**
 * Bundles `entry` as the handler is bundled (plus an external source map, as deployed) into `outfile`,
 * with the lazy pieces beside it; returns the main file's size.
 */
export async function bundleWithPieces(
  entry: { file: string } | { source: string },
  outfile: string,
  options: { sourcemap?: boolean } = {},
): Promise<number> {
  await Promise.all([
    build({
      ...HANDLER_BUILD_OPTIONS,
      ...('file' in entry
        ? { entryPoints: [entry.file] }
        : { stdin: { contents: entry.source, resolveDir: ROOT, sourcefile: 'entry.mjs' } }),
      outfile,
      sourcemap: options.sourcemap ?? false,
      sourcesContent: false,
      absWorkingDir: ROOT,
    }),
    buildLazyPieces(dirname(outfile)),
  ]);
  return statSync(outfile).size;
}

/** The shell command CDK's `afterBundling` hook runs: the pieces, built into the asset's output directory. */
export function buildPiecesCommand(outputDir: string): string {
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  return [process.execPath, '--import', 'tsx', THIS_FILE, outputDir].map(quote).join(' ');
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const outdir = process.argv[2];
  if (!outdir) throw new Error('usage: node --import tsx infra/lambda-bundle.ts <output-dir>');
  await buildLazyPieces(resolve(outdir));
}
