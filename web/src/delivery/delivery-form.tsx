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
import { useDelivery } from './delivery-queries';

type Delivery = Schemas['RecordDeliveryDto'];
type Baby = Schemas['NewbornInputDto'];

interface FormValues {
  deliveredAtLocal: string;
  mode: Delivery['mode'];
  maternalOutcome: Delivery['maternalOutcome'];
  bloodLossMl?: number;
  babies: Array<Omit<Baby, 'birthOrder'>>;
}

const MODES = [
  { value: 'spontaneous_vaginal', label: '自然分娩' },
  { value: 'assisted_vaginal', label: '阴道助产' },
  { value: 'caesarean', label: '剖宫产' },
];
const OUTCOMES = [
  { value: 'well', label: '良好' },
  { value: 'complications', label: '有并发症' },
  { value: 'transferred', label: '转诊' },
  { value: 'death', label: '死亡' },
];
const SEX = [
  { value: 'female', label: '女' },
  { value: 'male', label: '男' },
  { value: 'undetermined', label: '不明' },
];

/** 分娩: the delivery and every baby; afterwards the babies link to their delivery-room pages. */
export function DeliveryTab({
  pregnancyId,
  fetusCount,
}: {
  pregnancyId: number;
  fetusCount: number;
}) {
  const delivery = useDelivery(pregnancyId);
  const client = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (delivery.isLoading) return null;
  if (delivery.data) {
    const d = delivery.data;
    return (
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>分娩记录</h2>}>
        <p>
          分娩时间 {formatDateTime(d.deliveredAt)}，{MODES.find((m) => m.value === d.mode)?.label}
        </p>
        <Table<Schemas['NewbornDto']>
          rowKey="id"
          pagination={false}
          size="small"
          dataSource={d.newborns.filter((n) => !n.voidedAt)}
          columns={[
            { title: '胎次', dataIndex: 'birthOrder', render: (o: number) => `第 ${o} 胎` },
            {
              title: '性别',
              dataIndex: 'sex',
              render: (s: string) => SEX.find((x) => x.value === s)?.label,
            },
            { title: '出生体重 (g)', dataIndex: 'birthWeightG' },
            { title: 'Apgar 1/5', render: (_, n) => `${n.apgar1 ?? '-'}/${n.apgar5 ?? '-'}` },
            {
              title: '产房记录',
              render: (_, n) => <Link to={`/newborns/${n.id}`}>第 {n.birthOrder} 胎新生儿</Link>,
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
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>记录分娩</h2>}>
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
              label="分娩时间"
              rules={[{ required: true, message: '请填写分娩时间' }]}
            >
              <Input type="datetime-local" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="mode" label="分娩方式">
              <Select options={MODES} />
            </Form.Item>
          </Col>
          <Col xs={12} md={5}>
            <Form.Item name="maternalOutcome" label="产妇结局">
              <Select options={OUTCOMES} />
            </Form.Item>
          </Col>
          <Col xs={12} md={5}>
            <Form.Item name="bloodLossMl" label="出血量 (ml)">
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
                  title={`第 ${index + 1} 胎`}
                  extra={
                    fields.length > 1 ? (
                      <Button size="small" onClick={() => remove(field.name)}>
                        删除
                      </Button>
                    ) : null
                  }
                >
                  <Row gutter={12}>
                    <Col xs={12} md={4}>
                      <Form.Item name={[field.name, 'sex']} label={`第 ${index + 1} 胎性别`}>
                        <Select options={SEX} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={5}>
                      <Form.Item
                        name={[field.name, 'birthWeightG']}
                        label={`第 ${index + 1} 胎出生体重 (g)`}
                        rules={[{ required: true, message: '请填写出生体重' }]}
                      >
                        <InputNumber style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={4}>
                      <Form.Item
                        name={[field.name, 'apgar1']}
                        label={`第 ${index + 1} 胎 Apgar 1分钟`}
                      >
                        <InputNumber min={0} max={10} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={4}>
                      <Form.Item
                        name={[field.name, 'apgar5']}
                        label={`第 ${index + 1} 胎 Apgar 5分钟`}
                      >
                        <InputNumber min={0} max={10} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={5}>
                      <Form.Item
                        name={[field.name, 'vitalStatus']}
                        label={`第 ${index + 1} 胎结局`}
                      >
                        <Select
                          options={[
                            { value: 'live_birth', label: '活产' },
                            { value: 'stillbirth', label: '死产' },
                          ]}
                        />
                      </Form.Item>
                    </Col>
                  </Row>
                </Card>
              ))}
              <Button onClick={() => add(newBaby)}>添加新生儿</Button>
            </Space>
          )}
        </Form.List>
        <Button type="primary" htmlType="submit" loading={busy} style={{ marginTop: 16 }}>
          保存分娩记录
        </Button>
      </Form>
    </Card>
  );
}
