import { Button, Card, Descriptions, List, Space, Tag, Typography } from 'antd';
import { useParams } from 'react-router';
import { formatDateTime, formatTimeOfDay } from '../core/hospital-time';
import { fill, useLanguage, useText } from '../core/language';
import { QueryFailure } from '../core/query-failure';
import { useNow } from '../core/use-now';
import { useRecordStep } from './record-step';
import { useAddFeedingEvent, useEndFeedingEvent, useNewborn } from './delivery-queries';
import { FLAG_KEYS, FLAG_TEXT, flagLabel, reasonIn, supplementIn } from './feeding-flags.text';
import { DELIVERY_TEXT, EVENT_KIND_TEXT, NEWBORN_TEXT, SEX_TEXT } from './delivery.text';
import { StayEvents } from './stay-events';
import { BirthDoses } from './birth-doses';

/** Minutes and seconds from an instant to now, in the words of `template` (`{m}`, `{s}`). */
function elapsedSince(since: string, now: number, template: string): string {
  const seconds = Math.max(0, Math.floor((now - new Date(since).getTime()) / 1000));
  return fill(template, { m: Math.floor(seconds / 60), s: String(seconds % 60).padStart(2, '0') });
}

/**
 * 新生儿: made for the delivery room. Skin-to-skin starts and stops with one button each (a
 * timer runs meanwhile), the first breastfeed is one click, and the Baby-Friendly flags update
 * from the service as she records, each failed one with its reason.
 */
export default function NewbornPage() {
  const id = Number(useParams().id);
  const { language } = useLanguage();
  const text = useText(NEWBORN_TEXT);
  const delivery = useText(DELIVERY_TEXT);
  const sexes = useText(SEX_TEXT);
  const kinds = useText(EVENT_KIND_TEXT);
  const flagWords = useText(FLAG_TEXT);
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
        {fill(text.title, {
          n: baby.birthOrder,
          sex: baby.sex === 'undetermined' ? text.sexUndetermined : sexes[baby.sex],
          weight: baby.birthWeightG,
        })}
      </Typography.Title>
      <Descriptions size="small" bordered column={2}>
        <Descriptions.Item label={text.bornAt}>{bornAt}</Descriptions.Item>
        <Descriptions.Item label={text.apgarMinutes}>
          {baby.apgar1 ?? '-'}/{baby.apgar5 ?? '-'}
        </Descriptions.Item>
      </Descriptions>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{delivery.deliveryRoom}</h2>}>
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
                    text.skinToSkinEnded,
                  )
                }
              >
                {text.endSkinToSkin}
              </Button>
              <span role="timer" aria-live="off">
                {fill(text.skinToSkinRunning, {
                  elapsed: elapsedSince(running.startAt, now, text.elapsed),
                })}
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
                  text.skinToSkinStarted,
                )
              }
            >
              {text.startSkinToSkin}
            </Button>
          )}
          <Button
            size="large"
            disabled={firstFeed !== undefined}
            onClick={() =>
              void act(
                () =>
                  add.mutateAsync({ kind: 'first_breastfeed', startAt: new Date().toISOString() }),
                text.firstFeedRecorded,
              )
            }
          >
            {firstFeed ? text.firstFeedRecorded : text.recordFirstFeed}
          </Button>
        </Space>
        <div style={{ marginTop: 16 }}>
          <StayEvents newbornId={id} events={events} />
        </div>
        <List
          size="small"
          style={{ marginTop: 16 }}
          header={text.recorded}
          dataSource={events}
          renderItem={(e) => {
            const detail =
              e.kind === 'supplement' && e.detail ? supplementIn(language, e.detail) : e.detail;
            return (
              <List.Item>
                {fill(text.eventLine, {
                  kind: kinds[e.kind],
                  detail: detail
                    ? fill(e.medicalReason ? text.detailMedical : text.detail, {
                        detail,
                        reason: e.medicalReason ?? '',
                      })
                    : '',
                  time: `${formatTimeOfDay(e.startAt)}${e.endAt ? ` – ${formatTimeOfDay(e.endAt)}` : ''}`,
                })}
              </List.Item>
            );
          }}
        />
      </Card>
      {baby.vitalStatus === 'live_birth' && <BirthDoses baby={baby} />}
      {flags && (
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{text.babyFriendly}</h2>}>
          <List
            size="small"
            dataSource={[...FLAG_KEYS]}
            renderItem={(key) => {
              const flag = flags[key];
              return (
                <List.Item data-flag={key}>
                  <Space>
                    <Tag
                      color={flag.met ? 'green' : 'red'}
                      style={{ color: flag.met ? '#135200' : '#820014' }}
                    >
                      {flag.met ? text.met : text.notMet}
                    </Tag>
                    <span>{flagLabel(flagWords, key)}</span>
                    {!flag.met && flag.reason && (
                      <Typography.Text type="secondary">
                        {reasonIn(language, flag.reason)}
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
