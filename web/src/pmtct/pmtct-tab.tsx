import { useQuery } from '@tanstack/react-query';
import { Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { api, unwrap, type Schemas } from '../core/api';
import { fill, useText } from '../core/language';
import { QueryFailure } from '../core/query-failure';
import { tableEmpty } from '../core/table-empty';
import {
  DISEASES,
  DISEASE_STATUSES,
  DOSE_TIMELINESS,
  INFANT_DOSES,
  INFANT_FOLLOW_UPS,
  PMTCT_TEXT,
  RESULTS,
  TEST_KINDS,
  TEST_SETTINGS,
  TREATMENTS,
} from './pmtct.text';

const STATUS_COLOURS: Record<Schemas['DiseaseStatusDto']['status'], string> = {
  untested: 'orange',
  pending: 'blue',
  negative: 'green',
  awaiting_confirmation: 'orange',
  confirmed_positive: 'red',
  indeterminate: 'default',
};
/** A baby's dose: on time, late, not given or still due, with text dark enough on its tag. */
const TIMELY_COLOURS: Record<Schemas['TimelinessDto']['state'], { tag: string; text: string }> = {
  on_time: { tag: 'green', text: '#135200' },
  late: { tag: 'orange', text: '#873800' },
  not_given: { tag: 'red', text: '#820014' },
  due: { tag: 'blue', text: '#002c8c' },
};

/**
 * 母婴阻断: her HIV, syphilis and hepatitis B status, tests and treatments, and her exposed
 * babies' doses and follow-ups. Shown only to the roles that may read results; the service audits
 * every read.
 */
export function PmtctTab({ pregnancyId }: { pregnancyId: number }) {
  const text = useText(PMTCT_TEXT);
  const diseases = useText(DISEASES);
  const statuses = useText(DISEASE_STATUSES);
  const results = useText(RESULTS);
  const settings = useText(TEST_SETTINGS);
  const kinds = useText(TEST_KINDS);
  const treatments = useText(TREATMENTS);
  const doses = useText(INFANT_DOSES);
  const timeliness = useText(DOSE_TIMELINESS);
  const followUps = useText(INFANT_FOLLOW_UPS);
  const status = useQuery({
    queryKey: ['pregnancies', pregnancyId, 'pmtct'],
    queryFn: () =>
      unwrap(api.GET('/pregnancies/{id}/pmtct', { params: { path: { id: pregnancyId } } })),
  });
  if (status.error) return <QueryFailure error={status.error} />;
  const data = status.data;
  const followUpLabel = (f: Schemas['InfantFollowUpStateDto']) =>
    (followUps as Record<string, string>)[f.code] ?? f.label;
  const doseLabel = (what: string) => (doses as Record<string, string>)[what] ?? what;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{text.auditedNotice}</Typography.Text>
      <Typography.Title level={3} style={{ fontSize: 15, margin: 0 }}>
        {text.statusTitle}
      </Typography.Title>
      <Table<Schemas['DiseaseStatusDto']>
        rowKey="disease"
        loading={status.isLoading}
        dataSource={data?.diseases ?? []}
        pagination={false}
        size="small"
        columns={[
          { title: text.disease, render: (_, d) => diseases[d.disease] },
          {
            title: text.status,
            render: (_, d) => (
              <Tag color={STATUS_COLOURS[d.status]} style={{ color: '#262626' }}>
                {statuses[d.status]}
              </Tag>
            ),
          },
          { title: text.testedEarly, render: (_, d) => (d.testedEarly ? text.yes : text.no) },
          {
            title: text.treatment,
            render: (_, d) =>
              d.treated === null || d.treated === undefined
                ? text.notApplicable
                : d.treated
                  ? text.treated
                  : text.untreated,
          },
        ]}
      />
      <Typography.Title level={3} style={{ fontSize: 15, margin: 0 }}>
        {text.testsTitle}
      </Typography.Title>
      <Table<Schemas['TestDto']>
        rowKey="id"
        loading={status.isLoading}
        dataSource={data?.tests ?? []}
        pagination={false}
        size="small"
        locale={tableEmpty(text.noTests)}
        columns={[
          { title: text.sampleDate, dataIndex: 'sampleDate' },
          { title: text.disease, render: (_, t) => diseases[t.disease] },
          {
            title: text.test,
            render: (_, t) =>
              `${settings[t.setting]}${kinds[t.kind]}${t.subject === 'partner' ? text.partner : ''}`,
          },
          {
            title: text.result,
            render: (_, t) => (t.result ? results[t.result] : text.resultPending),
          },
          {
            title: text.resultDate,
            dataIndex: 'resultDate',
            render: (d?: string | null) => d ?? '',
          },
        ]}
      />
      <Typography.Title level={3} style={{ fontSize: 15, margin: 0 }}>
        {text.treatmentsTitle}
      </Typography.Title>
      <Table<Schemas['TreatmentDto']>
        rowKey="id"
        loading={status.isLoading}
        dataSource={data?.treatments ?? []}
        pagination={false}
        size="small"
        locale={tableEmpty(text.noTreatments)}
        columns={[
          { title: text.disease, render: (_, t) => diseases[t.disease] },
          { title: text.treatment, render: (_, t) => treatments[t.kind] },
          { title: text.startedOn, dataIndex: 'startedOn' },
          { title: text.regimen, dataIndex: 'regimen' },
          { title: text.doses, render: (_, t) => t.doses.length },
          {
            title: text.course,
            render: (_, t) =>
              t.complete === null || t.complete === undefined
                ? '—'
                : t.complete
                  ? text.courseComplete
                  : text.courseIncomplete,
          },
        ]}
      />
      <Typography.Title level={3} style={{ fontSize: 15, margin: 0 }}>
        {text.infantsTitle}
      </Typography.Title>
      <Table<Schemas['InfantDto']>
        rowKey="id"
        loading={status.isLoading}
        dataSource={data?.infants ?? []}
        pagination={false}
        size="small"
        locale={tableEmpty(text.noInfants)}
        columns={[
          {
            title: text.birthOrderTitle,
            render: (_, i) => fill(text.birthOrder, { n: i.birthOrder }),
          },
          {
            title: text.exposure,
            render: (_, i) =>
              i.exposures
                .map(
                  (e) =>
                    `${diseases[e.disease]}${e.excludedOn ? fill(text.excludedOn, { date: e.excludedOn }) : ''}`,
                )
                .join(text.listSeparator) || '—',
          },
          {
            title: text.dosesAndVaccines,
            render: (_, i) => (
              <Space wrap size={4}>
                {Object.entries(i.timeliness).map(([what, due]) => (
                  <Tag
                    key={what}
                    color={TIMELY_COLOURS[due.state].tag}
                    style={{ color: TIMELY_COLOURS[due.state].text }}
                  >
                    {doseLabel(what)}：{timeliness[due.state]}
                  </Tag>
                ))}
              </Space>
            ),
          },
          {
            title: text.followUp,
            render: (_, i) =>
              i.followUps
                .map(
                  (f) =>
                    `${followUpLabel(f)}${
                      f.doneOn
                        ? text.followUpDone
                        : f.dueOn
                          ? fill(text.followUpDueOn, { date: f.dueOn })
                          : ''
                    }`,
                )
                .join(text.followUpSeparator) || '—',
          },
          {
            title: text.actions,
            render: (_, i) =>
              i.newbornId ? <Link to={`/newborns/${i.newbornId}`}>{text.newbornPage}</Link> : '',
          },
        ]}
      />
    </Space>
  );
}
