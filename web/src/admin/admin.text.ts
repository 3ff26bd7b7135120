import type { Dictionary } from '../core/language';

/** The roles, as the picklist and the user list name them. */
export const ROLE_NAMES: Dictionary<
  'nurse' | 'mch_staff' | 'statistician' | 'admin' | 'system_admin'
> = {
  zh: {
    nurse: '护士',
    mch_staff: '妇幼保健人员',
    statistician: '统计人员',
    admin: '机构管理员',
    system_admin: '系统管理员',
  },
  en: {
    nurse: 'Nurse',
    mch_staff: 'MCH staff',
    statistician: 'Statistician',
    admin: 'Facility admin',
    system_admin: 'System admin',
  },
};

/** A target's direction, as the target form offers it. */
export const DIRECTION_NAMES: Dictionary<'at_least' | 'at_most' | 'falling'> = {
  zh: { at_least: '不低于', at_most: '不高于', falling: '逐年下降' },
  en: { at_least: 'At least', at_most: 'At most', falling: 'Falling year on year' },
};

export const ADMIN_TEXT: Dictionary<
  | 'users'
  | 'schedule'
  | 'targets'
  | 'facility'
  | 'facilityLoadFailed'
  | 'usersTitle'
  | 'username'
  | 'displayName'
  | 'role'
  | 'status'
  | 'active'
  | 'inactive'
  | 'actions'
  | 'noUsers'
  | 'newUser'
  | 'create'
  | 'created'
  | 'initialPassword'
  | 'newPassword'
  | 'passwordHelp'
  | 'passwordTooShort'
  | 'usernameHelp'
  | 'usernameInvalid'
  | 'required'
  | 'cancel'
  | 'save'
  | 'saved'
  | 'changeRole'
  | 'changeRoleTitle'
  | 'roleChanged'
  | 'resetPassword'
  | 'resetPasswordTitle'
  | 'passwordReset'
  | 'endSessions'
  | 'endSessionsConfirm'
  | 'sessionsEnded'
  | 'deactivate'
  | 'deactivateConfirm'
  | 'deactivated'
  | 'reactivate'
  | 'reactivateConfirm'
  | 'reactivated'
  | 'yes'
  | 'endsSessionsNote'
  | 'you'
  | 'scheduleTitle'
  | 'scheduleOwn'
  | 'scheduleNational'
  | 'scheduleHelp'
  | 'windowCode'
  | 'windowLabel'
  | 'startDay'
  | 'endDay'
  | 'gaWeeks'
  | 'addWindow'
  | 'removeWindow'
  | 'remove'
  | 'saveSchedule'
  | 'scheduleSaved'
  | 'revertNational'
  | 'revertNationalConfirm'
  | 'reverted'
  | 'window'
  | 'targetsTitle'
  | 'targetsHelp'
  | 'indicator'
  | 'code'
  | 'group'
  | 'nationalTarget'
  | 'ownTarget'
  | 'effective'
  | 'useNational'
  | 'edit'
  | 'editTargetTitle'
  | 'direction'
  | 'value'
  | 'targetSaved'
  | 'clearTarget'
  | 'clearTargetConfirm'
  | 'targetCleared'
  | 'falling'
  | 'setAt'
> = {
  zh: {
    users: '用户',
    schedule: '产检时间表',
    targets: '指标目标',
    facility: '机构',
    facilityLoadFailed: '机构列表加载失败',
    usersTitle: '用户管理',
    username: '用户名',
    displayName: '姓名',
    role: '角色',
    status: '状态',
    active: '在用',
    inactive: '已停用',
    actions: '操作',
    noUsers: '该机构还没有用户',
    newUser: '新建用户',
    create: '创建',
    created: '用户已创建',
    initialPassword: '初始密码',
    newPassword: '新密码',
    passwordHelp: '至少 {min} 个字符；请当面告知本人，首次登录后自行修改',
    passwordTooShort: '密码至少 {min} 个字符',
    usernameHelp: '3–64 位小写字母、数字、点、连字符或下划线，例如 nurse.wang',
    usernameInvalid: '用户名只能是 3–64 位小写字母、数字、点、连字符或下划线',
    required: '必填',
    cancel: '取消',
    save: '保存',
    saved: '已保存',
    changeRole: '修改角色',
    changeRoleTitle: '修改 {name} 的角色',
    roleChanged: '角色已修改，其登录已结束',
    resetPassword: '重置密码',
    resetPasswordTitle: '重置 {name} 的密码',
    passwordReset: '密码已重置，其登录已结束',
    endSessions: '结束会话',
    endSessionsConfirm: '结束 {name} 在所有设备上的登录？',
    sessionsEnded: '已结束其所有会话',
    deactivate: '停用',
    deactivateConfirm: '停用 {name}？其登录立即结束，且不能再登录。',
    deactivated: '已停用，其登录已结束',
    reactivate: '启用',
    reactivateConfirm: '重新启用 {name}？',
    reactivated: '已重新启用',
    yes: '确定',
    endsSessionsNote: '修改角色、重置密码或停用后，该用户正在使用的登录会立即结束。',
    you: '（本人）',
    scheduleTitle: '产检时间表',
    scheduleOwn: '本机构自定时间表',
    scheduleNational: '国家基本公共卫生服务规范最低标准（至少 5 次）',
    scheduleHelp:
      '每行为一次产前检查的时间窗，以孕天计（孕周 × 7 + 天）；按孕周先后排列，不得重叠。时间窗结束 7 天后仍未检查即列入逾期名单。',
    windowCode: '代码',
    windowLabel: '名称',
    startDay: '开始孕天',
    endDay: '结束孕天',
    gaWeeks: '孕周',
    addWindow: '添加时间窗',
    removeWindow: '删除第 {n} 行',
    remove: '删除',
    saveSchedule: '保存时间表',
    scheduleSaved: '产检时间表已保存',
    revertNational: '恢复国家最低标准',
    revertNationalConfirm: '删除本机构的时间表，恢复国家最低标准？',
    reverted: '已恢复国家最低标准',
    window: '第 {n} 次',
    targetsTitle: '指标目标',
    targetsHelp: '本机构可设定高于国家要求的目标；未设定时按国家目标评价是否达标。',
    indicator: '指标',
    code: '编号',
    group: '类别',
    nationalTarget: '国家目标',
    ownTarget: '本机构目标',
    effective: '评价依据',
    useNational: '按国家目标',
    edit: '修改',
    editTargetTitle: '{name} 的本机构目标',
    direction: '要求',
    value: '目标值',
    targetSaved: '目标已保存',
    clearTarget: '恢复国家目标',
    clearTargetConfirm: '删除本机构目标，恢复按国家目标评价？',
    targetCleared: '已恢复国家目标',
    falling: '逐年下降',
    setAt: '设定于 {time}',
  },
  en: {
    users: 'Users',
    schedule: 'Visit schedule',
    targets: 'Targets',
    facility: 'Facility',
    facilityLoadFailed: 'The facilities could not be loaded',
    usersTitle: 'Users',
    username: 'Username',
    displayName: 'Name',
    role: 'Role',
    status: 'Status',
    active: 'Active',
    inactive: 'Deactivated',
    actions: 'Actions',
    noUsers: 'This facility has no users yet',
    newUser: 'New user',
    create: 'Create',
    created: 'User created',
    initialPassword: 'Initial password',
    newPassword: 'New password',
    passwordHelp: 'At least {min} characters; tell the person face to face',
    passwordTooShort: 'The password needs at least {min} characters',
    usernameHelp: '3–64 lower-case letters, digits, dots, hyphens or underscores, e.g. nurse.wang',
    usernameInvalid: 'Use 3–64 lower-case letters, digits, dots, hyphens or underscores',
    required: 'Required',
    cancel: 'Cancel',
    save: 'Save',
    saved: 'Saved',
    changeRole: 'Change role',
    changeRoleTitle: 'Change the role of {name}',
    roleChanged: 'Role changed; their sessions have ended',
    resetPassword: 'Reset password',
    resetPasswordTitle: 'Reset the password of {name}',
    passwordReset: 'Password reset; their sessions have ended',
    endSessions: 'End sessions',
    endSessionsConfirm: 'End every session of {name}, on every device?',
    sessionsEnded: 'Their sessions have ended',
    deactivate: 'Deactivate',
    deactivateConfirm: 'Deactivate {name}? Their sessions end now and they cannot log in.',
    deactivated: 'Deactivated; their sessions have ended',
    reactivate: 'Reactivate',
    reactivateConfirm: 'Reactivate {name}?',
    reactivated: 'Reactivated',
    yes: 'Yes',
    endsSessionsNote:
      'Changing the role, resetting the password or deactivating ends the user’s sessions at once.',
    you: ' (you)',
    scheduleTitle: 'Antenatal visit schedule',
    scheduleOwn: 'This facility’s own schedule',
    scheduleNational: 'National minimum (basic public health service, at least 5 visits)',
    scheduleHelp:
      'Each row is one visit window in gestational-age days (weeks × 7 + days), in order and not overlapping. A window unvisited 7 days after it ends puts her on the overdue list.',
    windowCode: 'Code',
    windowLabel: 'Name',
    startDay: 'First GA day',
    endDay: 'Last GA day',
    gaWeeks: 'Weeks',
    addWindow: 'Add a window',
    removeWindow: 'Remove row {n}',
    remove: 'Remove',
    saveSchedule: 'Save schedule',
    scheduleSaved: 'Visit schedule saved',
    revertNational: 'Use the national minimum',
    revertNationalConfirm: 'Delete this facility’s schedule and use the national minimum?',
    reverted: 'The national minimum applies again',
    window: 'Visit {n}',
    targetsTitle: 'Indicator targets',
    targetsHelp:
      'A facility may set targets stricter than the national ones; without its own, the national target decides.',
    indicator: 'Indicator',
    code: 'Code',
    group: 'Group',
    nationalTarget: 'National target',
    ownTarget: 'Facility target',
    effective: 'Judged against',
    useNational: 'National target',
    edit: 'Edit',
    editTargetTitle: 'Facility target of {name}',
    direction: 'Direction',
    value: 'Target',
    targetSaved: 'Target saved',
    clearTarget: 'Use the national target',
    clearTargetConfirm: 'Delete this facility’s target and use the national one?',
    targetCleared: 'The national target applies again',
    falling: 'Falling year on year',
    setAt: 'Set {time}',
  },
};
