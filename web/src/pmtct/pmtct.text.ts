import type { Schemas } from '../core/api';
import type { Dictionary } from '../core/language';

export const PMTCT_TEXT: Dictionary<
  | 'auditedNotice'
  | 'statusTitle'
  | 'testsTitle'
  | 'noTests'
  | 'disease'
  | 'status'
  | 'testedEarly'
  | 'treatment'
  | 'notApplicable'
  | 'treated'
  | 'untreated'
  | 'yes'
  | 'no'
  | 'sampleDate'
  | 'test'
  | 'partner'
  | 'result'
  | 'resultPending'
  | 'resultDate'
  | 'treatmentsTitle'
  | 'noTreatments'
  | 'startedOn'
  | 'regimen'
  | 'doses'
  | 'course'
  | 'courseComplete'
  | 'courseIncomplete'
  | 'infantsTitle'
  | 'noInfants'
  | 'birthOrderTitle'
  | 'birthOrder'
  | 'exposure'
  | 'excludedOn'
  | 'dosesAndVaccines'
  | 'followUp'
  | 'followUpDone'
  | 'followUpDueOn'
  | 'actions'
  | 'newbornPage'
  | 'listSeparator'
  | 'followUpSeparator'
> = {
  zh: {
    auditedNotice: '检测结果属敏感信息，每次查看均记录在审计日志中。',
    statusTitle: '感染状态',
    testsTitle: '检测记录',
    noTests: '无检测记录',
    disease: '疾病',
    status: '状态',
    testedEarly: '孕早期检测',
    treatment: '治疗',
    notApplicable: '不适用',
    treated: '已治疗',
    untreated: '未治疗',
    yes: '是',
    no: '否',
    sampleDate: '采样日期',
    test: '检测',
    partner: '（配偶）',
    result: '结果',
    resultPending: '待出结果',
    resultDate: '结果日期',
    treatmentsTitle: '孕产妇治疗',
    noTreatments: '无治疗记录',
    startedOn: '开始日期',
    regimen: '方案',
    doses: '用药次数',
    course: '疗程',
    courseComplete: '完成',
    courseIncomplete: '未完成',
    infantsTitle: '暴露儿童',
    noInfants: '无暴露儿童',
    birthOrderTitle: '胎次',
    birthOrder: '第 {n} 胎',
    exposure: '暴露',
    excludedOn: '（{date} 已排除）',
    dosesAndVaccines: '预防用药与接种',
    followUp: '随访',
    followUpDone: '（已完成）',
    followUpDueOn: '（{date} 应随访）',
    actions: '操作',
    newbornPage: '新生儿页',
    listSeparator: '、',
    followUpSeparator: '；',
  },
  en: {
    auditedNotice: 'Test results are sensitive: every view is recorded in the audit log.',
    statusTitle: 'Infection status',
    testsTitle: 'Tests',
    noTests: 'No tests',
    disease: 'Disease',
    status: 'Status',
    testedEarly: 'Tested in the first trimester',
    treatment: 'Treatment',
    notApplicable: 'Not applicable',
    treated: 'Treated',
    untreated: 'Not treated',
    yes: 'Yes',
    no: 'No',
    sampleDate: 'Sample date',
    test: 'Test',
    partner: ' (partner)',
    result: 'Result',
    resultPending: 'Pending',
    resultDate: 'Result date',
    treatmentsTitle: "Mother's treatments",
    noTreatments: 'No treatments',
    startedOn: 'Started',
    regimen: 'Regimen',
    doses: 'Doses',
    course: 'Course',
    courseComplete: 'Complete',
    courseIncomplete: 'Incomplete',
    infantsTitle: 'Exposed babies',
    noInfants: 'No exposed babies',
    birthOrderTitle: 'Baby',
    birthOrder: 'Baby {n}',
    exposure: 'Exposure',
    excludedOn: ' (excluded {date})',
    dosesAndVaccines: 'Prophylaxis and vaccines',
    followUp: 'Follow-up',
    followUpDone: ' (done)',
    followUpDueOn: ' (due {date})',
    actions: 'Actions',
    newbornPage: 'Newborn page',
    listSeparator: ', ',
    followUpSeparator: '; ',
  },
};

export const DISEASES: Dictionary<Schemas['DiseaseStatusDto']['disease']> = {
  zh: { hiv: '艾滋病', syphilis: '梅毒', hbsag: '乙肝' },
  en: { hiv: 'HIV', syphilis: 'Syphilis', hbsag: 'Hepatitis B' },
};

export const DISEASE_STATUSES: Dictionary<Schemas['DiseaseStatusDto']['status']> = {
  zh: {
    untested: '未检测',
    pending: '待出结果',
    negative: '阴性',
    awaiting_confirmation: '初筛阳性待确证',
    confirmed_positive: '确证阳性',
    indeterminate: '不确定',
  },
  en: {
    untested: 'Not tested',
    pending: 'Result pending',
    negative: 'Negative',
    awaiting_confirmation: 'Reactive, awaiting confirmation',
    confirmed_positive: 'Confirmed positive',
    indeterminate: 'Indeterminate',
  },
};

export const RESULTS: Dictionary<NonNullable<Schemas['TestDto']['result']>> = {
  zh: { negative: '阴性', positive: '阳性', indeterminate: '不确定' },
  en: { negative: 'Negative', positive: 'Positive', indeterminate: 'Indeterminate' },
};

/** A test's setting and kind read together: 孕期初筛, "antenatal screening". */
export const TEST_SETTINGS: Dictionary<Schemas['TestDto']['setting']> = {
  zh: { antenatal: '孕期', labour: '临产', postpartum: '产后' },
  en: { antenatal: 'Antenatal', labour: 'In labour', postpartum: 'Postpartum' },
};

export const TEST_KINDS: Dictionary<Schemas['TestDto']['kind']> = {
  zh: { screening: '初筛', confirmatory: '确证' },
  en: { screening: ' screening', confirmatory: ' confirmatory' },
};

export const TREATMENTS: Dictionary<Schemas['TreatmentDto']['kind']> = {
  zh: { art: '抗病毒治疗', syphilis_course: '抗梅毒治疗', hbv_antiviral: '乙肝抗病毒' },
  en: {
    art: 'Antiretroviral therapy',
    syphilis_course: 'Syphilis treatment',
    hbv_antiviral: 'Hepatitis B antiviral',
  },
};

/** The keys of an exposed baby's `timeliness`. */
export const INFANT_DOSES: Dictionary<
  'hivProphylaxis' | 'syphilisProphylaxis' | 'hbig' | 'hepBVaccine1'
> = {
  zh: {
    hivProphylaxis: '艾滋病预防用药',
    syphilisProphylaxis: '梅毒预防性治疗',
    hbig: '乙肝免疫球蛋白',
    hepBVaccine1: '乙肝疫苗首针',
  },
  en: {
    hivProphylaxis: 'HIV prophylaxis',
    syphilisProphylaxis: 'Syphilis prophylaxis',
    hbig: 'HBIG',
    hepBVaccine1: 'Hepatitis B vaccine, first dose',
  },
};

export const DOSE_TIMELINESS: Dictionary<Schemas['TimelinessDto']['state']> = {
  zh: { on_time: '及时', late: '延迟', not_given: '未用', due: '待用' },
  en: { on_time: 'On time', late: 'Late', not_given: 'Not given', due: 'Due' },
};

/**
 * The follow-up visits of an exposed baby by code (the service's Chinese labels name only the
 * age, which both diseases share).
 */
export const INFANT_FOLLOW_UPS: Dictionary<
  | 'HIV_48H'
  | 'HIV_6W'
  | 'HIV_3M'
  | 'HIV_12M'
  | 'HIV_18M'
  | 'SYPHILIS_3M'
  | 'SYPHILIS_6M'
  | 'SYPHILIS_9M'
  | 'SYPHILIS_12M'
  | 'SYPHILIS_15M'
  | 'SYPHILIS_18M'
> = {
  zh: {
    HIV_48H: '艾滋病 48小时',
    HIV_6W: '艾滋病 6周',
    HIV_3M: '艾滋病 3个月',
    HIV_12M: '艾滋病 12个月（抗体）',
    HIV_18M: '艾滋病 18个月（抗体）',
    SYPHILIS_3M: '梅毒 3个月',
    SYPHILIS_6M: '梅毒 6个月',
    SYPHILIS_9M: '梅毒 9个月',
    SYPHILIS_12M: '梅毒 12个月',
    SYPHILIS_15M: '梅毒 15个月',
    SYPHILIS_18M: '梅毒 18个月',
  },
  en: {
    HIV_48H: 'HIV at 48 hours',
    HIV_6W: 'HIV at 6 weeks',
    HIV_3M: 'HIV at 3 months',
    HIV_12M: 'HIV at 12 months (antibody)',
    HIV_18M: 'HIV at 18 months (antibody)',
    SYPHILIS_3M: 'Syphilis at 3 months',
    SYPHILIS_6M: 'Syphilis at 6 months',
    SYPHILIS_9M: 'Syphilis at 9 months',
    SYPHILIS_12M: 'Syphilis at 12 months',
    SYPHILIS_15M: 'Syphilis at 15 months',
    SYPHILIS_18M: 'Syphilis at 18 months',
  },
};
