/**
 * Made-up petitioners: names, resident ID numbers (valid GB 11643-1999 check digit), mobile
 * numbers and addresses, all derived from a person's index so that nobody needs to be stored.
 */
import { ID_CHECK_CHARS, ID_WEIGHTS } from '../../src/lib/pii.ts';
import { dayOf, ymd } from './dates.ts';
import { int, pick, rngFor, sampler, type Rng } from './prng.ts';
import { REGIONS, isStreet } from './vocab.ts';

const LOCAL_AREAS = ['360702', '360703', '360704', '360721', '360722', '360781'];
const OTHER_AREAS = ['360102', '430105', '441303', '510107'];
/** 20 area slots: 17 local (≈85 %), 3 from elsewhere. */
const AREA_SLOTS: readonly string[] = [
  ...Array.from({ length: 17 }, (_, i) => LOCAL_AREAS[i % LOCAL_AREAS.length] as string),
  ...OTHER_AREAS.slice(0, 3),
];
const FIRST_BIRTH = dayOf(1950, 1, 1);
const BIRTH_DAYS = dayOf(2004, 12, 31) - FIRST_BIRTH + 1;
/** Distinct ID numbers available: every person index below this maps to a different one. */
export const ID_SPACE = AREA_SLOTS.length * BIRTH_DAYS * 1000;
const STEP = 48_271;

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
if (gcd(STEP, ID_SPACE) !== 1) throw new Error('ID permutation step must be coprime');

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '高',
  '林',
  '罗',
  '郑',
  '梁',
  '谢',
  '宋',
  '唐',
  '许',
  '韩',
  '冯',
  '邓',
  '曹',
  '彭',
  '曾',
  '肖',
  '田',
  '董',
  '袁',
  '潘',
  '于',
  '蒋',
  '蔡',
  '余',
  '杜',
  '叶',
  '程',
  '苏',
  '魏',
  '吕',
  '丁',
  '任',
  '沈',
  '姚',
  '卢',
  '钟',
  '廖',
  '欧阳',
  '温',
];
const MALE_CHARS =
  '伟刚勇毅俊峰强军平保东文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会群豪心邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦亨奇固之轮翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士以建家致树炎德行时泰盛雄琛钧冠策腾楠榕风航弘';
const FEMALE_CHARS =
  '秀娟英华慧巧美娜静淑惠珠翠雅芝玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽';
const ROADS = [
  '人民',
  '建设',
  '解放',
  '中山',
  '滨江',
  '东湖',
  '新华',
  '胜利',
  '文化',
  '和平',
  '光明',
  '迎宾',
];
const VILLAGE_PREFIX = ['上', '下', '前', '后', '大', '小', '新', '老', '高', '石', '黄', '杨'];
const VILLAGE_SUFFIX = ['坪', '坑', '塘', '湾', '岭', '圩', '庄', '田', '溪', '桥'];
const ELSEWHERE: Readonly<Record<string, string>> = {
  '360102': '江西省洪都市东岸区',
  '430105': '湖南省衡岳市清溪区',
  '441303': '广东省惠阳市西江区',
  '510107': '四川省蓉城市锦华区',
};

export interface Person {
  index: number;
  name: string;
  residentId: string;
  phone: string;
  address: string;
  /** ID issued outside 示例区's city (candidates for 三跨三分离). */
  local: boolean;
  homeRegion: string;
}

const pickRegion = sampler(REGIONS);

/** Digits and their weighted sums (GB 11643) of the three parts, computed once per value. */
const birthParts: (readonly [string, number] | undefined)[] = [];
const seqParts: (readonly [string, number] | undefined)[] = [];
const areaSums = new Map<string, number>();

function weightedSum(digits: string, offset: number): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++)
    sum += (digits.charCodeAt(i) - 48) * (ID_WEIGHTS[offset + i] as number);
  return sum;
}

function part(
  cache: (readonly [string, number] | undefined)[],
  k: number,
  digits: () => string,
  offset: number,
): readonly [string, number] {
  let value = cache[k];
  if (value === undefined) {
    const text = digits();
    value = [text, weightedSum(text, offset)];
    cache[k] = value;
  }
  return value;
}

function residentIdOf(index: number, shift: number): { id: string; male: boolean; area: string } {
  const p = (index * STEP + shift) % ID_SPACE;
  const area = AREA_SLOTS[p % AREA_SLOTS.length] as string;
  const rest = Math.floor(p / AREA_SLOTS.length);
  const [birth, birthSum] = part(
    birthParts,
    rest % BIRTH_DAYS,
    () => {
      const b = ymd(FIRST_BIRTH + (rest % BIRTH_DAYS));
      return `${b.y}${String(b.m).padStart(2, '0')}${String(b.d).padStart(2, '0')}`;
    },
    6,
  );
  const seq = Math.floor(rest / BIRTH_DAYS);
  const [seqText, seqSum] = part(seqParts, seq, () => String(seq).padStart(3, '0'), 14);
  let areaSum = areaSums.get(area);
  if (areaSum === undefined) {
    areaSum = weightedSum(area, 0);
    areaSums.set(area, areaSum);
  }
  const check = ID_CHECK_CHARS[(areaSum + birthSum + seqSum) % 11] as string;
  return { id: area + birth + seqText + check, male: seq % 2 === 1, area };
}

const MOBILE_SECOND = '3578938564';

export function mobile(rng: Rng): string {
  const second = MOBILE_SECOND[Math.floor(rng() * MOBILE_SECOND.length)] as string;
  return `1${second}${String(Math.floor(rng() * 1e9)).padStart(9, '0')}`;
}

function localAddress(rng: Rng, region: string): string {
  if (isStreet(region)) {
    return `示例区${region}${pick(rng, ROADS)}路${int(rng, 1, 299)}号${int(rng, 1, 24)}栋${int(rng, 1, 3)}单元${int(rng, 1, 18)}0${int(rng, 1, 4)}室`;
  }
  const village = pick(rng, VILLAGE_PREFIX) + pick(rng, VILLAGE_SUFFIX);
  return `示例区${region}${village}村${int(rng, 1, 12)}组${int(rng, 1, 80)}号`;
}

/** Person number `index` of the sample drawn with `seed` (indices must stay below ID_SPACE). */
export function personOf(seed: number, index: number): Person {
  const rng = rngFor(seed, 7, index);
  const { id, male, area } = residentIdOf(index, seed % ID_SPACE);
  const chars = male ? MALE_CHARS : FEMALE_CHARS;
  const surname = pick(rng, SURNAMES);
  const first = chars[Math.floor(rng() * chars.length)] as string;
  const name =
    rng() < 1 / 3
      ? surname + first
      : surname + first + (chars[Math.floor(rng() * chars.length)] as string);
  const local = LOCAL_AREAS.includes(area);
  const homeRegion = pickRegion(rng);
  const address = local
    ? localAddress(rng, homeRegion)
    : `${ELSEWHERE[area] ?? ''}${pick(rng, ROADS)}路${int(rng, 1, 199)}号`;
  return { index, name, residentId: id, phone: mobile(rng), address, local, homeRegion };
}
