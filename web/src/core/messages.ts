import type { ErrorCode } from '../../../src/core/errors/error-codes';
import type { ErrorDetail } from './api';

/** Every error code of the service, in Chinese (a code added there must be worded here). */
const SERVICE_CODES: Record<ErrorCode, string> = {
  VALIDATION_FAILED: '填写有误，请按提示修改',
  MALFORMED_REQUEST: '提交的内容格式有误，请刷新页面后重试',
  UNAUTHENTICATED: '登录已失效，请重新登录',
  INVALID_CREDENTIALS: '用户名或密码错误',
  SESSION_REVOKED: '登录已在别处结束，请重新登录',
  LOGIN_LOCKED: '密码错误次数过多，账号已暂时锁定，请稍后再试',
  FORBIDDEN_ROLE: '您的角色无权进行此操作',
  NOT_FOUND: '未找到该记录',
  ROUTE_NOT_FOUND: '未找到该功能，请刷新页面',
  METHOD_NOT_ALLOWED: '不支持该操作，请刷新页面',
  PAYLOAD_TOO_LARGE: '提交的内容过大',
  DUPLICATE_KEY: '该记录已存在',
  STALE_VERSION: '该记录已被他人修改：请查看最新内容后重新保存',
  WRITE_CONFLICT: '与他人的同时操作冲突：请重新提交',
  ALREADY_VOIDED: '该记录已作废',
  VOID_BLOCKED: '还有依赖它的记录，不能作废',
  TOO_MANY_REQUESTS: '操作过于频繁，请稍后再试',
  INTERNAL_ERROR: '服务器出错，请稍后重试；已填写的内容不会丢失',
  SERVICE_UNAVAILABLE: '服务暂时不可用，请稍后重试；已填写的内容不会丢失',
  FACILITY_NOT_FOUND: '未找到该机构',
  FACILITY_CODE_TAKEN: '机构代码已被使用',
  USER_NOT_FOUND: '未找到该用户',
  AUDIT_ENTRY_NOT_FOUND: '未找到该审计记录',
  USERNAME_TAKEN: '用户名已被使用',
  WOMAN_NOT_FOUND: '未找到该孕产妇',
  PREGNANCY_NOT_FOUND: '未找到该孕产妇档案',
  RESIDENT_ID_INVALID: '身份证号码不正确',
  RESIDENT_ID_MALE_SEQUENCE: '身份证顺序码为奇数（男性），请核对；确认无误请勾选确认并填写原因',
  BIRTH_DATE_MISMATCH: '出生日期与身份证号不符',
  DOCUMENT_NAME_MISMATCH: '证件号码与姓名或出生日期不符',
  DOCUMENT_TAKEN: '该证件号码已属于另一位孕产妇',
  DATING_EVIDENCE_MISSING: '请填写末次月经、B超或辅助生殖移植日期之一',
  DATING_INCONSISTENT: '孕周推算依据相互矛盾，请核对',
  PREGNANCY_ALREADY_OPEN: '该孕妇已有在管的孕产期档案',
  HANDBOOK_NUMBER_TAKEN: '该手册编号已用于另一份档案',
  PREGNANCY_STATUS_TRANSITION_INVALID: '档案当前状态不能进行此变更',
  PREGNANCY_NOT_OPEN: '该档案已结案，不能再记录',
  PREGNANCY_SUPERSEDED: '该档案已被新的孕产期档案取代',
  DELIVERY_REQUIRED: '请通过分娩记录登记分娩',
  POSSIBLE_DUPLICATE_NOT_FOUND: '未找到该疑似重复记录',
  MERGE_REVIEW_EXISTS: '该合并审核已存在',
  MERGE_REVIEW_NOT_FOUND: '未找到该合并审核',
  MERGE_REVIEW_NOT_REVIEWER: '该合并审核由其他机构负责',
  MERGE_REVIEW_DECIDED: '该合并审核已处理',
  MERGE_CONFLICT: '两份记录有冲突，不能合并',
  MERGE_NOT_LATEST: '只能撤销最近一次合并',
  WOMAN_ALREADY_MERGED: '该孕产妇已合并到另一份记录',
  VISIT_NOT_FOUND: '未找到该产检记录',
  VISIT_BEFORE_LMP: '产检日期早于末次月经',
  VISIT_AFTER_PREGNANCY_END: '产检日期晚于妊娠结束',
  VISIT_SAME_DAY: '当天已有产检记录，如需再次记录请勾选“同日复诊”',
  SCHEDULE_INVALID: '产检计划有误',
  RISK_CATALOGUE_NOT_FOUND: '未找到该版本的高危因素目录',
  RISK_CATALOGUE_INVALID: '高危因素目录有误',
  RISK_CATALOGUE_VERSION_TAKEN: '该目录版本号已存在',
  RISK_FACTOR_UNKNOWN: '目录中没有该高危因素',
  RISK_FACTOR_DERIVED: '该因素由系统根据检查结果自动判定，不能手工勾选',
  HIGH_RISK_CASE_NOT_FOUND: '未找到该高危专案',
  HIGH_RISK_CASE_CLOSED: '该高危专案已结案',
  REFERRAL_NOT_FOUND: '未找到该转诊',
  REFERRAL_ALREADY_FOLLOWED_UP: '该转诊已记录随访结果',
  REFERRAL_ALREADY_ANSWERED: '该转诊已处理',
  RISK_REPORT_NOT_FOUND: '未找到该报告',
  RISK_REPORT_ALREADY_SENT: '该报告已上报',
  CLINICIAN_NOT_FOUND: '未找到该医生',
  CLASS_TOPIC_NOT_FOUND: '未找到该课程',
  CLASS_TOPIC_TAKEN: '该课程已存在',
  CLASS_SESSION_NOT_FOUND: '未找到该期课程',
  CHECK_IN_BEFORE_SESSION: '课程开始前不能签到',
  ATTENDANCE_DUPLICATE: '她已签到过这期课程',
  SESSION_FULL: '该期课程已满员',
  ATTENDEE_NOT_FOUND: '未找到该学员',
  FOLIC_ACID_RECORD_INVALID: '叶酸记录有误，请按提示修改',
  PMTCT_TEST_NOT_FOUND: '未找到该检测记录',
  PMTCT_TREATMENT_NOT_FOUND: '未找到该用药记录',
  EXPOSED_INFANT_NOT_FOUND: '未找到该暴露儿童',
  EXPOSED_INFANT_EXISTS: '该暴露儿童已登记',
  NOT_CONFIRMED_POSITIVE: '检测结果尚未确证阳性',
  EXPOSURE_EXCLUDED: '已排除暴露',
  PMTCT_RECORD_INVALID: '母婴阻断记录有误，请按提示修改',
  FOLLOW_UP_UNKNOWN: '未知的随访时点',
  EPISODE_NOT_FOUND: '未找到该孕产期',
  ALREADY_PARTICIPANT: '本机构已参与她的孕产期管理',
  NOTICE_NOT_FOUND: '未找到该通知',
  TRANSFER_NOT_FOUND: '未找到该转出/转入',
  NOT_MANAGING: '本机构不是她的管理机构',
  TRANSFER_PENDING: '已有待处理的转出',
  TRANSFER_NOT_ANSWERABLE: '该转出不能再处理',
  EPISODE_NOT_RUNNING: '她的孕产期管理已结束',
  SERVICE_AREA_TAKEN: '该辖区已由其他机构负责',
  DELIVERY_NOTICE_NOT_FOUND: '未找到该分娩通知',
  DELIVERY_NOTICE_NOT_OPEN: '该分娩通知已处理',
  DELIVERY_NOT_FOUND: '未找到分娩记录',
  DELIVERY_EXISTS: '已有分娩记录',
  NEWBORN_NOT_FOUND: '未找到该新生儿',
  NEWBORN_EXISTS: '该新生儿已登记',
  FEEDING_EVENT_NOT_FOUND: '未找到该喂养记录',
  FAILURE_REVIEW_NOT_FOUND: '未找到该复核记录（可能已被他人取消）',
  FAILURE_REVIEW_EXISTS: '该新生儿此项指标已标记复核：请刷新后查看',
  CONTRAINDICATION_NOT_FOUND: '未找到该禁忌记录',
  DELIVERY_RECORD_INVALID: '分娩或新生儿记录有误，请按提示修改',
  POSTPARTUM_CONTACT_INVALID: '产后访视记录有误，请按提示修改',
  FOLLOW_UP_NOT_FOUND: '未找到该随访',
  INDICATOR_NOT_FOUND: '未找到该指标',
  COMPUTATION_NOT_FOUND: '未找到该计算',
  EXPORT_NOT_FOUND: '未找到该导出',
  EXPORT_NOT_READY: '导出尚未完成',
  REGION_NOT_FOUND: '未找到该地区',
  PERIOD_NOT_COMPUTED: '该期指标尚未计算',
  PERIOD_STALE: '该期指标已过期，需重新计算',
  PERIOD_ALREADY_CLOSED: '该期已关账',
  PERIOD_VERSION_NOT_FOUND: '未找到该期的这个版本',
  EXPORT_INCOMPLETE: '该期数据不完整，不能导出',
};

/** Failures of the browser's own: the network, or an answer without the service's error shape. */
const CLIENT_CODES: Record<string, string> = {
  OFFLINE: '网络连接失败，请检查网络后重试，已填写的内容不会丢失',
  SERVER_ERROR: '服务器出错，请稍后重试；已填写的内容不会丢失',
  REQUEST_FAILED: '操作未成功，请检查后重试',
};

const CODES: Record<string, string> = { ...SERVICE_CODES, ...CLIENT_CODES };

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
  afterBirth: '不能早于出生时间',
  notFuture: '不能晚于现在',
  beforeDeath: '不能晚于死亡时间',
  bloodPressurePair: '血压须同时填写收缩压和舒张压',
  belowSystolic: '舒张压应低于收缩压',
  notBeforeLmp: '不能早于末次月经',
  notBeforeRegistration: '不能早于建册日期',
  notAfterPregnancyEnd: '不能晚于妊娠结束',
  notBeforePregnancyEnd: '不能早于妊娠结束',
  withinPregnancy: '应在本次妊娠期间',
  oneVisitPerDay: '当天已有产检记录',
  unique: '已被使用',
  matches: '格式不正确',
  afterDelivery: '须在分娩之后，且不晚于现在',
  liveBirthOnly: '仅适用于活产新生儿',
  day42CheckOnly: '仅产后42天检查填写',
  requiresReferral: '须先选择转诊去向',
  datesOrEstimate: '请填写开始服用日期，或估计服用天数',
  requiredWithStoppedOn: '填写了停服日期，须同时填写开始服用日期',
  beforeStop: '开始服用日期不能晚于停服日期或报告日期',
  notAfterReport: '停服日期不能晚于报告日期',
  withinRange: '漏服天数不能多于所报的服用天数',
  oncePerSession: '她已签到过这期课程',
  inFacilityRecords: '本机构没有她的档案',
  notBeforeSessionDate: '课程当天才能签到',
  withinCapacity: '座位不足',
  noteRequired: '请注明具体情况',
  inCatalogue: '目录中没有该因素',
  notDerived: '该因素由系统自动判定，不能手工勾选',
  matchesPregnancyStatus: '评估类型与档案状态不符',
  withinCase: '应在专案建立之后，且不晚于今天',
  escortedWhenCritical: '危重孕产妇转诊须有专人护送',
  userOfFacility: '请选择本机构的护士或妇保医生',
  minLength: '内容过短',
  notEmpty: '至少需要一个时间窗',
  startNotAfterEnd: '结束孕天不能早于开始孕天',
  inOrder: '应按孕周先后排列：开始早于上一行',
  noOverlap: '与上一个时间窗重叠',
};

/** Ends of a range the service names in words. */
const RANGE_ENDS: Record<string, string> = { today: '今天', now: '现在' };

/** What a 503 names as its cause (its detail's rule), more precisely than its code. */
const UNAVAILABLE_CAUSES: Record<string, string> = {
  replicaCaughtUp: '统计数据正在同步最新的记录，请稍后重试（通常不超过一分钟）',
  replicaReachable: '统计数据库暂时无法连接，请稍后重试',
};

export function errorMessage(
  code: string,
  fallback?: string,
  details: readonly ErrorDetail[] = [],
): string {
  const cause = code === 'SERVICE_UNAVAILABLE' ? UNAVAILABLE_CAUSES[details[0]?.rule ?? ''] : null;
  return cause ?? CODES[code] ?? (fallback ? `操作未成功（${code}）` : CODES.REQUEST_FAILED);
}

/** A field error in Chinese: the rule's wording, with the range the service named when it did. */
export function detailMessage(detail: ErrorDetail): string {
  const between = /between (\S+) and (\S+)(?: (.+))?$/.exec(detail.message);
  if (between) {
    const [, from, to, unit] = between;
    return `应在 ${RANGE_ENDS[from] ?? from}–${RANGE_ENDS[to] ?? to}${unit ? ` ${unit}` : ''} 之间`;
  }
  const characters = /(\d+) characters$/.exec(detail.message)?.[1];
  if (detail.rule === 'minLength' && characters) return `至少 ${characters} 个字符`;
  if (detail.rule === 'maxLength' && characters) return `不能超过 ${characters} 个字符`;
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
