import type { Dictionary } from '../core/language';

export const INDICATORS_TEXT: Dictionary<
  | 'dashboardTitle'
  | 'scope'
  | 'ownFacility'
  | 'region'
  | 'regionCode'
  | 'periodKind'
  | 'period'
  | 'month'
  | 'quarter'
  | 'year'
  | 'statistical_year'
  | 'indicator'
  | 'value'
  | 'numeratorDenominator'
  | 'excluded'
  | 'incomplete'
  | 'target'
  | 'met'
  | 'missed'
  | 'noTarget'
  | 'notComputed'
  | 'stale'
  | 'recompute'
  | 'computing'
  | 'computeFailed'
  | 'computed'
  | 'trend'
  | 'trendOf'
  | 'targetLine'
  | 'definition'
  | 'cohort'
  | 'numerator'
  | 'denominator'
  | 'exclusion'
  | 'incompleteCriterion'
  | 'version'
  | 'attribution'
  | 'casesMet'
  | 'casesFailed'
  | 'casesExcluded'
  | 'casesIncomplete'
  | 'case'
  | 'woman'
  | 'day'
  | 'failedCriterion'
  | 'open'
  | 'noCases'
  | 'exportCases'
  | 'cases'
  | 'back'
  | 'falling'
> = {
  zh: {
    dashboardTitle: '指标总览',
    scope: '范围',
    ownFacility: '本机构',
    region: '地区',
    regionCode: '地区代码',
    periodKind: '统计周期',
    period: '期间',
    month: '月',
    quarter: '季度',
    year: '年',
    statistical_year: '统计年度',
    indicator: '指标',
    value: '数值',
    numeratorDenominator: '分子/分母',
    excluded: '排除',
    incomplete: '不完整',
    target: '目标',
    met: '达标',
    missed: '未达标',
    noTarget: '无目标',
    notComputed: '未计算',
    stale: '数据已变动，需重新计算',
    recompute: '重新计算',
    computing: '计算中',
    computeFailed: '计算失败',
    computed: '计算完成',
    trend: '近 12 期趋势',
    trendOf: '趋势：',
    targetLine: '目标',
    definition: '指标定义',
    cohort: '统计对象',
    numerator: '分子',
    denominator: '分母',
    exclusion: '排除',
    incompleteCriterion: '不完整（暂不计入）',
    version: '定义版本',
    attribution: '归属期间',
    casesMet: '达标',
    casesFailed: '未达标',
    casesExcluded: '排除',
    casesIncomplete: '不完整',
    case: '个案',
    woman: '孕产妇',
    day: '归属日期',
    failedCriterion: '未达标原因',
    open: '打开',
    noCases: '没有个案',
    exportCases: '导出 Excel',
    cases: '个案',
    back: '返回指标总览',
    falling: '低于上年同期',
  },
  en: {
    dashboardTitle: 'Indicators',
    scope: 'Scope',
    ownFacility: 'My facility',
    region: 'Region',
    regionCode: 'Region code',
    periodKind: 'Period kind',
    period: 'Period',
    month: 'Month',
    quarter: 'Quarter',
    year: 'Year',
    statistical_year: 'Statistical year',
    indicator: 'Indicator',
    value: 'Value',
    numeratorDenominator: 'Numerator/denominator',
    excluded: 'Excluded',
    incomplete: 'Incomplete',
    target: 'Target',
    met: 'Met',
    missed: 'Missed',
    noTarget: 'No target',
    notComputed: 'Not computed',
    stale: 'Records changed: recompute',
    recompute: 'Recompute',
    computing: 'Computing',
    computeFailed: 'Computation failed',
    computed: 'Computed',
    trend: 'Last 12 periods',
    trendOf: 'Trend: ',
    targetLine: 'Target',
    definition: 'Definition',
    cohort: 'Cohort',
    numerator: 'Numerator',
    denominator: 'Denominator',
    exclusion: 'Excluded',
    incompleteCriterion: 'Incomplete (not counted yet)',
    version: 'Definition version',
    attribution: 'Period attribution',
    casesMet: 'Met',
    casesFailed: 'Failed',
    casesExcluded: 'Excluded',
    casesIncomplete: 'Incomplete',
    case: 'Case',
    woman: 'Woman',
    day: 'Day',
    failedCriterion: 'Why it failed',
    open: 'Open',
    noCases: 'No cases',
    exportCases: 'Export to Excel',
    cases: 'Cases',
    back: 'Back to the indicators',
    falling: 'below the same period a year before',
  },
};
