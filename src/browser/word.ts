/** 导出Word: placeholder until the document builder lands. */
export async function exportWord(): Promise<void> {
  throw new Error('导出Word 尚未实现');
}
