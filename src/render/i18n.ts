/**
 * The bot's own words in the three languages users write in. Only UI wording lives
 * here: quotes from the article are never translated or converted.
 */
import type { IndexMode } from '../answers/types.js';
import { LANGS, type Lang } from '../text/language.js';
import { foldScript } from '../text/normalize.js';

export { LANGS };

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/**
 * A Discord locale ("zh-TW", "zh-CN", "en-US", …) as one of our languages. Hong Kong and
 * Taiwan users pick zh-TW in Discord; everything that is not Chinese gets English.
 */
export function langFromLocale(locale: string | null | undefined, fallback: Lang = 'en'): Lang {
  if (!locale) return fallback;
  const l = locale.toLowerCase();
  if (l === 'zh-tw' || l === 'zh-hk' || l === 'zh-hant' || l.startsWith('zh-hant'))
    return 'zh-Hant';
  if (l.startsWith('zh')) return 'zh-Hans';
  return 'en';
}

/**
 * A label ending in its own punctuation, then what it introduces: a full-width colon (or any
 * full-width mark) already holds its space, so only an ASCII one gets a space after it.
 */
export function afterLabel(label: string, text: string): string {
  return /[\u3000-\u303f\uff00-\uffef]$/.test(label) ? `${label}${text}` : `${label} ${text}`;
}

export interface HelpParams {
  /** "<@id>" of the bot, rendered by Discord as its name. */
  botMention: string;
  /** "<#id>" for each answer channel. */
  answerChannels: string[];
  maxQuestionChars: number;
  cooldownSeconds: number;
  /** Mentions are answered in a thread, where follow-ups need no mention (ANSWER_IN_THREADS). */
  answerInThreads: boolean;
}

export interface UiStrings {
  /** Joins a list of names or topics. */
  listSeparator: string;
  /** After a label: "：" in Chinese, ": " in English. */
  labelSeparator: string;
  sources: string;
  readArticle: string;
  morePassages(n: number): string;
  morePassagesTitle: string;
  notShown(n: number): string;
  verbatimFooter: string;
  mode(mode: IndexMode): string;
  notInArticle: string;
  /** Heads the closest passages when the article is about the question but does not answer it. */
  relatedCaveat: string;
  suggestionsLead: string;

  aliases: string;
  role: string;
  mentionCount(n: number): string;
  moreMentions(n: number): string;
  personNotFound(query: string): string;
  personTry: string;

  aboutTitle: string;
  articles: string;
  passages: string;
  people: string;
  modeField: string;
  modeWhyHybrid: string;
  model: string;
  noModel: string;
  builtAt: string;
  byAuthor(author: string): string;
  moreArticles(n: number): string;

  helpTitle: string;
  helpBody(p: HelpParams): string;

  /** Heads a summary: "Summary: <title>". */
  summaryTitle(title: string): string;
  /** Says what the summary is: the article's own sentences, in its order. */
  summaryNote: string;
  greetingTitle: string;
  /** What the bot does, before the list of articles. */
  greetingLead(articles: number): string;
  greetingTry: string;
  /** Points to /help and to asking for a summary. */
  greetingHelp: string;
  /** For the console and `ask`: what can be asked, without Discord's commands. */
  askHelp: string;
  /** /summary article:<text> named no article; `titles` lists the ones there are. */
  noArticle(query: string, titles: string): string;

  cooldown(seconds: number): string;
  tooLong(length: number, max: number): string;
  emptyQuestion: string;
  emptyPerson: string;
  /** The message command was used on a message with no text (an image, a sticker). */
  emptyTarget: string;
  expired: string;
  unknownCommand: string;
  error(id: string): string;
}

const zhHant: UiStrings = {
  listSeparator: '、',
  labelSeparator: '：',
  sources: '出處',
  readArticle: '閱讀原文',
  morePassages: (n) => `更多段落（${n}）`,
  morePassagesTitle: '更多相關段落',
  notShown: (n) => `另有 ${n} 段放不下，請按「更多段落」查看。`,
  verbatimFooter: '引文一字不改摘自原文；[n] 對應原文段落 ¶。',
  mode: (m) => (m === 'hybrid' ? '關鍵詞＋語義檢索' : '關鍵詞檢索'),
  notInArticle: '文章沒有提到這一點。',
  relatedCaveat: '文章沒有直接回答；最相關的段落：',
  suggestionsLead: '文章談到的有：',

  aliases: '又稱',
  role: '身分',
  mentionCount: (n) => `文中提及 ${n} 次`,
  moreMentions: (n) => `另有 ${n} 處提及未列出。`,
  personNotFound: (q) => `文章中沒有找到「${q}」。`,
  personTry: '可以試試：',

  aboutTitle: '關於這個機器人',
  articles: '文章',
  passages: '段落數',
  people: '人物數',
  modeField: '檢索方式',
  modeWhyHybrid: '已載入語義模型，關鍵詞與語義一併比對。',
  model: '語義模型',
  noModel: '無（只用關鍵詞）',
  builtAt: '索引建立於',
  byAuthor: (a) => `作者 ${a}`,
  moreArticles: (n) => `……另有 ${n} 篇`,

  helpTitle: '使用說明',
  helpBody: (p) =>
    [
      '我只根據文章原文回答：每段引文一字不改，並以 [1]、[2] 標出原文段落 ¶。文章沒提到的，我會直說。',
      '',
      '**提問方式**',
      `• 在頻道中提及我並附上問題：${p.botMention} 潘梓正在哪裡讀碩士？`,
      '• 私訊我，直接寫問題。',
      ...(p.answerChannels.length > 0
        ? [`• 在 ${p.answerChannels.join('、')} 中，每則訊息都會被當作問題。`]
        : []),
      ...(p.answerInThreads
        ? ['• 提及我的問題會在新的討論串中回答；在討論串裡接著問不必再提及我。']
        : []),
      '• `/ask question:<問題>`；加上 `private:True` 只有你看得到答案。',
      '• 在訊息上按右鍵（手機長按）→ 應用程式 →「就這則訊息問文章」：以那則訊息提問。',
      '• `/person name:<姓名>`：文中人物的身分與所有提及（輸入時會提示姓名）。',
      '• `/summary`：文章摘要，以原文句子依序列出並註明段落；也可以直接問「這篇文章在講什麼？」。',
      '• `/about`：文章、來源、日期與索引資訊。',
      '',
      '**按鈕**',
      '「更多段落」只向按下的人顯示其他相關段落；「閱讀原文」開啟文章網頁。',
      '',
      `問題最長 ${p.maxQuestionChars} 字` +
        (p.cooldownSeconds > 0 ? `；每人每 ${p.cooldownSeconds} 秒可問一次。` : '。') +
        '可用繁體、簡體中文或英文提問。',
    ].join('\n'),

  summaryTitle: (title) => `摘要：${title}`,
  summaryNote: '以下句子一字不改摘自原文，依原文順序排列。',
  greetingTitle: '你好！',
  greetingLead: (n) =>
    `我只根據${n > 1 ? '以下文章' : '這篇文章'}回答問題，引文一字不改，並註明原文段落 ¶：`,
  greetingTry: '可以這樣問：',
  greetingHelp: '想看文章重點，可以問「這篇文章在講什麼？」或用 `/summary`；所有用法請見 `/help`。',
  askHelp: [
    '就文章提問即可，繁體、簡體中文或英文都行；回答逐字引用原文並註明段落 ¶。',
    '問「這篇文章在講什麼？」可得文章摘要；問人物、數字、原因、時間等，文章沒提到的我會直說。',
  ].join('\n'),
  noArticle: (q, titles) => `沒有找到「${q}」這篇文章。現有：${titles}`,

  cooldown: (s) => `請稍候 ${s} 秒再提問。`,
  tooLong: (n, max) => `問題太長了（${n} 字），上限是 ${max} 字，請精簡後再問。`,
  emptyQuestion: '請在提及我之後寫下問題，例如：潘梓正在哪裡讀碩士？',
  emptyPerson: '請輸入要查的姓名。',
  emptyTarget: '這則訊息沒有文字可以拿來提問。請選一則寫著問題的訊息，或用 /ask 直接問。',
  expired: '這個按鈕已過期，請重新提問。',
  unknownCommand: '我不認識這個指令，可能剛更新過，請稍後再試。',
  error: (id) => `抱歉，處理時出了錯。錯誤編號：\`${id}\``,
};

/**
 * Where mainland usage differs from Taiwan's beyond the characters, as pairs applied after
 * OpenCC's character-by-character fold: quotation marks, and words such as 載入 (加载).
 */
const MAINLAND_WORDING: readonly (readonly [string, string])[] = [
  ['「', '“'],
  ['」', '”'],
  ['身分', '身份'],
  ['载入', '加载'],
  ['私讯', '私信'],
  ['每则讯息', '每条消息'],
  ['资讯', '信息'],
  ['开启', '打开'],
];

/** The bot's own zh-Hant wording in zh-Hans. Never for quotes: the article is shown as written. */
export function simplifiedWording(text: string): string {
  return MAINLAND_WORDING.reduce((t, [from, to]) => t.replaceAll(from, to), foldScript(text));
}

type Wording = string | ((...args: never[]) => string);

/** Every string of `strings` through simplifiedWording; functions have their output converted. */
function simplified(strings: UiStrings): UiStrings {
  const entries = Object.entries(strings as unknown as Record<string, Wording>).map(
    ([key, value]) => [
      key,
      typeof value === 'string'
        ? simplifiedWording(value)
        : (...args: never[]) => simplifiedWording(value(...args)),
    ],
  );
  return Object.fromEntries(entries) as UiStrings;
}

const zhHans: UiStrings = {
  ...simplified(zhHant),
  // These insert someone else's words, which are shown as written, not converted.
  personNotFound: (q) => `文章中没有找到“${q}”。`,
  noArticle: (q, titles) => `没有找到“${q}”这篇文章。现有：${titles}`,
  byAuthor: (a) => `作者 ${a}`,
};

const en: UiStrings = {
  listSeparator: ', ',
  labelSeparator: ': ',
  sources: 'Sources',
  readArticle: 'Read the article',
  morePassages: (n) => `More passages (${n})`,
  morePassagesTitle: 'More passages',
  notShown: (n) =>
    `${n} more ${n === 1 ? 'passage does' : 'passages do'} not fit here: see “More passages”.`,
  verbatimFooter: 'Quotes are verbatim from the article; [n] points to its paragraphs (¶).',
  mode: (m) => (m === 'hybrid' ? 'keyword + semantic search' : 'keyword search'),
  notInArticle: 'The article does not say.',
  relatedCaveat: 'The article does not say this directly; closest passages:',
  suggestionsLead: 'The article does cover:',

  aliases: 'Also called',
  role: 'Role',
  mentionCount: (n) => `Mentioned ${n} ${n === 1 ? 'time' : 'times'} in the article`,
  moreMentions: (n) => `${n} more ${n === 1 ? 'mention' : 'mentions'} not listed.`,
  personNotFound: (q) => `Nobody called “${q}” appears in the article.`,
  personTry: 'Try:',

  aboutTitle: 'About this bot',
  articles: 'Articles',
  passages: 'Passages',
  people: 'People',
  modeField: 'Search',
  modeWhyHybrid: 'The semantic model is loaded: keywords and meaning are both matched.',
  model: 'Semantic model',
  noModel: 'none (keywords only)',
  builtAt: 'Index built',
  byAuthor: (a) => `by ${a}`,
  moreArticles: (n) => `…and ${n} more`,

  helpTitle: 'How to use me',
  helpBody: (p) =>
    [
      'I answer only from the article: every quote is verbatim, and [1], [2] point to its paragraphs (¶). When the article does not say, I tell you so.',
      '',
      '**Asking**',
      `• Mention me with a question in a channel: ${p.botMention} Where did Pan Zizheng get his master's degree?`,
      '• Send me a direct message with your question.',
      ...(p.answerChannels.length > 0
        ? [`• In ${p.answerChannels.join(', ')}, every message is taken as a question.`]
        : []),
      ...(p.answerInThreads
        ? [
            '• A question that mentions me is answered in a new thread; follow-ups there need no mention.',
          ]
        : []),
      '• `/ask question:<text>`; add `private:True` so that only you see the answer.',
      '• Right-click a message (long-press on a phone) → Apps → “Ask the article about this”: that message is the question.',
      '• `/person name:<name>`: who someone in the article is, and every mention (names are suggested as you type).',
      '• `/summary`: the article in a few of its own sentences, in order, each cited; or just ask “What is the article about?”',
      '• `/about`: the articles, source, date and index.',
      '',
      '**Buttons**',
      '“More passages” shows further passages to whoever clicks it, privately; “Read the article” opens the article.',
      '',
      `Questions can be up to ${p.maxQuestionChars} characters` +
        (p.cooldownSeconds > 0 ? `; one question per ${p.cooldownSeconds} s per person.` : '.') +
        ' Ask in Traditional or Simplified Chinese, or English.',
    ].join('\n'),

  summaryTitle: (title) => `Summary: ${title}`,
  summaryNote: 'These sentences are quoted verbatim from the article, in its order.',
  greetingTitle: 'Hello!',
  greetingLead: (n) =>
    `I answer questions about ${n > 1 ? 'these articles' : 'this article'} only, quoting ${n > 1 ? 'them' : 'it'} word for word with paragraph (¶) citations:`,
  greetingTry: 'Try asking:',
  greetingHelp:
    'For the gist, ask “What is the article about?” or use `/summary`; `/help` shows everything I can do.',
  askHelp: [
    'Ask about the article in Traditional or Simplified Chinese, or English; answers quote it word for word with ¶ citations.',
    'Ask “What is the article about?” for a summary; ask about people, figures, reasons, dates. When the article does not say, I tell you so.',
  ].join('\n'),
  noArticle: (q, titles) => `No article matches “${q}”. There are: ${titles}`,

  cooldown: (s) => `Please wait ${s} s before asking again.`,
  tooLong: (n, max) =>
    `That question is ${n} characters long; the limit is ${max}. Please shorten it and ask again.`,
  emptyQuestion:
    "Write your question after mentioning me, e.g. “Where did Pan Zizheng get his master's degree?”",
  emptyPerson: 'Please type a name to look up.',
  emptyTarget:
    'That message has no text to ask about. Pick a message with a question in it, or use /ask.',
  expired: 'This button has expired: please ask again.',
  unknownCommand: 'I do not know that command; it may have just changed. Please try again shortly.',
  error: (id) => `Sorry, something went wrong. Error id: \`${id}\``,
};

const STRINGS: Record<Lang, UiStrings> = { 'zh-Hant': zhHant, 'zh-Hans': zhHans, en };

export function ui(lang: Lang): UiStrings {
  return STRINGS[lang];
}
