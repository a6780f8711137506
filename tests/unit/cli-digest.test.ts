import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = 'lambdas/cli/bin.js';

async function precis(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('precis digest', () => {
  it('prints one JSON line per file in order, a failure record for the bad ones, and exits 1', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'precis-cli-'));
    const empty = join(dir, 'empty.txt');
    await writeFile(empty, '');
    const missing = join(dir, 'missing.txt');
    const { code, stdout } = await precis(
      'digest',
      'seeds/000_1ec30d0ad7525b12.txt',
      empty,
      missing,
      'tests/fixtures/core-en-harbour.txt',
    );
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.status, l.error?.code])).toEqual([
      ['ok', undefined],
      ['failed', 'EMPTY'],
      ['failed', 'NOT_FOUND'],
      ['ok', undefined],
    ]);
    expect(lines[0].attribution.publisher).toBe('الخليج الجديد');
    expect(lines[3].language).toBe('en');
    expect(code).toBe(1);
  });

  it('exits 0 when every file is digested, and honours --sentences', async () => {
    const { code, stdout } = await precis('digest', '--sentences', '2', 'seeds/000_1ec30d0ad7525b12.txt');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).summary).toHaveLength(2);
  });

  it('refuses a file over --max-bytes by its size', async () => {
    const { stdout } = await precis('digest', '--max-bytes', '100', 'seeds/000_1ec30d0ad7525b12.txt');
    expect(JSON.parse(stdout).error).toMatchObject({ code: 'TOO_LARGE' });
  });

  it('explains bad options and documents itself', async () => {
    expect((await precis('digest', '--sentences', 'zero', 'x.txt')).stderr).toMatch(/positive whole number/);
    expect((await precis('digest', '--help')).stdout).toMatch(/--max-bytes/);
  });
});

describe('precis eval', () => {
  it('scores summaries against references beside Lead-N', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'precis-eval-'));
    const data = join(dir, 'tiny.jsonl');
    const text =
      'The mayor opened the new library on Monday. It holds ten thousand books. Children queued for hours. Critics called it late.';
    await writeFile(
      data,
      `${JSON.stringify({ id: 'a', lang: 'en', text, summaries: ['The mayor opened the new library on Monday.'] })}\n`,
    );
    const { code, stdout } = await precis('eval', '--json', '--sentences', '1', data);
    expect(code).toBe(0);
    const result = JSON.parse(stdout)[data].summaries;
    expect(result.documents).toBe(1);
    expect(result.lead.rouge1).toBe(100);
    expect(result.ours.rouge1).toBe(100);
  });
});
