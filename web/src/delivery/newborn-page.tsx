import { Button, Card, Descriptions, List, Space, Tag, Typography } from 'antd';
import { useParams } from 'react-router';
import { formatDateTime, formatTimeOfDay } from '../core/hospital-time';
import { QueryFailure } from '../core/query-failure';
import { useNow } from '../core/use-now';
import { useRecordStep } from './record-step';
import { useAddFeedingEvent, useEndFeedingEvent, useNewborn } from './delivery-queries';
import { FLAG_LABELS, reasonInChinese } from './feeding-flags.text';
import { StayEvents } from './stay-events';
import { BirthDoses } from './birth-doses';

/** Minutes and seconds from an instant to now. */
function elapsedSince(since: string, now: number): string {
  const seconds = Math.max(0, Math.floor((now - new Date(since).getTime()) / 1000));
  return `${Math.floor(seconds / 60)} 分 ${String(seconds % 60).padStart(2, '0')} 秒`;
}

/**
 * 新生儿: made for the delivery room. Skin-to-skin starts and stops with one button each (a
 * timer runs meanwhile), the first breastfeed is one click, and the Baby-Friendly flags update
 * from the service as she records, each failed one with its reason.
 */
export default function NewbornPage() {
  const id = Number(useParams().id);
  const act = useRecordStep();
  const newborn = useNewborn(id);
  const add = useAddFeedingEvent(id);
  const end = useEndFeedingEvent(id);
  const events = (newborn.data?.feedingEvents ?? []).filter((e) => !e.voidedAt);
  const running = events.find((e) => e.kind === 'skin_to_skin' && !e.endAt) ?? null;
  const now = useNow(1000, running !== null);
  const firstFeed = events.find((e) => e.kind === 'first_breastfeed');

  if (newborn.error) return <QueryFailure error={newborn.error} />;
  const baby = newborn.data;
  if (!baby) return null;
  const bornAt = formatDateTime(baby.bornAt);
  const flags = baby.feedingFlags;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%', maxWidth: 960 }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        第 {baby.birthOrder} 胎新生儿（
        {baby.sex === 'female' ? '女' : baby.sex === 'male' ? '男' : '性别不明'}，
        {baby.birthWeightG} g）
      </Typography.Title>
      <Descriptions size="small" bordered column={2}>
        <Descriptions.Item label="出生时间">{bornAt}</Descriptions.Item>
        <Descriptions.Item label="Apgar 1/5 分钟">
          {baby.apgar1 ?? '-'}/{baby.apgar5 ?? '-'}
        </Descriptions.Item>
      </Descriptions>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>产房记录</h2>}>
        <Space wrap size="large">
          {running ? (
            <Space>
              <Button
                type="primary"
                danger
                size="large"
                loading={end.isPending}
                onClick={() =>
                  void act(
                    () => end.mutateAsync({ id: running.id, version: running.version }),
                    '皮肤接触已结束',
                  )
                }
              >
                结束皮肤接触
              </Button>
              <span role="timer" aria-live="off">
                皮肤接触进行中：{running ? elapsedSince(running.startAt, now) : ''}
              </span>
            </Space>
          ) : (
            <Button
              type="primary"
              size="large"
              loading={add.isPending}
              onClick={() =>
                void act(
                  () =>
                    add.mutateAsync({ kind: 'skin_to_skin', startAt: new Date().toISOString() }),
                  '皮肤接触已开始',
                )
              }
            >
              开始皮肤接触
            </Button>
          )}
          <Button
            size="large"
            disabled={firstFeed !== undefined}
            onClick={() =>
              void act(
                () =>
                  add.mutateAsync({ kind: 'first_breastfeed', startAt: new Date().toISOString() }),
                '已记录首次母乳喂养',
              )
            }
          >
            {firstFeed ? '已记录首次母乳喂养' : '记录首次母乳喂养'}
          </Button>
        </Space>
        <div style={{ marginTop: 16 }}>
          <StayEvents newbornId={id} events={events} />
        </div>
        <List
          size="small"
          style={{ marginTop: 16 }}
          header="已记录"
          dataSource={events}
          renderItem={(e) => (
            <List.Item>
              {
                {
                  skin_to_skin: '皮肤接触',
                  first_breastfeed: '首次母乳喂养',
                  separation: '母婴分离',
                  supplement: '添加',
                  discharge: '出院',
                }[e.kind]
              }
              {e.detail
                ? `（${e.detail}${e.medicalReason ? `，医学指征：${e.medicalReason}` : ''}）`
                : ''}
              ：{formatTimeOfDay(e.startAt)}
              {e.endAt ? ` – ${formatTimeOfDay(e.endAt)}` : ''}
            </List.Item>
          )}
        />
      </Card>
      {baby.vitalStatus === 'live_birth' && <BirthDoses baby={baby} />}
      {flags && (
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>爱婴医院指标（实时）</h2>}>
          <List
            size="small"
            dataSource={Object.entries(FLAG_LABELS) as Array<[keyof typeof FLAG_LABELS, string]>}
            renderItem={([key, label]) => {
              const flag = flags[key];
              return (
                <List.Item data-flag={key}>
                  <Space>
                    <Tag
                      color={flag.met ? 'green' : 'red'}
                      style={{ color: flag.met ? '#135200' : '#820014' }}
                    >
                      {flag.met ? '达标' : '未达标'}
                    </Tag>
                    <span>{label}</span>
                    {!flag.met && flag.reason && (
                      <Typography.Text type="secondary">
                        {reasonInChinese(flag.reason)}
                      </Typography.Text>
                    )}
                  </Space>
                </List.Item>
              );
            }}
          />
        </Card>
      )}
    </Space>
  );
}
