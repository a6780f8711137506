/**
 * `npm start` (= `precis run`) as a user runs it, on a temporary copy of seeds/ plus two more articles,
 * then `precis list` and `precis show` on the data it left behind.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SEED = '000_1ec30d0ad7525b12.txt';

let work: string;
let articles: string;
let dataDir: string;
/** The second `precis run`, left running so later commands attach to its servers. */
let kept: ChildProcess | undefined;

const BIN = join(ROOT, 'lambdas/cli/bin.js');
const env = () => ({ ...process.env, PRECIS_DATA_DIR: dataDir, POWERTOOLS_LOG_LEVEL: 'ERROR' });

/** Runs the `precis` bin as `npx precis` would; resolves with stdout, stderr and the exit code. */
async function precis(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      cwd: work,
      env: env(),
      maxBuffer: 16 * 1024 * 1024,
    });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string; code: number };
    return { stdout: failed.stdout, stderr: failed.stderr, code: failed.code };
  }
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'precis-start-'));
  articles = join(work, 'seeds');
  dataDir = join(work, 'data');
  await mkdir(join(articles, 'expected'), { recursive: true });
  for (const name of await readdir(join(ROOT, 'seeds'), { withFileTypes: true })) {
    if (name.isFile()) await copyFile(join(ROOT, 'seeds', name.name), join(articles, name.name));
  }
  // Golden digests live in a sub-directory and must not be uploaded as articles.
  await copyFile(
    join(ROOT, 'tests/integration/fixtures/harbour-expansion.md'),
    join(articles, 'expected', 'x.md'),
  );
  await copyFile(
    join(ROOT, 'tests/integration/fixtures/harbour-expansion.md'),
    join(articles, 'harbour expansion.md'),
  );
  await copyFile(join(ROOT, 'tests/integration/fixtures/library-reopening.txt'), join(articles, 'مكتبة.txt'));
});

afterAll(async () => {
  if (kept && kept.exitCode === null) {
    const exited = new Promise((resolve) => kept?.once('exit', resolve));
    kept.kill('SIGINT');
    await exited;
  }
  await rm(work, { recursive: true, force: true });
});

describe('npm start', () => {
  it('digests every article and prints its summary from the table', async () => {
    const first = await precis('run', articles);
    expect(first.stderr).toContain('3 file(s) digested');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`s3://precis-articles/articles/${SEED}  (ok,`);
    expect(first.stdout).toContain('نجاح التقارب الأمريكي القطري');
    expect(first.stdout).toContain('Port of Aldmouth approves a second container terminal');
    expect(first.stdout).toContain('Summary:');
    expect(first.stdout).not.toContain('articles/expected/');
  });

  it('a second run replaces the records instead of adding to them, and --keep-running leaves the servers up', async () => {
    kept = spawn(process.execPath, [BIN, 'run', articles, '--json', '--keep-running'], {
      cwd: work,
      env: env(),
    });
    let stdout = '';
    let stderr = '';
    kept.stdout?.on('data', (chunk) => {
      stdout += chunk;
    });
    await new Promise<void>((resolve, reject) => {
      kept?.stderr?.on('data', (chunk) => {
        stderr += chunk;
        if (stderr.includes('Servers are running')) resolve();
      });
      kept?.once('exit', (code) => reject(new Error(`precis run exited with ${code}: ${stderr}`)));
    });
    const rerun = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    // `list` attaches to the running servers: the data directory is theirs while they run.
    const listed = JSON.parse((await precis('list', '--json')).stdout) as {
      key: string;
      uploadedAt: string;
    }[];
    expect(listed.map((row) => row.key).sort()).toEqual(
      ['articles/harbour expansion.md', `articles/${SEED}`, 'articles/مكتبة.txt'].sort(),
    );
    // The listing shows this run's records, not older copies.
    expect(listed.map((row) => row.uploadedAt).sort()).toEqual(
      rerun.map((line) => line.record.uploadedAt).sort(),
    );
  });

  it('precis list --language ar shows the Arabic articles only', async () => {
    const { stdout, code } = await precis('list', '--language', 'ar');
    expect(code).toBe(0);
    expect(stdout).toContain(`articles/${SEED}`);
    expect(stdout).toContain('articles/مكتبة.txt');
    expect(stdout).not.toContain('harbour');
  });

  it('precis list --entity finds the articles mentioning it', async () => {
    const { stdout, code } = await precis('list', '--entity', 'قطر');
    expect(code).toBe(0);
    expect(stdout).toContain(`articles/${SEED}`);
    expect(stdout).not.toContain('مكتبة');
  });

  it('precis show --json equals precis digest of the same file in every analysed field', async () => {
    const shown = JSON.parse((await precis('show', SEED, '--json')).stdout);
    const digested = JSON.parse(
      (await precis('digest', join(articles, SEED), '--reference-date', shown.record.uploadedAt)).stdout,
    );
    const { source: shownSource, record, ...shownAnalysis } = shown;
    const { source: _fileSource, ...digestedAnalysis } = digested;
    expect(shownAnalysis).toEqual(digestedAnalysis);
    expect(shownSource).toMatchObject({ bucket: 'precis-articles', key: `articles/${SEED}` });
    expect(record).toMatchObject({ status: 'ok', truncated: false });
  });

  it('precis show explains a key it does not know', async () => {
    const { stderr, code } = await precis('show', 'no-such-article.txt');
    expect(stderr, stderr).toContain('No record for "no-such-article.txt"');
    expect(code).not.toBe(0);
  });
});
