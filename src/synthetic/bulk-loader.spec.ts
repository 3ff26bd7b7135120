import { TsvBatch } from './bulk-loader';

describe('TsvBatch', () => {
  it("writes LOAD DATA's default format: tabs, newlines, \\N for NULL, UTF-8 text", () => {
    const batch = new TsvBatch(8);
    batch.addRow([1, '王丽', null, '2026-03-15 15:50:00.000']);
    batch.addRow([2, '["engorgement"]', 0.4, 'a\tb\\c']);
    expect(batch.rows).toBe(2);
    expect(batch.bytes.subarray(0, batch.length).toString('utf8')).toBe(
      '1\t王丽\t\\N\t2026-03-15 15:50:00.000\n2\t["engorgement"]\t0.4\ta\\tb\\\\c\n',
    );
  });

  it('grows past its first capacity', () => {
    const batch = new TsvBatch(4);
    for (let i = 0; i < 1000; i++) batch.addRow([i, '孕妇学校第一教室']);
    expect(batch.bytes.subarray(0, batch.length).toString('utf8').split('\n')).toHaveLength(1001);
  });
});
