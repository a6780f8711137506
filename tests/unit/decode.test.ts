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

  it.each([
    [
      'windows-1252 curly quotes, dashes and the euro sign',
      '“Quoted,” she said — it’s €5… and that’s final. The café’s owner agreed with the council’s “plan”.',
      'windows-1252',
    ],
    [
      'windows-1251 Russian',
      'Москва, столица России. Президент заявил, что переговоры продолжатся на следующей неделе в Женеве.',
      'windows-1251',
    ],
    [
      'KOI8-R Russian',
      'Москва, столица России. Президент заявил, что переговоры продолжатся на следующей неделе в Женеве.',
      'KOI8-R',
    ],
    [
      'ISO-8859-7 Greek',
      'Η Αθήνα είναι η πρωτεύουσα της Ελλάδας. Ο πρωθυπουργός δήλωσε ότι οι συνομιλίες θα συνεχιστούν.',
      'ISO-8859-7',
    ],
    [
      'Shift_JIS Japanese',
      '東京都の新しい計画について、知事は記者会見で詳しく説明しました。市民の反応はさまざまです。',
      'Shift_JIS',
    ],
    [
      'GB18030 Chinese',
      '北京市政府今天宣布了新的交通计划，市民对此反应不一。专家认为这项计划将改善空气质量。',
      'GB18030',
    ],
    [
      'EUC-KR Korean',
      '서울시는 오늘 새로운 교통 계획을 발표했습니다. 시민들의 반응은 다양합니다. 전문가들은 긍정적입니다.',
      'EUC-KR',
    ],
  ])('reads %s with the code page chardet names', (_name, text, encoding) => {
    expect(decodeBytes(iconv.encode(text, encoding))).toEqual({ text, encoding });
  });

  it('drops the lone last byte of a truncated UTF-16 file', () => {
    const bytes = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      iconv.encode(english, 'utf-16le'),
      Buffer.from([0x41]),
    ]);
    expect(decodeBytes(bytes)).toEqual({ text: english, encoding: 'utf-16le' });
  });

  it('reads an unpaired UTF-16 surrogate as U+FFFD, which every store can encode', () => {
    const bytes = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      iconv.encode('Paris ', 'utf-16le'),
      Buffer.from([0x00, 0xd8]),
      iconv.encode(' is the capital of France, and the Seine runs through it.', 'utf-16le'),
    ]);
    expect(decodeBytes(bytes).text).toBe(
      'Paris \uFFFD is the capital of France, and the Seine runs through it.',
    );
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
