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
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { failureMessage, type Schemas } from '../core/api';
import { useNow } from '../core/use-now';
import { useText } from '../core/language';
import { ColourBadge } from '../risk/colour-badge';
import { ANTENATAL_TEXT } from './antenatal.text';
import {
  useAppointmentsDue,
  useOverdueWorklist,
  usePastDueDateWorklist,
  usePmtctDoseAlarms,
  usePostpartumWorklist,
  useRecordContact,
} from './worklist-queries';

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
  const appointments = useAppointmentsDue();
  const postpartumVisits = usePostpartumWorklist('postpartum_visits');
  const day42Checks = usePostpartumWorklist('day42_checks');
  const doses = usePmtctDoseAlarms();
  // The dose countdowns follow the clock.
  const now = useNow(30_000);
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
      message.error(failureMessage(failure));
    }
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {text.workbenchTitle}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <CountCard anchor="overdue" title={text.overdueTitle} count={overdue.data?.total} />
        <CountCard
          anchor="appointments"
          title={text.appointmentsTitle}
          count={appointments.data?.total}
        />
        <CountCard anchor="doses" title={text.dosesTitle} count={doses.data?.page.total} />
        <CountCard
          anchor="postpartum"
          title={text.postpartumTitle}
          count={postpartumVisits.data?.total}
        />
        <CountCard anchor="day42" title={text.day42Title} count={day42Checks.data?.total} />
        <CountCard anchor="past-due" title={text.pastDueTitle} count={pastDue.data?.total} />
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
          locale={{ emptyText: text.none }}
          size="middle"
          columns={[
            nameColumn(text.name),
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
      <ListCard id="appointments" title={text.appointmentsTitle}>
        <Table<Schemas['AppointmentDueItemDto']>
          rowKey="pregnancyId"
          loading={appointments.isLoading}
          dataSource={appointments.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: text.none }}
          size="small"
          columns={[
            nameColumn(text.name),
            {
              title: text.colour,
              render: (_, item) => (
                <ColourBadge colour={item.riskColour} purple={item.riskPurple} />
              ),
            },
            { title: text.appointment, dataIndex: 'appointmentDate' },
            {
              title: text.daysLate,
              dataIndex: 'daysLate',
              render: (d: number) => (d === 0 ? text.today : d),
            },
            { title: text.phone, dataIndex: 'phone' },
          ]}
        />
      </ListCard>
      <ListCard id="doses" title={text.dosesTitle}>
        <Table<Schemas['PmtctWorklistItemDto']>
          rowKey={(item) => `${item.pregnancyId}-${item.infantId ?? ''}-${item.what}`}
          loading={doses.isLoading}
          dataSource={doses.data?.page.items ?? []}
          pagination={false}
          locale={{ emptyText: text.none }}
          size="small"
          columns={[
            nameColumn(text.name),
            { title: text.what, dataIndex: 'what' },
            {
              title: text.timeLeft,
              render: (_, item) => timeLeft(item.minutesLeft, doses.data?.fetchedAt ?? now, now),
            },
          ]}
        />
      </ListCard>
      <ListCard id="postpartum" title={text.postpartumTitle}>
        <PostpartumTable
          loading={postpartumVisits.isLoading}
          items={postpartumVisits.data?.items ?? []}
        />
      </ListCard>
      <ListCard id="day42" title={text.day42Title}>
        <PostpartumTable loading={day42Checks.isLoading} items={day42Checks.data?.items ?? []} />
      </ListCard>
      <Card id="past-due" title={<h2 style={{ fontSize: 16, margin: 0 }}>{text.pastDueTitle}</h2>}>
        <Table
          rowKey="pregnancyId"
          loading={pastDue.isLoading}
          dataSource={pastDue.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: text.none }}
          size="middle"
          columns={[nameColumn(text.name), { title: text.edd, dataIndex: 'edd' }]}
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

function CountCard({ anchor, title, count }: { anchor: string; title: string; count?: number }) {
  return (
    <Col xs={12} md={8} lg={4}>
      <Card size="small">
        <a href={`#${anchor}`} aria-label={`${title} ${count ?? ''}`}>
          <Statistic title={title} value={count ?? '-'} />
        </a>
      </Card>
    </Col>
  );
}

function ListCard({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card id={id} title={<h2 style={{ fontSize: 16, margin: 0 }}>{title}</h2>}>
      {children}
    </Card>
  );
}

function PostpartumTable({
  loading,
  items,
}: {
  loading: boolean;
  items: Schemas['PostpartumWorklistItemDto'][];
}) {
  const text = useText(ANTENATAL_TEXT);
  return (
    <Table
      rowKey={(item) => `${item.pregnancyId}-${item.newbornId ?? ''}-${item.what}`}
      loading={loading}
      dataSource={items}
      pagination={false}
      locale={{ emptyText: text.none }}
      size="small"
      columns={[
        nameColumn(text.name),
        { title: text.what, dataIndex: 'what' },
        { title: text.dueOn, dataIndex: 'dueOn' },
        {
          title: text.state,
          dataIndex: 'state',
          render: (state: 'due' | 'overdue') => (state === 'overdue' ? text.overdue : text.due),
        },
        { title: text.phone, dataIndex: 'phone' },
      ]}
    />
  );
}

/** 剩余 h 小时 m 分, or 已超时 once the window has passed. */
function timeLeft(minutesLeft: number | null | undefined, fetchedAt: number, now: number): string {
  if (minutesLeft === null || minutesLeft === undefined) return '';
  const left = minutesLeft - Math.floor((now - fetchedAt) / 60_000);
  if (left < 0) return `已超时 ${Math.floor(-left / 60)} 小时 ${-left % 60} 分`;
  return `剩余 ${Math.floor(left / 60)} 小时 ${left % 60} 分`;
}

/** Her name, linking to her record. */
function nameColumn<T extends { name: string; pregnancyId: number }>(title: string) {
  return {
    title,
    dataIndex: 'name',
    render: (name: string, item: T) => <Link to={`/pregnancies/${item.pregnancyId}`}>{name}</Link>,
  };
}
