import type { NextAction } from '../../../src/risk/rules/next-action';
import type { Dictionary } from '../core/language';

export const RISK_TEXT: Dictionary<
  | 'gradingsTab'
  | 'caseTab'
  | 'assessedOn'
  | 'kind'
  | 'grading'
  | 'factors'
  | 'none'
  | 'automatic'
  | 'newGrading'
  | 'catalogue'
  | 'search'
  | 'searchPlaceholder'
  | 'noMatch'
  | 'items'
  | 'picked'
  | 'pickedFactors'
  | 'nothingPicked'
  | 'derivedCannotTick'
  | 'noteFor'
  | 'noteRequired'
  | 'derivedNow'
  | 'derivedNone'
  | 'preview'
  | 'previewHint'
  | 'opensCase'
  | 'saveGrading'
  | 'clearPicked'
  | 'gradingSaved'
  | 'required'
  | 'catalogueFailed'
  | 'openCase'
  | 'noCase'
  | 'caseOf'
  | 'caseStatus'
  | 'openedAt'
  | 'closedAt'
  | 'closeReason'
  | 'nextAction'
  | 'dueAt'
  | 'management'
  | 'clinician'
  | 'plan'
  | 'saveManagement'
  | 'managementSaved'
  | 'noChanges'
  | 'staleTitle'
  | 'staleKept'
  | 'staleTheirs'
  | 'reapply'
  | 'discardMine'
  | 'notSet'
  | 'notes'
  | 'noNotes'
  | 'noteText'
  | 'addNote'
  | 'noteAdded'
  | 'referrals'
  | 'noReferrals'
  | 'referredOn'
  | 'toFacility'
  | 'outsideFacility'
  | 'outsideFacilityName'
  | 'facilityOption'
  | 'level1'
  | 'level2'
  | 'level3'
  | 'facilitiesFailed'
  | 'reason'
  | 'urgency'
  | 'referralState'
  | 'followUpDueOn'
  | 'result'
  | 'newReferral'
  | 'receiverContactedAt'
  | 'escorted'
  | 'addReferral'
  | 'referralAdded'
  | 'recordFollowUp'
  | 'followedUpOn'
  | 'followUpSaved'
  | 'cancel'
  | 'formerUser'
  | 'readOnly'
> = {
  zh: {
    gradingsTab: '风险评估',
    caseTab: '高危专案',
    assessedOn: '评估日期',
    kind: '评估类型',
    grading: '分级',
    factors: '高危因素',
    none: '无',
    automatic: '自动',
    newGrading: '新增风险评估',
    catalogue: '高危因素目录',
    search: '搜索高危因素',
    searchPlaceholder: '输入中文或代码，如 前置胎盘、PLACENTA',
    noMatch: '没有符合的高危因素',
    items: '项',
    picked: '已选',
    pickedFactors: '已选高危因素',
    nothingPicked: '未选择（无手工勾选的因素）',
    derivedCannotTick: '由系统根据检查记录自动判定',
    noteFor: '请注明',
    noteRequired: '请注明具体情况',
    derivedNow: '系统自动判定的因素（上次评估）',
    derivedNone: '暂无',
    preview: '预计分级',
    previewHint: '已选因素加上次自动判定的因素；保存时按最新检查记录重新判定',
    opensCase: '橙色、红色或紫色：保存后纳入高危专案管理',
    saveGrading: '保存评估',
    clearPicked: '清空所选',
    gradingSaved: '风险评估已保存',
    required: '必填',
    catalogueFailed: '高危因素目录加载失败',
    openCase: '高危专案管理中',
    noCase: '本机构没有她的高危专案。评估为橙色、红色或紫色时自动建立。',
    caseOf: '专案',
    caseStatus: '状态',
    openedAt: '建立时间',
    closedAt: '结案时间',
    closeReason: '结案原因',
    nextAction: '下一步',
    dueAt: '期限',
    management: '专案管理',
    clinician: '责任医生',
    plan: '管理计划',
    saveManagement: '保存专案管理',
    managementSaved: '专案管理已保存',
    noChanges: '没有修改',
    staleTitle: '您编辑期间，这个专案已被他人修改。',
    staleKept: '您填写的内容仍保留在下方，尚未保存。',
    staleTheirs: '他人保存的内容',
    reapply: '载入最新专案并重新应用我的修改',
    discardMine: '放弃我的修改，查看最新内容',
    notSet: '（未填写）',
    notes: '专案记录',
    noNotes: '暂无记录',
    noteText: '记录内容',
    addNote: '添加记录',
    noteAdded: '记录已添加',
    referrals: '转诊',
    noReferrals: '暂无转诊',
    referredOn: '转诊日期',
    toFacility: '转入机构',
    outsideFacility: '系统外机构',
    outsideFacilityName: '系统外机构名称',
    facilityOption: '{name}（{level}）',
    level1: '一级',
    level2: '二级',
    level3: '三级',
    facilitiesFailed: '机构列表未能载入，请选择系统外机构并填写名称',
    reason: '转诊原因',
    urgency: '紧急程度',
    referralState: '状态',
    followUpDueOn: '结果随访截止',
    result: '随访结果',
    newReferral: '新增转诊',
    receiverContactedAt: '联系接收机构时间',
    escorted: '专人护送',
    addReferral: '保存转诊',
    referralAdded: '转诊已保存',
    recordFollowUp: '记录随访结果',
    followedUpOn: '随访日期',
    followUpSaved: '随访结果已保存',
    cancel: '取消',
    formerUser: '用户',
    readOnly: '您的角色只能查看专案。',
  },
  en: {
    gradingsTab: 'Risk gradings',
    caseTab: 'High-risk case',
    assessedOn: 'Graded on',
    kind: 'Kind',
    grading: 'Colour',
    factors: 'Risk factors',
    none: 'None',
    automatic: 'Derived',
    newGrading: 'New risk grading',
    catalogue: 'Risk factor catalogue',
    search: 'Search risk factors',
    searchPlaceholder: 'Chinese text or code, e.g. 前置胎盘, PLACENTA',
    noMatch: 'No risk factor matches',
    items: 'items',
    picked: 'picked',
    pickedFactors: 'Picked risk factors',
    nothingPicked: 'None (no factor ticked)',
    derivedCannotTick: 'Derived by the service from her records',
    noteFor: 'Say what:',
    noteRequired: 'Say what it is',
    derivedNow: 'Derived factors (last grading)',
    derivedNone: 'None',
    preview: 'Expected colour',
    previewHint:
      'Picked factors plus those derived last time; derived ones are re-read from her latest records on saving',
    opensCase: 'Orange, red or purple: she enters high-risk case management on saving',
    saveGrading: 'Save grading',
    clearPicked: 'Clear picked',
    gradingSaved: 'Risk grading saved',
    required: 'Required',
    catalogueFailed: 'The risk factor catalogue could not be loaded',
    openCase: 'High-risk case open',
    noCase:
      'Your facility has no high-risk case of hers. One opens when she is graded orange, red or purple.',
    caseOf: 'Case',
    caseStatus: 'Status',
    openedAt: 'Opened',
    closedAt: 'Closed',
    closeReason: 'Why closed',
    nextAction: 'Next action',
    dueAt: 'Due',
    management: 'Case management',
    clinician: 'Responsible clinician',
    plan: 'Management plan',
    saveManagement: 'Save case management',
    managementSaved: 'Case management saved',
    noChanges: 'Nothing changed',
    staleTitle: 'Someone else changed this case while you were editing it.',
    staleKept: 'What you typed is still below, not saved yet.',
    staleTheirs: 'What they saved',
    reapply: 'Load the latest case and re-apply my changes',
    discardMine: 'Drop my changes and show the latest',
    notSet: '(not set)',
    notes: 'Case notes',
    noNotes: 'No notes yet',
    noteText: 'Note',
    addNote: 'Add note',
    noteAdded: 'Note added',
    referrals: 'Referrals',
    noReferrals: 'No referrals',
    referredOn: 'Referred on',
    toFacility: 'Referred to',
    outsideFacility: 'Facility outside the system',
    outsideFacilityName: 'Name of the outside facility',
    facilityOption: '{name} ({level})',
    level1: 'primary',
    level2: 'secondary',
    level3: 'tertiary',
    facilitiesFailed:
      'The facility list could not be loaded: choose an outside facility and type its name',
    reason: 'Reason',
    urgency: 'Urgency',
    referralState: 'State',
    followUpDueOn: 'Result due by',
    result: 'Result',
    newReferral: 'New referral',
    receiverContactedAt: 'Receiver contacted at',
    escorted: 'Escorted by staff',
    addReferral: 'Save referral',
    referralAdded: 'Referral saved',
    recordFollowUp: 'Record the result',
    followedUpOn: 'Followed up on',
    followUpSaved: 'Result saved',
    cancel: 'Cancel',
    formerUser: 'User',
    readOnly: 'Your role may read the case only.',
  },
};

/** Kinds of grading (评估类型). */
export const KIND_TEXT: Dictionary<
  'registration_screening' | 'visit' | 'postpartum_visit' | 'day42_check' | 'automatic'
> = {
  zh: {
    registration_screening: '建册筛查',
    visit: '产检评估',
    postpartum_visit: '产后访视',
    day42_check: '产后42天',
    automatic: '自动重评',
  },
  en: {
    registration_screening: 'Registration screening',
    visit: 'Antenatal visit',
    postpartum_visit: 'Postpartum visit',
    day42_check: '42-day check',
    automatic: 'Automatic re-grading',
  },
};

/** The colour groups of the catalogue, with what each colour means. */
export const GROUP_TEXT: Dictionary<'green' | 'yellow' | 'orange' | 'red' | 'purple'> = {
  zh: {
    green: '低风险',
    yellow: '一般风险',
    orange: '较高风险',
    red: '高风险',
    purple: '传染病',
  },
  en: {
    green: 'Low risk',
    yellow: 'General risk',
    orange: 'Higher risk',
    red: 'High risk',
    purple: 'Infectious disease',
  },
};

/** A case's state and next action (the service's codes). */
export const CASE_TEXT: Dictionary<'open' | 'closed' | NextAction> = {
  zh: {
    open: '管理中',
    closed: '已结案',
    report_late: '上报区妇幼已逾期',
    report_due: '待上报区妇幼',
    referral_follow_up_late: '转诊结果逾期未回',
    referral_follow_up_due: '待随访转诊结果',
    assign_clinician: '待指定责任医生',
    write_plan: '待制定管理计划',
    follow_up: '按计划随访',
  },
  en: {
    open: 'Open',
    closed: 'Closed',
    report_late: 'District report late',
    report_due: 'District report due',
    referral_follow_up_late: 'Referral result late',
    referral_follow_up_due: 'Referral result due',
    assign_clinician: 'Name a responsible clinician',
    write_plan: 'Write the management plan',
    follow_up: 'Follow up as planned',
  },
};

/** A referral's urgency and where it stands. */
export const REFERRAL_TEXT: Dictionary<
  | 'routine'
  | 'urgent'
  | 'critical'
  | 'awaiting'
  | 'awaitingLate'
  | 'received'
  | 'declined'
  | 'followedUp'
> = {
  zh: {
    routine: '常规',
    urgent: '紧急',
    critical: '危重',
    awaiting: '待随访结果',
    awaitingLate: '结果逾期未回',
    received: '对方已接收，待反馈结果',
    declined: '对方未接收',
    followedUp: '已随访',
  },
  en: {
    routine: 'Routine',
    urgent: 'Urgent',
    critical: 'Critical',
    awaiting: 'Result awaited',
    awaitingLate: 'Result late',
    received: 'Received, result awaited',
    declined: 'Declined',
    followedUp: 'Followed up',
  },
};

/** Why a case closed, from the service's reasons; `{status}` and `{date}` are filled in. */
export const CLOSE_TEXT: Dictionary<'day42' | 'episode' | 'automatic'> = {
  zh: {
    day42: '产后42天检查后结案',
    episode: '档案{status}，专案随之结案',
    automatic: '妊娠结束（{date}）后56天未做产后42天检查，自动结案',
  },
  en: {
    day42: 'Closed at the 42-day postpartum check',
    episode: 'Closed with her record: {status}',
    automatic:
      'Closed automatically 56 days after the end of pregnancy ({date}) without a 42-day check',
  },
};
