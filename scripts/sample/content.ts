/** 诉求内容: free text that, like real records, often repeats the petitioner's personal data. */
import { int, pick, type Rng } from './prng.ts';
import { mobile, type Person } from './pii.ts';

const COMPANIES = [
  '示例区宏达建筑工程有限公司',
  '示例市金桥置业有限公司',
  '示例区鑫源服装厂',
  '示例市恒通物流有限公司',
  '示例区康乐健身会所',
  '示例市华远房地产开发有限公司',
  '示例区顺达劳务有限公司',
  '示例区美佳教育培训中心',
];
const ESTATES = ['锦绣华庭', '滨江一号', '东湖湾', '凤鸣苑', '金沙名城', '白鹭新城'];

type Body = (rng: Rng, region: string, year: number) => string;

const BODIES: Readonly<Record<string, readonly Body[]>> = {
  城乡建设: [
    (r, g) =>
      `${g}${pick(r, ESTATES)}小区${pick(r, ['房屋已逾期一年多未交付', '物业服务差、公共收益不公开', '电梯长期故障无人维修'])}，多次反映未解决`,
    (r, g) => `${g}房屋征收补偿标准过低，对评估价格（每平方米${int(r, 3, 9)}千元）有异议`,
    (r) => `在${pick(r, COMPANIES)}承建工地做工，工程款及工资共计${int(r, 2, 60)}万元被拖欠`,
  ],
  劳动和社会保障: [
    (r) =>
      `在${pick(r, COMPANIES)}务工，被拖欠工资${int(r, 8, 95)}${pick(r, ['00', '50'])}元，年底前讨薪无果`,
    (r, _g, y) => `单位未按规定缴纳社会保险，${int(r, y - 8, y - 1)}年至今断缴`,
    (r) => `因工受伤，${pick(r, COMPANIES)}不配合工伤认定，要求依法处理`,
  ],
  自然资源: [
    (r, g) => `${g}土地被征收后安置补偿款未足额发放，差额约${int(r, 1, 30)}万元`,
    (_r, g) => `与邻居在${g}的宅基地权属有争议，要求重新确权`,
  ],
  农村农业: [
    (_r, g) => `${g}村集体土地流转收益分配不公开，村民分红未到位`,
    (r, _g, y) => `${int(r, y - 2, y)}年耕地地力保护补贴未发放到户`,
  ],
  政法: [
    (r) => `民间借贷纠纷判决已生效${int(r, 1, 5)}年，至今未执行到位`,
    (r, _g, y) =>
      `对法院（${int(r, y - 5, y - 1)}）示民初字第${int(r, 100, 999)}号判决不服，要求再审`,
    () => '报警后派出所未及时处置，要求追责',
  ],
  市场监管: [
    (r) => `在${pick(r, COMPANIES)}办理预付卡${int(r, 2, 30)}00元，商家闭店跑路，要求退款`,
    () => '网购商品存在质量问题，商家拒绝退换',
    (r, g) => `${g}某餐馆食品卫生差，食用后${int(r, 2, 6)}人腹泻`,
  ],
};
const GENERIC: readonly Body[] = [
  (_r, g) => `反映${g}有关问题，此前已向有关部门反映，未得到答复`,
  (r, _g, y) => `就${int(r, y - 5, y - 1)}年以来的遗留问题请求政府协调解决`,
];
const ASKS = ['请求依法处理。', '请领导关心解决。', '要求给个说法！', '恳请尽快答复，谢谢。'];

export function petitionText(
  rng: Rng,
  person: Person | null,
  category: string,
  region: string,
  persons: number,
  year: number,
): string {
  const parts: string[] = [];
  if (person !== null) {
    const who = persons > 1 ? `${person.name}等${persons}人` : person.name;
    const roll = rng();
    if (roll < 0.3)
      parts.push(`${who}（身份证号：${person.residentId}，电话${person.phone}）反映：`);
    else if (roll < 0.5) parts.push(`${who}，住${person.address}，联系电话${person.phone}，反映`);
    else if (roll < 0.65) parts.push(`信访人${who}（${person.residentId}）称：`);
    else if (roll < 0.8) parts.push(`${who}反映：`);
  } else if (rng() < 0.3) {
    parts.push(`匿名来信，留有联系电话${mobile(rng)}，反映`);
  }
  const body = pick(rng, BODIES[category] ?? GENERIC)(rng, region, year);
  parts.push(rng() < 0.15 ? `"${body}"，` : `${body}，`);
  if (rng() < 0.1) parts.push('另：\n此前已多次信访,');
  parts.push(pick(rng, ASKS));
  return parts.join('');
}
