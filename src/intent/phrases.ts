/**
 * The words a request about the article as a whole, a greeting and a request for help
 * are made of, in Chinese (any script: they are normalised when loaded) and English.
 *
 * A message has one of these intents only when it is made of nothing else: "文章說DeepSeek
 * 訓練花了多少錢" contains 文章 and 說, but DeepSeek, 訓練, 錢 are left over, so it is an
 * ordinary question. Cues say what the intent is; fillers are what may stand around them
 * (politeness, the article named, particles) and say nothing by themselves.
 */

export interface PhraseSet {
  /** At least one must be present. */
  cues: readonly string[];
  /** May be present; never enough alone. */
  fillers: readonly string[];
}

const words = (s: string): string[] => s.trim().split(/\s+/);

/** Hello, and the bot addressed: allowed around every intent ("hi, summarize it"). */
const GREETING_WORDS = words(`
  你好 您好 你好呀 你好啊 哈囉 哈啰 哈喽 嗨 嘿 哈咯 早 早安 早上好 午安 晚上好 下午好 大家好 喂 在嗎 在不在 你在嗎
  hi hello hey heya hiya howdy yo greetings sup hallo hola
  good+morning good+afternoon good+evening good+day hi+there hello+there hey+there
  morning evening 👋
  哈佬 有人嗎 有人在嗎 anyone+here anybody+here anyone+there is+anyone+here anyone+around
`);

/** Who or what the bot is: a greeting too (the answer introduces the bot). */
const IDENTITY_WORDS = words(`
  你是誰 您是誰 你是什麼 你是啥 你是什麼東西 你叫什麼 你叫什麼名字 你的名字 你是做什麼的 你做什麼的 你是幹嘛的 你是幹什麼的
  你是機器人 你是bot 你是哪位 你是什麼機器人 你是個什麼 你是個什麼機器人 你是咩嚟 你係咩嚟 你係乜 你係邊個 你係咩 你係乜嘢 你係咩嚟 介紹一下你自己 介紹你自己 介紹一下自己 自我介紹
  who+are+you who+r+u who+is+this what+are+you what+is+this+bot what+is+your+name whats+your+name
  are+you+a+bot are+you+a+robot introduce+yourself tell+me+about+yourself who+am+i+talking+to
`);

/** Addressing, politeness and particles: no intent of their own. */
const COMMON_FILLERS = words(`
  請 請問 麻煩 麻煩你 幫我 幫忙 給我 我想 我想知道 想知道 想 可以 可不可以 能 能不能 能否 你能 你可以 你會 會 一下 下
  吗 嗎 呢 啊 呀 吧 啦 嘛 哦 喔 哈 的 了 是 呃 嗯 那 那麼 所以 好 好的 謝謝 唔該 機器人 小助手 你 您 我 我們 咁 嘅 啲
  㗎 喎 囉 啩 嚟 咋 呗 唄 嘞 哇 就好 就行 就可以 個 呀
  bot robot please pls plz can could would will you u i me us we my just so ok okay thanks thank
  now quickly quick briefly kindly hey
`);

/** The article named: "這篇文章", "the story", "it". */
const ARTICLE_WORDS = words(`
  這篇文章 這篇 文章 本文 全文 原文 這篇報道 報道 這則新聞 新聞 這個 這 它 文 篇 這篇稿 稿
  這篇報導 報導 呢篇 呢篇文 呢篇文章 呢個 呢單新聞 這條新聞 這一篇
  article the+article this+article story the+story this+story piece text news post it this that
  the a an
`);

const SUMMARY_CUES = words(`
  總結 摘要 概括 概述 概要 大意 重點 要點 主旨 主題 主要內容 內容 梗概 核心 簡介 簡述 綜述 歸納 精華 大綱
  講什麼 講了什麼 講些什麼 講了些什麼 在講什麼 講的是什麼 講啥 講咩 講乜 講乜嘢 講緊咩 講咗咩 講緊乜嘢
  說什麼 說了什麼 說了些什麼 在說什麼 說的是什麼 說啥 寫什麼 寫了什麼 寫了些什麼 寫的是什麼 談什麼 談了什麼 談了些什麼
  關於什麼 是關於什麼 有關什麼 觀點 主要觀點 結論 說法 概況 講述 大概 大致 一句話 幾句話 三句話 五句話 重點是
  tldr tl+dr summary summarize summarise summarization sum+up summing+up recap gist overview synopsis
  key+points key+point main+points main+point main+idea main+ideas takeaways takeaway highlights
  about say says said cover covers discuss discusses talk+about talks+about happened
  what+is+going+on in+a+nutshell the+point brief+me fill+me+in
  懶人包 重點整理 啥意思 什麼意思 講了啥 說了啥 寫了啥 講的是啥 說的是啥 講咩 講咗啲乜 講乜嘢
  short+version the+short+version in+short sum bottom+line
  介紹 簡介一下 導讀
`);

const SUMMARY_FILLERS = words(`
  主要 簡單 簡單地 簡要 簡短 概略 大概 用 句 句話 個 幾個 幾點 點 有 哪些 什麼 是什麼 說說 講講 講下 講吓 告訴我 到底 究竟
  都 整體 整篇 一下子 給出 列出 列 出 做 做個 做一個 來 一個 一段 一段話 幾 三 五 條 關於 在 和 與 及 下文 寫 講 說
  what whats is are was does do did give tell in short few sentences sentence bullet bullets points
  one two three four five of for to on with about main key all overall whole entire really exactly basically
  provide write make short version
  啥 up it 給 給個 來個 整個
  mainly brief generally roughly
`);

const HELP_CUES = words(`
  幫助 求助 使用說明 說明 用法 怎麼用 如何用 如何使用 怎麼使用 怎樣用 怎樣使用 要怎麼用 點用 點樣用
  能做什麼 可以做什麼 會做什麼 會什麼 能幹什麼 能幹嘛 可以幹嘛 做到什麼 有什麼功能 功能 有什麼用
  能問什麼 可以問什麼 問什麼 能問啥 可以問啥 問些什麼 該問什麼 要問什麼 怎麼問 如何提問 怎麼提問 點問 問咩 識做咩 可以做咩
  指令 命令 幫助文件 教學
  幫什麼忙 幫我什麼忙 幫上什麼忙 能幫什麼 可以幫什麼 幫到什麼 能幹啥 可以幹啥 能做啥 可以做啥 會做啥 幹啥 問哪些 可以問 能問
  work works what+does+this+bot+do what+does+the+bot+do
  help commands command usage instructions guide manual features options how+to+use how+do+i+use
  how+does+this+work how+do+you+work how+does+it+work what+can+you+do what+do+you+do what+can+i+ask
  what+should+i+ask what+questions what+kind+of+questions what+sort+of+questions how+do+i+ask
  what+do+you+know what+can+you+answer what+can+you+tell+me how+to+ask
`);

const HELP_FILLERS = words(`
  有哪些 有什麼 哪些 什麼 問題 我可以 我能 我該 我應該 該 應該 應該怎樣 這個 你這個 嘅 可以用 有 用 些 東西 類 種
  can could should do does is are i ask you me this that the a an about here with for of to use
  question questions kind sort type types things thing available list show there any
  what which how+does how+do support supports supported have has got 支持 提供 忙 這個機器人
  how help+me
`);

export const PHRASES = {
  summary: {
    cues: SUMMARY_CUES,
    fillers: [...SUMMARY_FILLERS, ...ARTICLE_WORDS, ...COMMON_FILLERS, ...GREETING_WORDS],
  },
  help: {
    cues: HELP_CUES,
    fillers: [...HELP_FILLERS, ...COMMON_FILLERS, ...GREETING_WORDS, ...IDENTITY_WORDS],
  },
  greeting: {
    cues: [...GREETING_WORDS, ...IDENTITY_WORDS],
    fillers: [...COMMON_FILLERS, 'everyone', 'all', 'there', 'guys', 'folks', '大家', '各位'],
  },
} as const satisfies Record<string, PhraseSet>;
