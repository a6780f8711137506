import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../lambdas/core/decode.ts';
import { errorCodeOf } from './error-code.ts';

const arabic =
  'كشف موقع "إنتلجنس أونلاين" عن عقد جديد بين الدوحة وشركة أمريكية لحماية الأجواء خلال المونديال.';
const english = 'Café owners in Zürich said the naïve plan would cost €2 million.';

describe('decodeBytes', () => {
  it.each([
    ['UTF-8', Buffer.from(arabic, 'utf8'), arabic, 'utf-8'],
    [
      'UTF-8 with BOM',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(arabic)]),
      arabic,
      'utf-8-bom',
    ],
    [
      'UTF-16 LE with BOM',
      Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(arabic, 'utf-16le')]),
      arabic,
      'utf-16le',
    ],
    [
      'UTF-16 BE with BOM',
      Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(english, 'utf-16be')]),
      english,
      'utf-16be',
    ],
    ['UTF-16 LE without BOM', iconv.encode(english, 'utf-16le'), english, 'utf-16le'],
    ['UTF-16 LE Arabic without BOM', iconv.encode(arabic, 'utf-16le'), arabic, 'utf-16le'],
    ['windows-1256 Arabic', iconv.encode(arabic, 'windows-1256'), arabic, 'windows-1256'],
    ['windows-1252 Latin', iconv.encode(english, 'windows-1252'), english, 'windows-1252'],
  ])('reads %s and reports the encoding', (_name, bytes, text, encoding) => {
    expect(decodeBytes(bytes)).toEqual({ text, encoding });
  });

  it('reads a short windows-1256 snippet that chardet alone would call Hebrew', () => {
    const short = 'قال الوزير إن الاتفاق تم';
    expect(decodeBytes(iconv.encode(short, 'windows-1256'))).toEqual({
      text: short,
      encoding: 'windows-1256',
    });
  });

  it('turns page breaks, vertical tabs and Unicode line separators into newlines', () => {
    expect(decodeBytes(Buffer.from('Paris.\u0085Next\fpage\vline\u2028end')).text).toBe(
      'Paris.\nNext\npage\nline\nend',
    );
  });

  it('normalises line endings and drops NUL and control characters', () => {
    expect(decodeBytes(Buffer.from('one\r\ntwo\u0007 three\rfour')).text).toBe('one\ntwo three\nfour');
  });

  it.each([
    ['an empty file', new Uint8Array(), 'EMPTY'],
    ['a PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'BINARY'],
    ['a PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'BINARY'],
    ['a ZIP', Buffer.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0]), 'BINARY'],
    [
      'random bytes with NULs',
      Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 7919) % 256)),
      'BINARY',
    ],
  ])('refuses %s with a stable code', (_name, bytes, code) => {
    expect(errorCodeOf(() => decodeBytes(bytes))).toBe(code);
  });
});
