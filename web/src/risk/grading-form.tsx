import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Collapse,
  Form,
  Input,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { type ClinicianGradingKind, gradingKindsFor } from '../../../src/risk/rules/grading-kinds';
import { grade, isHighRisk, type GradedFactor } from '../../../src/risk/rules/risk-colour';
import { api, unwrap, type Schemas } from '../core/api';
import { hospitalToday } from '../core/hospital-time';
import { useLanguage, useText } from '../core/language';
import { fieldErrors } from '../core/messages';
import { QueryFailure } from '../core/query-failure';
import { ColourBadge, ColourTag } from './colour-badge';
import { useFacilityCatalogue } from './risk-queries';
import { GROUP_TEXT, KIND_TEXT, RISK_TEXT } from './risk.text';
import { useSave } from './use-save';

type Factor = Schemas['RiskFactorDto'];
type Assessment = Schemas['AssessmentDto'];
type Group = 'green' | 'yellow' | 'orange' | 'red' | 'purple';
/** The national form's order: yellow, orange, red, then the infectious diseases. */
const GROUPS: readonly Group[] = ['green', 'yellow', 'orange', 'red', 'purple'];

interface Values {
  kind: ClinicianGradingKind;
  assessedOn: string;
  notes?: Record<string, string | undefined>;
}

/** A factor's group: its colour, or PURPLE for an infectious disease that has none. */
const groupOf = (factor: Factor): Group => factor.colour ?? 'purple';

/** Whether a factor matches what she typed: its Chinese or English text, or its code. */
function matches(factor: Factor, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (q === '') return true;
  return (
    factor.descriptionZh.includes(q) ||
    factor.descriptionEn.toLowerCase().includes(q) ||
    factor.code.toLowerCase().includes(q)
  );
}

/**
 * 新增风险评估: the catalogue her facility grades with, by colour and searchable; she ticks the
 * factors she found, sees the colour they give with the derived ones before saving, and saves. A
 * refused save keeps everything she picked and typed.
 */
export function GradingForm({
  pregnancyId,
  status,
  latest,
}: {
  pregnancyId: number;
  status: string;
  latest: Assessment | undefined;
}) {
  const text = useText(RISK_TEXT);
  const kinds = useText(KIND_TEXT);
  const groups = useText(GROUP_TEXT);
  const { language } = useLanguage();
  const { message } = App.useApp();
  const client = useQueryClient();
  const catalogue = useFacilityCatalogue();
  const [form] = Form.useForm<Values>();
  const [picked, setPicked] = useState<string[]>([]);
  const [search, setSearch] = useState('');
  const [expanded, setExpanded] = useState<string[]>([]);
  const { busy, error, run } = useSave(form);
  const kind = Form.useWatch('kind', form);

  const allowed = gradingKindsFor(status);
  const initialKind: ClinicianGradingKind | undefined =
    latest && allowed.includes('visit') ? 'visit' : allowed[0];
  const factors = useMemo(() => catalogue.data?.factors ?? [], [catalogue.data]);
  const byCode = useMemo(() => new Map(factors.map((f) => [f.code, f])), [factors]);
  const found = factors.filter((factor) => matches(factor, search));
  const derivedLast = (latest?.factors ?? []).filter((factor) => factor.origin === 'derived');
  const preview = grade([
    ...picked.flatMap((code) => {
      const factor = byCode.get(code);
      return factor ? [factor as GradedFactor] : [];
    }),
    ...derivedLast.map((factor) => factor as GradedFactor),
  ]);
  const describe = (factor: Factor) =>
    language === 'zh' ? factor.descriptionZh : factor.descriptionEn;

  if (catalogue.error) {
    return <QueryFailure error={catalogue.error} fallback={text.catalogueFailed} />;
  }
  if (!initialKind) return null;

  const toggle = (code: string, on: boolean) =>
    setPicked((current) =>
      on ? [...current.filter((c) => c !== code), code] : current.filter((c) => c !== code),
    );

  const save = (values: Values) =>
    run(
      async () => {
        if (!catalogue.data) return;
        const saved = await unwrap(
          api.POST('/pregnancies/{id}/risk-assessments', {
            params: { path: { id: pregnancyId } },
            body: {
              kind: values.kind,
              assessedOn: values.assessedOn,
              factorCodes: picked,
              factorNotes: picked
                .filter((code) => byCode.get(code)?.requiresNote)
                .map((code) => ({ code, note: values.notes?.[code]?.trim() ?? '' })),
              catalogueVersion: catalogue.data.version,
            },
          }),
        );
        const opens = isHighRisk({ colour: saved.colour, purple: saved.purple });
        message.success(
          opens && values.kind !== 'day42_check' ? text.opensCase : text.gradingSaved,
        );
        setPicked([]);
        setSearch('');
        form.resetFields();
        await client.invalidateQueries({ queryKey: ['pregnancies', pregnancyId] });
      },
      // The date and kind on theirs; a missing note on the note of its factor.
      (details) => [
        ...fieldErrors(details.filter((d) => d.field === 'kind' || d.field === 'assessedOn')),
        ...details.flatMap((detail) => {
          const index = /^factorCodes\[(\d+)\]$/.exec(detail.field)?.[1];
          const code = index === undefined ? undefined : picked[Number(index)];
          return detail.rule === 'noteRequired' && code
            ? [{ name: ['notes', code] as never, errors: [text.noteRequired] }]
            : [];
        }),
      ],
    );

  const openGroups = search.trim() ? [...new Set([...expanded, ...found.map(groupOf)])] : expanded;
  const today = hospitalToday();

  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{text.newGrading}</h2>}>
      <Form<Values>
        form={form}
        name="risk-grading"
        layout="vertical"
        aria-label={text.newGrading}
        initialValues={{ kind: initialKind, assessedOn: today }}
        onFinish={(values) => void save(values)}
      >
        {error && (
          <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />
        )}
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item
              name="kind"
              label={text.kind}
              rules={[{ required: true, message: text.required }]}
            >
              <Select options={allowed.map((value) => ({ value, label: kinds[value] }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="assessedOn"
              label={text.assessedOn}
              rules={[{ required: true, message: text.required }]}
            >
              <Input type="date" max={today} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={text.search} htmlFor="risk-factor-search">
              <Input
                id="risk-factor-search"
                type="search"
                allowClear
                value={search}
                placeholder={text.searchPlaceholder}
                onChange={(event) => setSearch(event.target.value)}
                // Enter in the search box searches; it never saves the grading.
                onPressEnter={(event) => event.preventDefault()}
              />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={3} style={{ fontSize: 14, marginTop: 0 }}>
          {text.catalogue}
          {catalogue.data && (
            <Typography.Text type="secondary" style={{ fontWeight: 'normal', marginLeft: 8 }}>
              {catalogue.data.name}（{catalogue.data.version}）
            </Typography.Text>
          )}
        </Typography.Title>
        {search.trim() && found.length === 0 && (
          <Typography.Paragraph type="secondary">{text.noMatch}</Typography.Paragraph>
        )}
        <Collapse
          size="small"
          activeKey={openGroups}
          onChange={(keys) => setExpanded(keys)}
          items={GROUPS.flatMap((group) => {
            const all = factors.filter((factor) => groupOf(factor) === group);
            const shown = found.filter((factor) => groupOf(factor) === group);
            if (all.length === 0 || (search.trim() && shown.length === 0)) return [];
            const pickedHere = picked.filter((code) => groupOf(byCode.get(code)!) === group);
            return [
              {
                key: group,
                label: (
                  <Space size={8}>
                    <ColourTag colour={group} />
                    <span>{groups[group]}</span>
                    <Typography.Text type="secondary">
                      {shown.length} {text.items}
                    </Typography.Text>
                    {pickedHere.length > 0 && (
                      <strong>
                        {text.picked} {pickedHere.length}
                      </strong>
                    )}
                  </Space>
                ),
                children: (
                  <Row gutter={[12, 4]}>
                    {shown.map((factor) => (
                      <Col xs={24} lg={12} key={factor.code}>
                        <Checkbox
                          checked={picked.includes(factor.code)}
                          disabled={factor.origin === 'derived'}
                          onChange={(event) => toggle(factor.code, event.target.checked)}
                        >
                          <Space size={4} wrap>
                            <span>{describe(factor)}</span>
                            {factor.purple && factor.colour && <ColourTag colour="purple" />}
                            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                              {factor.code}
                            </Typography.Text>
                            {factor.origin === 'derived' && (
                              <Tag title={text.derivedCannotTick}>{text.automatic}</Tag>
                            )}
                          </Space>
                        </Checkbox>
                      </Col>
                    ))}
                  </Row>
                ),
              },
            ];
          })}
        />
        <div style={{ marginTop: 16 }}>
          <Typography.Title level={3} style={{ fontSize: 14 }}>
            {text.pickedFactors}
          </Typography.Title>
          {picked.length === 0 ? (
            <Typography.Text type="secondary">{text.nothingPicked}</Typography.Text>
          ) : (
            <Space wrap size={[4, 8]} data-testid="picked-factors">
              {picked.map((code) => {
                const factor = byCode.get(code)!;
                return (
                  <Tag key={code} closable onClose={() => toggle(code, false)}>
                    <Space size={4}>
                      <ColourTag colour={groupOf(factor)} />
                      {describe(factor)}
                    </Space>
                  </Tag>
                );
              })}
            </Space>
          )}
          {picked
            .filter((code) => byCode.get(code)?.requiresNote)
            .map((code) => (
              <Form.Item
                key={code}
                name={['notes', code]}
                label={`${text.noteFor}：${describe(byCode.get(code)!)}`}
                rules={[{ required: true, whitespace: true, message: text.noteRequired }]}
                style={{ marginTop: 12 }}
              >
                <Input maxLength={500} />
              </Form.Item>
            ))}
        </div>
        <div style={{ marginTop: 16 }}>
          <Typography.Title level={3} style={{ fontSize: 14 }}>
            {text.derivedNow}
          </Typography.Title>
          {derivedLast.length === 0 ? (
            <Typography.Text type="secondary">{text.derivedNone}</Typography.Text>
          ) : (
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {derivedLast.map((factor) => (
                <li key={factor.code}>
                  <Space size={4} wrap>
                    <ColourBadge colour={factor.colour} purple={factor.purple} />
                    <span>{factor.descriptionZh ?? factor.code}</span>
                    {factor.evidence && (
                      <Typography.Text type="secondary">{factor.evidence}</Typography.Text>
                    )}
                  </Space>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div
          role="status"
          aria-live="polite"
          style={{
            marginTop: 16,
            padding: '8px 12px',
            background: '#fafafa',
            border: '1px solid #f0f0f0',
            borderRadius: 6,
          }}
        >
          <Space wrap>
            <strong>{text.preview}</strong>
            <span data-testid="grading-preview">
              <ColourBadge colour={preview.colour} purple={preview.purple} />
            </span>
            {isHighRisk(preview) && kind !== 'day42_check' && <span>{text.opensCase}</span>}
          </Space>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {text.previewHint}
            </Typography.Text>
          </div>
        </div>
        <Space style={{ marginTop: 16 }}>
          <Button type="primary" htmlType="submit" loading={busy} disabled={!catalogue.data}>
            {text.saveGrading}
          </Button>
          <Button onClick={() => setPicked([])} disabled={picked.length === 0}>
            {text.clearPicked}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
