import { Alert, App, Button, Form, Input, Modal, Radio, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiFailure, failureMessage, type Schemas } from '../core/api';
import { formatDateTime } from '../core/hospital-time';
import { fill, useLanguage, useText } from '../core/language';
import { fieldErrors } from '../core/messages';
import { QueryFailure } from '../core/query-failure';
import { tableEmpty } from '../core/table-empty';
import { useSessionUser } from '../core/use-session';
import {
  useDismiss,
  useMerge,
  useMergeReviews,
  usePossibleDuplicates,
  useRequestReview,
} from './audit-queries';
import { AUDIT_TEXT, DUPLICATE_REASON_NAMES, REVIEW_STATUS_NAMES } from './audit.text';

type Duplicate = Schemas['PossibleDuplicateDto'];
type Review = Schemas['MergeReviewDto'];
type Side = Schemas['DuplicateSideDto'];

/** Who works the queue: the service lets maternal-health staff ask, merge and dismiss. */
const REVIEWERS: readonly string[] = ['mch_staff'];

/** A waiting review stands out, in colours dark enough to read (WCAG AA). */
const WAITING = { background: '#fff7e6', color: '#873800', borderColor: '#ffd591' };

type Decision =
  | { kind: 'request'; duplicate: Duplicate }
  | { kind: 'merge'; review: Review }
  | { kind: 'dismiss'; review: Review };

function SideCell({ side }: { side: Side }) {
  const text = useText(AUDIT_TEXT);
  if (side.atOtherFacility)
    return <Typography.Text type="secondary">{text.atOtherFacility}</Typography.Text>;
  return (
    <Space orientation="vertical" size={0}>
      <span>{side.name ?? fill(text.womanNumber, { id: side.womanId ?? '' })}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {side.documentNumber ?? '—'}
      </Typography.Text>
    </Space>
  );
}

/** The note (and for a merge, which record stays) of one decision; a refusal keeps what she typed. */
function DecisionDialog({ decision, onClose }: { decision: Decision | null; onClose: () => void }) {
  const text = useText(AUDIT_TEXT);
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note?: string; keepWomanId?: number }>();
  const [failure, setFailure] = useState<string | null>(null);
  const request = useRequestReview();
  const merge = useMerge();
  const dismiss = useDismiss();
  const pending = request.isPending || merge.isPending || dismiss.isPending;
  const title =
    decision?.kind === 'request'
      ? text.requestReviewTitle
      : decision?.kind === 'merge'
        ? text.mergeTitle
        : text.dismissTitle;

  const submit = async (typed: { note?: string; keepWomanId?: number }) => {
    if (!decision) return;
    setFailure(null);
    const note = typed.note?.trim() || undefined;
    try {
      if (decision.kind === 'request') {
        await request.mutateAsync({ id: decision.duplicate.id, note });
        void message.success(text.reviewRequested);
      } else if (decision.kind === 'merge') {
        await merge.mutateAsync({ id: decision.review.id, keepWomanId: typed.keepWomanId!, note });
        void message.success(text.merged);
      } else {
        await dismiss.mutateAsync({ id: decision.review.id, note: note ?? '' });
        void message.success(text.dismissed);
      }
      form.resetFields();
      onClose();
    } catch (error) {
      if (error instanceof ApiFailure && error.details.length > 0) {
        form.setFields(fieldErrors(error.details));
      }
      setFailure(failureMessage(error));
    }
  };

  const review = decision && decision.kind !== 'request' ? decision.review : null;
  return (
    <Modal
      open={decision !== null}
      title={title}
      onCancel={() => {
        setFailure(null);
        form.resetFields();
        onClose();
      }}
      okText={text.submit}
      cancelText={text.cancel}
      confirmLoading={pending}
      onOk={() => form.submit()}
      forceRender
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(typed) => void submit(typed)}
        aria-label={title}
      >
        {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} />}
        {decision?.kind === 'merge' && review && (
          <Form.Item
            label={text.keep}
            name="keepWomanId"
            rules={[{ required: true, message: text.keepRequired }]}
          >
            <Radio.Group>
              <Space orientation="vertical">
                {[review.woman, review.matched].map((side) =>
                  side.womanId ? (
                    <Radio key={side.womanId} value={side.womanId}>
                      {side.name ?? fill(text.womanNumber, { id: side.womanId })}{' '}
                      {side.documentNumber}
                    </Radio>
                  ) : null,
                )}
              </Space>
            </Radio.Group>
          </Form.Item>
        )}
        <Form.Item
          label={text.note}
          name="note"
          rules={
            decision?.kind === 'dismiss'
              ? [{ required: true, whitespace: true, message: text.noteRequired }]
              : []
          }
        >
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * 疑似重复: the facility's possible duplicates, masked (another facility's record shows neither
 * name nor document), and for the maternal-health staff the merge reviews to decide.
 */
export default function DuplicatesPage() {
  const text = useText(AUDIT_TEXT);
  const { language } = useLanguage();
  const user = useSessionUser();
  const reviewer = !!user && REVIEWERS.includes(user.role);
  const [page, setPage] = useState(1);
  const duplicates = usePossibleDuplicates(page);
  const reviews = useMergeReviews(reviewer);
  const [decision, setDecision] = useState<Decision | null>(null);
  const reasons = DUPLICATE_REASON_NAMES[language];
  const statuses = REVIEW_STATUS_NAMES[language];

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {text.duplicatesTitle}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {text.duplicatesIntro}
        </Typography.Paragraph>
      </div>
      {duplicates.error ? (
        <QueryFailure error={duplicates.error} />
      ) : (
        <Table<Duplicate>
          rowKey="id"
          size="middle"
          loading={duplicates.isLoading}
          dataSource={duplicates.data?.items ?? []}
          locale={tableEmpty(text.noDuplicates)}
          pagination={{
            current: page,
            pageSize: 20,
            total: duplicates.data?.total ?? 0,
            showSizeChanger: false,
            onChange: setPage,
          }}
          columns={[
            {
              title: text.woman,
              dataIndex: 'womanId',
              render: (id: number) => fill(text.womanNumber, { id }),
            },
            {
              title: text.matched,
              key: 'matched',
              render: (_, d) => (
                <SideCell
                  side={{
                    womanId: d.matchedWomanId,
                    name: d.matchedName,
                    documentNumber: d.matchedDocumentNumber,
                    atOtherFacility: d.matchedAtOtherFacility,
                  }}
                />
              ),
            },
            {
              title: text.duplicateReason,
              dataIndex: 'reason',
              render: (reason: string) => reasons[reason] ?? reason,
            },
            {
              title: text.detectedAt,
              dataIndex: 'detectedAt',
              render: (at: string) => formatDateTime(at),
            },
            ...(reviewer
              ? [
                  {
                    title: text.operations,
                    key: 'request',
                    render: (_: unknown, d: Duplicate) => (
                      <Button
                        size="small"
                        onClick={() => setDecision({ kind: 'request', duplicate: d })}
                      >
                        {text.requestReview}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
        {text.reviewsTitle}
      </Typography.Title>
      {!reviewer ? (
        <Alert type="info" showIcon title={text.reviewsByStaff} />
      ) : reviews.error ? (
        <QueryFailure error={reviews.error} />
      ) : (
        <Table<Review>
          rowKey="id"
          size="middle"
          loading={reviews.isLoading}
          dataSource={reviews.data?.items ?? []}
          locale={tableEmpty(text.noReviews)}
          pagination={false}
          data-testid="merge-reviews"
          columns={[
            { title: text.flagged, key: 'woman', render: (_, r) => <SideCell side={r.woman} /> },
            {
              title: text.matched,
              key: 'matched',
              render: (_, r) => <SideCell side={r.matched} />,
            },
            {
              title: text.duplicateReason,
              dataIndex: 'reason',
              render: (reason: string) => reasons[reason] ?? reason,
            },
            {
              title: text.status,
              key: 'status',
              render: (_, r) => (
                <Space orientation="vertical" size={0}>
                  <Tag style={r.status === 'requested' ? WAITING : undefined}>
                    {statuses[r.status] ?? r.status}
                  </Tag>
                  {r.decisionNote && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {r.decisionNote}
                    </Typography.Text>
                  )}
                </Space>
              ),
            },
            {
              title: text.requestedAt,
              dataIndex: 'requestedAt',
              render: (at: string) => formatDateTime(at),
            },
            {
              title: text.operations,
              key: 'decide',
              render: (_, r) =>
                r.status !== 'requested' ? null : r.reviewingFacilityId !== user?.facilityId ? (
                  <Typography.Text type="secondary">{text.notReviewer}</Typography.Text>
                ) : (
                  <Space>
                    <Button size="small" onClick={() => setDecision({ kind: 'merge', review: r })}>
                      {text.merge}
                    </Button>
                    <Button
                      size="small"
                      onClick={() => setDecision({ kind: 'dismiss', review: r })}
                    >
                      {text.dismiss}
                    </Button>
                  </Space>
                ),
            },
          ]}
        />
      )}
      <DecisionDialog decision={decision} onClose={() => setDecision(null)} />
    </Space>
  );
}
