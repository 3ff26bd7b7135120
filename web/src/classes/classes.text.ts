import type { Schemas } from '../core/api';
import type { Dictionary } from '../core/language';
import type { Trimester } from '../../../src/women/rules/gestational-age';

export const CLASSES_TEXT: Dictionary<
  | 'tab'
  | 'attended'
  | 'date'
  | 'topic'
  | 'breastfeedingClass'
  | 'stage'
  | 'companion'
  | 'none'
  | 'noClasses'
  | 'thisPregnancy'
  | 'beforeDelivery'
  | 'soFar'
  | 'times'
  | 'breastfeedingStep'
  | 'attendedYes'
  | 'attendedNo'
  | 'signInTitle'
  | 'session'
  | 'sessionRequired'
  | 'sessionsHint'
  | 'noSessions'
  | 'seatsLeft'
  | 'full'
  | 'signIn'
  | 'signedIn'
  | 'beforePregnancy'
  | 'postpartum'
  | 'afterPregnancy'
  | 'ga'
> = {
  zh: {
    tab: '孕妇学校',
    attended: '已参加的课程',
    date: '日期',
    topic: '课程',
    breastfeedingClass: '母乳喂养课',
    stage: '时期',
    companion: '陪同',
    none: '无',
    noClasses: '尚未参加孕妇学校课程',
    thisPregnancy: '本次妊娠',
    beforeDelivery: '分娩前参加',
    soFar: '至今参加',
    times: '次',
    breastfeedingStep: '母乳喂养课（爱婴医院第 3 步）',
    attendedYes: '已参加',
    attendedNo: '未参加',
    signInTitle: '课程签到',
    session: '课程场次',
    sessionRequired: '请选择课程场次',
    sessionsHint: '本机构近 30 天内已开课的场次；课程当天起可签到',
    noSessions: '近 30 天没有可签到的场次',
    seatsLeft: '剩余座位',
    full: '已满',
    signIn: '签到',
    signedIn: '已签到',
    beforePregnancy: '本次妊娠前',
    postpartum: '产后',
    afterPregnancy: '本次妊娠结束后',
    ga: '孕{ga}周',
  },
  en: {
    tab: 'Prenatal classes',
    attended: 'Classes attended',
    date: 'Date',
    topic: 'Topic',
    breastfeedingClass: 'Breastfeeding class',
    stage: 'Stage',
    companion: 'Companion',
    none: 'None',
    noClasses: 'No prenatal classes attended yet',
    thisPregnancy: 'This pregnancy',
    beforeDelivery: 'attended before delivery',
    soFar: 'attended so far',
    times: '',
    breastfeedingStep: 'Breastfeeding class (BFHI step 3)',
    attendedYes: 'Attended',
    attendedNo: 'Not attended',
    signInTitle: 'Sign in to a class',
    session: 'Session',
    sessionRequired: 'Choose a session',
    sessionsHint: 'Sessions of this facility in the last 30 days; sign-in opens on the day',
    noSessions: 'No session to sign in to in the last 30 days',
    seatsLeft: 'Seats left',
    full: 'Full',
    signIn: 'Sign in',
    signedIn: 'Signed in',
    beforePregnancy: 'Before this pregnancy',
    postpartum: 'Postpartum',
    afterPregnancy: 'After this pregnancy ended',
    ga: 'GA {ga} wk',
  },
};

type Companion = NonNullable<Schemas['CheckInDto']['companion']>;

export const COMPANIONS: Dictionary<Companion> = {
  zh: { partner: '配偶', family_member: '家属', other: '其他陪同人' },
  en: { partner: 'Partner', family_member: 'Family member', other: 'Other companion' },
};

export const TRIMESTER_TEXT: Dictionary<Trimester> = {
  zh: { first: '孕早期', second: '孕中期', third: '孕晚期' },
  en: { first: 'First trimester', second: 'Second trimester', third: 'Third trimester' },
};
