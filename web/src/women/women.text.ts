import type { Dictionary } from '../core/language';

export const WOMEN_TEXT: Dictionary<
  | 'searchTitle'
  | 'searchLabel'
  | 'searchPlaceholder'
  | 'searchButton'
  | 'noResults'
  | 'registerHer'
  | 'age'
  | 'years'
  | 'edd'
  | 'gp'
  | 'status'
  | 'notFound'
  | 'registeredOn'
  | 'document'
  | 'phone'
  | 'open'
  | 'delivered'
  | 'closed'
  | 'ended'
  | 'transferred_out'
  | 'lost_to_follow_up'
  | 'maternal_death'
  | 'merged'
> = {
  zh: {
    searchTitle: '查找孕产妇',
    searchLabel: '姓名、身份证号或手机号',
    searchPlaceholder: '输入姓名（可只输前几个字）、身份证号或手机号',
    searchButton: '查找',
    noResults: '没有找到符合条件的孕产妇。',
    registerHer: '为她建册',
    age: '年龄',
    years: '岁',
    edd: '预产期',
    gp: '孕产次',
    status: '状态',
    notFound: '未找到该档案',
    registeredOn: '建册日期',
    document: '证件号',
    phone: '电话',
    open: '孕期管理中',
    delivered: '已分娩',
    closed: '已结案',
    ended: '妊娠终止',
    transferred_out: '已转出',
    lost_to_follow_up: '失访',
    maternal_death: '孕产妇死亡',
    merged: '已合并',
  },
  en: {
    searchTitle: 'Find a woman',
    searchLabel: 'Name, resident ID or mobile',
    searchPlaceholder: 'Name (or its beginning), resident ID or mobile number',
    searchButton: 'Search',
    noResults: 'No woman matches.',
    registerHer: 'Register her',
    age: 'Age',
    years: 'y',
    edd: 'EDD',
    gp: 'G/P',
    status: 'Status',
    notFound: 'Record not found',
    registeredOn: 'Registered',
    document: 'Document',
    phone: 'Phone',
    open: 'Antenatal care',
    delivered: 'Delivered',
    closed: 'Closed',
    ended: 'Ended',
    transferred_out: 'Transferred out',
    lost_to_follow_up: 'Lost to follow-up',
    maternal_death: 'Maternal death',
    merged: 'Merged',
  },
};
