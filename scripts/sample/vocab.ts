/** The fictional 示例区 and the vocabularies its exports use. No value here identifies a person. */
import type { Weighted } from './prng.ts';

/** 12 乡镇/街道 with a weight for how many petitions they raise. */
export const REGIONS: Weighted<string> = [
  ['城关街道', 16],
  ['南桥街道', 12],
  ['白鹭街道', 11],
  ['凤鸣街道', 9],
  ['东湖镇', 10],
  ['西山镇', 7],
  ['北塘镇', 8],
  ['青石镇', 6],
  ['金沙镇', 7],
  ['长乐镇', 6],
  ['柳河乡', 4],
  ['桃源乡', 4],
];

export const isStreet = (region: string): boolean => region.endsWith('街道');

export const regionOffice = (region: string): string =>
  isStreet(region) ? `${region}办事处` : `${region}人民政府`;

/** Base share of each first-level category (new scheme), before seasonal and yearly factors. */
export const CATEGORY_WEIGHTS: Weighted<string> = [
  ['城乡建设', 22],
  ['劳动和社会保障', 17],
  ['自然资源', 9],
  ['农村农业', 8],
  ['政法', 7],
  ['民政与应急', 5],
  ['卫生健康', 5],
  ['生态环境', 4],
  ['教育', 4],
  ['市场监管', 4],
  ['经济管理', 3],
  ['交通运输', 3],
  ['党务政务', 2],
  ['纪检监察', 2],
  ['组织人事', 1.5],
  ['军队事务', 1],
  ['文体旅游', 1],
  ['科技与信息产业', 0.6],
  ['其他', 1.5],
];

/** New category → the name the 2022 exports (previous scheme) use for it. */
export const OLD_SCHEME: Readonly<Record<string, string>> = {
  自然资源: '国土资源',
  卫生健康: '卫生计生',
  生态环境: '环境保护',
  教育: '教育文体',
  文体旅游: '商贸旅游',
  民政与应急: '民政',
};

/** Labels outside the vocabulary (published as 其他), with the years they occur in. */
export const UNKNOWN_CATEGORY_LABELS: Readonly<Record<number, string>> = {
  2022: '疫情防控',
  2024: '营商环境',
};

export interface Subcategory {
  name: string;
  weight: number;
  /** Tag and the chance it applies. */
  tag?: readonly [string, number];
}

export const SUBCATEGORIES: Readonly<Record<string, readonly Subcategory[]>> = {
  城乡建设: [
    { name: '房屋征收与补偿', weight: 3 },
    { name: '物业管理', weight: 3 },
    { name: '房地产开发与交易', weight: 3, tag: ['逾期交房', 0.6] },
    { name: '住房保障', weight: 2 },
    { name: '城市管理', weight: 2 },
    { name: '建筑市场', weight: 2, tag: ['两拖欠', 0.5] },
  ],
  劳动和社会保障: [
    { name: '劳动报酬', weight: 4, tag: ['两拖欠', 0.85] },
    { name: '社会保险', weight: 3 },
    { name: '劳动关系', weight: 2 },
    { name: '工伤认定', weight: 1 },
    { name: '就业创业', weight: 1 },
  ],
  自然资源: [
    { name: '土地征收', weight: 3 },
    { name: '土地权属', weight: 2 },
    { name: '不动产登记', weight: 2 },
    { name: '矿产资源', weight: 1 },
  ],
  农村农业: [
    { name: '农村土地承包', weight: 3 },
    { name: '惠农补贴', weight: 2 },
    { name: '农村集体资产', weight: 2 },
    { name: '村务管理', weight: 2 },
  ],
  政法: [
    { name: '诉讼', weight: 3, tag: ['涉法涉诉', 1] },
    { name: '执行', weight: 3, tag: ['涉法涉诉', 1] },
    { name: '公安执法', weight: 2, tag: ['涉法涉诉', 0.5] },
    { name: '司法行政', weight: 1 },
  ],
  民政与应急: [
    { name: '社会救助', weight: 3 },
    { name: '养老服务', weight: 2 },
    { name: '安全生产', weight: 1 },
    { name: '殡葬管理', weight: 1 },
  ],
  卫生健康: [
    { name: '医疗纠纷', weight: 3 },
    { name: '医疗保障', weight: 2 },
    { name: '公共卫生', weight: 2 },
  ],
  生态环境: [
    { name: '噪声污染', weight: 3 },
    { name: '大气污染', weight: 2 },
    { name: '水污染', weight: 2 },
  ],
  教育: [
    { name: '学校管理', weight: 2 },
    { name: '招生入学', weight: 2 },
    { name: '教师待遇', weight: 2 },
  ],
  市场监管: [
    { name: '预付式消费', weight: 3 },
    { name: '食品安全', weight: 2 },
    { name: '产品质量', weight: 2 },
    { name: '网络交易', weight: 2 },
  ],
  经济管理: [
    { name: '金融投资', weight: 3 },
    { name: '企业改制', weight: 2 },
    { name: '国有资产', weight: 1 },
  ],
  交通运输: [
    { name: '道路建设', weight: 2 },
    { name: '出租客运', weight: 2 },
    { name: '交通安全', weight: 1 },
  ],
  党务政务: [
    { name: '政务服务', weight: 2 },
    { name: '干部作风', weight: 2 },
  ],
  纪检监察: [
    { name: '违纪违法', weight: 2 },
    { name: '作风问题', weight: 1 },
  ],
  组织人事: [
    { name: '人事管理', weight: 2 },
    { name: '干部任用', weight: 1 },
  ],
  军队事务: [
    { name: '退役军人安置', weight: 2 },
    { name: '优抚待遇', weight: 2 },
  ],
  文体旅游: [
    { name: '文化市场', weight: 1 },
    { name: '旅游服务', weight: 1 },
  ],
  科技与信息产业: [{ name: '通信网络', weight: 1 }],
  其他: [],
};

/** Responsible department(s) per category; `*` = the township's own office. */
export const UNITS: Readonly<Record<string, Weighted<string>>> = {
  城乡建设: [
    ['区住建局', 5],
    ['*', 3],
    ['区城管局', 2],
  ],
  劳动和社会保障: [
    ['区人社局', 7],
    ['*', 2],
    ['区医保局', 1],
  ],
  自然资源: [
    ['区自然资源局', 6],
    ['*', 4],
  ],
  农村农业: [
    ['区农业农村局', 5],
    ['*', 5],
  ],
  政法: [
    ['区法院', 4],
    ['区公安分局', 3],
    ['区司法局', 2],
    ['区委政法委', 1],
  ],
  民政与应急: [
    ['区民政局', 5],
    ['区应急管理局', 2],
    ['*', 3],
  ],
  卫生健康: [
    ['区卫健委', 6],
    ['区医保局', 3],
  ],
  生态环境: [['区生态环境分局', 1]],
  教育: [['区教育局', 1]],
  市场监管: [['区市场监管局', 1]],
  经济管理: [
    ['区发改委', 2],
    ['区金融办', 2],
    ['区国资中心', 1],
  ],
  交通运输: [['区交通运输局', 1]],
  党务政务: [
    ['区政务服务中心', 2],
    ['*', 2],
  ],
  纪检监察: [['区纪委监委', 1]],
  组织人事: [['区委组织部', 1]],
  军队事务: [['区退役军人事务局', 1]],
  文体旅游: [['区文旅局', 1]],
  科技与信息产业: [['区工信局', 1]],
  其他: [['*', 1]],
};

export const PURPOSES: Weighted<string> = [
  ['求决', 60],
  ['投诉', 18],
  ['咨询', 10],
  ['揭发控告', 7],
  ['建议', 5],
];

export const SATISFACTIONS: Weighted<string> = [
  ['满意', 55],
  ['基本满意', 20],
  ['不满意', 8],
  ['未评价', 17],
];

/** Level of a non-visit record (letters and online petitions reach every level). */
export const OTHER_LEVELS: Weighted<'进京' | '赴省' | '到市' | '本级'> = [
  ['本级', 62],
  ['到市', 18],
  ['赴省', 12],
  ['进京', 8],
];

/** Where a record came from, given its level. */
export const SOURCES_BY_LEVEL: Readonly<Record<string, Weighted<string>>> = {
  进京: [
    ['国家系统转送', 8],
    ['上级交办', 2],
  ],
  赴省: [
    ['省系统转送', 8],
    ['上级交办', 2],
  ],
  到市: [
    ['上级交办', 7],
    ['本级登记', 3],
  ],
  本级: [
    ['本级登记', 19],
    ['上级交办', 1],
  ],
};
