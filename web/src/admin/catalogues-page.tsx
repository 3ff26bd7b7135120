import { Button, Card, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import type { Schemas } from '../core/api';
import { hospitalDateOf } from '../core/hospital-time';
import { useLanguage, useText } from '../core/language';
import { QueryFailure } from '../core/query-failure';
import { tableEmpty } from '../core/table-empty';
import { ColourTag } from '../risk/colour-badge';
import { useCatalogue, useCatalogues } from './audit-queries';
import { AUDIT_TEXT } from './audit.text';

type Catalogue = Schemas['CatalogueListItemDto'];
type Factor = Schemas['RiskFactorDto'];
type Colour = 'green' | 'yellow' | 'orange' | 'red' | 'purple';

/** The five colours in the order of the grading, mildest first. */
const COLOURS: readonly Colour[] = ['green', 'yellow', 'orange', 'red', 'purple'];

/** The items of one colour: PURPLE holds every item that sets it, whatever its colour. */
function itemsOf(factors: Factor[], colour: Colour): Factor[] {
  return colour === 'purple'
    ? factors.filter((factor) => factor.purple)
    : factors.filter((factor) => factor.colour === colour);
}

function Items({ version }: { version: string }) {
  const text = useText(AUDIT_TEXT);
  const { language } = useLanguage();
  const catalogue = useCatalogue(version);
  if (catalogue.error) return <QueryFailure error={catalogue.error} />;
  if (!catalogue.data) return <Card loading />;
  const factors = catalogue.data.factors;
  return (
    <Card
      title={
        <span>
          {catalogue.data.name}{' '}
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {catalogue.data.version}
          </Typography.Text>
        </span>
      }
    >
      <Tabs
        defaultActiveKey="red"
        items={COLOURS.map((colour) => {
          const items = itemsOf(factors, colour);
          return {
            key: colour,
            label: (
              <span data-colour-tab={colour}>
                <ColourTag colour={colour} /> {items.length}
              </span>
            ),
            children: (
              <section aria-label={colour} data-colour-group={colour}>
                <Table<Factor>
                  size="small"
                  rowKey="code"
                  pagination={false}
                  dataSource={items}
                  locale={tableEmpty(text.noFactors)}
                  columns={[
                    {
                      title: text.factorDescription,
                      key: 'description',
                      render: (_, factor) => (
                        <span>
                          {language === 'zh' ? factor.descriptionZh : factor.descriptionEn}
                          {factor.requiresNote && (
                            <Tag style={{ marginLeft: 8 }}>{text.requiresNote}</Tag>
                          )}
                          {colour !== 'purple' && factor.purple && (
                            <Tag style={{ marginLeft: 8 }}>{text.purpleAlso}</Tag>
                          )}
                        </span>
                      ),
                    },
                    {
                      title: text.origin,
                      dataIndex: 'origin',
                      width: 120,
                      render: (origin: Factor['origin']) =>
                        origin === 'derived' ? text.derived : text.ticked,
                    },
                    {
                      title: text.factorCode,
                      dataIndex: 'code',
                      width: 300,
                      render: (code: string) => (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {code}
                        </Typography.Text>
                      ),
                    },
                  ]}
                />
              </section>
            ),
          };
        })}
      />
    </Card>
  );
}

/**
 * 风险目录: the catalogue versions of the five-colour grading with the day each was added and the
 * one the facility grades with by default; a version's items grouped by colour, read-only.
 */
export default function CataloguesPage() {
  const text = useText(AUDIT_TEXT);
  const catalogues = useCatalogues();
  const [params, setParams] = useSearchParams();
  const chosen = params.get('version') ?? catalogues.data?.find((c) => c.facilityDefault)?.version;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {text.cataloguesTitle}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {text.cataloguesIntro}
        </Typography.Paragraph>
      </div>
      {catalogues.error ? (
        <QueryFailure error={catalogues.error} />
      ) : (
        <Table<Catalogue>
          rowKey="version"
          size="middle"
          loading={catalogues.isLoading}
          pagination={false}
          dataSource={catalogues.data ?? []}
          footer={() => <Typography.Text type="secondary">{text.readOnly}</Typography.Text>}
          columns={[
            {
              title: text.catalogueName,
              key: 'name',
              render: (_, c) => (
                <span>
                  {c.name}
                  {c.facilityDefault && (
                    <Tag color="blue" style={{ marginLeft: 8 }}>
                      {text.facilityDefault}
                    </Tag>
                  )}
                </span>
              ),
            },
            { title: text.version, dataIndex: 'version', width: 140 },
            {
              title: text.province,
              dataIndex: 'province',
              width: 110,
              render: (province: string | null) => province ?? text.national,
            },
            { title: text.factorCount, dataIndex: 'factorCount', width: 90 },
            {
              title: text.addedAt,
              dataIndex: 'addedAt',
              width: 120,
              render: (at: string) => hospitalDateOf(at),
            },
            {
              title: text.operations,
              key: 'open',
              width: 120,
              render: (_, c) =>
                c.version === chosen ? (
                  <Typography.Text strong>{text.opened}</Typography.Text>
                ) : (
                  <Button
                    size="small"
                    aria-label={`${text.open} ${c.version}`}
                    onClick={() => setParams({ version: c.version })}
                  >
                    {text.open}
                  </Button>
                ),
            },
          ]}
        />
      )}
      {chosen && <Items key={chosen} version={chosen} />}
    </Space>
  );
}
