import {
  Alert,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Table,
} from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, ApiFailure, unwrap, type Schemas } from '../core/api';
import { fieldErrors } from '../core/messages';
import { formatDateTime, localToInstant } from '../core/hospital-time';
import { fill, optionsOf, useText } from '../core/language';
import { useDelivery } from './delivery-queries';
import {
  DELIVERY_TEXT,
  MATERNAL_OUTCOME_TEXT,
  MODE_TEXT,
  SEX_TEXT,
  VITAL_STATUS_TEXT,
} from './delivery.text';

type Delivery = Schemas['RecordDeliveryDto'];
type Baby = Schemas['NewbornInputDto'];

interface FormValues {
  deliveredAtLocal: string;
  mode: Delivery['mode'];
  maternalOutcome: Delivery['maternalOutcome'];
  bloodLossMl?: number;
  babies: Array<Omit<Baby, 'birthOrder'>>;
}

/** 分娩: the delivery and every baby; afterwards the babies link to their delivery-room pages. */
export function DeliveryTab({
  pregnancyId,
  fetusCount,
}: {
  pregnancyId: number;
  fetusCount: number;
}) {
  const text = useText(DELIVERY_TEXT);
  const modes = useText(MODE_TEXT);
  const outcomes = useText(MATERNAL_OUTCOME_TEXT);
  const sexes = useText(SEX_TEXT);
  const vitalStatuses = useText(VITAL_STATUS_TEXT);
  const delivery = useDelivery(pregnancyId);
  const client = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (delivery.isLoading) return null;
  if (delivery.data) {
    const d = delivery.data;
    return (
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{text.deliveryRecord}</h2>}>
        <p>
          {fill(text.deliveredLine, { at: formatDateTime(d.deliveredAt), mode: modes[d.mode] })}
        </p>
        <Table<Schemas['NewbornDto']>
          rowKey="id"
          pagination={false}
          size="small"
          dataSource={d.newborns.filter((n) => !n.voidedAt)}
          columns={[
            {
              title: text.birthOrder,
              dataIndex: 'birthOrder',
              render: (n: number) => fill(text.nthBaby, { n }),
            },
            {
              title: text.sex,
              dataIndex: 'sex',
              render: (sex: keyof typeof sexes) => sexes[sex],
            },
            { title: text.birthWeight, dataIndex: 'birthWeightG' },
            { title: text.apgar, render: (_, n) => `${n.apgar1 ?? '-'}/${n.apgar5 ?? '-'}` },
            {
              title: text.deliveryRoom,
              render: (_, n) => (
                <Link to={`/newborns/${n.id}`}>{fill(text.nthNewborn, { n: n.birthOrder })}</Link>
              ),
            },
          ]}
        />
      </Card>
    );
  }

  const save = async (values: FormValues) => {
    setBusy(true);
    setError(null);
    const body: Delivery = {
      deliveredAt: localToInstant(values.deliveredAtLocal),
      mode: values.mode,
      place: 'this_facility',
      maternalOutcome: values.maternalOutcome,
      isolationRoom: false,
      ...(values.bloodLossMl !== undefined ? { bloodLossMl: values.bloodLossMl } : {}),
      babies: values.babies.map((baby, index) => ({ ...baby, birthOrder: index + 1 })),
    };
    try {
      await unwrap(
        api.POST('/pregnancies/{id}/delivery', { params: { path: { id: pregnancyId } }, body }),
      );
      await client.invalidateQueries({ queryKey: ['pregnancies', pregnancyId] });
    } catch (failure) {
      if (!(failure instanceof ApiFailure)) throw failure;
      setError(failure.message);
      form.setFields(fieldErrors(failure.details));
    } finally {
      setBusy(false);
    }
  };

  const newBaby = { sex: 'female', vitalStatus: 'live_birth' } as Omit<
    Baby,
    'birthOrder' | 'birthWeightG'
  >;
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{text.newDelivery}</h2>}>
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={(values) => void save(values)}
        initialValues={{
          mode: 'spontaneous_vaginal',
          maternalOutcome: 'well',
          babies: Array.from({ length: Math.max(1, fetusCount) }, () => newBaby),
        }}
      >
        {error && (
          <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />
        )}
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item
              name="deliveredAtLocal"
              label={text.deliveredAt}
              rules={[{ required: true, message: text.deliveredAtRequired }]}
            >
              <Input type="datetime-local" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="mode" label={text.mode}>
              <Select options={optionsOf(modes)} />
            </Form.Item>
          </Col>
          <Col xs={12} md={5}>
            <Form.Item name="maternalOutcome" label={text.maternalOutcome}>
              <Select options={optionsOf(outcomes)} />
            </Form.Item>
          </Col>
          <Col xs={12} md={5}>
            <Form.Item name="bloodLossMl" label={text.bloodLoss}>
              <InputNumber style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.List name="babies">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {fields.map((field, index) => (
                <Card
                  key={field.key}
                  size="small"
                  title={fill(text.nthBaby, { n: index + 1 })}
                  extra={
                    fields.length > 1 ? (
                      <Button size="small" onClick={() => remove(field.name)}>
                        {text.remove}
                      </Button>
                    ) : null
                  }
                >
                  <Row gutter={12}>
                    <Col xs={12} md={4}>
                      <Form.Item
                        name={[field.name, 'sex']}
                        label={fill(text.nthSex, { n: index + 1 })}
                      >
                        <Select options={optionsOf(sexes)} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={5}>
                      <Form.Item
                        name={[field.name, 'birthWeightG']}
                        label={fill(text.nthWeight, { n: index + 1 })}
                        rules={[{ required: true, message: text.weightRequired }]}
                      >
                        <InputNumber style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={4}>
                      <Form.Item
                        name={[field.name, 'apgar1']}
                        label={fill(text.nthApgar1, { n: index + 1 })}
                      >
                        <InputNumber min={0} max={10} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={4}>
                      <Form.Item
                        name={[field.name, 'apgar5']}
                        label={fill(text.nthApgar5, { n: index + 1 })}
                      >
                        <InputNumber min={0} max={10} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={5}>
                      <Form.Item
                        name={[field.name, 'vitalStatus']}
                        label={fill(text.nthVitalStatus, { n: index + 1 })}
                      >
                        <Select options={optionsOf(vitalStatuses)} />
                      </Form.Item>
                    </Col>
                  </Row>
                </Card>
              ))}
              <Button onClick={() => add(newBaby)}>{text.addBaby}</Button>
            </Space>
          )}
        </Form.List>
        <Button type="primary" htmlType="submit" loading={busy} style={{ marginTop: 16 }}>
          {text.saveDelivery}
        </Button>
      </Form>
    </Card>
  );
}
