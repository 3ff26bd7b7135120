type Gap = 'not_computed' | 'stale' | 'corrected_after_close';

interface ReportsText {
  title: string;
  readiness: string;
  ready: string;
  notReady: (missing: number, stale: number) => string;
  missing: string;
  stale: string;
  refused: string;
  gap: Record<Gap, string>;
  indicators: string;
  compute: string;
  progress: string;
  download: string;
  formats: Record<'xlsx' | 'csv' | 'fhir', string>;
  history: string;
  noExports: string;
  exportedAt: string;
  format: string;
  exportedBy: string;
  completeness: string;
  complete: string;
  incomplete: string;
  held: string;
  heldVersion: (
    version: number | null,
    state: string,
    asOf: string | null,
    computedAt: string | null,
  ) => string;
  file: string;
  downloadAgain: string;
  states: Record<
    'computed' | 'stale' | 'closed' | 'corrected_after_close' | 'not_computed',
    string
  >;
}

/** The report centre's words; counts are put into sentences, so these are functions too. */
export const REPORTS_TEXT: Record<'zh' | 'en', ReportsText> = {
  zh: {
    title: '报表中心',
    readiness: '数据状态',
    ready: '本期数值已全部计算且未过期，可以报出。',
    notReady: (missing, stale) =>
      `本期有 ${missing} 项指标未计算、${stale} 项已过期，报出前请先计算。`,
    missing: '未计算',
    stale: '已过期',
    refused: '不能导出：以下数值未计算或已过期',
    gap: {
      not_computed: '未计算',
      stale: '已过期',
      corrected_after_close: '关账后已更正',
    },
    indicators: '项指标',
    compute: '计算本期',
    progress: '计算进度',
    download: '预览与下载',
    formats: { xlsx: '下载 Excel', csv: '下载 CSV', fhir: '下载 FHIR' },
    history: '本期导出记录',
    noExports: '本期尚未导出',
    exportedAt: '导出时间',
    format: '格式',
    exportedBy: '导出人',
    completeness: '数据',
    complete: '完整',
    incomplete: '不完整',
    held: '所含数值',
    heldVersion: (version, state, asOf, computedAt) =>
      `${version === null ? '' : `第 ${version} 版 `}${state}${asOf ? `，截至 ${asOf}` : ''}${
        computedAt ? `，计算于 ${computedAt}` : ''
      }`,
    file: '文件',
    downloadAgain: '重新下载',
    states: {
      computed: '已计算',
      stale: '已过期',
      closed: '已关账',
      corrected_after_close: '关账后已更正',
      not_computed: '未计算',
    },
  },
  en: {
    title: 'Reports',
    readiness: 'Data status',
    ready: 'Every value of the period is computed and current: ready to send.',
    notReady: (missing, stale) =>
      `${missing} indicators not computed and ${stale} stale: compute before sending.`,
    missing: 'not computed',
    stale: 'stale',
    refused: 'Cannot export: these values are missing or stale',
    gap: {
      not_computed: 'not computed',
      stale: 'stale',
      corrected_after_close: 'corrected after close',
    },
    indicators: 'indicators',
    compute: 'Compute the period',
    progress: 'Progress',
    download: 'Preview and download',
    formats: { xlsx: 'Download Excel', csv: 'Download CSV', fhir: 'Download FHIR' },
    history: "This period's exports",
    noExports: 'Not exported yet',
    exportedAt: 'Exported at',
    format: 'Format',
    exportedBy: 'Exported by',
    completeness: 'Data',
    complete: 'complete',
    incomplete: 'incomplete',
    held: 'Values held',
    heldVersion: (version, state, asOf, computedAt) =>
      `${version === null ? '' : `version ${version}, `}${state}${asOf ? `, as of ${asOf}` : ''}${
        computedAt ? `, computed ${computedAt}` : ''
      }`,
    file: 'File',
    downloadAgain: 'Download again',
    states: {
      computed: 'computed',
      stale: 'stale',
      closed: 'closed',
      corrected_after_close: 'corrected after close',
      not_computed: 'not computed',
    },
  },
};
