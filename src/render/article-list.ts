/**
 * /articles as one Discord embed: each article the bot knows as "title · source · date ·
 * passages", the title linking to the article when its front matter has a url. A corpus of
 * years outgrows one embed, so the list is paged (/articles page:<n>), and a page whose
 * lines still overflow the description says how many it left out.
 */
import type { APIEmbed } from 'discord.js';
import type { ArticleInfo } from '../answers/articles.js';
import type { Lang } from '../text/language.js';
import { articleParts, shorten } from './citation.js';
import { escapeMarkdown, LIMITS } from './discord.js';
import { simplifiedWording } from './i18n.js';

export const ARTICLES_PER_PAGE = 10;
/** Long titles are cut so ten lines with links fit one description. */
const MAX_TITLE = 100;
const COLOR = 0x4a5568;

interface ListWording {
  title(count: number): string;
  passages(count: number): string;
  page(page: number, pages: number): string;
  left(count: number): string;
  none: string;
}

const ZH_HANT: ListWording = {
  title: (n) => `已收錄的文章（${n} 篇）`,
  passages: (n) => `${n} 個段落`,
  page: (p, pages) =>
    p < pages ? `第 ${p}/${pages} 頁 · 下一頁：/articles page:${p + 1}` : `第 ${p}/${pages} 頁`,
  left: (n) => `……本頁另有 ${n} 篇放不下`,
  none: '尚未收錄任何文章。',
};

const WORDING: Record<Lang, ListWording> = {
  'zh-Hant': ZH_HANT,
  'zh-Hans': {
    title: (n) => simplifiedWording(ZH_HANT.title(n)),
    passages: (n) => simplifiedWording(ZH_HANT.passages(n)),
    page: (p, pages) => simplifiedWording(ZH_HANT.page(p, pages)),
    left: (n) => simplifiedWording(ZH_HANT.left(n)),
    none: simplifiedWording(ZH_HANT.none),
  },
  en: {
    title: (n) => `Articles the bot knows (${n})`,
    passages: (n) => `${n} passage${n === 1 ? '' : 's'}`,
    page: (p, pages) =>
      p < pages ? `Page ${p} of ${pages} · next: /articles page:${p + 1}` : `Page ${p} of ${pages}`,
    left: (n) => `…and ${n} more on this page that did not fit`,
    none: 'No articles are indexed yet.',
  },
};

export interface ArticleListMessage {
  embeds: APIEmbed[];
  components: [];
}

export function articlePageCount(articles: number): number {
  return Math.max(1, Math.ceil(articles / ARTICLES_PER_PAGE));
}

/** A url Discord will link: http(s), no spaces, within its length limit. */
function linkable(url: string | undefined): string | null {
  if (!url || url.length > LIMITS.url || /\s/.test(url) || !/^https?:\/\//i.test(url)) return null;
  // A ")" would end the Markdown link early.
  return url.replaceAll('(', '%28').replaceAll(')', '%29');
}

function articleLine(a: ArticleInfo, n: number, wording: ListWording, withLink: boolean): string {
  const [title, ...rest] = articleParts(a, { maxTitle: MAX_TITLE });
  const url = withLink ? linkable(a.url) : null;
  const name = url ? `[${escapeMarkdown(title!, false)}](${url})` : escapeMarkdown(title!, false);
  const detail = escapeMarkdown([...rest, wording.passages(a.passages)].join(' · '), false);
  return `${n}. **${name}** · ${detail}`;
}

/** One page (1-based; clamped to the pages there are) of the articles, within Discord's limits. */
export function renderArticleList(
  articles: readonly ArticleInfo[],
  options: { lang: Lang; page?: number },
): ArticleListMessage {
  const wording = WORDING[options.lang];
  const pages = articlePageCount(articles.length);
  const page = Math.min(pages, Math.max(1, Math.floor(options.page ?? 1)));
  const first = (page - 1) * ARTICLES_PER_PAGE;
  const onPage = articles.slice(first, first + ARTICLES_PER_PAGE);
  const lines: string[] = [];
  let left = 0;
  onPage.forEach((a, i) => {
    // Room for the note that says how many did not fit, should any not.
    const budget = LIMITS.embedDescription - wording.left(onPage.length).length - 1;
    const fits = (line: string) => [...lines, line].join('\n').length <= budget;
    if (left > 0) return void left++;
    const linked = articleLine(a, first + i + 1, wording, true);
    const plain = articleLine(a, first + i + 1, wording, false);
    if (fits(linked)) lines.push(linked);
    else if (fits(plain)) lines.push(plain);
    else left++;
  });
  if (left > 0) lines.push(escapeMarkdown(wording.left(left), false));
  const embed: APIEmbed = {
    title: shorten(wording.title(articles.length), LIMITS.embedTitle),
    description: lines.length > 0 ? lines.join('\n') : wording.none,
    color: COLOR,
    ...(pages > 1 && { footer: { text: wording.page(page, pages) } }),
  };
  return { embeds: [embed], components: [] };
}
