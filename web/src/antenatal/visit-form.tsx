import { Alert, App, Button, Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useState } from 'react';
import { api, ApiFailure, unwrap, type Schemas } from '../core/api';
import { fieldErrors } from '../core/messages';
import { useText } from '../core/language';
import { ColourBadge } from '../risk/colour-badge';
import { ANTENATAL_TEXT } from './antenatal.text';

type VisitInput = Schemas['RecordVisitDto'];
const URINE = ['negative', 'trace', '1+', '2+', '3+', '4+'] as const;
export const URINE_ZH: Record<(typeof URINE)[number], string> = {
  negative: '阴性 (−)',
  trace: '微量 (±)',
  '1+': '1+',
  '2+': '2+',
  '3+': '3+',
  '4+': '4+',
};
export const OEDEMA = { none: '无', mild: '轻度', moderate: '中度', severe: '重度' } as const;

/** Values worth a second look before saving (the service refuses only impossible ones). */
export function rangeWarnings(values: Partial<VisitInput>): string[] {
  const fields: string[] = [];
  if ((values.systolicMmHg ?? 0) >= 140 || (values.diastolicMmHg ?? 0) >= 90) fields.push('bp');
  if (
    values.fetalHeartRate !== undefined &&
    values.fetalHeartRate !== null &&
    (values.fetalHeartRate < 110 || values.fetalHeartRate > 160)
  ) {
    fields.push('fhr');
  }
  return fields;
}

/** The visit's measurements, with their units and picklists, in Tab order. */
export function VisitFields({ today }: { today: string }) {
  const text = useText(ANTENATAL_TEXT);
  return (
    <Row gutter={12}>
      <Col xs={24} md={6}>
        <Form.Item
          name="visitDate"
          label={text.visitDate}
          rules={[{ required: true, message: '请填写产检日期' }]}
        >
          <Input type="date" max={today} />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item name="weightKg" label={text.weightKg}>
          <InputNumber style={{ width: '100%' }} step={0.1} />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item name="systolicMmHg" label={text.systolic}>
          <InputNumber style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item name="diastolicMmHg" label={text.diastolic}>
          <InputNumber style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item name="fetalHeartRate" label={text.fetalHeartRate}>
          <InputNumber style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item name="haemoglobinGL" label={text.haemoglobin}>
          <InputNumber style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item name="urineProtein" label={text.urineProtein}>
          <Select allowClear options={URINE.map((value) => ({ value, label: URINE_ZH[value] }))} />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item name="oedema" label={text.oedema}>
          <Select
            allowClear
            options={Object.entries(OEDEMA).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item name="nextAppointmentDate" label={text.nextAppointment}>
          <Input type="date" min={today} />
        </Form.Item>
      </Col>
    </Row>
  );
}

/**
 * 记录产检: keyboard first (Tab moves on, Enter saves). A refused save keeps what she typed and
 * puts each error on its field, in Chinese.
 */
export function VisitForm({
  pregnancyId,
  today,
  onSaved,
}: {
  pregnancyId: number;
  today: string;
  onSaved: (visit: Schemas['VisitDto']) => void;
}) {
  const text = useText(ANTENATAL_TEXT);
  const { message } = App.useApp();
  const [form] = Form.useForm<VisitInput>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [regraded, setRegraded] = useState<Schemas['RegradingDto'] | null>(null);
  const values = Form.useWatch([], form) ?? {};
  const warnings = rangeWarnings(values);

  const save = async (input: VisitInput) => {
    setBusy(true);
    setError(null);
    try {
      const visit = await unwrap(
        api.POST('/pregnancies/{id}/visits', {
          params: { path: { id: pregnancyId } },
          body: input,
        }),
      );
      message.success(text.visitSaved);
      setRegraded(visit.regrading ?? null);
      form.resetFields();
      onSaved(visit);
    } catch (failure) {
      if (!(failure instanceof ApiFailure)) throw failure;
      setError(failure.message);
      const known = new Set(Object.keys(form.getFieldsValue()));
      form.setFields(fieldErrors(failure.details.filter((detail) => known.has(detail.field))));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<VisitInput>
      form={form}
      name="new-visit"
      layout="vertical"
      onFinish={(input) => void save(input)}
      initialValues={{ visitDate: today }}
      aria-label={text.newVisit}
    >
      {error && (
        <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />
      )}
      {regraded && (
        <Alert
          type={regraded.colour === 'orange' || regraded.colour === 'red' ? 'warning' : 'info'}
          showIcon
          role="status"
          style={{ marginBottom: 12 }}
          title={
            <span>
              风险分级已更新：
              <ColourBadge colour={regraded.colour} purple={regraded.purple} />
              {regraded.colour === 'red' && '须在 24 小时内上报区妇幼'}
              {regraded.colour === 'orange' && '须在 3 天内上报区妇幼'}
            </span>
          }
        />
      )}
      <VisitFields today={today} />
      {warnings.length > 0 && (
        <Alert type="warning" showIcon title={text.rangeWarning} style={{ marginBottom: 12 }} />
      )}
      <Button type="primary" htmlType="submit" loading={busy}>
        {text.save}
      </Button>
    </Form>
  );
}
