import { Button } from 'antd';
import { useText } from '../core/language';
import { usePregnancyCases } from './risk-queries';
import { RISK_TEXT } from './risk.text';

/** 高危专案管理中: shown in her record's header while this facility manages an open case. */
export function OpenCaseMarker({
  pregnancyId,
  onOpen,
}: {
  pregnancyId: number;
  onOpen: () => void;
}) {
  const text = useText(RISK_TEXT);
  const cases = usePregnancyCases(pregnancyId);
  if (!cases.data?.some((c) => c.status === 'open')) return null;
  return (
    <Button size="small" danger data-testid="open-case" onClick={onOpen}>
      {text.openCase}
    </Button>
  );
}
