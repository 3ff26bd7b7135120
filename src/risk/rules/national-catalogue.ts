import type { RiskColour } from './risk-colour';

/**
 * The national risk-factor catalogue (国卫办妇幼发〔2017〕35号《孕产妇妊娠风险评估与管理工作规范》
 * 附件2, 孕产妇妊娠风险评估表), kept as data because provinces publish their own lists
 * (DOMAIN.md §4). Codes are stable identifiers stored with every assessment: never rename one,
 * add a new code instead.
 */
// derived = computed from recorded data at each assessment; ticked = the clinician ticks it.
export type FactorOrigin = 'derived' | 'ticked';

export interface CatalogueFactor {
  code: string;
  colour: RiskColour | null; // null only for purple-only factors
  purple: boolean;
  origin: FactorOrigin;
  descriptionZh: string;
  descriptionEn: string;
  /** An "other" item: a grading that ticks it must say what in a note. */
  requiresNote: boolean;
}

export const NATIONAL_CATALOGUE_VERSION = 'CN-2017';

/**
 * The numbered lines of the form a code stands for: Y, O and R are the yellow, orange and red
 * sections with the form's own numbering (Y1.5 = 黄色 1.5); the purple section is one unnumbered
 * list, counted P1–P6 in its printed order. A code may stand for a whole heading (Y2.1) or for
 * several lines; an empty list is an item DOMAIN.md adds to the form.
 */
type FormItems = readonly string[];
type Entry = [code: string, formItems: FormItems, descriptionZh: string, descriptionEn: string];

const NOTE_REQUIRED = new Set([
  'OTHER_YELLOW',
  'ORANGE_OTHER_CARDIOVASCULAR',
  'OTHER_ORANGE',
  'RED_OTHER_CARDIOVASCULAR',
  'OTHER_RED',
  'OTHER_PURPLE',
]);

const factorOf =
  (colour: Exclude<RiskColour, 'green'> | null, purple: boolean, origin: FactorOrigin) =>
  ([code, , descriptionZh, descriptionEn]: Entry): CatalogueFactor => ({
    code,
    colour,
    purple,
    origin,
    descriptionZh,
    descriptionEn,
    requiresNote: NOTE_REQUIRED.has(code),
  });

const YELLOW_DERIVED: Entry[] = [
  ['AGE_35_PLUS', ['Y1.1'], '年龄≥35岁', 'Age 35 or over'],
  ['AGE_18_OR_UNDER', ['Y1.1'], '年龄≤18岁', 'Age 18 or under'],
  ['BMI_OVER_25', ['Y1.2'], 'BMI>25', 'BMI over 25'],
  ['BMI_UNDER_18_5', ['Y1.2'], 'BMI<18.5', 'BMI under 18.5'],
  ['HEIGHT_145_OR_UNDER', [], '身高≤145cm', 'Height 145 cm or under'],
  ['ANAEMIA_HB_60_110', ['Y2.6.2'], '妊娠合并贫血（Hb 60-110g/L）', 'Anaemia, Hb 60–110 g/L'],
  [
    'PLATELETS_50_100',
    ['Y2.6.1'],
    '妊娠合并血小板减少（PLT 50-100×10⁹/L）',
    'Thrombocytopenia, platelets 50–100 ×10⁹/L',
  ],
  [
    'BP_140_90',
    ['Y3.5'],
    '妊娠期高血压疾病（血压≥140/90mmHg，除外红、橙色）',
    'Hypertensive disorder of pregnancy, BP ≥ 140/90 (unless orange or red)',
  ],
  [
    'ONE_PREVIOUS_CAESAREAN',
    ['Y1.6'],
    '瘢痕子宫（剖宫产1次）',
    'Scarred uterus, one previous caesarean',
  ],
  ['MULTIPLE_PREGNANCY', ['Y3.1'], '双胎妊娠', 'Twin pregnancy'],
  ['IVF_PREGNANCY', ['Y1.9'], '辅助生殖妊娠', 'Assisted reproduction (IVF) pregnancy'],
];

const YELLOW_TICKED: Entry[] = [
  ['RH_NEGATIVE', [], 'Rh血型阴性', 'Rh negative'],
  ['GENITAL_TRACT_MALFORMATION', ['Y1.3'], '生殖道畸形', 'Genital tract malformation'],
  ['CONTRACTED_PELVIS', ['Y1.4'], '骨盆狭小', 'Contracted pelvis'],
  [
    'THREE_PLUS_MISCARRIAGES',
    ['Y1.5'],
    '不良孕产史：各类流产≥3次',
    '3 or more previous miscarriages',
  ],
  ['PREVIOUS_PRETERM_BIRTH', ['Y1.5'], '不良孕产史：早产', 'Previous preterm birth'],
  ['PREVIOUS_PERINATAL_DEATH', ['Y1.5'], '不良孕产史：围产儿死亡', 'Previous perinatal death'],
  ['PREVIOUS_BIRTH_DEFECT', ['Y1.5'], '不良孕产史：出生缺陷', 'Previous birth defect'],
  ['PREVIOUS_ECTOPIC', ['Y1.5'], '不良孕产史：异位妊娠', 'Previous ectopic pregnancy'],
  [
    'PREVIOUS_TROPHOBLASTIC_DISEASE',
    ['Y1.5'],
    '不良孕产史：滋养细胞疾病等',
    'Previous trophoblastic disease',
  ],
  [
    'SCARRED_UTERUS_OTHER_SURGERY',
    ['Y1.6'],
    '瘢痕子宫（剖宫产以外的子宫手术）',
    'Scarred uterus from uterine surgery other than caesarean',
  ],
  [
    'FIBROID_OR_CYST_5CM',
    ['Y1.7'],
    '子宫肌瘤或卵巢囊肿≥5cm',
    'Uterine fibroid or ovarian cyst ≥ 5 cm',
  ],
  ['PREVIOUS_PELVIC_SURGERY', ['Y1.8'], '盆腔手术史', 'Previous pelvic surgery'],
  [
    'MILD_HEART_DISEASE',
    ['Y2.1'],
    '心脏病（经心内科诊治无需药物治疗、心功能正常）',
    'Heart disease, no medication, normal function',
  ],
  [
    'CONGENITAL_HEART_DISEASE_NO_PH',
    ['Y2.1.1'],
    '先天性心脏病（不伴有肺动脉高压的房缺、室缺、动脉导管未闭；法乐氏四联症修补术后无残余心脏结构异常等）',
    'Congenital heart disease without pulmonary hypertension, or repaired tetralogy without residual defect',
  ],
  ['MYOCARDITIS_SEQUELAE', ['Y2.1.2'], '心肌炎后遗症', 'Sequelae of myocarditis'],
  ['ARRHYTHMIA', ['Y2.1.3'], '心律失常', 'Arrhythmia'],
  [
    'MILD_PULMONARY_STENOSIS_OR_MVP',
    ['Y2.1.4'],
    '无合并症的轻度的肺动脉狭窄和二尖瓣脱垂',
    'Uncomplicated mild pulmonary stenosis or mitral valve prolapse',
  ],
  [
    'RESPIRATORY_DISEASE_NO_MEDICATION',
    ['Y2.2'],
    '呼吸系统疾病：经呼吸内科诊治无需药物治疗、肺功能正常',
    'Respiratory disease, no medication, normal lung function',
  ],
  [
    'HBSAG_CARRIER_NORMAL_LIVER',
    ['Y2.3'],
    '肝炎病毒携带（表面抗原阳性、肝功能正常）',
    'HBsAg carrier, normal liver function',
  ],
  [
    'STABLE_KIDNEY_DISEASE',
    ['Y2.4'],
    '泌尿系统疾病：肾脏疾病（目前病情稳定肾功能正常）',
    'Kidney disease, stable, normal renal function',
  ],
  [
    'THYROID_OR_DIABETES_NO_MEDICATION',
    ['Y2.5'],
    '无需药物治疗的糖尿病、甲状腺疾病、垂体泌乳素瘤等',
    'Diabetes, thyroid disease or prolactinoma, no medication',
  ],
  [
    'EPILEPSY_PARTIAL_OR_OCULAR_MYASTHENIA',
    ['Y2.7'],
    '神经系统疾病：癫痫（单纯部分性发作和复杂部分性发作），重症肌无力（眼肌型）等',
    'Partial epilepsy or ocular myasthenia gravis',
  ],
  [
    'IMMUNE_DISEASE_NO_MEDICATION',
    ['Y2.8'],
    '免疫系统疾病：无需药物治疗（如系统性红斑狼疮、IgA肾病、类风湿性关节炎、干燥综合征、未分化结缔组织病等）',
    'Immune disease needing no medication (e.g. SLE, IgA nephropathy, rheumatoid arthritis)',
  ],
  [
    'CONDYLOMA_OR_GONORRHOEA',
    ['Y2.9'],
    '尖锐湿疣、淋病等性传播疾病',
    'Genital warts, gonorrhoea or another sexually transmitted disease',
  ],
  ['DRUG_USE_HISTORY', ['Y2.10'], '吸毒史', 'History of drug use'],
  ['OTHER_YELLOW', ['Y2.11'], '其他（一般风险，须注明）', 'Other general risk (note required)'],
  ['THREATENED_PRETERM_LABOUR', ['Y3.2'], '先兆早产', 'Threatened preterm labour'],
  ['FETAL_GROWTH_RESTRICTION', ['Y3.3'], '胎儿宫内生长受限', 'Fetal growth restriction'],
  ['MACROSOMIA', ['Y3.4'], '巨大儿', 'Macrosomia'],
  [
    'INTRAHEPATIC_CHOLESTASIS',
    ['Y3.6'],
    '妊娠期肝内胆汁淤积症',
    'Intrahepatic cholestasis of pregnancy',
  ],
  ['PREMATURE_RUPTURE_OF_MEMBRANES', ['Y3.7'], '胎膜早破', 'Premature rupture of membranes'],
  ['OLIGOHYDRAMNIOS', ['Y3.8'], '羊水过少', 'Oligohydramnios'],
  ['POLYHYDRAMNIOS', ['Y3.9'], '羊水过多', 'Polyhydramnios'],
  ['MALPRESENTATION_36_WEEKS', ['Y3.10'], '≥36周胎位不正', 'Malpresentation at 36 weeks or later'],
  ['LOW_LYING_PLACENTA', ['Y3.11'], '低置胎盘', 'Low-lying placenta'],
  ['HYPEREMESIS', ['Y3.12'], '妊娠剧吐', 'Hyperemesis gravidarum'],
];

const ORANGE_DERIVED: Entry[] = [
  ['AGE_40_PLUS', ['O1.1'], '年龄≥40岁', 'Age 40 or over'],
  ['BMI_28_PLUS', ['O1.2'], 'BMI≥28', 'BMI 28 or over'],
  [
    'SEVERE_ANAEMIA_HB_40_60',
    ['O2.6.2'],
    '重度贫血（Hb 40-60g/L）',
    'Severe anaemia, Hb 40–60 g/L',
  ],
  [
    'PLATELETS_30_50',
    ['O2.6.1'],
    '血小板减少（PLT 30-50×10⁹/L）',
    'Thrombocytopenia, platelets 30–50 ×10⁹/L',
  ],
  [
    'TWO_PLUS_UTERINE_OPERATIONS',
    ['O3.5'],
    '各类子宫手术史（如剖宫产、宫角妊娠、子宫肌瘤挖除术等）≥2次',
    '2 or more uterine operations',
  ],
  ['TRIPLETS_OR_MORE', ['O3.1'], '三胎及以上妊娠', 'Triplet or higher-order pregnancy'],
];

const ORANGE_TICKED: Entry[] = [
  [
    'HEART_FUNCTION_II',
    ['O2.1.1'],
    '心功能II级，轻度左心功能障碍或者EF 40%~50%',
    'Heart function class II, mild left ventricular dysfunction or EF 40–50%',
  ],
  [
    'MYOCARDITIS_OR_ARRHYTHMIA_ON_MEDICATION',
    ['O2.1.2'],
    '需药物治疗的心肌炎后遗症、心律失常等',
    'Sequelae of myocarditis or arrhythmia needing medication',
  ],
  [
    'MILD_VALVULAR_HEART_DISEASE',
    ['O2.1.3'],
    '瓣膜性心脏病（轻度二尖瓣狭窄瓣口>1.5cm²，主动脉瓣狭窄跨瓣压差<50mmHg，无合并症的轻度肺动脉狭窄，二尖瓣脱垂，二叶式主动脉瓣疾病，Marfan综合征无主动脉扩张）',
    'Mild valvular heart disease (mitral valve area > 1.5 cm², aortic gradient < 50 mmHg, Marfan without dilatation)',
  ],
  [
    'AORTIC_DISEASE_UNDER_45MM',
    ['O2.1.4'],
    '主动脉疾病（主动脉直径<45mm），主动脉缩窄矫治术后',
    'Aortic disease (diameter < 45 mm), repaired coarctation',
  ],
  [
    'STABLE_CARDIOMYOPATHY',
    ['O2.1.5'],
    '经治疗后稳定的心肌病',
    'Cardiomyopathy stable on treatment',
  ],
  [
    'MILD_PULMONARY_HYPERTENSION',
    ['O2.1.6'],
    '各种原因的轻度肺动脉高压（<50mmHg）',
    'Mild pulmonary hypertension (< 50 mmHg)',
  ],
  [
    'ORANGE_OTHER_CARDIOVASCULAR',
    ['O2.1.7'],
    '其他较严重心血管系统疾病（须注明）',
    'Other serious cardiovascular disease (note required)',
  ],
  ['ASTHMA', ['O2.2.1'], '哮喘', 'Asthma'],
  ['SCOLIOSIS', ['O2.2.2'], '脊柱侧弯', 'Scoliosis'],
  [
    'CHEST_DEFORMITY_MILD_LUNG_INSUFFICIENCY',
    ['O2.2.3'],
    '胸廓畸形等伴轻度肺功能不全',
    'Chest deformity with mild pulmonary insufficiency',
  ],
  [
    'UNEXPLAINED_LIVER_DYSFUNCTION',
    ['O2.3.1'],
    '原因不明的肝功能异常',
    'Liver dysfunction of unknown cause',
  ],
  [
    'DIGESTIVE_DISEASE_ON_MEDICATION',
    ['O2.3.2'],
    '仅需要药物治疗的肝硬化、肠梗阻、消化道出血等',
    'Cirrhosis, bowel obstruction or gastrointestinal bleeding needing medication only',
  ],
  [
    'CKD_COMPENSATED',
    ['O2.4'],
    '慢性肾脏疾病伴肾功能不全代偿期（肌酐超过正常值上限）',
    'Chronic kidney disease, compensated renal insufficiency (creatinine above normal)',
  ],
  [
    'DIABETES_OR_THYROID_ON_MEDICATION',
    ['O2.5.1'],
    '需药物治疗的糖尿病、甲状腺疾病、垂体泌乳素瘤',
    'Diabetes, thyroid disease or prolactinoma on medication',
  ],
  [
    'NEPHROGENIC_DIABETES_INSIPIDUS',
    ['O2.5.2'],
    '肾性尿崩症（尿量超过4000ml/日）等',
    'Nephrogenic diabetes insipidus (urine > 4000 ml/day)',
  ],
  [
    'COAGULOPATHY_NO_BLEEDING',
    ['O2.6.3'],
    '凝血功能障碍无出血倾向',
    'Coagulation disorder without bleeding tendency',
  ],
  [
    'THROMBOPHILIA',
    ['O2.6.4'],
    '易栓症（如抗凝血酶缺陷症、蛋白C缺陷症、蛋白S缺陷症、抗磷脂综合征、肾病综合征等）',
    'Thrombophilia (e.g. antithrombin, protein C or S deficiency, antiphospholipid syndrome)',
  ],
  [
    'IMMUNE_DISEASE_LOW_DOSE_STEROIDS',
    ['O2.7'],
    '免疫系统疾病：应用小剂量激素（如强的松5-10mg/天）6月以上，无临床活动表现',
    'Immune disease on low-dose steroids for 6 months or more, clinically inactive',
  ],
  [
    'CANCER_TREATED_NO_RECURRENCE',
    ['O2.8'],
    '恶性肿瘤治疗后无转移无复发',
    'Cancer treated, no metastasis or recurrence',
  ],
  ['INTELLECTUAL_DISABILITY', ['O2.9'], '智力障碍', 'Intellectual disability'],
  ['PSYCHOSIS_IN_REMISSION', ['O2.10'], '精神病缓解期', 'Psychotic illness in remission'],
  ['EPILEPSY_ABSENCE', ['O2.11.1'], '癫痫（失神发作）', 'Epilepsy, absence seizures'],
  [
    'MYASTHENIA_LIMB_OR_BULBAR',
    ['O2.11.2'],
    '重症肌无力（病变波及四肢骨骼肌和延脑部肌肉）等',
    'Myasthenia gravis involving limb or bulbar muscles',
  ],
  ['OTHER_ORANGE', ['O2.12'], '其他（较高风险，须注明）', 'Other higher risk (note required)'],
  ['RH_INCOMPATIBILITY', ['O3.2'], 'Rh血型不合', 'Rh incompatibility'],
  [
    'SCARRED_UTERUS_UNDER_18_MONTHS',
    ['O3.3'],
    '疤痕子宫（距末次子宫手术间隔<18月）',
    'Scarred uterus, less than 18 months since the last uterine surgery',
  ],
  [
    'SCARRED_UTERUS_WITH_PRAEVIA_OR_ACCRETA',
    ['O3.4'],
    '疤痕子宫伴中央性前置胎盘或伴有可疑胎盘植入',
    'Scarred uterus with central placenta praevia or suspected accreta',
  ],
  [
    'UTERINE_OPERATIONS_TWO_PLUS_NOT_ONLY_CAESAREAN',
    ['O3.5'],
    '各类子宫手术史≥2次（含宫角妊娠、子宫肌瘤挖除术等剖宫产以外的手术）',
    '2 or more uterine operations including other than caesareans',
  ],
  [
    'TWINS_WITH_POLYHYDRAMNIOS',
    ['O3.6'],
    '双胎、羊水过多伴发心肺功能减退',
    'Twins or polyhydramnios with declining cardiopulmonary function',
  ],
  ['SEVERE_PRE_ECLAMPSIA', ['O3.7'], '重度子痫前期', 'Severe pre-eclampsia'],
  [
    'CHRONIC_HYPERTENSION_WITH_PRE_ECLAMPSIA',
    ['O3.7'],
    '慢性高血压合并子痫前期',
    'Chronic hypertension with pre-eclampsia',
  ],
  ['UNEXPLAINED_FEVER', ['O3.8'], '原因不明的发热', 'Fever of unknown cause'],
  [
    'PUERPERAL_DEPRESSION_HEATSTROKE_OR_INFECTION',
    ['O3.9'],
    '产后抑郁症、产褥期中暑、产褥感染等',
    'Postpartum depression, puerperal heatstroke or puerperal infection',
  ],
];

const RED_DERIVED: Entry[] = [
  ['HB_UNDER_40', ['R1.6.3'], '重度贫血（Hb<40g/L）', 'Hb under 40 g/L'],
  ['PLATELETS_UNDER_30', ['R1.6.2'], '血小板减少（PLT<30×10⁹/L）', 'Platelets under 30 ×10⁹/L'],
];

const RED_TICKED: Entry[] = [
  [
    'PULMONARY_HYPERTENSION_50_PLUS',
    ['R1.1.1'],
    '各种原因引起的肺动脉高压（≥50mmHg）',
    'Pulmonary hypertension ≥ 50 mmHg',
  ],
  [
    'COMPLEX_CONGENITAL_HEART_DISEASE',
    ['R1.1.2'],
    '复杂先心（法洛氏四联症、艾森曼格综合征等）和未手术的紫绀型心脏病（SpO2<90%）；Fontan循环术后',
    'Complex congenital heart disease, unrepaired cyanotic heart disease (SpO2 < 90%) or Fontan circulation',
  ],
  [
    'SEVERE_VALVULAR_HEART_DISEASE',
    ['R1.1.3'],
    '心脏瓣膜病：瓣膜置换术后，中重度二尖瓣狭窄（瓣口<1.5cm²），主动脉瓣狭窄（跨瓣压差≥50mmHg），马方氏综合征等',
    'Valve replacement, moderate-severe mitral stenosis (< 1.5 cm²), aortic gradient ≥ 50 mmHg, Marfan',
  ],
  ['CARDIOMYOPATHY', ['R1.1.4'], '各类心肌病', 'Cardiomyopathy'],
  ['INFECTIVE_ENDOCARDITIS', ['R1.1.5'], '感染性心内膜炎', 'Infective endocarditis'],
  ['ACUTE_MYOCARDITIS', ['R1.1.6'], '急性心肌炎', 'Acute myocarditis'],
  [
    'ACTIVE_RHEUMATIC_HEART_DISEASE',
    ['R1.1.7'],
    '风心病风湿活动期',
    'Active rheumatic heart disease',
  ],
  [
    'HYPERTENSIVE_HEART_DISEASE_OF_PREGNANCY',
    ['R1.1.8'],
    '妊娠期高血压性心脏病',
    'Hypertensive heart disease of pregnancy',
  ],
  [
    'RED_OTHER_CARDIOVASCULAR',
    ['R1.1.9'],
    '其他严重心血管系统疾病（须注明）',
    'Other severe cardiovascular disease (note required)',
  ],
  ['HEART_FUNCTION_III_IV', [], '心功能III-IV级', 'Heart function class III–IV'],
  [
    'SEVERE_RESPIRATORY_DISEASE',
    ['R1.2'],
    '呼吸系统疾病：哮喘反复发作、肺纤维化、胸廓或脊柱严重畸形等影响肺功能者',
    'Recurrent asthma, pulmonary fibrosis or severe chest or spine deformity affecting lung function',
  ],
  ['DECOMPENSATED_CIRRHOSIS', ['R1.3'], '肝硬化失代偿', 'Decompensated cirrhosis'],
  [
    'SEVERE_DIGESTIVE_DISEASE',
    ['R1.3'],
    '消化系统疾病：重型肝炎、严重消化道出血、急性胰腺炎、肠梗阻等影响孕产妇生命的疾病',
    'Severe hepatitis, severe gastrointestinal bleeding, acute pancreatitis, bowel obstruction',
  ],
  [
    'CKD_SEVERE_HYPERTENSION_OR_RENAL_FAILURE',
    ['R1.4'],
    '急、慢性肾脏疾病伴高血压、肾功能不全（肌酐超过正常值上限的1.5倍）',
    'Acute or chronic kidney disease with hypertension or renal insufficiency (creatinine > 1.5× normal)',
  ],
  [
    'DIABETES_WITH_SEVERE_COMPLICATIONS',
    ['R1.5.1'],
    '糖尿病并发肾病V级、严重心血管病、增生性视网膜病变或玻璃体出血、周围神经病变等',
    'Diabetes with class V nephropathy, severe cardiovascular disease, proliferative retinopathy or neuropathy',
  ],
  [
    'HYPERTHYROIDISM_WITH_COMPLICATIONS',
    ['R1.5.2'],
    '甲状腺功能亢进并发心脏病、感染、肝功能异常、精神异常等疾病',
    'Hyperthyroidism with heart disease, infection, liver dysfunction or psychiatric disorder',
  ],
  [
    'HYPOTHYROIDISM_WITH_ORGAN_DYSFUNCTION',
    ['R1.5.3'],
    '甲状腺功能减退引起相应系统功能障碍，基础代谢率小于-50%',
    'Hypothyroidism with organ dysfunction, basal metabolic rate below −50%',
  ],
  [
    'PROLACTINOMA_WITH_COMPRESSION',
    ['R1.5.4'],
    '垂体泌乳素瘤出现视力减退、视野缺损、偏盲等压迫症状',
    'Prolactinoma with compression symptoms (visual loss, field defect, hemianopia)',
  ],
  [
    'CENTRAL_DIABETES_INSIPIDUS',
    ['R1.5.5'],
    '尿崩症：中枢性尿崩症伴有明显的多饮、烦渴、多尿症状，或合并有其他垂体功能异常',
    'Central diabetes insipidus with marked symptoms or other pituitary dysfunction',
  ],
  ['PHAEOCHROMOCYTOMA', ['R1.5.6'], '嗜铬细胞瘤等', 'Phaeochromocytoma'],
  [
    'APLASTIC_ANAEMIA_OR_LEUKAEMIA',
    ['R1.6.1', 'R1.6.4'],
    '再生障碍性贫血、白血病',
    'Aplastic anaemia or leukaemia',
  ],
  [
    'PLATELETS_FALLING_OR_BLEEDING',
    ['R1.6.2'],
    '血小板进行性下降或伴有出血倾向',
    'Platelets falling progressively or with bleeding tendency',
  ],
  [
    'COAGULOPATHY_WITH_BLEEDING',
    ['R1.6.5'],
    '凝血功能障碍伴有出血倾向（如血友病、血管性血友病等）',
    'Coagulation disorder with bleeding tendency (e.g. haemophilia, von Willebrand disease)',
  ],
  [
    'THROMBOEMBOLIC_DISEASE',
    ['R1.6.6'],
    '血栓栓塞性疾病（如下肢深静脉血栓、颅内静脉窦血栓等）',
    'Thromboembolic disease (e.g. deep vein thrombosis, cerebral venous sinus thrombosis)',
  ],
  [
    'ACTIVE_IMMUNE_DISEASE',
    ['R1.7'],
    '免疫系统疾病活动期，如系统性红斑狼疮（SLE）、重症IgA肾病、类风湿性关节炎、干燥综合征、未分化结缔组织病等',
    'Active immune disease (e.g. SLE, severe IgA nephropathy, rheumatoid arthritis)',
  ],
  ['ACUTE_PSYCHOSIS', ['R1.8'], '精神病急性期', 'Acute psychotic illness'],
  [
    'CANCER_FOUND_IN_PREGNANCY',
    ['R1.9.1'],
    '恶性肿瘤：妊娠期间发现的恶性肿瘤',
    'Cancer found during pregnancy',
  ],
  [
    'CANCER_RECURRENT_OR_METASTATIC',
    ['R1.9.2'],
    '恶性肿瘤：治疗后复发或发生远处转移',
    'Cancer recurrent or metastatic after treatment',
  ],
  [
    'CEREBROVASCULAR_MALFORMATION',
    ['R1.10.1'],
    '脑血管畸形及手术史',
    'Cerebrovascular malformation or its surgery',
  ],
  ['GENERALISED_EPILEPSY', ['R1.10.2'], '癫痫全身发作', 'Generalised epileptic seizures'],
  [
    'MYASTHENIA_SEVERE',
    ['R1.10.3'],
    '重症肌无力（病变发展至延脑肌、肢带肌、躯干肌和腹肌）',
    'Myasthenia gravis reaching bulbar, girdle, trunk and abdominal muscles',
  ],
  ['DRUG_USE', ['R1.11'], '吸毒', 'Current drug use'],
  [
    'OTHER_RED',
    ['R1.12'],
    '其他严重内、外科疾病等（须注明）',
    'Other severe medical or surgical disease (note required)',
  ],
  [
    'TRIPLETS_WITH_CARDIOPULMONARY_DECLINE',
    ['R2.1'],
    '三胎及以上妊娠伴发心肺功能减退',
    'Triplets or more with declining cardiopulmonary function',
  ],
  ['PERNICIOUS_PLACENTA_PRAEVIA', ['R2.2'], '凶险性前置胎盘', 'Pernicious placenta praevia'],
  ['PLACENTAL_ABRUPTION', ['R2.2'], '胎盘早剥', 'Placental abruption'],
  [
    'RED_CONDITION_UNSTABLE_POSTPARTUM',
    ['R2.3'],
    '红色预警范畴疾病产后尚未稳定',
    'A red-grade condition not yet stable after delivery',
  ],
];

// An HBsAg-positive woman is at least a carrier (黄色 2.3) as well as infectious (紫色).
const YELLOW_AND_PURPLE_DERIVED: Entry[] = [
  [
    'HBSAG_POSITIVE',
    ['Y2.3', 'P1'],
    '病毒性肝炎（乙肝表面抗原阳性）',
    'Hepatitis B (HBsAg positive)',
  ],
];

const PURPLE_DERIVED: Entry[] = [
  ['HIV_POSITIVE', ['P3'], 'HIV感染及艾滋病', 'HIV infection'],
  ['SYPHILIS_POSITIVE', ['P2'], '梅毒', 'Syphilis'],
];

const PURPLE_TICKED: Entry[] = [
  ['OTHER_VIRAL_HEPATITIS', ['P1'], '病毒性肝炎（乙肝以外）', 'Viral hepatitis other than B'],
  ['TUBERCULOSIS', ['P4'], '结核病', 'Tuberculosis'],
  ['SEVERE_INFECTIOUS_PNEUMONIA', ['P5'], '重症感染性肺炎', 'Severe infectious pneumonia'],
  // H1N7 is as printed on the 2017 form.
  [
    'SPECIAL_VIRAL_INFECTION',
    ['P6'],
    '特殊病毒感染（H1N7、寨卡等）',
    'Special viral infection (e.g. Zika)',
  ],
  // The form's purple section covers "all infectious diseases", the list being examples.
  [
    'OTHER_PURPLE',
    [],
    '其他妊娠合并传染性疾病（须注明）',
    'Other infectious disease (note required)',
  ],
];

const SECTIONS: [Entry[], Exclude<RiskColour, 'green'> | null, boolean, FactorOrigin][] = [
  [YELLOW_DERIVED, 'yellow', false, 'derived'],
  [YELLOW_TICKED, 'yellow', false, 'ticked'],
  [ORANGE_DERIVED, 'orange', false, 'derived'],
  [ORANGE_TICKED, 'orange', false, 'ticked'],
  [RED_DERIVED, 'red', false, 'derived'],
  [RED_TICKED, 'red', false, 'ticked'],
  [YELLOW_AND_PURPLE_DERIVED, 'yellow', true, 'derived'],
  [PURPLE_DERIVED, null, true, 'derived'],
  [PURPLE_TICKED, null, true, 'ticked'],
];

export const NATIONAL_FACTORS: readonly CatalogueFactor[] = SECTIONS.flatMap(
  ([entries, colour, purple, origin]) => entries.map(factorOf(colour, purple, origin)),
);

/** Which lines of the printed form each national code stands for (see FormItems). */
export const NATIONAL_FORM_ITEMS: Readonly<Record<string, FormItems>> = Object.fromEntries(
  SECTIONS.flatMap(([entries]) => entries.map(([code, items]) => [code, items])),
);
