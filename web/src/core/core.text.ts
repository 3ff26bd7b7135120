import type { Dictionary } from './language';

export const CORE_TEXT: Dictionary<
  | 'appName'
  | 'workbench'
  | 'indicators'
  | 'reports'
  | 'breastfeedingAudit'
  | 'auditLog'
  | 'catalogues'
  | 'duplicates'
  | 'adminUsers'
  | 'adminSchedule'
  | 'adminTargets'
  | 'search'
  | 'register'
  | 'logout'
  | 'login'
  | 'username'
  | 'password'
  | 'usernameRequired'
  | 'passwordRequired'
  | 'idleTitle'
  | 'idleBody'
  | 'stay'
  | 'loggedOutIdle'
  | 'sessionExpired'
  | 'language'
  | 'dateRequired'
  | 'notFuture'
> = {
  zh: {
    appName: '孕产妇保健工作台',
    workbench: '工作台',
    indicators: '指标总览',
    reports: '报表中心',
    breastfeedingAudit: '母乳喂养',
    auditLog: '审计日志',
    catalogues: '风险目录',
    duplicates: '疑似重复',
    adminUsers: '用户',
    adminSchedule: '产检时间表',
    adminTargets: '指标目标',
    search: '查找',
    register: '建册',
    logout: '退出',
    login: '登录',
    username: '用户名',
    password: '密码',
    usernameRequired: '请输入用户名',
    passwordRequired: '请输入密码',
    idleTitle: '即将自动退出',
    idleBody: '您已 28 分钟没有操作，2 分钟后将自动退出登录。',
    stay: '继续工作',
    loggedOutIdle: '因 30 分钟无操作，已自动退出登录',
    sessionExpired: '登录已失效，请重新登录',
    language: 'English',
    dateRequired: '请填写日期',
    notFuture: '不能晚于今天',
  },
  en: {
    appName: 'MCH ward desk',
    workbench: 'Today',
    indicators: 'Indicators',
    reports: 'Reports',
    breastfeedingAudit: 'Breastfeeding',
    auditLog: 'Audit log',
    catalogues: 'Risk catalogues',
    duplicates: 'Possible duplicates',
    adminUsers: 'Users',
    adminSchedule: 'Visit schedule',
    adminTargets: 'Targets',
    search: 'Search',
    register: 'Register',
    logout: 'Log out',
    login: 'Log in',
    username: 'Username',
    password: 'Password',
    usernameRequired: 'Enter your username',
    passwordRequired: 'Enter your password',
    idleTitle: 'About to log out',
    idleBody: 'No activity for 28 minutes: you will be logged out in 2 minutes.',
    stay: 'Keep working',
    loggedOutIdle: 'Logged out after 30 minutes without activity',
    sessionExpired: 'Your session has ended: please log in again',
    language: '中文',
    dateRequired: 'Enter the date',
    notFuture: 'Must not be after today',
  },
};
