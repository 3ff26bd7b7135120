import { Alert, Button, Card, Col, Empty, Form, Input, Row, Select, Space, Table } from 'antd';
import type { Schemas } from '../core/api';
import type { PregnancyTabProps } from '../women/pregnancy-tab';
import { useDateRules, useFormSave, withoutBlanks } from '../core/form-save';
import { hospitalToday } from '../core/hospital-time';
import { fill, optionsOf, useText } from '../core/language';
import { QueryFailure } from '../core/query-failure';
import { tableEmpty } from '../core/table-empty';
import { useDelivery } from '../delivery/delivery-queries';
import { ColourBadge } from '../risk/colour-badge';
import { useGradings } from '../risk/risk-queries';
import {
  CLASSIFICATIONS,
  CONTACT_KINDS,
  DISPOSITIONS,
  POSTPARTUM_TEXT,
} from './breastfeeding.text';
import { FollowUps } from './follow-ups';
import { usePostpartumContacts, useRecordPostpartumContact } from './postpartum-queries';

type Contact = Schemas['PostpartumContactRecordDto'];

const h2 = (title: string) => <h2 style={{ fontSize: 16, margin: 0 }}>{title}</h2>;

/**
 * 产后随访: once she has delivered, her postpartum visits and 42-day check, and each live-born
 * baby's breastfeeding follow-ups; before that, why there is nothing here yet.
 */
export function PostpartumTab({ pregnancy, canRecord }: PregnancyTabProps) {
  const text = useText(POSTPARTUM_TEXT);
  const delivery = useDelivery(pregnancy.id);
  if (delivery.error) return <QueryFailure error={delivery.error} />;
  if (delivery.isLoading) return null;
  if (!delivery.data) return <Empty description={text.notDelivered} />;
  const deliveredOn = pregnancy.outcomeDate ?? hospitalToday();
  const babies = delivery.data.newborns.filter(
    (n) => !n.voidedAt && n.vitalStatus === 'live_birth',
  );
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Contacts pregnancy={pregnancy} canRecord={canRecord} deliveredOn={deliveredOn} />
      {babies.map((baby) => (
        <FollowUps key={baby.id} baby={baby} canRecord={canRecord} />
      ))}
    </Space>
  );
}

function Contacts({
  pregnancy,
  canRecord,
  deliveredOn,
}: {
  pregnancy: PregnancyTabProps['pregnancy'];
  canRecord: boolean;
  deliveredOn: string;
}) {
  const text = useText(POSTPARTUM_TEXT);
  const kinds = useText(CONTACT_KINDS);
  const classifications = useText(CLASSIFICATIONS);
  const dispositions = useText(DISPOSITIONS);
  const contacts = usePostpartumContacts(pregnancy.id);
  const outcome = (c: Contact) =>
    [
      c.classification && classifications[c.classification],
      c.disposition && dispositions[c.disposition],
    ]
      .filter(Boolean)
      .join('，') || '—';

  return (
    <Card title={h2(text.contactsTitle)}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {canRecord && pregnancy.status === 'delivered' && (
          <ContactForm pregnancyId={pregnancy.id} deliveredOn={deliveredOn} />
        )}
        {canRecord && pregnancy.status === 'closed' && (
          <Alert type="info" showIcon title={text.closed} />
        )}
        {contacts.error && <QueryFailure error={contacts.error} />}
        <Table<Contact>
          rowKey="id"
          loading={contacts.isLoading}
          dataSource={[...(contacts.data ?? [])].reverse()}
          pagination={false}
          size="small"
          locale={tableEmpty(text.noContacts)}
          columns={[
            { title: text.contactDate, dataIndex: 'contactDate' },
            { title: text.kind, render: (_, c) => kinds[c.kind] },
            { title: text.findings, render: (_, c) => c.findings ?? '—' },
            { title: text.outcome, render: (_, c) => outcome(c) },
            {
              title: text.riskColour,
              render: (_, c) =>
                c.riskColour ? <ColourBadge colour={c.riskColour} purple={false} /> : '—',
            },
            {
              title: text.countsForIndicators,
              render: (_, c) =>
                c.kind === 'postpartum_visit'
                  ? c.countsForIndicators
                    ? text.countsYes
                    : text.countsNo
                  : '—',
            },
          ]}
        />
      </Space>
    </Card>
  );
}

interface ContactValues {
  kind: Schemas['PostpartumContactDto']['kind'];
  contactDate: string;
  findings?: string;
  classification?: Schemas['PostpartumContactDto']['classification'];
  disposition?: Schemas['PostpartumContactDto']['disposition'];
  factorCodes?: string[];
}

/** The clinician-ticked factors of her latest grading: a contact re-grades her, so they carry over. */
function useCarriedFactors(pregnancyId: number) {
  const gradings = useGradings(pregnancyId);
  const latest = [...(gradings.data ?? [])].sort((a, b) =>
    b.assessedAt.localeCompare(a.assessedAt),
  )[0];
  // A factor that needed a note cannot be carried: the contact takes codes only.
  const factors = (latest?.factors ?? []).filter((f) => f.origin === 'ticked' && !f.note);
  return { assessedOn: latest?.assessedOn, factors, loading: gradings.isLoading };
}

/** 记录产后访视: a visit or the 42-day check (with its classification and disposition). */
function ContactForm({ pregnancyId, deliveredOn }: { pregnancyId: number; deliveredOn: string }) {
  const text = useText(POSTPARTUM_TEXT);
  const kinds = useText(CONTACT_KINDS);
  const classifications = useText(CLASSIFICATIONS);
  const dispositions = useText(DISPOSITIONS);
  const today = hospitalToday();
  const dateRules = useDateRules({ earliest: deliveredOn, tooEarly: text.notBeforeDelivery });
  const record = useRecordPostpartumContact(pregnancyId);
  const carried = useCarriedFactors(pregnancyId);
  const [form] = Form.useForm<ContactValues>();
  const { busy, alert, submit } = useFormSave(
    form,
    ({ factorCodes, ...values }) =>
      record.mutateAsync({ ...withoutBlanks(values), factorCodes: factorCodes ?? [] }),
    text.contactSaved,
  );
  const kind = Form.useWatch('kind', form);
  const disposition = Form.useWatch('disposition', form);
  if (carried.loading) return null;

  return (
    <Form<ContactValues>
      form={form}
      name="postpartum-contact"
      aria-label={text.recordContact}
      layout="vertical"
      initialValues={{
        kind: 'postpartum_visit',
        contactDate: today,
        factorCodes: carried.factors.map((f) => f.code),
      }}
      onFinish={submit}
    >
      {alert}
      <Row gutter={12}>
        <Col xs={12} md={6}>
          <Form.Item name="kind" label={text.kind}>
            <Select options={optionsOf(kinds)} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="contactDate" label={text.contactDate} rules={dateRules}>
            <Input type="date" min={deliveredOn} max={today} />
          </Form.Item>
        </Col>
        {kind === 'day42_check' && (
          <>
            <Col xs={12} md={6}>
              <Form.Item
                name="classification"
                label={text.classification}
                rules={[{ required: true, message: text.chooseRequired }]}
              >
                <Select options={optionsOf(classifications)} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                name="disposition"
                label={text.disposition}
                rules={[{ required: true, message: text.chooseRequired }]}
                extra={disposition === 'close' ? text.closeWarning : undefined}
              >
                <Select options={optionsOf(dispositions)} />
              </Form.Item>
            </Col>
          </>
        )}
        <Col xs={24}>
          <Form.Item name="findings" label={text.findings} extra={text.findingsHint}>
            <Input.TextArea rows={2} maxLength={4000} />
          </Form.Item>
        </Col>
        {carried.factors.length > 0 && (
          <Col xs={24}>
            <Form.Item
              name="factorCodes"
              label={text.carriedFactors}
              extra={fill(text.carriedFactorsHint, { date: carried.assessedOn ?? '' })}
            >
              <Select
                mode="multiple"
                options={carried.factors.map((f) => ({
                  value: f.code,
                  label: f.descriptionZh ?? f.code,
                }))}
              />
            </Form.Item>
          </Col>
        )}
      </Row>
      <Button type="primary" htmlType="submit" loading={busy}>
        {text.recordContact}
      </Button>
    </Form>
  );
}
