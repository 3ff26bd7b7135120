import type { Dictionary } from '../core/language';

export const ANTENATAL_TEXT: Dictionary<
  | 'workbenchTitle'
  | 'overdueTitle'
  | 'pastDueTitle'
  | 'name'
  | 'gestationalAge'
  | 'colour'
  | 'daysOverdue'
  | 'window'
  | 'lastVisit'
  | 'lastCall'
  | 'phone'
  | 'actions'
  | 'recordCall'
  | 'calledRecently'
  | 'outcome'
  | 'note'
  | 'save'
  | 'cancel'
  | 'saved'
  | 'print'
  | 'none'
  | 'visits'
  | 'newVisit'
  | 'visitDate'
  | 'weightKg'
  | 'systolic'
  | 'diastolic'
  | 'urineProtein'
  | 'haemoglobin'
  | 'oedema'
  | 'fetalHeartRate'
  | 'nextAppointment'
  | 'visitSaved'
  | 'correct'
  | 'correctVisit'
  | 'visitCorrected'
  | 'noChanges'
  | 'staleTitle'
  | 'staleTheirs'
  | 'staleMine'
  | 'staleNothingVisible'
  | 'reapply'
  | 'discardMine'
  | 'rangeWarning'
  | 'edd'
  | 'reportBy'
  | 'called'
  | 'no_answer'
  | 'will_come'
  | 'moved_away'
  | 'refused'
  | 'appointmentsTitle'
  | 'dosesTitle'
  | 'postpartumTitle'
  | 'day42Title'
  | 'appointment'
  | 'daysLate'
  | 'today'
  | 'what'
  | 'timeLeft'
  | 'dueOn'
  | 'state'
  | 'overdue'
  | 'due'
  | 'scheduleTab'
  | 'period'
  | 'dueFromColumn'
  | 'dueFrom'
  | 'overdueFromColumn'
  | 'daysOverdueSuffix'
  | 'windowBefore'
  | 'windowWeeks'
  | 'windowState'
  | 'listSeparator'
  | 'ruler'
  | 'rulerToday'
  | 'rulerWeek'
  | 'rulerTodayMark'
  | 'rulerVisit'
> = {
  zh: {
    appointmentsTitle: '今日及过期预约',
    dosesTitle: '母婴阻断用药提醒',
    postpartumTitle: '产后访视到期',
    day42Title: '产后42天检查到期',
    appointment: '预约日期',
    daysLate: '过期天数',
    today: '今天',
    what: '事项',
    timeLeft: '剩余时间',
    dueOn: '到期日',
    state: '状态',
    overdue: '已逾期',
    due: '到期',
    workbenchTitle: '今日工作台',
    overdueTitle: '逾期未产检',
    pastDueTitle: '已过预产期',
    name: '姓名',
    gestationalAge: '孕周',
    colour: '风险分级',
    daysOverdue: '逾期天数',
    window: '应查时段',
    lastVisit: '末次产检',
    lastCall: '最近电话',
    phone: '电话',
    actions: '操作',
    recordCall: '登记电话',
    calledRecently: '隐藏 24 小时内已联系',
    outcome: '联系结果',
    note: '备注',
    save: '保存',
    cancel: '取消',
    saved: '已保存',
    print: '打印名单',
    none: '无',
    visits: '产检记录',
    newVisit: '记录产检',
    visitDate: '产检日期',
    weightKg: '体重 (kg)',
    systolic: '收缩压 (mmHg)',
    diastolic: '舒张压 (mmHg)',
    urineProtein: '尿蛋白',
    haemoglobin: '血红蛋白 (g/L)',
    oedema: '水肿',
    fetalHeartRate: '胎心率 (次/分)',
    nextAppointment: '下次预约',
    visitSaved: '产检已保存',
    correct: '修改',
    correctVisit: '修改产检记录',
    visitCorrected: '产检记录已修改',
    noChanges: '没有修改任何内容',
    staleTitle: '您修改期间，这条产检记录已被他人保存。他人的改动：',
    staleTheirs: '他人改为',
    staleMine: '您改为',
    staleNothingVisible: '（改动不在本表单的项目中）',
    reapply: '在最新记录上重新应用我的修改',
    discardMine: '放弃我的修改，显示最新记录',
    rangeWarning: '数值超出常见范围，请核对后再保存',
    edd: '预产期',
    reportBy: '须上报区妇幼',
    called: '已接通',
    no_answer: '无人接听',
    will_come: '答应来诊',
    moved_away: '已迁出',
    refused: '拒绝',
    scheduleTab: '产检计划',
    period: '时段',
    dueFromColumn: '应查日期',
    dueFrom: '{date} 起',
    overdueFromColumn: '逾期日期',
    daysOverdueSuffix: ' {n} 天',
    windowBefore: '孕{week}周前',
    windowWeeks: '孕{from}-{to}周',
    windowState: '{window}：{state}',
    listSeparator: '；',
    ruler: '孕周标尺：{summary}',
    rulerToday: '今日孕{ga}周',
    rulerWeek: '{week}周',
    rulerTodayMark: '今日 {ga}',
    rulerVisit: '产检',
  },
  en: {
    appointmentsTitle: 'Appointments due',
    dosesTitle: 'PMTCT dose alarms',
    postpartumTitle: 'Postpartum visits due',
    day42Title: '42-day checks due',
    appointment: 'Appointment',
    daysLate: 'Days late',
    today: 'Today',
    what: 'What',
    timeLeft: 'Time left',
    dueOn: 'Due on',
    state: 'State',
    overdue: 'Overdue',
    due: 'Due',
    workbenchTitle: 'Today',
    overdueTitle: 'Overdue visits',
    pastDueTitle: 'Past due date',
    name: 'Name',
    gestationalAge: 'GA',
    colour: 'Risk',
    daysOverdue: 'Days overdue',
    window: 'Window',
    lastVisit: 'Last visit',
    lastCall: 'Last call',
    phone: 'Phone',
    actions: 'Actions',
    recordCall: 'Record call',
    calledRecently: 'Hide those called in 24 h',
    outcome: 'Outcome',
    note: 'Note',
    save: 'Save',
    cancel: 'Cancel',
    saved: 'Saved',
    print: 'Print list',
    none: 'None',
    visits: 'Visits',
    newVisit: 'Record a visit',
    visitDate: 'Visit date',
    weightKg: 'Weight (kg)',
    systolic: 'Systolic (mmHg)',
    diastolic: 'Diastolic (mmHg)',
    urineProtein: 'Urine protein',
    haemoglobin: 'Haemoglobin (g/L)',
    oedema: 'Oedema',
    fetalHeartRate: 'Fetal heart rate (bpm)',
    nextAppointment: 'Next appointment',
    visitSaved: 'Visit saved',
    correct: 'Correct',
    correctVisit: 'Correct the visit',
    visitCorrected: 'Visit corrected',
    noChanges: 'Nothing was changed',
    staleTitle: 'Someone else saved this visit while you were correcting it. Their changes:',
    staleTheirs: 'they set',
    staleMine: 'you typed',
    staleNothingVisible: '(changes outside the fields of this form)',
    reapply: 'Re-apply my changes to the latest record',
    discardMine: 'Drop my changes and show the latest record',
    rangeWarning: 'Unusual value: check it before saving',
    edd: 'EDD',
    reportBy: 'Report to the district by',
    called: 'Answered',
    no_answer: 'No answer',
    will_come: 'Will come',
    moved_away: 'Moved away',
    refused: 'Refused',
    scheduleTab: 'Visit schedule',
    period: 'Window',
    dueFromColumn: 'Due from',
    dueFrom: 'from {date}',
    overdueFromColumn: 'Overdue from',
    daysOverdueSuffix: ' {n} d',
    windowBefore: 'Before {week} weeks',
    windowWeeks: '{from}–{to} weeks',
    windowState: '{window}: {state}',
    listSeparator: '; ',
    ruler: 'Gestational-age ruler: {summary}',
    rulerToday: 'today {ga} weeks',
    rulerWeek: '{week} wk',
    rulerTodayMark: 'Today {ga}',
    rulerVisit: 'Visit',
  },
};

/** The state of a window of her visit schedule. */
export const WINDOW_STATE_TEXT: Dictionary<
  'done' | 'due' | 'overdue' | 'missed' | 'upcoming' | 'not_applicable'
> = {
  zh: {
    done: '已完成',
    due: '应查',
    overdue: '已逾期',
    missed: '错过',
    upcoming: '未到',
    not_applicable: '不适用',
  },
  en: {
    done: 'Done',
    due: 'Due',
    overdue: 'Overdue',
    missed: 'Missed',
    upcoming: 'Upcoming',
    not_applicable: 'Not applicable',
  },
};
