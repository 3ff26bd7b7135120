import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Input, List, Space, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { HANDBOOK_NUMBER, normaliseHandbookNumber } from '../../../src/women/rules/handbook-number';
import { api, unwrap } from '../core/api';
import { useText } from '../core/language';
import { ColourBadge } from '../risk/colour-badge';
import { WOMEN_TEXT } from './women.text';

/**
 * What one search box holds: a resident ID, a mobile number, a handbook number (digits and
 * letters with at least one digit), or the beginning of a name.
 */
export function searchQuery(input: string): {
  documentNumber?: string;
  phone?: string;
  handbookNumber?: string;
  name?: string;
} {
  const value = input.trim();
  if (/^\d{17}[\dXx]$/.test(value)) return { documentNumber: value.toUpperCase() };
  if (/^1\d{10}$/.test(value)) return { phone: value };
  const handbook = normaliseHandbookNumber(value);
  if (/\d/.test(handbook) && HANDBOOK_NUMBER.test(handbook)) return { handbookNumber: handbook };
  return { name: value };
}

/** 查找: one box, masked result cards; nothing found offers registration. */
export default function SearchPage() {
  const text = useText(WOMEN_TEXT);
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const results = useQuery({
    queryKey: ['pregnancies', 'search', q],
    enabled: q.trim().length > 0,
    queryFn: () =>
      unwrap(api.GET('/pregnancies', { params: { query: { ...searchQuery(q), pageSize: 20 } } })),
  });

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%', maxWidth: 880 }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {text.searchTitle}
      </Typography.Title>
      <Input.Search
        aria-label={text.searchLabel}
        placeholder={text.searchPlaceholder}
        enterButton={text.searchButton}
        size="large"
        defaultValue={q}
        allowClear
        onSearch={(value) => setParams(value.trim() ? { q: value.trim() } : {})}
        loading={results.isFetching}
      />
      {results.data && results.data.items.length === 0 && (
        <Empty description={text.noResults}>
          <Link to="/registrations/new">{text.registerHer}</Link>
        </Empty>
      )}
      {results.data && results.data.items.length > 0 && (
        <List
          grid={{ gutter: 16, xs: 1, md: 2 }}
          dataSource={results.data.items}
          renderItem={(item) => (
            <List.Item>
              <Link
                to={`/pregnancies/${item.id}`}
                aria-label={`${item.name} ${item.documentNumber}`}
              >
                <Card
                  hoverable
                  size="small"
                  title={
                    <span>
                      {item.name}（{item.age}
                      {text.years}）
                    </span>
                  }
                  extra={<ColourBadge colour={item.riskColour} purple={item.riskPurple} />}
                >
                  <Space orientation="vertical" size={2}>
                    <span>
                      {text.document}：{item.documentNumber}
                    </span>
                    <span>
                      {text.phone}：{item.phone}
                    </span>
                    {item.handbookNumber && (
                      <span>
                        {text.handbookNumber}：{item.handbookNumber}
                      </span>
                    )}
                    <span>
                      {item.gestationalAge ? `孕${item.gestationalAge.display}周 · ` : ''}
                      {text.edd} {item.edd}
                    </span>
                    <Space size={4}>
                      <Tag>{text[item.status]}</Tag>
                      {item.facilityName && <span>{item.facilityName}</span>}
                    </Space>
                  </Space>
                </Card>
              </Link>
            </List.Item>
          )}
        />
      )}
    </Space>
  );
}
