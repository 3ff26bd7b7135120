import type { Schemas } from '../core/api';
import type { Dictionary, Language } from '../core/language';

/** The audit log, the risk catalogues and the possible-duplicate queue of the administration. */
export const AUDIT_TEXT: Dictionary<
  | 'auditTitle'
  | 'auditIntro'
  | 'timeRange'
  | 'user'
  | 'userId'
  | 'action'
  | 'entity'
  | 'entityId'
  | 'search'
  | 'reset'
  | 'occurredAt'
  | 'changes'
  | 'reason'
  | 'operations'
  | 'unmask'
  | 'unmaskTitle'
  | 'unmaskAudited'
  | 'unmaskNothing'
  | 'unmaskFailed'
  | 'close'
  | 'field'
  | 'before'
  | 'after'
  | 'value'
  | 'withheld'
  | 'noChanges'
  | 'noEntries'
  | 'loadFailed'
  | 'total'
  | 'masked'
  | 'cataloguesTitle'
  | 'cataloguesIntro'
  | 'version'
  | 'catalogueName'
  | 'province'
  | 'national'
  | 'factorCount'
  | 'addedAt'
  | 'facilityDefault'
  | 'open'
  | 'opened'
  | 'factorCode'
  | 'factorDescription'
  | 'origin'
  | 'ticked'
  | 'derived'
  | 'requiresNote'
  | 'noFactors'
  | 'purpleAlso'
  | 'readOnly'
  | 'duplicatesTitle'
  | 'duplicatesIntro'
  | 'woman'
  | 'matched'
  | 'flagged'
  | 'duplicateReason'
  | 'detectedAt'
  | 'atOtherFacility'
  | 'requestReview'
  | 'requestReviewTitle'
  | 'note'
  | 'noteRequired'
  | 'keepRequired'
  | 'submit'
  | 'cancel'
  | 'reviewRequested'
  | 'noDuplicates'
  | 'reviewsTitle'
  | 'reviewsByStaff'
  | 'status'
  | 'requestedAt'
  | 'merge'
  | 'mergeTitle'
  | 'keep'
  | 'dismiss'
  | 'dismissTitle'
  | 'merged'
  | 'dismissed'
  | 'noReviews'
  | 'notReviewer'
  | 'womanNumber'
> = {
  zh: {
    auditTitle: '审计日志',
    auditIntro:
      '谁在何时查看或修改了哪条记录。身份证号、电话、住址按写入时的规则已脱敏；显示原值需逐条操作，且本身记入审计日志。',
    timeRange: '时间范围（医院时间）',
    user: '用户',
    userId: '用户编号',
    action: '操作',
    entity: '对象类型',
    entityId: '对象编号',
    search: '查询',
    reset: '重置',
    occurredAt: '时间',
    changes: '内容',
    reason: '说明',
    operations: '操作项',
    unmask: '显示原值',
    unmaskTitle: '审计记录原值',
    unmaskAudited: '本次查看已记入审计日志。请勿抄录或外传。',
    unmaskNothing: '这条记录没有脱敏的内容，原值与列表一致。',
    unmaskFailed: '无法显示原值',
    close: '关闭',
    field: '字段',
    before: '修改前',
    after: '修改后',
    value: '内容',
    withheld: '（已隐藏）',
    noChanges: '—',
    noEntries: '没有符合条件的审计记录',
    loadFailed: '审计日志加载失败',
    total: '共 {total} 条',
    masked: '已脱敏',
    cataloguesTitle: '风险评估目录',
    cataloguesIntro:
      '妊娠风险五色评估使用的目录版本（只读）。本机构未指定版本时，按“本机构默认”版本评估。',
    version: '版本',
    catalogueName: '名称',
    province: '适用省份',
    national: '全国',
    factorCount: '条目数',
    addedAt: '启用日期',
    facilityDefault: '本机构默认',
    open: '查看条目',
    opened: '正在查看',
    factorCode: '代码',
    factorDescription: '条目',
    origin: '来源',
    ticked: '人工勾选',
    derived: '系统判定',
    requiresNote: '需填写说明',
    noFactors: '该颜色没有条目',
    purpleAlso: '同时标紫',
    readOnly: '目录由系统管理员维护，此处只读。',
    duplicatesTitle: '疑似重复建档',
    duplicatesIntro:
      '登记时发现的疑似同一人的两份档案。证件号已脱敏；其他机构的档案不显示姓名和证件，只说明“其他机构有一份档案与之匹配”。',
    woman: '本机构档案',
    matched: '匹配的档案',
    flagged: '新登记的档案',
    duplicateReason: '疑似原因',
    detectedAt: '发现时间',
    atOtherFacility: '其他机构有一份档案与之匹配',
    requestReview: '申请合并审核',
    requestReviewTitle: '申请合并审核',
    note: '说明',
    noteRequired: '请填写说明',
    keepRequired: '请选择保留的档案',
    submit: '提交',
    cancel: '取消',
    reviewRequested: '已申请合并审核',
    noDuplicates: '没有疑似重复的档案',
    reviewsTitle: '合并审核',
    reviewsByStaff: '合并审核由孕产保健人员处理；管理员可查看疑似重复名单。',
    status: '状态',
    requestedAt: '申请时间',
    merge: '合并',
    mergeTitle: '合并为同一人',
    keep: '保留的档案',
    dismiss: '不是同一人',
    dismissTitle: '不是同一人：关闭审核',
    merged: '已合并',
    dismissed: '已关闭',
    noReviews: '没有合并审核',
    notReviewer: '由匹配档案所在机构审核',
    womanNumber: '档案 {id}',
  },
  en: {
    auditTitle: 'Audit log',
    auditIntro:
      'Who viewed or changed which record, and when. ID numbers, phones and addresses were masked when written; revealing them is one entry at a time and is itself audited.',
    timeRange: 'Time range (hospital time)',
    user: 'User',
    userId: 'User number',
    action: 'Action',
    entity: 'Record type',
    entityId: 'Record number',
    search: 'Search',
    reset: 'Reset',
    occurredAt: 'Time',
    changes: 'Content',
    reason: 'Note',
    operations: 'Actions',
    unmask: 'Show original',
    unmaskTitle: 'Original values of the entry',
    unmaskAudited: 'This view has been written to the audit log. Do not copy or pass it on.',
    unmaskNothing: 'Nothing in this entry was masked: the values are as listed.',
    unmaskFailed: 'Could not show the original values',
    close: 'Close',
    field: 'Field',
    before: 'Before',
    after: 'After',
    value: 'Value',
    withheld: '(withheld)',
    noChanges: '—',
    noEntries: 'No audit entries match',
    loadFailed: 'The audit log could not be loaded',
    total: '{total} entries',
    masked: 'masked',
    cataloguesTitle: 'Risk catalogues',
    cataloguesIntro:
      'The catalogue versions of the five-colour pregnancy risk grading (read-only). Gradings that name no version use the facility default.',
    version: 'Version',
    catalogueName: 'Name',
    province: 'Province',
    national: 'National',
    factorCount: 'Items',
    addedAt: 'Added on',
    facilityDefault: 'Facility default',
    open: 'View items',
    opened: 'Viewing',
    factorCode: 'Code',
    factorDescription: 'Item',
    origin: 'Source',
    ticked: 'Ticked by staff',
    derived: 'Derived by the service',
    requiresNote: 'Needs a note',
    noFactors: 'No items of this colour',
    purpleAlso: 'Also purple',
    readOnly: 'Catalogues are kept by the system administrator; read-only here.',
    duplicatesTitle: 'Possible duplicates',
    duplicatesIntro:
      "Two records found at registration that may be one woman. Document numbers are masked; another facility's record shows no name or document, only that it matches.",
    woman: 'Our record',
    matched: 'Matching record',
    flagged: 'Newly registered record',
    duplicateReason: 'Why',
    detectedAt: 'Found',
    atOtherFacility: 'A record at another facility matches',
    requestReview: 'Ask for a merge review',
    requestReviewTitle: 'Ask for a merge review',
    note: 'Note',
    noteRequired: 'Please give a note',
    keepRequired: 'Choose the record to keep',
    submit: 'Submit',
    cancel: 'Cancel',
    reviewRequested: 'Merge review requested',
    noDuplicates: 'No possible duplicates',
    reviewsTitle: 'Merge reviews',
    reviewsByStaff: 'Merge reviews are decided by maternal-health staff; admins see the list.',
    status: 'Status',
    requestedAt: 'Requested',
    merge: 'Merge',
    mergeTitle: 'Merge into one woman',
    keep: 'Record to keep',
    dismiss: 'Not the same woman',
    dismissTitle: 'Not the same woman: close the review',
    merged: 'Merged',
    dismissed: 'Closed',
    noReviews: 'No merge reviews',
    notReviewer: "Decided by the matching record's facility",
    womanNumber: 'Record {id}',
  },
};

/** Every audited action, in words. */
type AuditAction = Schemas['AuditEntryDto']['action'];

export const ACTION_NAMES: Record<Language, Record<AuditAction, string>> = {
  zh: {
    create: '新建',
    update: '修改',
    status_change: '状态变更',
    delete: '删除',
    view_unmasked: '查看原值',
    override: '人工更正',
    view_cases: '查看指标病例',
    view_sensitive: '查看敏感信息',
    view_contact: '查看联系电话',
    login: '登录',
    login_failed: '登录失败',
    login_locked: '账号锁定',
    logout: '退出登录',
    session_revoked: '登录被结束',
    void: '作废',
    view_shared: '查看协作档案',
  },
  en: {
    create: 'Created',
    update: 'Changed',
    status_change: 'Status changed',
    delete: 'Deleted',
    view_unmasked: 'Viewed in full',
    override: 'Overridden',
    view_cases: 'Listed indicator cases',
    view_sensitive: 'Viewed sensitive data',
    view_contact: 'Revealed a phone',
    login: 'Logged in',
    login_failed: 'Login failed',
    login_locked: 'Locked',
    logout: 'Logged out',
    session_revoked: 'Sessions ended',
    void: 'Voided',
    view_shared: 'Viewed a shared record',
  },
};

/** The records the trail names, in words; an entity added later shows its code until named here. */
export const ENTITY_NAMES: Record<Language, Record<string, string>> = {
  zh: {
    woman: '孕产妇',
    pregnancy: '孕期档案',
    antenatal_visit: '产前检查',
    dating_scan: '孕周核对B超',
    risk_assessment: '风险评估',
    risk_catalogue: '风险评估目录',
    risk_report: '高危上报',
    high_risk_case: '高危专案',
    high_risk_case_note: '高危专案记录',
    referral: '转诊',
    episode_participant: '协作机构',
    episode_transfer: '管理转移',
    delivery: '分娩',
    delivery_notice: '分娩通知',
    newborn: '新生儿',
    maternal_death: '孕产妇死亡',
    feeding_event: '住院喂养',
    feeding_contraindication: '母乳喂养禁忌',
    breastfeeding_follow_up: '母乳喂养随访',
    postpartum_contact: '产后访视',
    contact_attempt: '联系记录',
    pmtct_test: '母婴阻断检测',
    pmtct_counselling: '母婴阻断咨询',
    pmtct_worklist: '母婴阻断工作单',
    maternal_treatment: '孕产妇治疗',
    treatment_dose: '用药记录',
    exposed_infant: '暴露儿童',
    infant_follow_up: '暴露儿随访',
    birth_dose_worklist: '出生首剂工作单',
    folic_acid_dispensing: '叶酸发放',
    folic_acid_intake_report: '叶酸服用',
    folic_acid_survey: '叶酸调查',
    class_topic: '孕妇学校课程',
    class_session: '孕妇学校课次',
    class_attendance: '孕妇学校签到',
    merge_review: '合并审核',
    indicator_value: '指标值',
    indicator_target: '指标目标值',
    indicator_period: '统计期',
    indicator_data_quality: '数据质量',
    visit_schedule: '产检时间表',
    user: '用户',
    facility: '机构',
    audit_entry: '审计日志',
  },
  en: {
    woman: 'Woman',
    pregnancy: 'Pregnancy',
    antenatal_visit: 'Antenatal visit',
    dating_scan: 'Dating scan',
    risk_assessment: 'Risk grading',
    risk_catalogue: 'Risk catalogue',
    risk_report: 'High-risk report',
    high_risk_case: 'High-risk case',
    high_risk_case_note: 'High-risk case note',
    referral: 'Referral',
    episode_participant: 'Participating facility',
    episode_transfer: 'Management transfer',
    delivery: 'Delivery',
    delivery_notice: 'Delivery notice',
    newborn: 'Newborn',
    maternal_death: 'Maternal death',
    feeding_event: 'Feeding event',
    feeding_contraindication: 'Feeding contraindication',
    breastfeeding_follow_up: 'Breastfeeding follow-up',
    postpartum_contact: 'Postpartum contact',
    contact_attempt: 'Contact attempt',
    pmtct_test: 'PMTCT test',
    pmtct_counselling: 'PMTCT counselling',
    pmtct_worklist: 'PMTCT worklist',
    maternal_treatment: 'Maternal treatment',
    treatment_dose: 'Treatment dose',
    exposed_infant: 'Exposed infant',
    infant_follow_up: 'Infant follow-up',
    birth_dose_worklist: 'Birth-dose worklist',
    folic_acid_dispensing: 'Folic acid dispensing',
    folic_acid_intake_report: 'Folic acid intake',
    folic_acid_survey: 'Folic acid survey',
    class_topic: 'Class topic',
    class_session: 'Class session',
    class_attendance: 'Class attendance',
    merge_review: 'Merge review',
    indicator_value: 'Indicator value',
    indicator_target: 'Indicator target',
    indicator_period: 'Indicator period',
    indicator_data_quality: 'Data quality',
    visit_schedule: 'Visit schedule',
    user: 'User',
    facility: 'Facility',
    audit_entry: 'Audit log',
  },
};

export const DUPLICATE_REASON_NAMES: Record<Language, Record<string, string>> = {
  zh: { same_name_and_birth_date: '姓名、出生日期相同', same_phone: '电话相同' },
  en: { same_name_and_birth_date: 'Same name and birth date', same_phone: 'Same phone' },
};

export const REVIEW_STATUS_NAMES: Record<Language, Record<string, string>> = {
  zh: { requested: '待审核', merged: '已合并', dismissed: '不是同一人', unmerged: '已撤销合并' },
  en: { requested: 'Waiting', merged: 'Merged', dismissed: 'Not the same', unmerged: 'Undone' },
};

/** The fields the trail names most, in words; others show their code. */
export const FIELD_NAMES: Record<Language, Record<string, string>> = {
  zh: {
    documentType: '证件类型',
    documentNumber: '证件号码',
    name: '姓名',
    birthDate: '出生日期',
    phone: '电话',
    residenceRegionCode: '现住地区划',
    residenceAddress: '现住址',
    residenceSince: '居住起始',
    hukouRegionCode: '户籍区划',
    hukouAddress: '户籍地址',
    postpartumAddress: '产后休养地址',
    householdType: '户籍类型',
    education: '文化程度',
    occupation: '职业',
    registrationDate: '建册日期',
    lmp: '末次月经',
    edd: '预产期',
    status: '状态',
    gravidity: '孕次',
    parity: '产次',
    fetusCount: '胎数',
    visitDate: '产检日期',
    weightKg: '体重',
    disease: '疾病',
    result: '结果',
    role: '角色',
    active: '启用',
    displayName: '姓名',
    username: '用户名',
    note: '说明',
    listed: '列出条数',
    ids: '编号',
  },
  en: {
    documentType: 'Document type',
    documentNumber: 'Document number',
    name: 'Name',
    birthDate: 'Birth date',
    phone: 'Phone',
    residenceRegionCode: 'Residence region',
    residenceAddress: 'Residence address',
    residenceSince: 'Resident since',
    hukouRegionCode: 'Hukou region',
    hukouAddress: 'Hukou address',
    postpartumAddress: 'Postpartum address',
    householdType: 'Household type',
    education: 'Education',
    occupation: 'Occupation',
    registrationDate: 'Registered on',
    lmp: 'LMP',
    edd: 'EDD',
    status: 'Status',
    gravidity: 'Gravidity',
    parity: 'Parity',
    fetusCount: 'Fetuses',
    visitDate: 'Visit date',
    weightKg: 'Weight',
    disease: 'Disease',
    result: 'Result',
    role: 'Role',
    active: 'Active',
    displayName: 'Name',
    username: 'Username',
    note: 'Note',
    listed: 'Listed',
    ids: 'Numbers',
  },
};
