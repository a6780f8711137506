import { franc } from 'franc-min';
import { describe, expect, it } from 'vitest';
import { detectLanguage, guessLanguage, isFrancSeparator } from '../../lambdas/core/language.ts';

describe('detectLanguage', () => {
  it.each([
    ['a short Arabic headline', 'عاجل: زلزال بقوة 6 درجات يضرب تركيا', undefined, 'ar', 'rtl'],
    ['an Arabic headline between emoji', '🔴 عاجل: زلزال بقوة 6 درجات يضرب تركيا 🔴', undefined, 'ar', 'rtl'],
    [
      'an Arabic sentence',
      'قالت وزارة الصحة إن عدد الإصابات انخفض خلال الأسبوع الماضي.',
      undefined,
      'ar',
      'rtl',
    ],
    [
      'Persian',
      'این یک متن فارسی است که برای آزمایش نوشته شده است و باید فارسی تشخیص داده شود.',
      undefined,
      'fa',
      'rtl',
    ],
    ['Hebrew', 'שלום עולם זה טקסט בעברית', undefined, 'he', 'rtl'],
    [
      'German',
      'Der Bundestag hat am Donnerstag ein neues Gesetz beschlossen, das die Mieten begrenzen soll.',
      undefined,
      'de',
      'ltr',
    ],
    [
      'short English the page declares',
      'Some text about London here for readers today.',
      'en-GB',
      'en',
      'ltr',
    ],
    ['no letters, declared Arabic', '2024 — 15%', 'ar', 'ar', 'rtl'],
    ['nothing to go on', '12345', undefined, 'und', 'ltr'],
  ])('%s', (_name, text, declared, language, direction) => {
    expect(detectLanguage(text, declared)).toEqual({ language, direction });
  });

  it('reads an English article with Arabic names as English, left to right', () => {
    const text =
      'The talks in Doha, which officials called "الحوار الوطني", ended on Monday with a joint statement from both delegations.';
    expect(detectLanguage(text)).toEqual({ language: 'en', direction: 'ltr' });
  });
});

describe('guessLanguage (franc-min, indexed)', () => {
  const texts = [
    'The council approved the budget on Tuesday after a long debate about schools and roads.',
    'Le conseil municipal a approuvé mardi le budget après un long débat sur les écoles.',
    'El ayuntamiento aprobó el martes el presupuesto tras un largo debate sobre las escuelas.',
    'Der Stadtrat hat am Dienstag nach langer Debatte den Haushalt für Schulen beschlossen.',
    'Il consiglio comunale ha approvato martedì il bilancio dopo un lungo dibattito.',
    'Gemeenteraad keurde dinsdag na een lang debat de begroting voor scholen goed.',
    'Городской совет во вторник утвердил бюджет после долгих дебатов о школах.',
    'नगर परिषद ने मंगलवार को स्कूलों और सड़कों पर लंबी बहस के बाद बजट को मंजूरी दी।',
    'Το δημοτικό συμβούλιο ενέκρινε την Τρίτη τον προϋπολογισμό μετά από μακρά συζήτηση.',
    '市议会周二在就学校和道路问题进行长时间辩论后批准了预算。',
    'قالت وزارة الصحة إن عدد الإصابات انخفض خلال الأسبوع الماضي في معظم المحافظات.',
    'این یک متن فارسی است که برای آزمایش نوشته شده است و باید فارسی تشخیص داده شود.',
    'یہ ایک اردو متن ہے جو جانچ کے لیے لکھا گیا ہے اور اسے اردو کے طور پر پہچانا جانا چاہیے۔',
    'short',
    '2024 — 15% (3/4)',
    // Runs of digits, punctuation and every kind of space collapse to one space, none at the ends.
    '\uFEFF  «12» -- The\u00A0council,\u2028approved\t\v(the) budget:\u3000on\u205FTuesday!!! 42\u2029 ',
    '',
  ];
  const arabicScript = ['arb', 'pes', 'urd', 'pbu', 'skr', 'ckb'];

  it.each(texts.map((text) => [text.slice(0, 30), text] as const))(
    'answers as franc does for "%s"',
    (_name, text) => {
      expect(guessLanguage(text, 20)).toBe(franc(text, { minLength: 20 }));
      expect(guessLanguage(text, 1)).toBe(franc(text, { minLength: 1 }));
      expect(guessLanguage(text, 1, arabicScript)).toBe(franc(text, { minLength: 1, only: arabicScript }));
    },
  );

  it("treats as franc's separators exactly the units its cleaning expressions match", () => {
    const cleaning = /[\u0021-\u0040]|\s/;
    for (let code = 0; code < 0x10000; code++)
      if (isFrancSeparator(code) !== cleaning.test(String.fromCharCode(code)))
        expect.fail(`U+${code.toString(16)}`);
  });

  it('answers as franc does past its 2,048-character window and on every slice of a long text', () => {
    const long = texts.slice(0, 9).join(' ').repeat(4);
    for (let start = 0; start < long.length; start += 97) {
      const slice = long.slice(start, start + 40 + (start % 400));
      expect(guessLanguage(slice, 20), slice).toBe(franc(slice, { minLength: 20 }));
    }
    expect(guessLanguage(long, 20)).toBe(franc(long, { minLength: 20 }));
  });

  it('answers as franc does on text that lower-casing lengthens, and with emoji beside the letters', () => {
    // 'İ' lower-cases to two units: the 2,048-character window yields more than 2,048 trigrams.
    const turkish = 'İSTANBUL İZMİR İÇİN İKİ İLÇE İLE İLGİLİ İHALE '.repeat(60);
    const emoji =
      'The council 🎉 approved the budget 👍 on Tuesday after a long debate 🏫 about schools. '.repeat(8);
    for (const text of [
      turkish,
      emoji,
      `${emoji}${turkish}`,
      'İ'.repeat(3000),
      // Σ lower-cases to ς at the end of a word only: the whole text is lower-cased, not unit by unit.
      'The council ΟΔΟΣ approved the ΣΧΟΛΕΙΟΣ budget on Tuesday after a long debate. '.repeat(5),
      `${'İ'.repeat(2000)} istanbul`,
    ]) {
      expect(guessLanguage(text, 20)).toBe(franc(text, { minLength: 20 }));
    }
  });
});
