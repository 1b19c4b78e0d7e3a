/**
 * The hundred or so most common Chinese surnames (Simplified; the 2019 household-register
 * ranking), about 85% of the population. At query time there is no dictionary loaded,
 * and jieba tags an unknown name (梁文锋, 雷军) as an unknown word, the same tag as
 * any new term; a common surname in front is what makes such a word read as a person.
 */
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩邓冯曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤';

const SET = new Set(SURNAMES);

/** Whether a character (Simplified) is one of the common surnames. */
export function isCommonSurname(char: string): boolean {
  return SET.has(char);
}
