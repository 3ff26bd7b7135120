import type { Dictionary } from '../core/language';

export const FOLIC_ACID_TEXT: Dictionary<
  | 'tab'
  | 'summaryTitle'
  | 'periconception'
  | 'lmp'
  | 'evaluatedOn'
  | 'uptake'
  | 'uptakeYes'
  | 'uptakeNo'
  | 'window'
  | 'firstEvidence'
  | 'adherence'
  | 'adherent'
  | 'notAdherent'
  | 'notEvaluable'
  | 'beforeGa13'
  | 'noIntake'
  | 'startedOnLabel'
  | 'startedBeforeLmp'
  | 'notStartedBeforeLmp'
  | 'daysTakenOf'
  | 'tooFewDays'
  | 'adherenceRule'
  | 'awareness'
  | 'aware'
  | 'unaware'
  | 'notSurveyed'
  | 'dispensingsTitle'
  | 'dispensedOn'
  | 'dose'
  | 'perDay'
  | 'bottles'
  | 'tabletsPerBottle'
  | 'daysCovered'
  | 'covers'
  | 'batchNumber'
  | 'intakeTitle'
  | 'reportedOn'
  | 'startedOn'
  | 'stoppedOn'
  | 'stillTaking'
  | 'missedDays'
  | 'estimatedDaysTaken'
  | 'estimateHint'
  | 'surveysTitle'
  | 'askedOn'
  | 'knowsNtd'
  | 'knowsWhen'
  | 'yes'
  | 'no'
  | 'recordDispensing'
  | 'recordIntake'
  | 'dispensed'
  | 'intakeSaved'
  | 'noRecords'
  | 'countRequired'
  | 'days'
> = {
  zh: {
    tab: '叶酸',
    summaryTitle: '增补叶酸评价（本次妊娠）',
    periconception:
      '围受孕期：末次月经前 {before} 天至末次月经后 {after} 天（孕 3 月末），每日 {mg} mg，预防神经管缺陷',
    lmp: '末次月经（按预产期推算）',
    evaluatedOn: '评价日期',
    uptake: '服用',
    uptakeYes: '已服用',
    uptakeNo: '窗口内未服用',
    window: '窗口',
    firstEvidence: '窗口内首次服用',
    adherence: '依从',
    adherent: '依从',
    notAdherent: '不依从',
    notEvaluable: '暂不评价',
    beforeGa13: '孕 13 周前暂不评价：至孕 3 月末的服用尚未结束',
    noIntake: '至孕 3 月末没有服用记录',
    startedOnLabel: '开始服用',
    startedBeforeLmp: '孕前开始服用',
    notStartedBeforeLmp: '未在孕前开始服用',
    daysTakenOf: '{days} 天中服用 {taken} 天（{pct}%）',
    tooFewDays: '服用天数不足 {pct}%',
    adherenceRule: '依从：孕前开始服用，且至孕 3 月末服用天数 ≥ {pct}%',
    awareness: '知晓',
    aware: '知晓',
    unaware: '不知晓',
    notSurveyed: '未调查',
    dispensingsTitle: '发放记录',
    dispensedOn: '发放日期',
    dose: '每日剂量',
    perDay: '每日 {n} 片',
    bottles: '瓶数',
    tabletsPerBottle: '每瓶片数',
    daysCovered: '可服天数',
    covers: '按此剂量可服 {days} 天',
    batchNumber: '批号',
    intakeTitle: '服用情况',
    reportedOn: '报告日期',
    startedOn: '开始服用日期',
    stoppedOn: '停服日期',
    stillTaking: '仍在服用',
    missedDays: '漏服天数',
    estimatedDaysTaken: '估计服用天数',
    estimateHint: '记不清日期时，填写她估计的服用天数',
    surveysTitle: '知晓情况调查',
    askedOn: '调查日期',
    knowsNtd: '知道可预防神经管缺陷',
    knowsWhen: '知道何时服用',
    yes: '是',
    no: '否',
    recordDispensing: '记录发放',
    recordIntake: '记录服用情况',
    dispensed: '已记录叶酸发放',
    intakeSaved: '已记录服用情况',
    noRecords: '无记录',
    countRequired: '请填写数量',
    days: '天',
  },
  en: {
    tab: 'Folic acid',
    summaryTitle: 'Folic acid (this pregnancy)',
    periconception:
      'Periconceptional window: {before} days before to {after} days after the LMP (end of month 3), {mg} mg a day, against neural-tube defects',
    lmp: 'LMP (from the EDD)',
    evaluatedOn: 'Evaluated on',
    uptake: 'Uptake',
    uptakeYes: 'Took it',
    uptakeNo: 'None in the window',
    window: 'Window',
    firstEvidence: 'First intake in the window',
    adherence: 'Adherence',
    adherent: 'Adherent',
    notAdherent: 'Not adherent',
    notEvaluable: 'Not evaluated',
    beforeGa13: 'Not before GA 13+0: the window to the end of month 3 has not closed',
    noIntake: 'No intake recorded up to the end of month 3',
    startedOnLabel: 'Started',
    startedBeforeLmp: 'Started before the LMP',
    notStartedBeforeLmp: 'Did not start before the LMP',
    daysTakenOf: 'taken on {taken} of {days} days ({pct}%)',
    tooFewDays: 'taken on fewer than {pct}% of days',
    adherenceRule: 'Adherent: started before the LMP and took it on ≥ {pct}% of days to month 3',
    awareness: 'Awareness',
    aware: 'Aware',
    unaware: 'Not aware',
    notSurveyed: 'Not surveyed',
    dispensingsTitle: 'Dispensings',
    dispensedOn: 'Dispensed on',
    dose: 'Daily dose',
    perDay: '{n} tablet(s) a day',
    bottles: 'Bottles',
    tabletsPerBottle: 'Tablets per bottle',
    daysCovered: 'Days covered',
    covers: 'Covers {days} days at this dose',
    batchNumber: 'Batch',
    intakeTitle: 'Intake reports',
    reportedOn: 'Reported on',
    startedOn: 'Started on',
    stoppedOn: 'Stopped on',
    stillTaking: 'Still taking it',
    missedDays: 'Days missed',
    estimatedDaysTaken: 'Estimated days taken',
    estimateHint: 'When she cannot give dates: her estimate of the days taken',
    surveysTitle: 'Knowledge surveys',
    askedOn: 'Asked on',
    knowsNtd: 'Knows it prevents neural-tube defects',
    knowsWhen: 'Knows when to take it',
    yes: 'Yes',
    no: 'No',
    recordDispensing: 'Record dispensing',
    recordIntake: 'Record intake',
    dispensed: 'Dispensing recorded',
    intakeSaved: 'Intake recorded',
    noRecords: 'No records',
    countRequired: 'Enter the number',
    days: 'days',
  },
};
