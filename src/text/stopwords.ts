/**
 * Words that carry no topic in a question. They are in normal form (Simplified,
 * lowercase). Question words matter here: "谁", "多少", "what" must not count as
 * evidence that the article answers a question.
 */
export const CHINESE_STOPWORDS = new Set(
  (
    '的 了 是 在 吗 呢 吧 啊 么 和 与 及 或 而 就 都 也 还 又 很 把 被 对 从 向 于 以 之 其 这 那 此 ' +
    '这个 那个 这些 那些 一个 一些 一种 什么 甚么 哪 哪些 哪个 哪家 哪所 哪里 哪儿 哪位 哪天 哪年 谁 多少 几 ' +
    '怎么 怎样 怎么样 如何 为什么 为何 是否 有没有 有 没有 什么样 哪种 请问 请 告诉 我 你 他 她 它 我们 ' +
    '你们 他们 她们 ' +
    '吗 呀 嘛 啦 呢 曾 过 着 会 能 可以 要 想 该 应该 一下 所 给 让 说 提到 提出 提 关于 问题 文章 文中 ' +
    '报道 新闻 ' +
    // "Would rather": jieba tags 宁可 as a person's name, which would make it a name the article lacks.
    '宁可 宁愿 ' +
    // Cantonese grammar words, as Hong Kong readers write them (normal form): 係 is 系 here.
    '系 嘅 喺 𠮶 冇 唔 啲 咗 㗎 咩 嚟 喎 囉 呢个 𠮶个 佢 佢哋 边个 边度 几多 几时 点解 乜嘢 做咩'
  ).split(/\s+/),
);

/** Single characters that, paired, make no topical bigram ("是谁", "什么"). */
export const CHINESE_STOP_CHARS = new Set([
  ...'的了是在吗呢吧啊么和与及或就都也还又很把被对从向于以之其这那此个些什哪谁几怎样何为否有没请我你他她它们呀嘛啦曾过着会能可要想该所给让一',
  ...'系嘅喺𠮶冇唔啲咗㗎咩嚟喎囉佢边',
]);

export const ENGLISH_STOPWORDS = new Set(
  (
    'a an the is are was were be been being am do does did done doing have has had having ' +
    'who whom whose what when where why which how that this these those there here ' +
    'of in on at to for from with about by as into onto over under between through during ' +
    'and or but not no nor so than then too very can could would should will shall may might must ' +
    'i me my we us our you your he him his she her it its they them their ' +
    'say says said tell told mention mentions mentioned according article piece news report reported ' +
    // How the article puts something, not what it is about: "how does it explain…".
    'explain explains explained describe describes described define defines defined ' +
    'please does any some much many more most such just also only own same other'
  ).split(/\s+/),
);
