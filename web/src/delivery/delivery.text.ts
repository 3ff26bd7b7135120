import type { Schemas } from '../core/api';
import type { Dictionary } from '../core/language';

/** The delivery tab, the delivery-room page of each baby and its birth doses. */
export const DELIVERY_TEXT: Dictionary<
  | 'tab'
  | 'deliveryRecord'
  | 'deliveredLine'
  | 'birthOrder'
  | 'nthBaby'
  | 'sex'
  | 'birthWeight'
  | 'apgar'
  | 'deliveryRoom'
  | 'nthNewborn'
  | 'newDelivery'
  | 'deliveredAt'
  | 'deliveredAtRequired'
  | 'mode'
  | 'maternalOutcome'
  | 'bloodLoss'
  | 'remove'
  | 'nthSex'
  | 'nthWeight'
  | 'weightRequired'
  | 'nthApgar1'
  | 'nthApgar5'
  | 'nthVitalStatus'
  | 'addBaby'
  | 'saveDelivery'
> = {
  zh: {
    tab: '分娩',
    deliveryRecord: '分娩记录',
    deliveredLine: '分娩时间 {at}，{mode}',
    birthOrder: '胎次',
    nthBaby: '第 {n} 胎',
    sex: '性别',
    birthWeight: '出生体重 (g)',
    apgar: 'Apgar 1/5',
    deliveryRoom: '产房记录',
    nthNewborn: '第 {n} 胎新生儿',
    newDelivery: '记录分娩',
    deliveredAt: '分娩时间',
    deliveredAtRequired: '请填写分娩时间',
    mode: '分娩方式',
    maternalOutcome: '产妇结局',
    bloodLoss: '出血量 (ml)',
    remove: '删除',
    nthSex: '第 {n} 胎性别',
    nthWeight: '第 {n} 胎出生体重 (g)',
    weightRequired: '请填写出生体重',
    nthApgar1: '第 {n} 胎 Apgar 1分钟',
    nthApgar5: '第 {n} 胎 Apgar 5分钟',
    nthVitalStatus: '第 {n} 胎结局',
    addBaby: '添加新生儿',
    saveDelivery: '保存分娩记录',
  },
  en: {
    tab: 'Delivery',
    deliveryRecord: 'Delivery record',
    deliveredLine: 'Delivered {at}, {mode}',
    birthOrder: 'Birth order',
    nthBaby: 'Baby {n}',
    sex: 'Sex',
    birthWeight: 'Birth weight (g)',
    apgar: 'Apgar 1/5',
    deliveryRoom: 'Delivery room record',
    nthNewborn: 'Newborn {n}',
    newDelivery: 'Record the delivery',
    deliveredAt: 'Time of birth',
    deliveredAtRequired: 'Enter the time of birth',
    mode: 'Mode of delivery',
    maternalOutcome: 'Maternal outcome',
    bloodLoss: 'Blood loss (ml)',
    remove: 'Remove',
    nthSex: 'Baby {n} sex',
    nthWeight: 'Baby {n} birth weight (g)',
    weightRequired: 'Enter the birth weight',
    nthApgar1: 'Baby {n} Apgar at 1 min',
    nthApgar5: 'Baby {n} Apgar at 5 min',
    nthVitalStatus: 'Baby {n} outcome',
    addBaby: 'Add a baby',
    saveDelivery: 'Save the delivery',
  },
};

export const MODE_TEXT: Dictionary<Schemas['RecordDeliveryDto']['mode']> = {
  zh: { spontaneous_vaginal: '自然分娩', assisted_vaginal: '阴道助产', caesarean: '剖宫产' },
  en: {
    spontaneous_vaginal: 'Spontaneous vaginal birth',
    assisted_vaginal: 'Assisted vaginal birth',
    caesarean: 'Caesarean section',
  },
};

export const MATERNAL_OUTCOME_TEXT: Dictionary<Schemas['RecordDeliveryDto']['maternalOutcome']> = {
  zh: { well: '良好', complications: '有并发症', transferred: '转诊', death: '死亡' },
  en: {
    well: 'Well',
    complications: 'Complications',
    transferred: 'Transferred',
    death: 'Maternal death',
  },
};

export const SEX_TEXT: Dictionary<Schemas['NewbornInputDto']['sex']> = {
  zh: { female: '女', male: '男', undetermined: '不明' },
  en: { female: 'Female', male: 'Male', undetermined: 'Undetermined' },
};

export const VITAL_STATUS_TEXT: Dictionary<Schemas['NewbornInputDto']['vitalStatus']> = {
  zh: { live_birth: '活产', stillbirth: '死产' },
  en: { live_birth: 'Live birth', stillbirth: 'Stillbirth' },
};

/** The delivery-room page of one baby: skin-to-skin, first breastfeed, what was recorded. */
export const NEWBORN_TEXT: Dictionary<
  | 'title'
  | 'sexUndetermined'
  | 'bornAt'
  | 'apgarMinutes'
  | 'startSkinToSkin'
  | 'skinToSkinStarted'
  | 'endSkinToSkin'
  | 'skinToSkinEnded'
  | 'skinToSkinRunning'
  | 'elapsed'
  | 'recordFirstFeed'
  | 'firstFeedRecorded'
  | 'recorded'
  | 'detail'
  | 'detailMedical'
  | 'eventLine'
  | 'babyFriendly'
  | 'met'
  | 'notMet'
> = {
  zh: {
    title: '第 {n} 胎新生儿（{sex}，{weight} g）',
    sexUndetermined: '性别不明',
    bornAt: '出生时间',
    apgarMinutes: 'Apgar 1/5 分钟',
    startSkinToSkin: '开始皮肤接触',
    skinToSkinStarted: '皮肤接触已开始',
    endSkinToSkin: '结束皮肤接触',
    skinToSkinEnded: '皮肤接触已结束',
    skinToSkinRunning: '皮肤接触进行中：{elapsed}',
    elapsed: '{m} 分 {s} 秒',
    recordFirstFeed: '记录首次母乳喂养',
    firstFeedRecorded: '已记录首次母乳喂养',
    recorded: '已记录',
    detail: '（{detail}）',
    detailMedical: '（{detail}，医学指征：{reason}）',
    eventLine: '{kind}{detail}：{time}',
    babyFriendly: '爱婴医院指标（实时）',
    met: '达标',
    notMet: '未达标',
  },
  en: {
    title: 'Newborn {n} ({sex}, {weight} g)',
    sexUndetermined: 'sex undetermined',
    bornAt: 'Born',
    apgarMinutes: 'Apgar at 1/5 min',
    startSkinToSkin: 'Start skin-to-skin contact',
    skinToSkinStarted: 'Skin-to-skin contact started',
    endSkinToSkin: 'End skin-to-skin contact',
    skinToSkinEnded: 'Skin-to-skin contact ended',
    skinToSkinRunning: 'Skin-to-skin contact for {elapsed}',
    elapsed: '{m} min {s} s',
    recordFirstFeed: 'Record the first breastfeed',
    firstFeedRecorded: 'First breastfeed recorded',
    recorded: 'Recorded',
    detail: ' ({detail})',
    detailMedical: ' ({detail}; medical indication: {reason})',
    eventLine: '{kind}{detail}: {time}',
    babyFriendly: 'Baby-Friendly indicators (live)',
    met: 'Met',
    notMet: 'Not met',
  },
};

export const EVENT_KIND_TEXT: Dictionary<Schemas['FeedingEventRecordDto']['kind']> = {
  zh: {
    skin_to_skin: '皮肤接触',
    first_breastfeed: '首次母乳喂养',
    separation: '母婴分离',
    supplement: '添加',
    discharge: '出院',
  },
  en: {
    skin_to_skin: 'Skin-to-skin contact',
    first_breastfeed: 'First breastfeed',
    separation: 'Separation from mother',
    supplement: 'Supplement',
    discharge: 'Discharge',
  },
};

/** The rest of the stay: separations, supplements and the feeding at discharge. */
export const STAY_TEXT: Dictionary<
  | 'separatedNow'
  | 'endSeparation'
  | 'separationEnded'
  | 'separation'
  | 'separationReason'
  | 'separationReasonRequired'
  | 'medicalReason'
  | 'startSeparation'
  | 'separationRecorded'
  | 'supplement'
  | 'supplementGiven'
  | 'supplementRequired'
  | 'supplementMedicalReason'
  | 'recordSupplement'
  | 'supplementRecorded'
  | 'discharge'
  | 'dischargeFeeding'
  | 'dischargeFeedingRequired'
  | 'recordDischarge'
  | 'dischargeRecorded'
> = {
  zh: {
    separatedNow: '母婴分离中（{detail}）',
    endSeparation: '结束母婴分离',
    separationEnded: '母婴分离已结束',
    separation: '母婴分离',
    separationReason: '分离原因',
    separationReasonRequired: '请填写分离原因',
    medicalReason: '医学指征（如有）',
    startSeparation: '开始母婴分离',
    separationRecorded: '已记录母婴分离',
    supplement: '添加',
    supplementGiven: '添加了',
    supplementRequired: '请选择添加的是什么',
    supplementMedicalReason: '添加的医学指征（如有）',
    recordSupplement: '记录添加',
    supplementRecorded: '已记录添加',
    discharge: '出院',
    dischargeFeeding: '出院时喂养方式',
    dischargeFeedingRequired: '请选择出院时喂养方式',
    recordDischarge: '记录出院',
    dischargeRecorded: '已记录出院',
  },
  en: {
    separatedNow: 'Separated from mother ({detail})',
    endSeparation: 'End the separation',
    separationEnded: 'Separation ended',
    separation: 'Separation from mother',
    separationReason: 'Reason for separation',
    separationReasonRequired: 'Enter the reason for separation',
    medicalReason: 'Medical indication (if any)',
    startSeparation: 'Start the separation',
    separationRecorded: 'Separation recorded',
    supplement: 'Supplement',
    supplementGiven: 'Supplement given',
    supplementRequired: 'Choose what was given',
    supplementMedicalReason: 'Indication for supplement (if any)',
    recordSupplement: 'Record the supplement',
    supplementRecorded: 'Supplement recorded',
    discharge: 'Discharge',
    dischargeFeeding: 'Feeding at discharge',
    dischargeFeedingRequired: 'Choose the feeding at discharge',
    recordDischarge: 'Record the discharge',
    dischargeRecorded: 'Discharge recorded',
  },
};

/**
 * What a supplement was: the Chinese word is what is stored (the event's detail, read by the
 * office as typed), the English only shown.
 */
export const SUPPLEMENT_TEXT: Dictionary<'formula' | 'glucoseWater' | 'water' | 'other'> = {
  zh: { formula: '配方奶', glucoseWater: '葡萄糖水', water: '水', other: '其他' },
  en: { formula: 'Formula', glucoseWater: 'Glucose water', water: 'Water', other: 'Other' },
};

export const DISCHARGE_FEEDING_TEXT: Dictionary<
  NonNullable<Schemas['FeedingEventDto']['dischargeFeeding']>
> = {
  zh: { exclusive: '纯母乳', mixed: '混合喂养', formula_only: '人工喂养', none: '未喂养' },
  en: {
    exclusive: 'Exclusive breastfeeding',
    mixed: 'Mixed feeding',
    formula_only: 'Formula only',
    none: 'Not fed',
  },
};

/** 出生接种: the hepatitis B birth dose and BCG; `{hours}` and `{label}` are filled in. */
export const BIRTH_DOSE_TEXT: Dictionary<
  | 'title'
  | 'hepB'
  | 'hepBRule'
  | 'bcg'
  | 'bcgRule'
  | 'givenAt'
  | 'afterBirth'
  | 'late'
  | 'onTime'
  | 'batchNumber'
  | 'givenBy'
  | 'givenAtRequired'
  | 'batchNumberRequired'
  | 'givenByRequired'
  | 'record'
  | 'recorded'
> = {
  zh: {
    title: '出生接种',
    hepB: '乙肝疫苗首针',
    hepBRule: '出生后 {hours} 小时内接种；母亲 HBsAg 阳性者 12 小时内，并注射乙肝免疫球蛋白',
    bcg: '卡介苗',
    bcgRule: '出生后尽早接种',
    givenAt: '接种时间',
    afterBirth: '（出生后 {h} 小时 {m} 分）',
    late: '超过 24 小时',
    onTime: '24 小时内',
    batchNumber: '批号',
    givenBy: '接种人',
    givenAtRequired: '请填写接种时间',
    batchNumberRequired: '请填写疫苗批号',
    givenByRequired: '请填写接种人',
    record: '记录{label}',
    recorded: '已记录{label}',
  },
  en: {
    title: 'Birth doses',
    hepB: 'Hepatitis B birth dose',
    hepBRule:
      'Within {hours} hours of birth; within 12 hours, with hepatitis B immunoglobulin, when the mother is HBsAg positive',
    bcg: 'BCG',
    bcgRule: 'As soon as possible after birth',
    givenAt: 'Given at',
    afterBirth: ' ({h} h {m} min after birth)',
    late: 'After 24 hours',
    onTime: 'Within 24 hours',
    batchNumber: 'Batch number',
    givenBy: 'Given by',
    givenAtRequired: 'Enter when it was given',
    batchNumberRequired: 'Enter the vaccine batch number',
    givenByRequired: 'Enter who gave it',
    record: 'Record: {label}',
    recorded: 'Recorded: {label}',
  },
};
