/**
 * Curated word lists for the entity recogniser: given names, titles and trigger words, well-known
 * organisations and events, and the function words that can never be part of a name. Written from
 * general knowledge of news usage (not extracted from any evaluation corpus). The Arabic lists,
 * `KNOWN_ORGS` and `KNOWN_EVENTS` reach the recogniser through the gazetteer's generated tables: run
 * `npm run gazetteer` after editing them (a unit test fails until you do). The `EN_*` sets are read
 * as they are.
 */

/** Common Arabic given names (and Arabic spellings of common foreign ones): a name start, not a whole name. */
export const GIVEN_NAMES = `
محمد أحمد محمود مصطفى علي عمر عثمان حسن حسين خالد سعيد سعد سعود فهد فيصل عبدالله عبدالرحمن عبدالعزيز
عبدالكريم عبدالرحيم عبدالمجيد عبدالحميد عبدالقادر عبدالسلام عبدالفتاح عبدالناصر عبدالإله يوسف إبراهيم إسماعيل
إسحاق يعقوب موسى عيسى هارون سليمان داود زكريا يحيى أيوب نوح آدم إلياس صالح طارق طلال زياد زايد سلطان
ماجد ناصر نبيل نزار نجيب نصر نعيم هاني هشام وليد وائل وسام ياسر ياسين يونس أنور أسامة أشرف أكرم أمين أيمن
باسل باسم بسام بشار بشير بكر بلال تامر توفيق ثامر جمال جميل جاسم جعفر جلال حازم حاتم حامد حمد حمدي حمزة
حيدر خليل خليفة راشد رامي رائد رشيد رضا رفيق رياض زكي سالم سامي سامر سمير سليم شريف شاكر صابر صادق صلاح
ضياء عادل عاطف عامر عبد عدنان عزت عصام عماد عمار عمرو عوض غازي غسان فؤاد فادي فاروق فاضل فراس فريد فتحي
قاسم كريم كمال لؤي مازن مالك مجدي مراد مروان مسعود معاذ منصور منير مهدي مؤيد نادر ناجي نبيه نضال نواف هادي
همام وجدي وحيد وديع ياسمين فاطمة عائشة خديجة زينب مريم سارة هدى هند ليلى سلمى سعاد نادية نجلاء نجاة
رانيا رنا ريم دينا منى منال أمل إيمان سميرة سهام سوزان شيرين عبير علياء غادة لبنى ليلى لينا مها ميساء نور
نوال هالة هيفاء وفاء جيهان حنان رشا سناء أسماء آمنة حياة رحاب بثينة تغريد
جورج جون جوزيف جيمس ديفيد دافيد مايكل ميشيل بيتر بول روبرت ريتشارد توماس توماس تشارلز ويليام وليام
هنري فرانك إدوارد ستيفن ستيف براين كيفن مارك مارتن أندرو أنتوني توني دونالد رونالد بيل هيلاري باراك
كوندوليزا كولن كولين ديك جاك جان جاك فرانسوا نيكولا إيمانويل فلاديمير ديمتري بوريس ميخائيل سيرغي
أنجيلا هيلموت غيرهارد سيلفيو رومانو ماريو خوسيه خوان كارلوس لويس أنطونيو ماريا ألكسندر فيليب
كوفي بان خافيير تيريزا مارغريت جوردون ديفيد كاثرين إليزابيث ناتاليا آنا أليكس روبرتو ليونيل كريستيانو
أنس أوس إياد بدر بهاء تميم ثائر جابر حافظ حبيب حسام حمود خلدون ذياب رامز ربيع رجب رعد رياض زهير سامح سلمان
سهيل شادي شوقي صبحي صفوان طلعت عاصم عبدالرزاق عبداللطيف عبدالوهاب عبدالحليم عبدالباسط عدي علاء عمران فارس
فايز فتحي فهمي قصي لطفي ماهر مجدي محسن مدحت مصعب معتز ممدوح منذر مهند موفق ميشال نايف نبيل نجم نزيه
نصري نعمان هيثم وحيد وصفي يزيد يسري إدريس إلياس أيمن بطرس جرجس حنا ميخائيل إميل سليمان شمعون إيهود أرييل
بنيامين إسحق شاؤول موشيه حسني معمر زين نوري مسعود عمرو إبراهيم هوغو نيلسون فيدل راؤول إيفو ألبرت إرنست
سيغموند كارل فريدريك أدولف ونستون شارل فرانكلين أبراهام ثيودور ليندون ريتشارد جيمي رونالد جورج بيل باراك
دونالد جو مايك ستيفن جيرارد نيكولاس كريستوفر ماثيو دانيال ديفيد أندرو باتريك بريان شون سيباستيان أنطوان
لوران أوليفييه ميشيل جيرار دومينيك فيليب ألان برنار كلود بيير جاك جان بول هنري لويس فرانسيسكو خوسيه مانويل
فرناندو بيدرو ميغيل رافائيل أليخاندرو دييغو
هيلين صوفيا كاترين ماري مارتا كارلا لورا أنجيلا سيلفيا مادلين هيلاري ميشيل
`;

/** Given names that can stand alone as a person (not also a common adjective or noun like سعيد، جميل، أمل). */
export const STANDALONE_GIVEN_NAMES = `
محمد أحمد محمود مصطفى عمر عثمان حسين يوسف إبراهيم إسماعيل إسحاق يعقوب موسى عيسى هارون سليمان داود زكريا
يحيى أيوب نوح آدم إلياس طارق زياد فيصل فهد سعود خالد عبدالله عبدالرحمن عبدالعزيز مريم فاطمة عائشة خديجة زينب
جورج جون توني ديفيد مايكل بيتر ميشيل
`;

/** Titles and roles that introduce a person's name (Arabic, matched after clitic stripping). */
export const AR_PERSON_TITLES = `
الرئيس رئيس الملك الملكة الأمير الأميرة الشيخ الشيخة السيد السيدة الآنسة الدكتور الدكتورة المهندس الأستاذ
الوزير وزير وزيرة الوزيرة النائب النائبة البرلماني البرلمانية السفير السفيرة الجنرال العقيد اللواء العميد
المشير الفريق الرائد النقيب المتحدث المتحدثة الناطق المستشار المستشارة المدرب اللاعب اللاعبة الفنان الفنانة
الكاتب الكاتبة الروائي الشاعر المخرج الممثل الممثلة المطرب المطربة المغني المغنية البابا الإمام المرشد
القاضي المحامي الصحفي الصحفية المراسل الباحث الخبير العالم البروفيسور زعيم الزعيم قائد القائد حاكم الحاكم
محافظ المحافظ عمدة مدير المدير المديرة نائب الأمين المفوض المبعوث المنسق رئيسة الرئيسة المرشح المرشحة
السلطان ملك عاهل أمير شيخ الإمبراطور جلالة سمو فخامة معالي سعادة العاهل الممثل المندوب ولي الحارس المهاجم المدافع نجم النجم الأب الأخ الراحل الراحلة
`;

/** Words that come between a title and the name without being part of it (role complements). */
export const AR_TITLE_COMPLEMENTS = `
الوزراء الحكومة الخارجية الداخلية الدفاع المالية العدل الإعلام الاقتصاد التجارة الصحة التعليم النفط الطاقة
العام السابق الأسبق الحالي الجديد المنتخب المكلف التنفيذي الأعلى الأول الثاني الروحي باسم المساعد الدولي
الأمم المتحدة الأعلى للأمن القومي الجمهورية الدولة المنتهية ولايته الفخري الأسبق العهد الشرفي
وزراء خارجية دفاع داخلية مالية عدل إعلام
`;

/** Institutional heads that are part of the organisation's name (وزارة الداخلية, اتحاد الكرة). */
export const AR_ORG_HEADS = `
وزارة مجلس منظمة اتحاد الاتحاد حزب جامعة هيئة مؤسسة جمعية حركة جبهة بنك البنك مصرف المصرف لجنة اللجنة
محكمة المحكمة شرطة الشرطة جيش الجيش صندوق مكتب معهد المعهد مركز أكاديمية برلمان البرلمان كلية نقابة النقابة
غرفة رابطة تحالف المجلس المنظمة الهيئة الجامعة المؤسسة الجمعية الجبهة دائرة مديرية إدارة قوات القوات
سلطة بلدية البلدية محافظة وكالة الوكالة
`;

/** Descriptors whose name follows (شركة "X", موقع "X", صحيفة X): the descriptor is not part of the name. */
export const AR_NAME_INTRODUCERS = `
شركة الشركة موقع الموقع صحيفة الصحيفة مجلة المجلة قناة القناة وكالة الوكالة إذاعة الإذاعة
نادي النادي
`;

/** Descriptors whose name follows and is a product (نظام "X", برنامج X). */
export const AR_PRODUCT_INTRODUCERS = `
نظام النظام برنامج البرنامج تطبيق التطبيق هاتف الهاتف جهاز الجهاز منصة المنصة طائرة الطائرة صاروخ الصاروخ
سيارة السيارة لعبة اللعبة متصفح المتصفح
`;

/** Descriptors whose name follows and is an event (تمرين "X", مهرجان X). */
export const AR_EVENT_HEADS = `
تمرين التمرين مهرجان المهرجان مؤتمر المؤتمر قمة القمة منتدى المنتدى معرض المعرض بطولة البطولة دورة الدورة
مناورات المناورات ملتقى الملتقى انتخابات الانتخابات مسابقة المسابقة عملية العملية
`;

/** Well-known organisations (Arabic, English), each row a canonical name followed by variants. */
export const KNOWN_ORGS: string[][] = [
  ['الأمم المتحدة', 'United Nations', 'UN', 'U.N.', 'الامم المتحدة'],
  ['مجلس الأمن', 'Security Council', 'مجلس الأمن الدولي'],
  ['الاتحاد الأوروبي', 'European Union', 'EU'],
  ['حلف شمال الأطلسي', 'NATO', 'الناتو', 'حلف الناتو', 'حلف الأطلسي'],
  ['جامعة الدول العربية', 'Arab League', 'الجامعة العربية'],
  ['الاتحاد الأفريقي', 'African Union'],
  ['مجلس التعاون الخليجي', 'Gulf Cooperation Council', 'GCC', 'مجلس التعاون'],
  ['منظمة التعاون الإسلامي', 'Organisation of Islamic Cooperation', 'OIC'],
  ['البنك الدولي', 'World Bank'],
  ['صندوق النقد الدولي', 'International Monetary Fund', 'IMF'],
  ['منظمة الصحة العالمية', 'World Health Organization', 'WHO'],
  ['منظمة التجارة العالمية', 'World Trade Organization', 'WTO'],
  ['الوكالة الدولية للطاقة الذرية', 'International Atomic Energy Agency', 'IAEA'],
  ['اليونسكو', 'UNESCO'],
  ['اليونيسف', 'UNICEF', 'اليونيسيف'],
  ['أوبك', 'OPEC', 'اوبك'],
  ['الفيفا', 'FIFA', 'فيفا'],
  ['اللجنة الأولمبية الدولية', 'International Olympic Committee', 'IOC'],
  ['الصليب الأحمر', 'Red Cross', 'اللجنة الدولية للصليب الأحمر'],
  ['منظمة العفو الدولية', 'Amnesty International'],
  ['هيومن رايتس ووتش', 'Human Rights Watch'],
  ['حماس', 'Hamas'],
  ['حزب الله', 'Hezbollah'],
  ['حركة فتح', 'Fatah'],
  ['طالبان', 'Taliban'],
  ['تنظيم القاعدة', 'al-Qaeda', 'Al Qaeda'],
  ['تنظيم الدولة', 'Islamic State', 'ISIS', 'داعش'],
  ['الإخوان المسلمين', 'Muslim Brotherhood', 'جماعة الإخوان المسلمين', 'الإخوان المسلمون'],
  ['الكونغرس', 'Congress', 'الكونجرس'],
  ['مجلس الشيوخ', 'Senate'],
  ['مجلس النواب', 'House of Representatives'],
  ['الكنيست', 'Knesset'],
  ['البنتاغون', 'Pentagon', 'البنتاجون'],
  ['البيت الأبيض', 'White House'],
  ['الكرملين', 'Kremlin'],
  ['وكالة المخابرات المركزية', 'CIA', 'سي آي إيه'],
  ['مكتب التحقيقات الفيدرالي', 'FBI', 'إف بي آي'],
  ['رويترز', 'Reuters'],
  ['فرانس برس', 'Agence France-Presse', 'AFP', 'وكالة الصحافة الفرنسية'],
  ['أسوشيتد برس', 'Associated Press', 'AP', 'أسوشيتدبرس'],
  ['الجزيرة', 'Al Jazeera'],
  ['قناة العربية', 'Al Arabiya'],
  ['بي بي سي', 'BBC'],
  ['سي إن إن', 'CNN'],
  ['نيويورك تايمز', 'New York Times', 'The New York Times'],
  ['واشنطن بوست', 'Washington Post', 'The Washington Post'],
  ['وول ستريت جورنال', 'Wall Street Journal', 'The Wall Street Journal'],
  ['الغارديان', 'The Guardian', 'Guardian'],
  ['فايننشال تايمز', 'Financial Times'],
  ['بلومبرغ', 'Bloomberg'],
  ['غوغل', 'Google', 'جوجل'],
  ['مايكروسوفت', 'Microsoft'],
  ['أبل', 'Apple'],
  ['فيسبوك', 'Facebook'],
  ['أمازون', 'Amazon'],
  ['سامسونغ', 'Samsung', 'سامسونج'],
  ['نوكيا', 'Nokia'],
  ['تويوتا', 'Toyota'],
  ['بوينغ', 'Boeing', 'بوينج'],
  ['إيرباص', 'Airbus'],
  ['أرامكو', 'Aramco', 'أرامكو السعودية'],
  ['ريال مدريد', 'Real Madrid'],
  ['مانشستر يونايتد', 'Manchester United'],
  ['مانشستر سيتي', 'Manchester City'],
  ['تشيلسي', 'Chelsea', 'تشلسي'],
  ['أرسنال', 'Arsenal', 'آرسنال'],
  ['يوفنتوس', 'Juventus'],
  ['بايرن ميونيخ', 'Bayern Munich'],
  ['الأهلي', 'Al Ahly'],
  ['الزمالك', 'Zamalek'],
];

/** Well-known events: canonical name, then variants (a variant merges into its canonical entity). */
export const KNOWN_EVENTS: string[][] = [
  ['كأس العالم', 'World Cup', 'مونديال', 'المونديال', 'بطولة كأس العالم', 'FIFA World Cup'],
  ['كأس العرب', 'Arab Cup'],
  ['كأس آسيا', 'Asian Cup'],
  ['كأس أمم أفريقيا', 'Africa Cup of Nations'],
  ['الألعاب الأولمبية', 'Olympic Games', 'Olympics', 'الأولمبياد', 'أولمبياد', 'الدورة الأولمبية'],
  ['دوري أبطال أوروبا', 'Champions League'],
  ['الحرب العالمية الأولى', 'First World War', 'World War I'],
  ['الحرب العالمية الثانية', 'Second World War', 'World War II'],
  ['الربيع العربي', 'Arab Spring'],
  ['رمضان', 'Ramadan'],
  ['عيد الفطر', 'Eid al-Fitr'],
  ['عيد الأضحى', 'Eid al-Adha'],
  ['عيد الميلاد', 'Christmas'],
];

/** English titles before a person's name. */
export const EN_PERSON_TITLES = new Set(
  `Mr Mr. Mrs Mrs. Ms Ms. Dr Dr. Prof Prof. Sir Dame Lord Lady President Minister Prime Chancellor Senator Sen. Rep.
  Gov. Governor King Queen Prince Princess Sheikh Pope General Gen. Col. Colonel Lt. Captain Capt. Judge Justice
  Ambassador Secretary Mayor Chairman Chairwoman Chief Rev. Saint Emir Sultan Ayatollah Imam Coach Commissioner`
    .split(/\s+/)
    .filter(Boolean),
);

/** English words that make a capitalised sequence an organisation when they end or head it. */
export const EN_ORG_WORDS = new Set(
  `Inc Inc. Ltd Ltd. Corp Corp. Co. LLC Plc PLC Group Technologies Technology Systems Company Corporation Bank
  University College Institute Ministry Department Agency Council Committee Commission Party Parliament Authority
  Organisation Organization Association Federation Union League Foundation Fund Society Club Airlines Airways
  Motors Industries Holdings Partners Capital Labs Networks Media News Times Post Press Journal Police Army Navy
  Court Office Board Service Services Bureau Coalition Alliance Movement Front Council Assembly Senate Congress
  Direction Navigation FC Bureau Trust Academy School Hospital Centre Center Network Telecom Energy Petroleum`
    .split(/\s+/)
    .filter(Boolean),
);

/** English words that make a capitalised sequence an event. */
export const EN_EVENT_WORDS = new Set(
  `Cup Games Olympics Championship Championships Summit Conference Festival Expo Forum Election Elections War
  Tournament Marathon Grand Prix Awards Exercise Week Congress`
    .split(/\s+/)
    .filter(Boolean),
);

/** English words that make a single capitalised word after "in/at/from" a likely place. */
export const EN_LOCATION_PREPOSITIONS = new Set([
  'in',
  'at',
  'from',
  'near',
  'to',
  'across',
  'outside',
  'inside',
]);

/** English verbs of saying that follow a speaker. */
export const EN_SPEECH_VERBS = new Set([
  'said',
  'says',
  'told',
  'added',
  'stated',
  'announced',
  'explained',
  'warned',
  'noted',
  'argued',
  'asked',
  'wrote',
  'insisted',
  'confirmed',
  'denied',
]);

/** Arabic verbs of saying (normalised, without clitics) whose subject is often a named speaker. */
export const AR_SPEECH_VERBS = `
قال قالت يقول تقول أكد أكدت يؤكد تؤكد أضاف أضافت يضيف ذكر ذكرت يذكر أعلن أعلنت يعلن صرح صرحت أوضح أوضحت
أشار أشارت اعتبر اعتبرت رأى رأت لفت لفتت كشف كشفت نقل نقلت أفاد أفادت حذر حذرت دعا دعت طالب طالبت شدد شددت
نفى نفت تابع تابعت أبلغ أبلغت أعرب أعربت وصف وصفت
`;

/** Arabic function words and frequent non-name words that never start or continue a name. */
export const AR_STOP_EXTRA = `
في من إلى الى على عن مع بين حتى منذ خلال عند لدى نحو حول ضد دون بعد قبل فوق تحت أمام وراء عبر ضمن لدي
هذا هذه ذلك تلك هؤلاء أولئك هنا هناك الذي التي الذين اللذين اللتين اللواتي اللاتي ما ماذا من متى أين كيف لماذا
هو هي هم هن أنا نحن أنت أنتم كان كانت يكون تكون كانوا أن إن أنه أنها إنه إنها لكن ولكن بل أو أم ثم قد لقد لم لن
لا ليس ليست غير سوى كل بعض جميع أي أيضا فقط كما مثل حيث إذا إذ لو لولا كي لأن لان بأن وأن وقد وكان وهو وهي
وفي ومن وعلى عليه عليها إليه إليها منه منها فيه فيها له لها لهم بها به بهم عنه عنها معه معها يوم اليوم أمس غدا
الآن حاليا عام العام سنة السنة شهر الشهر أسبوع الأسبوع الماضي المقبل القادم الحالي الجاري ساعة الساعة
وفق وفقا حسب بحسب نقلا إثر اثر جراء بسبب نتيجة لدى وسط شمال جنوب شرق غرب الشمال الجنوب الشرق الغرب
الأول الثاني الثالث الأولى الثانية أول آخر أخرى الأخرى الأخير الأخيرة جديد الجديد الجديدة كبير الكبير صغير
رئيس الرئيس وزير الوزير حكومة الحكومة دولة الدولة بلاد البلاد مدينة المدينة العاصمة منطقة المنطقة قرية
يذكر تجدر الإشارة يشار أجل بشأن حول تجاه إزاء لصالح بخصوص مقابل عدة عدد أكثر أقل نحو حوالي قرابة نسبة
هذا وهذا وذلك الذي والذي إنما كذلك أيضاً ايضا أما وأما إلا الا لدى مساء صباح ظهر ليلة فجر
ولد توفي قام بدأ أصبح صار ظل بات عاد تم يتم جرى يجري وقع يقع أدى يؤدي شارك يشارك زار يزور التقى وصل غادر
مسؤول مسؤولون مصدر مصادر متحدث شهود بيان تقرير مراسل الصحيفة الوكالة الموقع الوزارة الشركة الحكومة الجيش
المرأة الرجل الناس الشعب الجميع أحد إحدى خاصة عامة كرة القدم
`;
