import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Schemas } from '../core/api';
import { ApiFailure } from '../core/api';
import { useText } from '../core/language';
import { ColourBadge } from '../risk/colour-badge';
import { ANTENATAL_TEXT } from './antenatal.text';
import { useOverdueWorklist, usePastDueDateWorklist, useRecordContact } from './worklist-queries';

type Item = Schemas['WorklistItemDto'];
type Outcome = Schemas['RecordContactDto']['outcome'];
const OUTCOMES: Outcome[] = ['called', 'no_answer', 'will_come', 'moved_away', 'refused'];
const COLOUR_RANK = { red: 4, orange: 3, yellow: 2, green: 1 } as const;

/** 工作台: who to call today, highest risk first, and who is past her due date. */
export default function WorkbenchPage() {
  const text = useText(ANTENATAL_TEXT);
  const { message } = App.useApp();
  const [hideCalled, setHideCalled] = useState(false);
  const overdue = useOverdueWorklist(hideCalled);
  const pastDue = usePastDueDateWorklist();
  const recordContact = useRecordContact();
  const [calling, setCalling] = useState<Item | null>(null);
  const [form] = Form.useForm<{ outcome: Outcome; note?: string }>();

  const items = [...(overdue.data?.items ?? [])].sort(
    (a, b) =>
      (COLOUR_RANK[b.riskColour ?? 'green'] ?? 0) - (COLOUR_RANK[a.riskColour ?? 'green'] ?? 0) ||
      Number(b.riskPurple) - Number(a.riskPurple) ||
      b.daysOverdue - a.daysOverdue,
  );

  const save = async () => {
    if (!calling) return;
    const values = await form.validateFields();
    try {
      await recordContact.mutateAsync({ pregnancyId: calling.pregnancyId, body: values });
      message.success(text.saved);
      setCalling(null);
      form.resetFields();
    } catch (failure) {
      message.error(failure instanceof ApiFailure ? failure.message : String(failure));
    }
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {useText({ zh: { t: '今日工作台' }, en: { t: 'Today' } }).t}
      </Typography.Title>
      <Row gutter={16}>
        <Col xs={12} md={6}>
          <Card>
            <a href="#overdue">
              <Statistic title={text.overdueTitle} value={overdue.data?.total ?? '-'} />
            </a>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <a href="#past-due">
              <Statistic title={text.pastDueTitle} value={pastDue.data?.total ?? '-'} />
            </a>
          </Card>
        </Col>
      </Row>
      <Card
        id="overdue"
        title={<h2 style={{ fontSize: 16, margin: 0 }}>{text.overdueTitle}</h2>}
        extra={
          <Space>
            <Checkbox checked={hideCalled} onChange={(e) => setHideCalled(e.target.checked)}>
              {text.calledRecently}
            </Checkbox>
            <Button onClick={() => window.print()}>{text.print}</Button>
          </Space>
        }
      >
        <Table<Item>
          rowKey="pregnancyId"
          loading={overdue.isLoading}
          dataSource={items}
          pagination={false}
          size="middle"
          columns={[
            {
              title: text.name,
              dataIndex: 'name',
              render: (name: string, item) => (
                <Link to={`/pregnancies/${item.pregnancyId}`}>{name}</Link>
              ),
            },
            {
              title: text.colour,
              render: (_, item) => (
                <ColourBadge colour={item.riskColour} purple={item.riskPurple} />
              ),
            },
            { title: text.gestationalAge, render: (_, item) => item.gestationalAge.display },
            { title: text.window, dataIndex: 'overdueWindowLabel' },
            { title: text.daysOverdue, dataIndex: 'daysOverdue' },
            {
              title: text.lastVisit,
              dataIndex: 'lastVisitDate',
              render: (d?: string | null) => d ?? text.none,
            },
            {
              title: text.lastCall,
              render: (_, item) =>
                item.lastContact
                  ? `${item.lastContact.attemptedAt.slice(0, 10)} ${text[item.lastContact.outcome]}`
                  : text.none,
            },
            { title: text.phone, dataIndex: 'phone' },
            {
              title: text.actions,
              render: (_, item) => (
                <Button
                  size="small"
                  onClick={() => setCalling(item)}
                  aria-label={`${text.recordCall} ${item.name}`}
                >
                  {text.recordCall}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <Card id="past-due" title={<h2 style={{ fontSize: 16, margin: 0 }}>{text.pastDueTitle}</h2>}>
        <Table
          rowKey="pregnancyId"
          loading={pastDue.isLoading}
          dataSource={pastDue.data?.items ?? []}
          pagination={false}
          size="middle"
          columns={[
            {
              title: text.name,
              dataIndex: 'name',
              render: (name: string, item: { pregnancyId: number }) => (
                <Link to={`/pregnancies/${item.pregnancyId}`}>{name}</Link>
              ),
            },
            { title: text.edd, dataIndex: 'edd' },
          ]}
        />
      </Card>
      <Modal
        open={calling !== null}
        title={`${text.recordCall}：${calling?.name ?? ''}`}
        okText={text.save}
        cancelText={text.cancel}
        confirmLoading={recordContact.isPending}
        onOk={() => void save()}
        onCancel={() => setCalling(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="outcome"
            label={text.outcome}
            rules={[{ required: true, message: text.outcome }]}
          >
            <Select options={OUTCOMES.map((value) => ({ value, label: text[value] }))} />
          </Form.Item>
          <Form.Item name="note" label={text.note}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
