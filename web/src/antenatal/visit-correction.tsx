import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, List, Modal, Space } from 'antd';
import { useState } from 'react';
import { api, ApiFailure, unwrap, type Schemas } from '../core/api';
import { fieldErrors } from '../core/messages';
import { useText } from '../core/language';
import { ANTENATAL_TEXT } from './antenatal.text';
import { OEDEMA, URINE_ZH, VisitFields } from './visit-form';

type Visit = Schemas['VisitDto'];
type VisitInput = Schemas['RecordVisitDto'];

/** The fields the form edits, each with the dictionary's label for it. */
const FIELDS = {
  visitDate: 'visitDate',
  weightKg: 'weightKg',
  systolicMmHg: 'systolic',
  diastolicMmHg: 'diastolic',
  fetalHeartRate: 'fetalHeartRate',
  haemoglobinGL: 'haemoglobin',
  urineProtein: 'urineProtein',
  oedema: 'oedema',
  nextAppointmentDate: 'nextAppointment',
} as const;
type Field = keyof typeof FIELDS;
const FIELD_NAMES = Object.keys(FIELDS) as Field[];

type Values = Partial<Record<Field, string | number | null>>;

/** A field's value, a cleared input read as no value. */
function valueOf(values: Values, field: Field): string | number | null {
  const value = values[field];
  return value === undefined || value === '' ? null : value;
}

/** What the form holds for a visit as the service gave it. */
function formValuesOf(visit: Visit): Values {
  return Object.fromEntries(FIELD_NAMES.map((field) => [field, visit[field] ?? undefined]));
}

/** The fields whose value differs between two readings. */
function changedFields(from: Values, to: Values): Field[] {
  return FIELD_NAMES.filter((field) => valueOf(from, field) !== valueOf(to, field));
}

function shown(field: Field, value: string | number | null): string {
  if (value === null) return '（空）';
  if (field === 'urineProtein') return URINE_ZH[value as keyof typeof URINE_ZH] ?? String(value);
  if (field === 'oedema') return OEDEMA[value as keyof typeof OEDEMA] ?? String(value);
  return String(value);
}

interface Conflict {
  /** The visit as it stands now, changed by someone else since she opened it. */
  latest: Visit;
  /** The fields the other change touched. */
  theirs: Field[];
}

/**
 * 修改产检记录: her corrections are sent against the version she opened. When someone else saved
 * the visit meanwhile (409 STALE_VERSION), she sees what they changed beside what she typed, and
 * re-applies her changes on the latest version, or drops them; nothing she typed is lost.
 */
export function VisitCorrection({
  visit,
  today,
  onClose,
}: {
  visit: Visit;
  today: string;
  onClose: () => void;
}) {
  const text = useText(ANTENATAL_TEXT);
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [base, setBase] = useState<Visit>(visit);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const typed = Form.useWatch([], form) ?? {};

  /** Her changes (against the visit as she opened it), sent with the version `against` holds. */
  const send = async (against: Visit) => {
    const typed = form.getFieldsValue(FIELD_NAMES) as Values;
    const mine = changedFields(formValuesOf(base), typed);
    if (mine.length === 0) {
      message.info(text.noChanges);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const changes = Object.fromEntries(mine.map((field) => [field, valueOf(typed, field)]));
      await unwrap(
        api.PATCH('/visits/{id}', {
          params: { path: { id: against.id } },
          body: { ...(changes as Partial<VisitInput>), version: against.version },
        }),
      );
      message.success(text.visitCorrected);
      await client.invalidateQueries({ queryKey: ['pregnancies', visit.pregnancyId] });
      onClose();
    } catch (failure) {
      if (!(failure instanceof ApiFailure)) throw failure;
      if (failure.code === 'STALE_VERSION') {
        const visits = await unwrap(
          api.GET('/pregnancies/{id}/visits', { params: { path: { id: visit.pregnancyId } } }),
        );
        const latest = visits.find((v) => v.id === visit.id);
        if (latest) {
          setConflict({
            latest,
            theirs: changedFields(formValuesOf(base), formValuesOf(latest)),
          });
          return;
        }
      }
      setError(failure.message);
      form.setFields(fieldErrors(failure.details));
    } finally {
      setBusy(false);
    }
  };

  /** Their changes where she changed nothing, hers where she did: saved on the latest version. */
  const reapply = () => {
    if (!conflict) return;
    const typed = form.getFieldsValue(FIELD_NAMES) as Values;
    const mine = new Set(changedFields(formValuesOf(base), typed));
    const latest = formValuesOf(conflict.latest);
    form.setFieldsValue(
      Object.fromEntries(
        conflict.theirs.filter((field) => !mine.has(field)).map((f) => [f, latest[f]]),
      ),
    );
    setConflict(null);
    void send(conflict.latest);
  };

  const discard = () => {
    if (!conflict) return;
    setBase(conflict.latest);
    form.setFieldsValue(formValuesOf(conflict.latest));
    setConflict(null);
  };

  return (
    <Modal
      open
      width={880}
      title={text.correctVisit}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        name="visit-correction"
        layout="vertical"
        aria-label={text.correctVisit}
        initialValues={formValuesOf(visit)}
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
                <List
                  size="small"
                  dataSource={conflict.theirs}
                  locale={{ emptyText: text.staleNothingVisible }}
                  renderItem={(field) => (
                    <List.Item>
                      {text[FIELDS[field]]}：{shown(field, valueOf(formValuesOf(base), field))} →{' '}
                      {text.staleTheirs}{' '}
                      {shown(field, valueOf(formValuesOf(conflict.latest), field))}
                      {changedFields(formValuesOf(base), typed).includes(field) &&
                        `；${text.staleMine} ${shown(field, valueOf(typed, field))}`}
                    </List.Item>
                  )}
                />
                <Space>
                  <Button type="primary" onClick={reapply} loading={busy}>
                    {text.reapply}
                  </Button>
                  <Button onClick={discard}>{text.discardMine}</Button>
                </Space>
              </Space>
            }
          />
        )}
        <VisitFields today={today} />
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} disabled={conflict !== null}>
            {text.save}
          </Button>
          <Button onClick={onClose}>{text.cancel}</Button>
        </Space>
      </Form>
    </Modal>
  );
}
