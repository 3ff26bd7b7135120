import type { Schemas } from '../core/api';
import type { Dictionary } from '../core/language';
import type { Recall, RecallClass } from '../../../src/breastfeeding/rules/feeding-recall';

type FollowUp = Schemas['BreastfeedingFollowUpDto'];
type Contact = Schemas['PostpartumContactDto'];

export const POSTPARTUM_TEXT: Dictionary<
  | 'tab'
  | 'notDelivered'
  | 'contactsTitle'
  | 'recordContact'
  | 'kind'
  | 'contactDate'
  | 'findings'
  | 'findingsHint'
  | 'classification'
  | 'disposition'
  | 'closeWarning'
  | 'outcome'
  | 'riskColour'
  | 'countsForIndicators'
  | 'countsYes'
  | 'countsNo'
  | 'noContacts'
  | 'contactSaved'
  | 'closed'
  | 'carriedFactors'
  | 'carriedFactorsHint'
  | 'chooseRequired'
  | 'notBeforeDelivery'
  | 'notBeforeBirth'
  | 'save'
  | 'baby'
  | 'female'
  | 'male'
  | 'undetermined'
  | 'bornOn'
  | 'followUpsTitle'
  | 'recordFollowUp'
  | 'contact'
  | 'followedUpOn'
  | 'ageMonths'
  | 'months'
  | 'feeding'
  | 'recall'
  | 'recallLegend'
  | 'classifiedAs'
  | 'problems'
  | 'guidance'
  | 'referral'
  | 'referralOutcome'
  | 'recordReferralOutcome'
  | 'referralOutcomeSaved'
  | 'referralOutcomeRequired'
  | 'noFollowUps'
  | 'followUpSaved'
  | 'none'
  | 'cancel'
> = {
  zh: {
    tab: '产后随访',
    notDelivered: '她尚未分娩。分娩记录保存后，在此记录产后访视、产后42天检查和母乳喂养随访。',
    contactsTitle: '产后访视与42天检查',
    recordContact: '记录产后访视',
    kind: '类型',
    contactDate: '日期',
    findings: '检查所见',
    findingsHint: '如子宫复旧、恶露、伤口、乳房、血压、情绪',
    classification: '分类',
    disposition: '处理',
    closeWarning: '选择“结案”将结束她本次孕产期档案',
    outcome: '结论',
    riskColour: '风险重评',
    countsForIndicators: '计入产后访视率（出院后 28 天内）',
    countsYes: '计入',
    countsNo: '不计入',
    noContacts: '尚无产后访视记录',
    contactSaved: '已记录产后访视',
    closed: '她的孕产期档案已结案，不能再记录产后访视。',
    carriedFactors: '沿用的高危因素',
    carriedFactorsHint:
      '来自 {date} 的评估，已不存在的请删除；由检查结果自动判定的因素由系统加入。',
    chooseRequired: '请选择',
    notBeforeDelivery: '不能早于分娩日期',
    notBeforeBirth: '不能早于出生日期',
    save: '保存',
    baby: '第 {order} 胎新生儿',
    female: '女',
    male: '男',
    undetermined: '性别不明',
    bornOn: '出生于',
    followUpsTitle: '母乳喂养随访',
    recordFollowUp: '记录母乳喂养随访',
    contact: '随访方式',
    followedUpOn: '随访日期',
    ageMonths: '月龄',
    months: '个月',
    feeding: '喂养分类',
    recall: '24 小时内摄入',
    recallLegend: '过去 24 小时（白天和夜间）宝宝吃过',
    classifiedAs: '判定为：',
    problems: '母乳喂养问题',
    guidance: '给予的指导',
    referral: '转诊',
    referralOutcome: '转诊结果',
    recordReferralOutcome: '记录转诊结果',
    referralOutcomeSaved: '已记录转诊结果',
    referralOutcomeRequired: '请填写转诊结果',
    noFollowUps: '尚无母乳喂养随访',
    followUpSaved: '已记录母乳喂养随访',
    none: '无',
    cancel: '取消',
  },
  en: {
    tab: 'Postpartum',
    notDelivered:
      'She has not delivered yet. Once the delivery is recorded, postpartum visits, the 42-day check and breastfeeding follow-ups are recorded here.',
    contactsTitle: 'Postpartum visits and 42-day check',
    recordContact: 'Record a postpartum contact',
    kind: 'Kind',
    contactDate: 'Date',
    findings: 'Findings',
    findingsHint: 'Involution, lochia, wound, breasts, blood pressure, mood',
    classification: 'Classification',
    disposition: 'Disposition',
    closeWarning: 'Choosing "close" ends this pregnancy record',
    outcome: 'Outcome',
    riskColour: 'Re-graded',
    countsForIndicators: 'Counts for the postpartum visit rate (≤ 28 days after discharge)',
    countsYes: 'Counts',
    countsNo: 'Does not count',
    noContacts: 'No postpartum contacts yet',
    contactSaved: 'Postpartum contact recorded',
    closed: 'Her pregnancy record is closed: no more postpartum contacts can be recorded.',
    carriedFactors: 'Risk factors carried over',
    carriedFactorsHint:
      'From the grading of {date}; remove those that no longer apply. Factors derived from records are added by the service.',
    chooseRequired: 'Choose one',
    notBeforeDelivery: 'Must not be before the delivery',
    notBeforeBirth: 'Must not be before the birth',
    save: 'Save',
    baby: 'Baby {order}',
    female: 'girl',
    male: 'boy',
    undetermined: 'sex undetermined',
    bornOn: 'born',
    followUpsTitle: 'Breastfeeding follow-ups',
    recordFollowUp: 'Record a breastfeeding follow-up',
    contact: 'Contact',
    followedUpOn: 'Date',
    ageMonths: 'Age',
    months: 'months',
    feeding: 'Feeding',
    recall: 'Last 24 hours',
    recallLegend: 'In the last 24 hours (day and night) the baby had',
    classifiedAs: 'Classified as: ',
    problems: 'Breastfeeding problems',
    guidance: 'Guidance given',
    referral: 'Referral',
    referralOutcome: 'Referral outcome',
    recordReferralOutcome: 'Record referral outcome',
    referralOutcomeSaved: 'Referral outcome recorded',
    referralOutcomeRequired: 'Enter the outcome',
    noFollowUps: 'No breastfeeding follow-ups yet',
    followUpSaved: 'Breastfeeding follow-up recorded',
    none: 'None',
    cancel: 'Cancel',
  },
};

export const CONTACT_KINDS: Dictionary<Contact['kind']> = {
  zh: { postpartum_visit: '产后访视', day42_check: '产后42天检查' },
  en: { postpartum_visit: 'Postpartum visit', day42_check: '42-day check' },
};

export const CLASSIFICATIONS: Dictionary<NonNullable<Contact['classification']>> = {
  zh: { recovered: '已恢复', not_recovered: '未恢复' },
  en: { recovered: 'Recovered', not_recovered: 'Not recovered' },
};

export const DISPOSITIONS: Dictionary<NonNullable<Contact['disposition']>> = {
  zh: { close: '结案', refer: '转诊' },
  en: { close: 'Close the case', refer: 'Refer' },
};

export const FOLLOW_UP_CONTACTS: Dictionary<FollowUp['contact']> = {
  zh: {
    postpartum_visit: '产后访视',
    day42_check: '产后42天检查',
    phone_4m: '4 月龄电话随访',
    phone_6m: '6 月龄电话随访',
    other: '其他',
  },
  en: {
    postpartum_visit: 'Postpartum visit',
    day42_check: '42-day check',
    phone_4m: 'Phone call at 4 months',
    phone_6m: 'Phone call at 6 months',
    other: 'Other',
  },
};

/** The WHO 2021 classes of the 24-hour recall. */
export const RECALL_CLASSES: Dictionary<RecallClass> = {
  zh: {
    exclusive: '纯母乳喂养',
    predominant: '基本母乳喂养（另加水或其他非奶液体）',
    complementary: '母乳加辅食',
    mixed: '混合喂养（母乳加配方奶或其他奶）',
    none: '未母乳喂养',
  },
  en: {
    exclusive: 'Exclusive breastfeeding',
    predominant: 'Predominant (with water or other non-milk liquids)',
    complementary: 'Breast milk with complementary food',
    mixed: 'Mixed milk feeding (with formula or animal milk)',
    none: 'No breast milk',
  },
};

export const RECALL_ITEMS: Dictionary<keyof Recall> = {
  zh: {
    breastMilk: '母乳（含挤出的母乳）',
    water: '水',
    formulaOrOtherMilk: '配方奶或其他动物奶',
    otherLiquids: '其他液体（果汁、茶、糖水等）',
    solids: '固体或半固体食物',
    orsDropsMedicine: '口服补液盐、滴剂或药物糖浆',
  },
  en: {
    breastMilk: 'Breast milk (incl. expressed)',
    water: 'Water',
    formulaOrOtherMilk: 'Formula or other animal milk',
    otherLiquids: 'Other liquids (juice, tea, sugar water…)',
    solids: 'Solid or semi-solid food',
    orsDropsMedicine: 'ORS, drops or medicine syrups',
  },
};

export const PROBLEMS: Dictionary<FollowUp['problems'][number]> = {
  zh: {
    sore_or_cracked_nipples: '乳头疼痛或皲裂',
    engorgement: '乳房胀痛',
    mastitis: '乳腺炎',
    perceived_low_supply: '自觉奶水不足',
    not_latching: '含接困难',
    return_to_work: '返岗工作',
    other: '其他',
  },
  en: {
    sore_or_cracked_nipples: 'Sore or cracked nipples',
    engorgement: 'Engorgement',
    mastitis: 'Mastitis',
    perceived_low_supply: 'Perceived low supply',
    not_latching: 'Not latching',
    return_to_work: 'Return to work',
    other: 'Other',
  },
};

export const REFERRALS: Dictionary<NonNullable<FollowUp['referral']>> = {
  zh: { breast_clinic: '乳房门诊', consultation_clinic: '母乳喂养咨询门诊' },
  en: { breast_clinic: 'Breast clinic', consultation_clinic: 'Breastfeeding consultation clinic' },
};
