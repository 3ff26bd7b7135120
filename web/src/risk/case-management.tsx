import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { api, ApiFailure, unwrap, type Schemas } from '../core/api';
import { useText } from '../core/language';
import { fieldErrors } from '../core/messages';
import { RISK_TEXT } from './risk.text';

type Case = Schemas['CaseDetailDto'];
interface Values {
  responsibleClinicianId?: number | null;
  plan?: string;
}

const valuesOf = (c: Case): Values => ({
  responsibleClinicianId: c.responsibleClinicianId ?? undefined,
  plan: c.plan ?? '',
});

/** What she changed against the case as she opened it: only those fields are sent. */
function changesOf(base: Case, typed: Values): Partial<Schemas['UpdateCaseDto']> {
  const changes: Partial<Schemas['UpdateCaseDto']> = {};
  const clinician = typed.responsibleClinicianId ?? null;
  if (clinician !== null && clinician !== base.responsibleClinicianId) {
    changes.responsibleClinicianId = clinician;
  }
  const plan = (typed.plan ?? '').trim();
  if (plan !== '' && plan !== (base.plan ?? '')) changes.plan = plan;
  return changes;
}

/**
 * 专案管理: the responsible clinician and the management plan, sent against the version she
 * opened. When someone else saved the case meanwhile (409 STALE_VERSION) she is told so, sees what
 * they saved, and keeps what she typed: she re-applies it on the latest version, or drops it.
 */
export function CaseManagement({
  highRiskCase,
  clinicianName,
  clinicians,
}: {
  highRiskCase: Case;
  clinicianName: (id: number) => string;
  clinicians: Array<{ value: number; label: string }>;
}) {
  const text = useText(RISK_TEXT);
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [base, setBase] = useState<Case>(highRiskCase);
  const [conflict, setConflict] = useState<Case | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async (against: Case) => {
    const changes = changesOf(base, form.getFieldsValue());
    if (Object.keys(changes).length === 0) {
      message.info(text.noChanges);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const saved = await unwrap(
        api.PATCH('/high-risk-cases/{id}', {
          params: { path: { id: against.id } },
          body: { ...changes, version: against.version },
        }),
      );
      message.success(text.managementSaved);
      setBase(saved);
      setConflict(null);
      form.setFieldsValue(valuesOf(saved));
      await client.invalidateQueries({ queryKey: ['pregnancies', saved.pregnancyId] });
    } catch (failure) {
      if (!(failure instanceof ApiFailure)) throw failure;
      if (failure.code === 'STALE_VERSION') {
        const latest = await unwrap(
          api.GET('/high-risk-cases/{id}', { params: { path: { id: against.id } } }),
        ).catch(() => null);
        if (latest) {
          setConflict(latest);
          return;
        }
      }
      setError(failure.message);
      form.setFields(fieldErrors(failure.details));
    } finally {
      setBusy(false);
    }
  };

  /** Her changes (against the case as she opened it) on the latest version. */
  const reapply = () => {
    if (conflict) void send(conflict);
  };

  /** The latest case in the form; what she typed is dropped. */
  const discard = () => {
    if (!conflict) return;
    setBase(conflict);
    form.setFieldsValue(valuesOf(conflict));
    setConflict(null);
    void client.invalidateQueries({ queryKey: ['pregnancies', conflict.pregnancyId] });
  };

  return (
    <Form<Values>
      form={form}
      name={`case-management-${highRiskCase.id}`}
      layout="vertical"
      aria-label={text.management}
      initialValues={valuesOf(highRiskCase)}
      onFinish={() => void send(base)}
    >
      {error && (
        <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />
      )}
      {conflict && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          title={text.staleTitle}
          description={
            <Space orientation="vertical" style={{ width: '100%' }}>
              <span>{text.staleKept}</span>
              <span>
                {text.staleTheirs}：{text.clinician}{' '}
                {conflict.responsibleClinicianId
                  ? clinicianName(conflict.responsibleClinicianId)
                  : text.notSet}
                ；{text.plan} {conflict.plan ?? text.notSet}
              </span>
              <Space wrap>
                <Button type="primary" onClick={reapply} loading={busy}>
                  {text.reapply}
                </Button>
                <Button onClick={discard}>{text.discardMine}</Button>
              </Space>
            </Space>
          }
        />
      )}
      <Form.Item name="responsibleClinicianId" label={text.clinician}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={clinicians}
          style={{ maxWidth: 360 }}
        />
      </Form.Item>
      <Form.Item name="plan" label={text.plan}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={4000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} disabled={conflict !== null}>
        {text.saveManagement}
      </Button>
    </Form>
  );
}
