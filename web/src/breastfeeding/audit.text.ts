import type { Dictionary } from '../core/language';

export const AUDIT_TEXT: Dictionary<
  | 'title'
  | 'month'
  | 'indicatorsTitle'
  | 'indicator'
  | 'notComputed'
  | 'stale'
  | 'toDashboard'
  | 'monthNotComputed'
  | 'timesTitle'
  | 'firstFeedChart'
  | 'skinChart'
  | 'minutesAfterBirth'
  | 'babies'
  | 'limit'
  | 'withinLimit'
  | 'notRecorded'
  | 'later'
  | 'separationsTitle'
  | 'supplementsTitle'
  | 'reason'
  | 'supplementWhat'
  | 'medical'
  | 'withMedical'
  | 'withoutMedical'
  | 'events'
  | 'babiesCount'
  | 'none'
  | 'unrecorded'
  | 'yes'
  | 'no'
  | 'failuresTitle'
  | 'onlyFirst'
  | 'mother'
  | 'born'
  | 'failedIndicator'
  | 'failedCriterion'
  | 'review'
  | 'reviewed'
  | 'toReview'
  | 'reviewedBy'
  | 'note'
  | 'markReviewed'
  | 'editNote'
  | 'unmark'
  | 'unmarkConfirm'
  | 'save'
  | 'cancel'
  | 'saved'
  | 'unmarked'
  | 'noFailures'
  | 'reviewedCount'
  | 'required'
  | 'actions'
> = {
  zh: {
    title: '母乳喂养审核',
    month: '月份',
    indicatorsTitle: '爱婴医院指标（按月）',
    indicator: '指标',
    notComputed: '未计算',
    stale: '需重新计算',
    toDashboard: '到指标总览计算',
    monthNotComputed: '本月爱婴医院指标尚未计算，未达标名单按当前记录列出。',
    timesTitle: '出生后时间分布（本月出生、住院已结束的活产儿 {count} 例）',
    firstFeedChart: '首次母乳喂养时间（出生后分钟）',
    skinChart: '开始皮肤接触时间（出生后分钟）',
    minutesAfterBirth: '出生后分钟',
    babies: '新生儿数',
    limit: '界值 {limit} 分钟',
    withinLimit: '{limit}分钟内 {within}/{recorded} 例',
    notRecorded: '未记录 {count} 例',
    later: '更晚',
    separationsTitle: '母婴分离（按原因）',
    supplementsTitle: '添加（有无医学指征）',
    reason: '原因',
    supplementWhat: '添加内容',
    medical: '医学原因',
    withMedical: '有医学指征',
    withoutMedical: '无医学指征',
    events: '次数',
    babiesCount: '新生儿数',
    none: '本月无记录',
    unrecorded: '（未填写）',
    yes: '是',
    no: '否',
    failuresTitle: '本月未达标新生儿',
    onlyFirst: '{code} 未达标 {total} 例，此处列出前 {shown} 例，其余见指标详情',
    mother: '母亲',
    born: '出生日期',
    failedIndicator: '未达标指标',
    failedCriterion: '未满足',
    review: '复核',
    reviewed: '已复核',
    toReview: '待复核',
    reviewedBy: '复核人',
    note: '复核备注',
    markReviewed: '标记已复核',
    editNote: '修改备注',
    unmark: '取消复核',
    unmarkConfirm: '确定取消该复核标记？',
    save: '保存',
    cancel: '取消',
    saved: '已保存复核',
    unmarked: '已取消复核',
    noFailures: '本月无未达标新生儿',
    reviewedCount: '已复核 {reviewed}/{total}',
    required: '请填写复核备注',
    actions: '操作',
  },
  en: {
    title: 'Breastfeeding audit',
    month: 'Month',
    indicatorsTitle: 'Baby-Friendly indicators by month',
    indicator: 'Indicator',
    notComputed: 'Not computed',
    stale: 'Needs recomputing',
    toDashboard: 'Compute on the dashboard',
    monthNotComputed:
      "This month's Baby-Friendly indicators are not computed; the failures are listed from the current records.",
    timesTitle: 'Times after birth ({count} live births of the month with the stay complete)',
    firstFeedChart: 'First breastfeed (minutes after birth)',
    skinChart: 'Start of skin-to-skin (minutes after birth)',
    minutesAfterBirth: 'Minutes after birth',
    babies: 'Babies',
    limit: 'Limit {limit} min',
    withinLimit: 'Within {limit} min: {within}/{recorded}',
    notRecorded: 'Not recorded: {count}',
    later: 'Later',
    separationsTitle: 'Separations by reason',
    supplementsTitle: 'Supplements with and without a medical reason',
    reason: 'Reason',
    supplementWhat: 'Given',
    medical: 'Medical reason',
    withMedical: 'With a medical reason',
    withoutMedical: 'Without a medical reason',
    events: 'Times',
    babiesCount: 'Babies',
    none: 'None this month',
    unrecorded: '(not given)',
    yes: 'Yes',
    no: 'No',
    failuresTitle: "This month's failures",
    onlyFirst: '{code}: {total} failures, the first {shown} listed here; see the indicator for all',
    mother: 'Mother',
    born: 'Born',
    failedIndicator: 'Indicator failed',
    failedCriterion: 'Not met',
    review: 'Review',
    reviewed: 'Reviewed',
    toReview: 'To review',
    reviewedBy: 'Reviewer',
    note: 'Review note',
    markReviewed: 'Mark reviewed',
    editNote: 'Edit note',
    unmark: 'Unmark',
    unmarkConfirm: 'Remove this review mark?',
    save: 'Save',
    cancel: 'Cancel',
    saved: 'Review saved',
    unmarked: 'Review removed',
    noFailures: 'No failures this month',
    reviewedCount: 'Reviewed {reviewed}/{total}',
    required: 'Write the review note',
    actions: 'Actions',
  },
};
