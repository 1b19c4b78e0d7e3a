/**
 * The words questions are built from, as opposed to what they are about: question
 * words that say what kind of answer is wanted, the class nouns they go with (哪個城市,
 * which company), the attributes readers ask of people and companies (an age, a
 * salary, a founder), and the words that point at the article itself or its photos.
 *
 * General Chinese and English, not the words of one article. Chinese is written in
 * the normal form (Simplified); English in lowercase.
 */

/** What kind of thing answers a question. */
export type AnswerType =
  | 'person'
  | 'date'
  | 'place'
  | 'organisation'
  | 'quantity'
  | 'age'
  | 'percentage'
  | 'reason'
  | 'manner'
  | 'thing'
  | 'yes-no';

/** Question words and what they ask for. Longer forms first where one contains another. */
export const CHINESE_QUESTION_WORDS: readonly [RegExp, AnswerType][] = [
  // 多大了 / 今年多大 of a person: how old (of a company it would be size, rarely asked so).
  [/几岁|多大年纪|多少岁|年龄多大|岁数|多大了|今年多大/u, 'age'],
  [
    /百分之几|百分比|多少百分|几成|比例是多少|比例多少|多少比例|什么比例|多大比例|占比|占多少|占了多少|占几/u,
    'percentage',
  ],
  [
    /什么时候|什么时间|何时|哪天|哪一天|哪年|哪一年|几月|几号|几日|哪个月|多会儿|啥时候|几时|边日|边年/u,
    'date',
  ],
  // 邊個 alone asks who; before a noun (邊個故事) it asks which.
  [
    /谁|哪位|何人|什么人|哪个人|哪些人|哪一位|边个(?=[系是嚟啊呀人]|[^\p{Script=Han}]|$)|边位/u,
    'person',
  ],
  // 在哪幾個項目 asks which, not where.
  [
    /哪里|哪儿|在哪(?![几些个家所间位款部份篇项种一])|去哪|何处|什么地方|何地|啥地方|从哪|边度|边到/u,
    'place',
  ],
  [
    /多少|(?<!哪)几(?:个|名|位|家|倍|次|年|百|千|万|亿|张|台|辆|部|块|颗|架|只|条|项|种|篇|款|所|间|天|周)|多少倍|几分之|多大|多高|多贵|多久|多长|多远|几多|几耐/u,
    'quantity',
  ],
  [/为什么|为何|为啥|何以|怎么会|干嘛|凭什么|什么原因|原因是|点解|做咩|为咩/u, 'reason'],
  [/怎么样|怎样|如何|怎么|点样/u, 'manner'],
  [
    /什么|啥|哪些|哪几|哪个|哪家|哪所|哪间|哪款|哪部|哪份|哪篇|哪项|哪种|咩|乜嘢|边间|边家|边样/u,
    'thing',
  ],
  [/吗[?？]?$|是否|有没有|是不是|会不会|能不能|可不可以/u, 'yes-no'],
];

/** English question openings, matched at the start of a question (after "and", "so" …). */
export const ENGLISH_QUESTION_WORDS: readonly [RegExp, AnswerType][] = [
  [/^how old\b|^what age\b|^at what age\b/, 'age'],
  [/^what (?:percentage|percent|share|proportion|fraction)\b|^how many percent\b/, 'percentage'],
  [/^when\b|^(?:what|which)(?: [a-z]+){0,2}? (?:year|date|day|month|time)\b|^since when\b/, 'date'],
  [/^who(?:'s|se|m)?\b|^which (?:person|people|researcher|engineer|scholar|expert)\b/, 'person'],
  [
    /^where\b|^from where\b|^what (?:city|country|place)\b|^which (?:city|country|place)\b/,
    'place',
  ],
  [
    /^how (?:much|many|big|large|long|far|expensive|cheap|high|fast|often)\b|^what (?:price|amount|number)\b/,
    'quantity',
  ],
  [/^why\b|^for what reason\b|^how come\b|^what (?:made|caused|led)\b/, 'reason'],
  [/^how\b/, 'manner'],
  [/^(?:what|which)\b/, 'thing'],
  [/^(?:is|are|was|were|do|does|did|can|could|has|have|had|will|would|should)\b/, 'yes-no'],
];

/**
 * Words built on a question word ("哪間", "幾倍", "多少錢", "多大") are frame, not content:
 * they ask, and name nothing. Coverage skips them; the answer type keeps what they ask.
 */
export const CHINESE_FRAME =
  /^(?:哪|几|多[少大久长高远贵]|什么|啥|谁|为何|为什么|为啥|怎么|怎样|如何|何时|何处|何人|边[个位度间家样日年]|咩|乜|点解|点样)/u;

/**
 * Class nouns a question word goes with: 哪個城市 asks for a place, 哪家公司 for an
 * organisation. The noun says what kind of answer is wanted, which the article names
 * without using the noun ("北京", not "城市"), so it is frame, not content.
 */
export const CLASS_NOUNS: Readonly<Record<string, AnswerType>> = {
  ...Object.fromEntries(
    '城市 国家 地方 地区 省份 地点 国 城'.split(' ').map((w) => [w, 'place' as const]),
  ),
  ...Object.fromEntries(
    (
      '公司 企业 大学 学校 学院 高校 机构 单位 媒体 报纸 报社 杂志 网站 智库 基金会 实验室 研究院 ' +
      '组织 平台 集团 政府 部门 科技公司 厂商 巨头 院校 刊物 外媒'
    )
      .split(' ')
      .map((w) => [w, 'organisation' as const]),
  ),
  ...Object.fromEntries(
    '人 人物 人士 学者 专家 名人'.split(' ').map((w) => [w, 'person' as const]),
  ),
  ...Object.fromEntries(
    '年份 日期 时间 时候 月份 天 年 月'.split(' ').map((w) => [w, 'date' as const]),
  ),
  ...Object.fromEntries(
    // …and what someone said or thought: 原话 ("the exact words") is answered by the quote.
    (
      '职位 职务 身份 头衔 角色 职称 工作 岗位 背景 领域 专业 方向 科系 学科 ' +
      '原话 原文 说法 看法 观点 想法 意见 意思'
    )
      .split(' ')
      .map((w) => [w, 'thing' as const]),
  ),
};

export const ENGLISH_CLASS_NOUNS: Readonly<Record<string, AnswerType>> = {
  ...Object.fromEntries(
    'city country place state region location town'.split(' ').map((w) => [w, 'place' as const]),
  ),
  ...Object.fromEntries(
    (
      'company companies firm firms university universities school schools college institution ' +
      'organization organisation outlet outlets newspaper paper magazine website site lab labs ' +
      'laboratory institute foundation agency publication media startup startups'
    )
      .split(' ')
      .map((w) => [w, 'organisation' as const]),
  ),
  ...Object.fromEntries('year date day month time'.split(' ').map((w) => [w, 'date' as const])),
  ...Object.fromEntries(
    (
      'role position title job name reason story point idea view opinion answer result ' +
      'thing things way kind type part problem question example difference relationship'
    )
      .split(' ')
      .map((w) => [w, 'thing' as const]),
  ),
};

/**
 * Attributes a question asks of an entity that the article may simply not give. When a
 * question asks for one, the sentence that answers must name it (a cue), and for most
 * also show the value (the evidence type). "潘梓正的薪水是多少" is not answered by a
 * sentence about 潘梓正 and a number: it needs a sentence about pay.
 */
export interface AttributeSpec {
  name: string;
  /** How questions ask for it: Chinese (normal form) and English (lowercase words or phrases). */
  asked: RegExp;
  /** What the answering sentence must contain, in normal form. */
  cue: RegExp;
  /** The value the answering sentence must show, unless the cue alone answers. */
  evidence: AnswerType | null;
  /** The cue may be in any clause of the sentence, whatever that clause names. */
  anyClause?: boolean;
}

export const ATTRIBUTES: readonly AttributeSpec[] = [
  {
    name: 'age',
    asked: /几岁|多大年纪|年龄|年纪|岁数|多少岁|多大了|今年多大|\bhow old\b|\bage\b|\baged\b/u,
    cue: /\d+\s*(?:周?岁)|[一二三四五六七八九十]+岁|年龄|年纪|\baged?\s*\d|\d+\s*years? old/u,
    evidence: null,
  },
  {
    name: 'salary',
    asked:
      /薪水|薪资|薪酬|工资|年薪|月薪|底薪|报酬|年收入|月收入|收入多少|赚多少|挣多少|\bsalar(?:y|ies)\b|\bwages?\b|\bpaid\b|\bpay\b|\bearns?\b|\bcompensation\b|\bincome\b/u,
    cue: /薪|工资|报酬|收入|\bsalar|\bwage|\bpaid\b|\bpay\b|\bcompensation\b|\bincome\b/u,
    evidence: 'quantity',
  },
  {
    name: 'revenue',
    asked:
      /营收|营业额|营业收入|销售额|利润|盈利|净利|亏损|财报|\brevenues?\b|\bsales\b|\bprofits?\b|\bearnings\b|\bturnover\b/u,
    cue: /营收|营业|销售额|利润|盈利|净利|亏损|收入|\brevenue|\bsales\b|\bprofit|\bearnings\b/u,
    evidence: 'quantity',
  },
  {
    // What something cost to make: answered only where the sentence says so of it, so
    // "R1's training cost" is not answered by V3's cost in the same sentence.
    name: 'cost',
    // Asked for, not mentioned in passing ("besides living costs, …").
    asked:
      /成本(?:是|为|大概|大约|约|有)?(?:多少|几)|多少(?:钱的)?成本|(?:花|用)(?:了|费)(?:多少|几)|开销(?:多大|多少)|\bhow much did\b.*\bcost\b|\bcosts? (?:of|to)\b|['’]s (?:\w+ )?costs?\b|\bwhat (?:was|is|were) the (?:\w+ )?costs?\b/u,
    cue: /成本|花费|开销|经费|预算|\bcosts?\b|\bspent\b|\bbudget/u,
    evidence: 'quantity',
  },
  {
    name: 'valuation',
    asked: /估值|融资|募资|投资额|\bvaluations?\b|\bvalued at\b|\bfunding\b/u,
    cue: /估值|融资|募资|投资|市值|\bvalu|\bfunding\b/u,
    evidence: 'quantity',
  },
  {
    name: 'net worth',
    asked: /身家|净资产|财富|多有钱|\bnet worth\b|\bwealth\b|\bfortune\b|\bhow rich\b/u,
    cue: /身家|资产|财富|\bworth\b|\bwealth\b|\bfortune\b/u,
    evidence: 'quantity',
  },
  {
    name: 'headquarters',
    asked: /总部|总公司|\bheadquarter(?:s|ed)?\b|\bhq\b|\bbased in\b/u,
    cue: /总部|总公司|\bheadquarter|\bbased in\b/u,
    evidence: 'place',
  },
  {
    name: 'founding',
    asked:
      /创办|创始|创立|创建|成立|谁建立|谁开的|\bfound(?:ed|ers?)\b|\bco-?founders?\b|\bfounding (?:year|date)\b|\bestablished\b|\bset up\b/u,
    cue: /创办|创始|创立|创建|成立|\bfound(?:ed|er|ing)\b|\bestablished\b/u,
    evidence: null,
  },
  {
    name: 'employees',
    asked: /员工|雇员|职员|\bemployees?\b|\bstaff\b|\bheadcount\b|\bworkforce\b/u,
    cue: /员工|雇员|职员|人员规模|\bemployees?\b|\bstaff\b|\bheadcount\b|\bworkforce\b/u,
    evidence: 'quantity',
  },
  {
    name: 'parameters',
    asked: /参数|\bparameters?\b|\bparams\b/u,
    cue: /参数|\bparameters?\b/u,
    evidence: 'quantity',
  },
  {
    name: 'author',
    asked:
      /作者|谁写|谁撰|由谁|执笔|\bauthors?\b|\bwho wrote\b|\bwritten by\b|\bwriters?\b|\bpenned\b/u,
    cue: /作者|撰|写|执笔|文\s*[/／]|记者|\bauthor|\bwr(?:ote|itten|iter)\b|\bby\b/u,
    evidence: 'person',
  },
  {
    // What someone thinks of something, or how they answered it: only a sentence where
    // they speak answers it, not one that names them in passing ("像…馬斯克這樣…").
    name: 'opinion',
    asked:
      /怎么看|如何看|怎么评价|如何评价|有何评价|什么评价|怎么回应|如何回应|什么回应|有何回应|有回应|怎么说的|说了什么|\bwhat does \w+ think\b|\bwhat did \w+ think\b|\bthinks? (?:of|about)\b|\bviews? (?:on|of|about)\b|\bopinions? (?:on|of|about)\b|\brespon(?:d|ded|se) to\b|\bcomment(?:ed)? on\b/u,
    cue: /说|表示|认为|称|指出|写道|回忆|发问|感叹|看来|评价|评论|强调|透露|直言|坦言|形容|发文|断言|提到|提醒|引述|「|“/u,
    evidence: null,
    // The speaker is who the question asks about, already required in the sentence; what
    // the clause that speaks names is the topic, not the owner.
    anyClause: true,
  },
  {
    name: 'book',
    asked: /哪些书|什么书|哪本书|书名|著作|出过书|出版过|\bbooks?\b/u,
    cue: /书|著作|著有|出版|\bbooks?\b/u,
    evidence: null,
  },
  {
    name: 'field of study',
    asked:
      /专业|主修|学什么|学的什么|读什么|念什么|什么系|哪个系|领域|(?:读|学|念)[^?？,，。]*\b(?:field|major)\b|\bmajored\b|\bmajor in\b|\b(?:his|her|their) major\b|\bwhat did \w+ study\b|\bwhat field\b|\bdegree in\b/u,
    cue: /专业|主修|攻读|学位|科学|工程|学系|领域|\bmajor|\bstud|\bdegree\b|\bfield\b/u,
    evidence: null,
  },
  {
    name: 'birth',
    asked: /出生|生日|哪年生|哪里人|老家|籍贯|\bborn\b|\bbirthday\b|\bbirthplace\b|\bhometown\b/u,
    cue: /出生|生于|生日|籍贯|老家|\bborn\b|\bbirth/u,
    evidence: null,
  },
  {
    name: 'family',
    asked:
      /妻子|老婆|丈夫|老公|结婚|孩子|子女|父母|家人是|\bwife\b|\bhusband\b|\bmarried\b|\bchildren\b|\bkids\b|\bparents\b/u,
    cue: /妻|老婆|丈夫|老公|结婚|孩子|子女|父母|儿子|女儿|\bwife\b|\bhusband\b|\bmarried\b|\bchildren\b|\bparents\b/u,
    evidence: null,
  },
  {
    name: 'height or weight',
    asked: /身高|体重|\bhow tall\b|\bheight\b|\bweigh(?:t|s)?\b/u,
    cue: /身高|体重|公分|厘米|公斤|\bcm\b|\bkg\b|\bheight\b|\bweigh/u,
    evidence: 'quantity',
  },
];

/**
 * A "how much" that says in what: 幾年 wants years, 多少錢 money, 幾個人 people. The
 * answering sentence must then give a number in that unit, not any number.
 */
export const QUANTITY_UNITS: readonly { asked: RegExp; evidence: RegExp }[] = [
  {
    asked:
      /几年|多少年|多久|多长时间|几个月|几天|多少天|\bhow long\b|\bhow many (?:years|months|days)\b/u,
    evidence:
      /(?<!\d)\d{1,2}\s*(?:年|个月|天|周|小时)|[两三四五六七八九十]+(?:年|个月|天|周)|不到[一两三四五六七八九十]+年|\d{4}\s*年?\s*(?:至|到|-|–|—)\s*\d{4}|\d+\s*(?:years?|months?|days?)/u,
  },
  {
    asked:
      /多少钱|几多钱|几块钱|多少美元|多少美金|多少元|花了多少|价格多少|多贵|\bhow much (?:money|did it cost|does it cost|is it)\b|\bhow expensive\b|\bwhat (?:price|did it cost)\b/u,
    evidence:
      /\d[\d.,]*\s*(?:[万亿千百]+\s*)?(?:美元|美金|元|人民币|英镑|欧元|日元|港元|块)|[$¥€£]\s*\d|\d\s*(?:dollars?|usd)/u,
  },
  {
    asked:
      /几个人|多少人|几名|几位|多少名|多少位|几口人|\bhow many (?:people|engineers|researchers|employees|staff|members|students)\b/u,
    evidence:
      /\d+\s*(?:人|名|位)|(?:[两三四五六七八九十百千万]|一[百千万])[一二两三四五六七八九十百千万]*(?:个人|人|名|位)/u,
  },
  {
    asked: /几倍|多少倍|\bhow many times\b/u,
    evidence: /倍|\btimes\b/u,
  },
  {
    asked: /几次|多少次/u,
    evidence: /\d+\s*次|[两三四五六七八九十]+次/u,
  },
];

/** Words that point at the article itself: 這篇, 本文, this piece. */
export const ARTICLE_REFERENCE =
  /这篇|本文|此文|该文|文章|报道|报导|稿子|稿件|这则|这条新闻|这个新闻|原文|呢篇|\bthis (?:article|piece|story|report|post|text)\b|\bthe (?:article|piece|story|report)\b|\barticle\b/u;

/**
 * What a question about the article itself may ask: who wrote or published it, when,
 * where it comes from, whether it may be reposted. Such questions are answered from
 * the masthead lines.
 */
export const ARTICLE_FACTS =
  /作者|谁写|写的|撰|记者|发表|发布|发的|发出|发了|贴出|贴的|刊登|刊出|登出|出刊|上线|出街|出自|出处|来源|哪家媒体|什么媒体|哪个媒体|哪个网站|哪家网站|媒体的|转载|转发|授权|版权|独家|\bwr(?:ote|itten|iter)\b|\bauthor\b|\b(?:re)?publish(?:ed|er)?\b|\boutlet\b|\bsource\b|\brepost\b|\breprint\b|\bcopyright\b|\bwhen was\b/u;

/** Words for a photo and its caption. */
export const PHOTO_WORDS =
  /照片|相片|配图|插图|截图|图说|图注|图片|图中|那张图|这张图|张图|的图|张相|\bphotos?\b|\bphotograph|\bpictures?\b|\bpics?\b|\bimages?\b|\bcaptions?\b|\bpictured\b/u;

/** Third-person pronouns (as segmented words) that, with no one named, mean the article's main subject. */
export const CHINESE_PRONOUNS: ReadonlySet<string> = new Set([
  '佢',
  '他',
  '她',
  '他的',
  '她的',
  '此人',
  '这个人',
  '这位',
  '该人',
]);
export const ENGLISH_PRONOUN = /\b(?:he|him|his|she|her|hers|this guy|this person)\b/u;

/**
 * A request for instructions in the first person ("how do I bake…", "我該怎麼…"): a news
 * article is not a manual, so such a question is out of scope unless it is about the
 * article itself ("can I republish this").
 */
export const HOW_TO =
  /^(?:so,?\s*|ok,?\s*)?how (?:do|can|should|could|would) (?:i|we)\b|我(?:该|要|应该|想|能|可以)?(?:怎么|如何|怎样)(?!说)|(?:怎么|如何)才能|教我|教教我/u;

/** Words that give a reason: what a why-question's answer holds. */
export const CAUSAL =
  /原因|因为|由于|之所以|在于|为了|答案|因此|所以|导致|源于|理由|\bbecause\b|\breasons?\b/u;
