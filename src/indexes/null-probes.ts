/**
 * Questions no news article about technology, AI, companies, universities or the
 * people in them answers: weather, cooking, sports rules, pets, gardening, travel
 * directions, arithmetic, health, music, home repair.
 *
 * They exist to measure the null: how similar a question the article does NOT
 * answer still comes out to its best passage, for this model and this corpus.
 * Cosine similarities mean different things from model to model (some put every
 * pair of texts above 0.7, others spread them around 0), and the best of N
 * passages rises with N, so no fixed similarity threshold can say "related".
 * Measured against these probes at build time, a question's similarity becomes
 * a position in the null distribution instead, which transfers across models.
 *
 * Three languages in equal numbers, because a model's similarities shift with the
 * script and language of the question, and questions come in all three. Lengths
 * and forms vary (short and long, questions and requests) for the same reason.
 * The shift is large enough (with a small model, English probes sit far above
 * Chinese ones) that one pooled null would be too wide for either, so each probe
 * carries its language and a question is measured against the null of its own.
 * That language is the one detectLanguage gives the probe, as it gives a question's:
 * a Simplified probe written only in characters both scripts share would be
 * detected as Traditional and measured among the wrong questions.
 * The list is fixed: changing it changes every build's calibration, so it goes
 * with a schema version bump.
 */
import type { Lang } from '../text/language.js';

export interface NullProbe {
  text: string;
  lang: Lang;
}

/** Traditional Chinese, in Taiwan's wording (高麗菜, 捷運, 冷氣, 芭樂). */
const TRADITIONAL: readonly string[] = [
  '明天下午會下雨嗎？',
  '高麗菜要炒多久才會熟？',
  '家裡的冷氣濾網多久要清洗一次？',
  '籃球比賽中走步是怎麼判定的？',
  '貓咪最近一直掉毛，該怎麼辦？',
  '陽台種的番茄葉子變黃了，是不是水澆太多？',
  '從火車站要怎麼搭捷運到動物園？',
  '三百七十五加四百二十八等於多少？',
  '感冒的時候多喝溫開水真的有幫助嗎？',
  '吉他六條弦的標準調音是哪幾個音？',
  '浴室的水龍頭一直滴水，要換哪個零件？',
  '鳳梨酥的內餡怎麼做？',
  '颱風天出門要注意什麼？',
  '狗狗可以吃芭樂嗎？',
  '騎腳踏車環島大概要幾天？',
  '推薦一道夏天吃的涼拌小菜',
  '羽毛球發球的時候，球拍一定要低於腰部嗎？',
  '晚上睡不著，睡前可以做哪些簡單的伸展運動來放鬆身體？',
];

/** Simplified Chinese, in mainland wording (西红柿, 地铁, 嗓子, 卫生间). */
const SIMPLIFIED: readonly string[] = [
  '今天外面冷不冷，要不要穿羽绒服？',
  '西红柿炒鸡蛋应该先放哪个？',
  '足球比赛里越位是怎么判罚的？',
  '家里的金鱼总是浮在水面上是怎么回事？',
  '阳台上的绿萝叶子发黄怎么办？',
  '从火车站坐地铁去机场要换乘几次？',
  '一百二十乘以十五等于多少？',
  '每天走一万步对膝盖有没有伤害？',
  '钢琴初学者每天应该练多长时间？',
  '卫生间地漏返臭味怎么处理？',
  '红烧肉怎么做才不油腻？',
  '下雪天开车要注意什么？',
  '兔子能吃胡萝卜叶吗？',
  '教我给多肉植物换盆',
  '乒乓球比赛一局打到几分？',
  '嗓子疼可以喝蜂蜜水吗？',
  '空调遥控器没反应了，换了电池还是不行',
  '包饺子的面要和多软，醒面要醒多久，韭菜鸡蛋馅怎么调才不出水？',
];

const ENGLISH: readonly string[] = [
  'Will it rain tomorrow afternoon?',
  'How long should I boil an egg for a runny yolk?',
  'What is the offside rule in football?',
  'Why does my dog keep scratching its ears?',
  'When is the best time to plant tulip bulbs?',
  'How do I walk from the train station to the city museum?',
  'What is 48 times 12?',
  'How much water should an adult drink each day?',
  'Which chords do I need to play a simple twelve-bar blues in E?',
  'How do I fix a squeaky door hinge?',
  'A simple banana bread recipe, please.',
  'Can cats eat cooked chicken bones?',
  'How many players are on a volleyball team?',
  'What should I pack for a weekend camping trip in the mountains?',
  'Getting candle wax out of a carpet',
  'Is it better to stretch before or after running?',
  'How often should I water a cactus in winter?',
  'My basil keeps wilting on the kitchen windowsill even though I water it every morning; is it getting too much sun or too little?',
];

const tagged = (lang: Lang, texts: readonly string[]): NullProbe[] =>
  texts.map((text) => ({ text, lang }));

export const NULL_PROBES: readonly NullProbe[] = [
  ...tagged('zh-Hant', TRADITIONAL),
  ...tagged('zh-Hans', SIMPLIFIED),
  ...tagged('en', ENGLISH),
];
