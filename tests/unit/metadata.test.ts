import { describe, expect, it } from 'vitest';
import {
  bareOutletsMissed,
  extractAttribution,
  extractCitedSources,
  namedOutletsMissed,
  titleFromLead,
} from '../../lambdas/core/metadata.ts';
import { splitParagraphs, splitSentences } from '../../lambdas/core/segment.ts';

const attributionOf = (text: string) => extractAttribution(text, splitParagraphs(text));
const citedOf = (text: string, lang: string) =>
  extractCitedSources(splitSentences(text, splitParagraphs(text), lang));

describe('attribution lines', () => {
  it.each([
    ['نص الخبر هنا وهو طويل بما يكفي.\n\nالمصدر | ترجمة وتحرير الخليج الجديد', 'الخليج الجديد'],
    ['نص الخبر هنا وهو طويل بما يكفي.\n\nالمصدر: الجزيرة نت', 'الجزيرة نت'],
    ['Story text that is long enough.\n\nSource: Reuters', 'Reuters'],
    ['Story text.\n\nSources: Translated and edited by The Arab Weekly', 'The Arab Weekly'],
    ['LONDON (Reuters) - Story text that is long enough.', 'Reuters'],
    ['دبي، الإمارات العربية المتحدة (CNN) --\n\nنص الخبر.', 'CNN'],
  ])('finds the publisher in %s', (text, publisher) => {
    const a = attributionOf(text);
    expect(a.publisher).toBe(publisher);
  });

  it('marks source lines, bylines and boilerplate as not content', () => {
    const text =
      'By Jane Doe\n\nThe story itself starts here and goes on.\n\nRead more: other stories\n\nSource: AP';
    const a = attributionOf(text);
    expect(a.byline).toBe('Jane Doe');
    expect([...a.excluded].sort()).toEqual([0, 2, 3]);
  });

  it.each([
    [
      'Story text that is long enough.\n\n(Reporting by Howard Schneider; Additional reporting by Ann Saphir; Editing by Andrea Ricci)',
      'Howard Schneider',
      1,
    ],
    ['تحرير: أحمد محمود\n\nنص الخبر هنا وهو طويل بما يكفي.', 'أحمد محمود', 0],
  ])('takes agency credit lines as the byline and out of the text: %s', (text, byline, paragraph) => {
    const a = attributionOf(text);
    expect(a.byline).toBe(byline);
    expect([...a.excluded]).toEqual([paragraph]);
  });

  it('takes a dash dateline with a known agency as the publisher, and leaves other dashed lines alone', () => {
    expect(attributionOf('واشنطن - الجزيرة نت\n\nنص الخبر هنا.')).toMatchObject({
      publisher: 'الجزيرة نت',
      excluded: new Set([0]),
    });
    expect(attributionOf('Brexit - what next\n\nText here.').excluded.size).toBe(0);
  });

  it.each([
    ['المقال يعبر عن رأي كاتبه ولا يعكس بالضرورة رأي الموقع', true],
    ['The views expressed here DO NOT NECESSARILY REFLECT those of the site.', true],
    ['Opinion piece.\nIt does not necessarily reflect our view.', false],
    ['The minister said the plan was necessary.', false],
  ])('takes a disclaimer in the first line of a paragraph as boilerplate: %s', (line, excluded) => {
    const a = attributionOf(`${line}\n\nThe story itself starts here and goes on.`);
    expect(a.excluded.has(0)).toBe(excluded);
  });

  it('keeps a long paragraph that merely starts like a source line', () => {
    const long = `Source: ${'the ministry said that the new budget would increase spending on schools and hospitals '.repeat(3)}`;
    expect(attributionOf(`${long}\n\nMore text.`).excluded.size).toBe(0);
  });
});

describe('cited sources', () => {
  it.each([
    ['ar', 'كشف موقع "إنتلجنس أونلاين" الاستخباري عن عقد جديد.', ['إنتلجنس أونلاين']],
    ['ar', 'وذكر "إنتلجنس أونلاين" أنه في أكتوبر الماضي كان التحالف يأمل في العقد.', ['إنتلجنس أونلاين']],
    ['ar', 'وبحسب الموقع، فإن العقد أفسد الخطط. ونقل الموقع عن مصادر مطلعة أن الشركة وقعت.', []],
    ['ar', 'وقالت صحيفة «الأهرام» إن الحكومة وافقت، وفقا لوكالة "رويترز".', ['الأهرام', 'رويترز']],
    [
      'en',
      'The deal was signed last week, according to Reuters. A spokesman told The New York Times it was final.',
      ['Reuters', 'The New York Times'],
    ],
    ['en', 'The BBC reported that talks had stalled.', ['The BBC']],
    ['en', 'He said the plan would work. Officials reported no injuries.', []],
    // Within a sentence the patterns take turns (quoted outlet, quoted reporter, according to, Latin name).
    [
      'ar',
      'وذكرت "رويترز" أن وكالة Reuters نشرت الخبر، بحسب صحيفة «الأهرام».',
      ['الأهرام', 'رويترز', 'Reuters'],
    ],
    [
      'en',
      'According to Reuters, the deal is done. Bloomberg reported that the newspaper The Times agreed.',
      ['Reuters', 'The Times', 'Bloomberg'],
    ],
    [
      'ar',
      'وقال موقع "ميدل إيست آي" إن الاتفاق تم، وذكر "ميدل إيست آي" أن Middle East Eye reported the deal.',
      ['ميدل إيست آي', 'Middle East Eye'],
    ],
  ])('%s: %s', (lang, text, expected) => {
    expect(citedOf(text, lang)).toEqual(expected);
  });
});

describe('bare outlet names', () => {
  it.each([
    'صحيفة يديعوت أحرونوت نشرت التقرير.',
    'ولصحيفة يديعوت أحرونوت تقرير آخر، وبموقع ميدل إيست آي خبر.',
    'نقلت وكالة أنباء الأناضول ومركز كارنيغي ومعهد بروكينغز الخبر،صحيفة هآرتس',
    'وفي موقعموقع قناةقناة شبكة',
  ])('are found at the outlet nouns as by a search of the whole sentence: %s', (text) => {
    expect(bareOutletsMissed(text)).toEqual([]);
  });

  it.each([
    'كشف موقع "إنتلجنس أونلاين" وصحيفة «الأهرام» ووكالة Reuters Media عن الخبر.',
    'نشرت الصحيفة“صحيفة “هآرتس” مقالا، وبثت قناةقناة BBC Arabic تقريرا.',
    'وفقا لوكالة أنباء "رويترز" وموقع  «ميدل إيست آي».',
  ])('quoted and Latin outlet names are found at the outlet nouns as by a plain search: %s', (text) => {
    expect(namedOutletsMissed(text)).toEqual([]);
  });
});

describe('titles from the lead sentence', () => {
  it.each([
    ['Short lead sentence here.', 'Short lead sentence here'],
    [
      'كشف موقع "إنتلجنس أونلاين" الاستخباري الفرنسي، الإثنين، عن نجاح التقارب الأمريكي القطري في إتمام عقد شراكة بين الدوحة وشركة في تكساس، بخصوص حماية أجواء الدولة الخليجية من أي هجوم محتمل يتم عبر طائرات بدون طيار خلال مونديال 2022 المقرر أواخر العام المقبل.',
      'نجاح التقارب الأمريكي القطري في إتمام عقد شراكة بين الدوحة وشركة في تكساس',
    ],
    [
      'Officials in Paris confirmed the deal on Monday after long talks.',
      'Officials in Paris confirmed the deal on Monday after long talks',
    ],
    [
      'Police said on Monday that three people were arrested after a fire destroyed a warehouse in the east of the city, leaving hundreds of workers without jobs.',
      'Three people were arrested after a fire destroyed a warehouse in the east of the city',
    ],
    ['القاهرة (رويترز) - وافقت الحكومة على الميزانية الجديدة؟!', 'وافقت الحكومة على الميزانية الجديدة'],
    [
      'قالت الوزارة إن المدارس ستفتح أبوابها الأسبوع المقبل بعد انتهاء أعمال الصيانة في جميع المحافظات',
      'المدارس ستفتح أبوابها الأسبوع المقبل بعد انتهاء أعمال الصيانة في جميع المحافظات',
    ],
    [
      'The ministry reported that schools will reopen next week after repairs in every province.',
      'Schools will reopen next week after repairs in every province',
    ],
  ])('%s', (lead, title) => {
    expect(titleFromLead(lead)).toBe(title);
  });
});
