import type { ErrorDetail } from './api';

/** Error codes of the service, in Chinese; anything else falls back to a general message. */
const CODES: Record<string, string> = {
  OFFLINE: '网络连接失败，请检查网络后重试，已填写的内容不会丢失',
  SERVER_ERROR: '服务器出错，请稍后重试；已填写的内容不会丢失',
  REQUEST_FAILED: '操作未成功，请检查后重试',
  VALIDATION_FAILED: '填写有误，请按提示修改',
  INVALID_CREDENTIALS: '用户名或密码错误',
  LOGIN_LOCKED: '密码错误次数过多，账号已暂时锁定，请稍后再试',
  TOO_MANY_REQUESTS: '操作过于频繁，请稍后再试',
  UNAUTHORIZED: '登录已失效，请重新登录',
  FORBIDDEN: '您的角色无权进行此操作',
  PREGNANCY_NOT_FOUND: '未找到该孕产妇档案',
  WOMAN_NOT_FOUND: '未找到该孕产妇',
  VERSION_CONFLICT: '该记录已被他人修改，请刷新后重试',
  VISIT_BEFORE_LMP: '产检日期早于末次月经',
  VISIT_IN_FUTURE: '产检日期不能晚于今天',
  SAME_DAY_VISIT: '当天已有产检记录，如需再次记录请勾选“同日复诊”',
  PREGNANCY_ALREADY_OPEN: '该孕妇已有在管的孕产期档案',
  DOCUMENT_NAME_MISMATCH: '证件号码与姓名或出生日期不符',
  RESIDENT_ID_INVALID: '身份证号码不正确',
  PREGNANCY_NOT_OPEN: '该档案已结案，不能再记录产检',
};

/** Rules of field errors, in Chinese. */
const RULES: Record<string, string> = {
  isNotEmpty: '必填',
  isDefined: '必填',
  min: '低于允许的最小值',
  max: '超过允许的最大值',
  isInt: '须为整数',
  isNumber: '须为数字',
  isIn: '请从选项中选择',
  isCalendarDate: '日期格式应为 年-月-日',
  maxLength: '内容过长',
  whitelistValidation: '不允许的字段',
};

export function errorMessage(code: string, fallback?: string): string {
  return CODES[code] ?? (fallback ? `操作未成功（${code}）` : CODES.REQUEST_FAILED);
}

/** A field error in Chinese: the rule's wording, with the range the service named when it did. */
export function detailMessage(detail: ErrorDetail): string {
  const between = /between (\S+) and (\S+)(?: (.+))?$/.exec(detail.message);
  if (between) return `应在 ${between[1]}–${between[2]}${between[3] ? ` ${between[3]}` : ''} 之间`;
  const limit = /(-?\d+(?:\.\d+)?)\s*$/.exec(detail.message)?.[1];
  if ((detail.rule === 'min' || detail.rule === 'max') && limit !== undefined) {
    return detail.rule === 'min' ? `不能小于 ${limit}` : `不能大于 ${limit}`;
  }
  return RULES[detail.rule] ?? '填写有误';
}

/**
 * The service's field errors for an Ant Design form's `setFields`: each on its field (paths such
 * as `woman.documentNumber` or `babies[1].birthWeightG`), in Chinese.
 */
export function fieldErrors(details: readonly ErrorDetail[]) {
  return details.map((detail) => ({
    name: detail.field
      .replace(/\[(\d+)\]/g, '.$1')
      .split('.')
      .map((part) => (/^\d+$/.test(part) ? Number(part) : part)) as never,
    errors: [detailMessage(detail)],
  }));
}
