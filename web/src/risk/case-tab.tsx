import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  List,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { DAY42_CHECK_CLOSE_REASON } from '../../../src/risk/rules/case-closure';
import { RISK_WRITERS } from '../../../src/risk/rules/risk-writers';
import { api, unwrap, type Schemas } from '../core/api';
import { formatDateTime } from '../core/hospital-time';
import { useText } from '../core/language';
import { QueryFailure } from '../core/query-failure';
import { useSessionUser } from '../core/use-session';
import { WOMEN_TEXT } from '../women/women.text';
import { CaseManagement } from './case-management';
import { CaseReferrals } from './case-referrals';
import { ColourBadge } from './colour-badge';
import { useSave } from './use-save';
import { useClinicians, useHighRiskCase, usePregnancyCases } from './risk-queries';
import { CASE_TEXT, CLOSE_TEXT, RISK_TEXT } from './risk.text';

type Case = Schemas['CaseDetailDto'];
const WRITERS: readonly string[] = RISK_WRITERS;

const heading = (title: string) => <h2 style={{ fontSize: 16, margin: 0 }}>{title}</h2>;

/** Descriptions' labels in a grey dark enough for AA contrast (Ant Design's is lighter). */
const LABELS = { label: { color: '#595959' } };

/** Nothing there yet, said in a grey with AA contrast. */
const none = (words: string) => <Typography.Text type="secondary">{words}</Typography.Text>;

/** A due time as the service gives it: a day, or an instant shown in hospital time. */
const formatDue = (due: string) => (due.length > 10 ? formatDateTime(due) : due);

/**
 * 高危专案: her case (the open one, else the newest) with its next action, its management (the
 * responsible clinician and plan), its notes and its referrals. Only nurses and MCH doctors see
 * the forms; a closed case is read only.
 */
export function CaseTab({ pregnancyId }: { pregnancyId: number }) {
  const text = useText(RISK_TEXT);
  const states = useText(CASE_TEXT);
  const user = useSessionUser();
  const canWrite = user !== null && WRITERS.includes(user.role);
  const cases = usePregnancyCases(pregnancyId);
  const [chosen, setChosen] = useState<number>();
  const list = cases.data ?? [];
  const current =
    list.find((c) => c.id === chosen) ?? list.find((c) => c.status === 'open') ?? list[0];
  const detail = useHighRiskCase(pregnancyId, current?.id);

  if (cases.error) return <QueryFailure error={cases.error} />;
  if (cases.isLoading) return null;
  if (list.length === 0) return <Empty description={none(text.noCase)} />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {list.length > 1 && (
        <Space>
          <label htmlFor="high-risk-case-choice">{text.caseOf}</label>
          <Select
            id="high-risk-case-choice"
            value={current?.id}
            onChange={setChosen}
            style={{ minWidth: 280 }}
            options={list.map((c) => ({
              value: c.id,
              label: `${formatDateTime(c.openedAt)}（${states[c.status]}）`,
            }))}
          />
        </Space>
      )}
      {detail.error && <QueryFailure error={detail.error} />}
      {detail.data && (
        <CaseDetail
          key={detail.data.id}
          highRiskCase={detail.data}
          pregnancyId={pregnancyId}
          canWrite={canWrite}
        />
      )}
    </Space>
  );
}

function CaseDetail({
  highRiskCase: c,
  pregnancyId,
  canWrite,
}: {
  highRiskCase: Case;
  pregnancyId: number;
  canWrite: boolean;
}) {
  const text = useText(RISK_TEXT);
  const states = useText(CASE_TEXT);
  const closeWords = useText(CLOSE_TEXT);
  const statuses = useText(WOMEN_TEXT);
  const open = c.status === 'open';
  const writes = canWrite && open;
  const clinicians = useClinicians(canWrite);
  const names = new Map((clinicians.data ?? []).map((u) => [u.id, u.displayName]));
  const clinicianName = (id: number) => names.get(id) ?? `${text.formerUser} #${id}`;
  const options = (clinicians.data ?? []).map((u) => ({ value: u.id, label: u.displayName }));
  const responsible = c.responsibleClinicianId ?? null;
  if (responsible !== null && !names.has(responsible)) {
    options.push({ value: responsible, label: clinicianName(responsible) });
  }

  /** The service's reason for closing, in her language. */
  const closeReason = (reason: string) => {
    if (reason === DAY42_CHECK_CLOSE_REASON) return closeWords.day42;
    const status = /^pregnancy (\w+)$/.exec(reason)?.[1];
    if (status && status in statuses) {
      return closeWords.episode.replace('{status}', statuses[status as keyof typeof statuses]);
    }
    const date = /^closed automatically .*\((\d{4}-\d{2}-\d{2})\)/.exec(reason)?.[1];
    if (date) return closeWords.automatic.replace('{date}', date);
    return reason;
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title={heading(text.caseTab)}>
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} styles={LABELS}>
          <Descriptions.Item label={text.caseStatus}>
            <Tag color={open ? 'red' : 'default'} style={open ? { color: '#820014' } : undefined}>
              {states[c.status]}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label={text.grading}>
            <ColourBadge colour={c.colour} purple={c.purple} />
          </Descriptions.Item>
          <Descriptions.Item label={text.openedAt}>{formatDateTime(c.openedAt)}</Descriptions.Item>
          {open && (
            <Descriptions.Item label={text.nextAction}>
              <span data-testid="case-next-action">
                {states[c.nextAction.action]}
                {c.nextAction.dueAt && `（${text.dueAt} ${formatDue(c.nextAction.dueAt)}）`}
              </span>
            </Descriptions.Item>
          )}
          {c.closedAt && (
            <Descriptions.Item label={text.closedAt}>
              {formatDateTime(c.closedAt)}
            </Descriptions.Item>
          )}
          {c.closeReason && (
            <Descriptions.Item label={text.closeReason}>
              {closeReason(c.closeReason)}
            </Descriptions.Item>
          )}
        </Descriptions>
        {!canWrite && (
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {text.readOnly}
          </Typography.Paragraph>
        )}
      </Card>
      <Card size="small" title={heading(text.management)}>
        {writes ? (
          <CaseManagement highRiskCase={c} clinicianName={clinicianName} clinicians={options} />
        ) : (
          <Descriptions size="small" column={1} styles={LABELS}>
            <Descriptions.Item label={text.clinician}>
              {responsible !== null ? clinicianName(responsible) : text.notSet}
            </Descriptions.Item>
            <Descriptions.Item label={text.plan}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{c.plan ?? text.notSet}</span>
            </Descriptions.Item>
          </Descriptions>
        )}
      </Card>
      <Card size="small" title={heading(text.notes)}>
        <List
          size="small"
          dataSource={[...c.notes].reverse()}
          locale={{ emptyText: none(text.noNotes) }}
          renderItem={(note) => (
            <List.Item>
              <Space orientation="vertical" size={0}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(note.notedAt)} {clinicianName(note.authorId)}
                </Typography.Text>
                <span style={{ whiteSpace: 'pre-wrap' }}>{note.text}</span>
              </Space>
            </List.Item>
          )}
        />
        {writes && <NoteForm caseId={c.id} pregnancyId={pregnancyId} />}
      </Card>
      <Card size="small" title={heading(text.referrals)}>
        <CaseReferrals
          caseId={c.id}
          pregnancyId={pregnancyId}
          referrals={c.referrals}
          canWrite={writes}
        />
      </Card>
    </Space>
  );
}

/** 专案记录: a note on the case; a refused save keeps the text. */
function NoteForm({ caseId, pregnancyId }: { caseId: number; pregnancyId: number }) {
  const text = useText(RISK_TEXT);
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<{ text: string }>();
  const { busy, error, run } = useSave(form);

  const save = (values: { text: string }) =>
    run(async () => {
      await unwrap(
        api.POST('/high-risk-cases/{id}/notes', {
          params: { path: { id: caseId } },
          body: { text: values.text.trim() },
        }),
      );
      message.success(text.noteAdded);
      form.resetFields();
      await client.invalidateQueries({ queryKey: ['pregnancies', pregnancyId] });
    });

  return (
    <Form<{ text: string }>
      form={form}
      name={`case-note-${caseId}`}
      layout="vertical"
      aria-label={text.addNote}
      onFinish={(values) => void save(values)}
      style={{ marginTop: 12 }}
    >
      {error && (
        <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />
      )}
      <Form.Item
        name="text"
        label={text.noteText}
        rules={[{ required: true, whitespace: true, message: text.required }]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={4000} />
      </Form.Item>
      <Button htmlType="submit" loading={busy}>
        {text.addNote}
      </Button>
    </Form>
  );
}
