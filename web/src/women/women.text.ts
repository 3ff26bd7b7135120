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
  | 'gestationalAge'
  | 'pmtctTab'
  | 'detailsTab'
  | 'edd'
  | 'gp'
  | 'status'
  | 'notFound'
  | 'registeredOn'
  | 'document'
  | 'handbookNumber'
  | 'handbookNumberRule'
  | 'phone'
  | 'open'
  | 'delivered'
  | 'closed'
  | 'ended'
  | 'transferred_out'
  | 'lost_to_follow_up'
  | 'maternal_death'
  | 'merged'
  | 'registerTitle'
  | 'registered'
  | 'identity'
  | 'documentType'
  | 'name'
  | 'birthDate'
  | 'residenceRegion'
  | 'householdType'
  | 'required'
  | 'idValid'
  | 'pregnancy'
  | 'datingBy'
  | 'byLmp'
  | 'byUltrasound'
  | 'byIvf'
  | 'lmp'
  | 'scanDate'
  | 'scanWeeks'
  | 'scanDays'
  | 'transferDate'
  | 'embryoAge'
  | 'today'
  | 'eddPending'
  | 'gravidity'
  | 'parity'
  | 'caesareans'
  | 'fetuses'
  | 'saveRegistration'
  | 'possibleDuplicates'
  | 'samePhone'
  | 'sameNameBirth'
  | 'heldElsewhere'
  | 'openRecord'
  | 'registerAnother'
> = {
  zh: {
    registerTitle: '建册（孕产妇保健手册）',
    registered: '建册成功',
    identity: '身份信息',
    documentType: '证件类型',
    name: '姓名',
    birthDate: '出生日期',
    residenceRegion: '现住址行政区划代码',
    householdType: '户籍类型',
    required: '必填',
    idValid: '身份证号有效',
    pregnancy: '本次妊娠',
    datingBy: '孕周推算依据',
    byLmp: '末次月经',
    byUltrasound: 'B超',
    byIvf: '试管婴儿（胚胎移植）',
    lmp: '末次月经日期',
    scanDate: 'B超日期',
    scanWeeks: 'B超孕周（周）',
    scanDays: '（天）',
    transferDate: '移植日期',
    embryoAge: '胚胎天数',
    today: '今日',
    eddPending: '填写末次月经、B超或移植日期后显示预产期',
    gravidity: '孕次',
    parity: '产次',
    caesareans: '剖宫产次数',
    fetuses: '胎数',
    saveRegistration: '保存建册',
    possibleDuplicates: '可能重复建档，已提交妇保科核实',
    samePhone: '同一电话',
    sameNameBirth: '同名同出生日期',
    heldElsewhere: '在其他机构建档',
    openRecord: '打开档案',
    registerAnother: '继续建册',
    searchTitle: '查找孕产妇',
    searchLabel: '姓名、身份证号、手机号或手册编号',
    searchPlaceholder: '输入姓名（可只输前几个字）、身份证号、手机号或母子健康手册编号',
    searchButton: '查找',
    noResults: '没有找到符合条件的孕产妇。',
    registerHer: '为她建册',
    age: '年龄',
    years: '岁',
    gestationalAge: '孕{ga}周',
    pmtctTab: '母婴阻断',
    detailsTab: '基本信息',
    edd: '预产期',
    gp: '孕产次',
    status: '状态',
    notFound: '未找到该档案',
    registeredOn: '建册日期',
    document: '证件号',
    handbookNumber: '母子健康手册编号',
    handbookNumberRule: '手册编号应为 6–24 位数字、大写字母或连字符',
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
    registerTitle: 'Register a pregnancy',
    registered: 'Registered',
    identity: 'Identity',
    documentType: 'Document type',
    name: 'Name',
    birthDate: 'Birth date',
    residenceRegion: 'Residence region code',
    householdType: 'Household',
    required: 'Required',
    idValid: 'Valid resident ID',
    pregnancy: 'This pregnancy',
    datingBy: 'Dated by',
    byLmp: 'LMP',
    byUltrasound: 'Ultrasound',
    byIvf: 'IVF transfer',
    lmp: 'LMP date',
    scanDate: 'Scan date',
    scanWeeks: 'Scan GA (weeks)',
    scanDays: '(days)',
    transferDate: 'Transfer date',
    embryoAge: 'Embryo age',
    today: 'today ',
    eddPending: 'The EDD appears once the dating is filled in',
    gravidity: 'Gravidity',
    parity: 'Parity',
    caesareans: 'Caesareans',
    fetuses: 'Fetuses',
    saveRegistration: 'Register',
    possibleDuplicates: 'Possible duplicates: queued for MCH staff review',
    samePhone: 'Same phone',
    sameNameBirth: 'Same name and birth date',
    heldElsewhere: 'Registered at another facility',
    openRecord: 'Open her record',
    registerAnother: 'Register another',
    searchTitle: 'Find a woman',
    searchLabel: 'Name, resident ID, mobile or handbook number',
    searchPlaceholder: 'Name (or its beginning), resident ID, mobile or handbook number',
    searchButton: 'Search',
    noResults: 'No woman matches.',
    registerHer: 'Register her',
    age: 'Age',
    years: 'y',
    gestationalAge: '{ga} weeks',
    pmtctTab: 'PMTCT',
    detailsTab: 'Details',
    edd: 'EDD',
    gp: 'G/P',
    status: 'Status',
    notFound: 'Record not found',
    registeredOn: 'Registered',
    document: 'Document',
    handbookNumber: 'Handbook number',
    handbookNumberRule: 'A handbook number has 6 to 24 digits, capital letters or hyphens',
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
