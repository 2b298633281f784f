/**
 * Mapping-file routes that would publish personal data: a header that names a person, a way to
 * reach one, an address or free text, mapped to a column whose values are published.
 */
import { INPUT_COLUMNS, normaliseHeader, type InputColumn } from '../../src/lib/columns.ts';

/** Columns whose text values are published (vocabulary columns reject values they do not know). */
export const PUBLISHED_TEXT_COLUMNS: ReadonlySet<InputColumn> = new Set([
  'category',
  'subcategory',
  'tags',
  'region',
  'unit',
]);

/** Words in a header that mark personal data or free text (compared half-width, lower case). */
export const PERSONAL_HEADER_WORDS = [
  '姓名',
  '名字',
  '用户',
  '昵称',
  '网名',
  '联系人',
  '信访人',
  '投诉人',
  '举报人',
  '当事人',
  '电话',
  '手机',
  '联系方式',
  '身份证',
  '证件',
  '护照',
  '地址',
  '住址',
  '住所',
  '户籍',
  '邮箱',
  'email',
  'e-mail',
  'qq',
  '微信',
  '账号',
  '帐号',
  '银行卡',
  '详情',
  '内容',
  '正文',
  '主题',
  '标题',
  '描述',
  '摘要',
  '诉求',
  '备注',
  '意见',
  '回复',
] as const;

/**
 * The problem with mapping `header` to `column`, or null. A header that is one of the column's
 * own aliases (内容分类 → category) is fine.
 */
export function personalRouteProblem(header: string, column: InputColumn | null): string | null {
  if (column === null || !PUBLISHED_TEXT_COLUMNS.has(column)) return null;
  const normalised = normaliseHeader(header);
  const spec = INPUT_COLUMNS[column];
  if ([column, ...spec.aliases].some((alias) => normaliseHeader(alias) === normalised)) return null;
  const word = PERSONAL_HEADER_WORDS.find((w) => normalised.includes(w));
  if (word === undefined) return null;
  return (
    ` 把像个人信息或自由文本的表头（含“${word}”）映射到了会发布的列 ${column}（${spec.label}）：` +
    '姓名、电话、证件号、住址、账号和留言正文、主题等不能发布；确需使用时请改用不含这些字的表头'
  );
}
