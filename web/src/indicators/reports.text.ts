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
  },
};
