import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { formatGestationalAge } from '../../../src/women/rules/gestational-age';
import { ageInYears } from '../../../src/women/rules/registration-checks';
import { api, unwrap, type Schemas } from '../core/api';
import { QueryFailure } from '../core/query-failure';
import { fill, useText } from '../core/language';
import { ANTENATAL_TEXT } from '../antenatal/antenatal.text';
import { URINE_ZH, VisitForm } from '../antenatal/visit-form';
import { VisitCorrection } from '../antenatal/visit-correction';
import { DeliveryTab } from '../delivery/delivery-form';
import { DELIVERY_TEXT } from '../delivery/delivery.text';
import { ScheduleTab } from '../antenatal/schedule-tab';
import { GradingsTab } from '../risk/gradings-tab';
import { CaseTab } from '../risk/case-tab';
import { OpenCaseMarker } from '../risk/open-case-marker';
import { RISK_TEXT } from '../risk/risk.text';
import { PmtctTab } from '../pmtct/pmtct-tab';
import { useSessionUser } from '../core/use-session';
import { SENSITIVE_RESULT_READERS } from '../../../src/core/privacy/sensitive-results';
import { CARE_RECORDERS } from '../../../src/core/auth/actor';
import { ClassesTab } from '../classes/classes-tab';
import { CLASSES_TEXT } from '../classes/classes.text';
import { FolicAcidTab } from '../folic-acid/folic-acid-tab';
import { FOLIC_ACID_TEXT } from '../folic-acid/folic-acid.text';
import { PostpartumTab } from '../breastfeeding/postpartum-tab';
import { POSTPARTUM_TEXT } from '../breastfeeding/breastfeeding.text';

const SENSITIVE_READERS: readonly string[] = SENSITIVE_RESULT_READERS;
/** The roles that record and correct visits (the service's @Roles on them). */
const VISIT_WRITERS: readonly string[] = ['nurse', 'mch_staff'];
const RECORDERS: readonly string[] = CARE_RECORDERS;
import { ColourBadge } from '../risk/colour-badge';
import { WOMEN_TEXT } from './women.text';

/** 孕产妇档案: a header that stays in view, and her records in tabs. */
export default function PregnancyPage() {
  const id = Number(useParams().id);
  const text = useText(WOMEN_TEXT);
  const antenatal = useText(ANTENATAL_TEXT);
  const deliveryText = useText(DELIVERY_TEXT);
  const risk = useText(RISK_TEXT);
  const client = useQueryClient();
  const user = useSessionUser();
  const care = {
    classes: useText(CLASSES_TEXT).tab,
    folicAcid: useText(FOLIC_ACID_TEXT).tab,
    postpartum: useText(POSTPARTUM_TEXT).tab,
  };
  const pregnancy = useQuery({
    queryKey: ['pregnancies', id],
    queryFn: () => unwrap(api.GET('/pregnancies/{id}', { params: { path: { id } } })),
  });
  const [correcting, setCorrecting] = useState<Schemas['VisitDto'] | null>(null);
  const [tab, setTab] = useState('visits');
  const canWrite = user !== null && VISIT_WRITERS.includes(user.role);
  const visits = useQuery({
    queryKey: ['pregnancies', id, 'visits'],
    queryFn: () => unwrap(api.GET('/pregnancies/{id}/visits', { params: { path: { id } } })),
  });

  if (pregnancy.error) return <QueryFailure error={pregnancy.error} fallback={text.notFound} />;
  const p = pregnancy.data;
  if (!p) return null;
  const today = p.gestationalAge?.asOf ?? new Date().toISOString().slice(0, 10);
  const ga = p.gestationalAge
    ? fill(text.gestationalAge, { ga: formatGestationalAge(p.gestationalAge.days) })
    : '';
  const refresh = () => {
    void client.invalidateQueries({ queryKey: ['pregnancies', id] });
  };
  /**
   * Her new visit shows in the table at once; the refresh, a frame later so that it does not hold
   * up that paint, then brings the ordinals and colour.
   */
  const visitSaved = (visit: Schemas['VisitDto']) => {
    client.setQueryData<Schemas['VisitDto'][]>(['pregnancies', id, 'visits'], (old) =>
      [...(old ?? []), visit].sort((a, b) => a.visitDate.localeCompare(b.visitDate) || a.id - b.id),
    );
    requestAnimationFrame(() => setTimeout(refresh));
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        size="small"
        style={{ position: 'sticky', top: 0, zIndex: 10 }}
        styles={{ body: { padding: '12px 16px' } }}
      >
        <Space wrap size="large" align="center">
          <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
            {p.woman.name}
          </Typography.Title>
          <span>
            {ageInYears(p.woman.birthDate, today)}
            {text.years}
          </span>
          {ga && <strong data-testid="ga">{ga}</strong>}
          <span>
            {text.edd} {p.edd}
          </span>
          <span>
            G{p.gravidity}P{p.parity}
          </span>
          <span data-testid="colour">
            <ColourBadge colour={p.riskColour} purple={p.riskPurple} />
          </span>
          <OpenCaseMarker pregnancyId={id} onOpen={() => setTab('case')} />
          <Tag>{text[p.status]}</Tag>
        </Space>
      </Card>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'visits',
            label: antenatal.visits,
            children: (
              <Space orientation="vertical" size="large" style={{ width: '100%' }}>
                {p.status === 'open' && (
                  <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{antenatal.newVisit}</h2>}>
                    <VisitForm pregnancyId={id} today={today} onSaved={visitSaved} />
                  </Card>
                )}
                <Table<Schemas['VisitDto']>
                  rowKey="id"
                  loading={visits.isLoading}
                  dataSource={(visits.data ?? []).filter((v) => !v.voidedAt)}
                  pagination={false}
                  size="small"
                  columns={[
                    { title: antenatal.visitDate, dataIndex: 'visitDate' },
                    {
                      title: antenatal.gestationalAge,
                      render: (_, v) => `${v.gestationalAge.display}`,
                    },
                    { title: antenatal.weightKg, dataIndex: 'weightKg' },
                    {
                      title: '血压 (mmHg)',
                      render: (_, v) =>
                        v.systolicMmHg ? `${v.systolicMmHg}/${v.diastolicMmHg ?? '-'}` : '',
                    },
                    {
                      title: antenatal.urineProtein,
                      render: (_, v) => (v.urineProtein ? URINE_ZH[v.urineProtein] : ''),
                    },
                    { title: antenatal.fetalHeartRate, dataIndex: 'fetalHeartRate' },
                    ...(canWrite
                      ? [
                          {
                            title: antenatal.actions,
                            render: (_: unknown, v: Schemas['VisitDto']) => (
                              <Button
                                size="small"
                                aria-label={`${antenatal.correct} ${v.visitDate}`}
                                onClick={() => setCorrecting(v)}
                              >
                                {antenatal.correct}
                              </Button>
                            ),
                          },
                        ]
                      : []),
                  ]}
                />
                {correcting && (
                  <VisitCorrection
                    visit={correcting}
                    today={today}
                    onClose={() => setCorrecting(null)}
                  />
                )}
              </Space>
            ),
          },
          {
            key: 'schedule',
            label: antenatal.scheduleTab,
            children: <ScheduleTab pregnancyId={id} />,
          },
          {
            key: 'gradings',
            label: risk.gradingsTab,
            children: <GradingsTab pregnancyId={id} status={p.status} />,
          },
          {
            key: 'case',
            label: risk.caseTab,
            children: <CaseTab pregnancyId={id} />,
          },
          ...(user && SENSITIVE_READERS.includes(user.role)
            ? [
                {
                  key: 'pmtct',
                  label: text.pmtctTab,
                  children: <PmtctTab pregnancyId={id} />,
                },
              ]
            : []),
          {
            key: 'delivery',
            label: deliveryText.tab,
            children: <DeliveryTab pregnancyId={id} fetusCount={p.fetusCount} />,
          },
          ...[
            { key: 'postpartum', label: care.postpartum, Tab: PostpartumTab },
            { key: 'classes', label: care.classes, Tab: ClassesTab },
            { key: 'folic-acid', label: care.folicAcid, Tab: FolicAcidTab },
          ].map(({ key, label, Tab }) => ({
            key,
            label,
            children: <Tab pregnancy={p} canRecord={!!user && RECORDERS.includes(user.role)} />,
          })),
          {
            key: 'record',
            label: text.detailsTab,
            children: (
              <Descriptions bordered size="small" column={2}>
                <Descriptions.Item label={text.document}>
                  {p.woman.documentNumber}
                </Descriptions.Item>
                <Descriptions.Item label={text.phone}>{p.woman.phone}</Descriptions.Item>
                <Descriptions.Item label={text.registeredOn}>
                  {p.registrationDate}
                </Descriptions.Item>
                <Descriptions.Item label={text.edd}>{p.edd}</Descriptions.Item>
                <Descriptions.Item label={text.handbookNumber}>
                  {p.handbookNumber ?? '—'}
                </Descriptions.Item>
              </Descriptions>
            ),
          },
        ]}
      />
    </Space>
  );
}
