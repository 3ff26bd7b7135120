import { Typography } from 'antd';

/**
 * A table's `locale` saying, in words dark enough to read (WCAG AA; Ant Design's own grey is
 * not), that it has no rows yet.
 */
export function tableEmpty(words: string) {
  return { emptyText: <Typography.Text type="secondary">{words}</Typography.Text> };
}
