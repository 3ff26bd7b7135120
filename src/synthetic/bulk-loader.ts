import { Readable } from 'node:stream';
import type { Pool, PoolConnection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { type Cell, type RowSink, TABLE_COLUMNS, TABLE_NAMES, type TableName } from './tables';

/** A batch is sent when its text passes this size: large enough that per-statement costs vanish,
 *  small enough that the next batch is being built while this one loads (measured: 2–8 MB). */
const BATCH_BYTES = 4 * 1024 * 1024;
/** Batches generated but not yet loaded, in bytes, before generation waits for the database. */
const MAX_PENDING_BYTES = 64 * 1024 * 1024;

const NULL_FIELD = '\\N';

/**
 * One table's pending batch, written straight into bytes: rows are not kept as JS strings, so a
 * million pregnancies do not fill the heap and keep the garbage collector busy.
 */
export class TsvBatch {
  bytes: Buffer;
  length = 0;
  rows = 0;

  constructor(capacity: number) {
    this.bytes = Buffer.allocUnsafe(capacity);
  }

  addRow(row: readonly Cell[]): void {
    // One short-lived string per row, written once: cheaper than a native write per value.
    let line = '';
    for (let i = 0; i < row.length; i++) {
      const value = row[i];
      if (i > 0) line += '\t';
      line +=
        value === null ? NULL_FIELD : typeof value === 'number' ? String(value) : escapeText(value);
    }
    line += '\n';
    this.reserve(line.length * 3);
    this.length += this.bytes.write(line, this.length, 'utf8');
    this.rows++;
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.length + extra));
    this.bytes.copy(grown, 0, 0, this.length);
    this.bytes = grown;
  }
}

/** LOAD DATA's default format: tab-separated, backslash escapes. Generated text has no tab,
 *  newline or backslash; escape anyway if one slips in. */
function escapeText(value: string): string {
  return /[\t\n\\]/.test(value)
    ? value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n')
    : value;
}

interface TableBuffer {
  batch: TsvBatch;
  rows: number;
  loadedRows: number;
  loadMs: number;
  chain: Promise<void>; // batches of one table load in order, one at a time
}

export interface TableStats {
  table: TableName;
  rows: number;
  loadSeconds: number;
}

/**
 * Writes rows with `LOAD DATA LOCAL INFILE` from in-memory TSV, streamed through mysql2's
 * infileStreamFactory, on a small pool: different tables load in parallel, batches of one table
 * in order. Generation continues while batches load, and waits when too much is pending.
 */
export class BulkLoader implements RowSink {
  private readonly buffers = new Map<TableName, TableBuffer>();
  private pendingBytes = 0;
  private failure: Error | null = null;
  private readonly waiters: (() => void)[] = [];

  constructor(
    private readonly pool: Pool,
    private readonly sessionSettings: string | null = null,
  ) {
    for (const table of TABLE_NAMES) {
      this.buffers.set(table, {
        batch: new TsvBatch(BATCH_BYTES + 65536),
        rows: 0,
        loadedRows: 0,
        loadMs: 0,
        chain: Promise.resolve(),
      });
    }
  }

  add(table: TableName, row: Cell[]): void {
    const buffer = this.buffers.get(table)!;
    buffer.batch.addRow(row);
    buffer.rows++;
    if (buffer.batch.length >= BATCH_BYTES) this.send(table, buffer);
  }

  /** Waits while the database is behind; call between chunks of generation. */
  async drain(): Promise<void> {
    this.throwIfFailed();
    while (this.pendingBytes > MAX_PENDING_BYTES) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
      this.throwIfFailed();
    }
  }

  /** Sends what is left and waits until every batch has loaded. */
  async finish(): Promise<void> {
    for (const [table, buffer] of this.buffers) if (buffer.batch.rows > 0) this.send(table, buffer);
    await Promise.all([...this.buffers.values()].map((b) => b.chain));
    this.throwIfFailed();
  }

  stats(): TableStats[] {
    return TABLE_NAMES.map((table) => {
      const b = this.buffers.get(table)!;
      return { table, rows: b.rows, loadSeconds: b.loadMs / 1000 };
    });
  }

  loadedRows(table: TableName): number {
    return this.buffers.get(table)!.loadedRows;
  }

  private send(table: TableName, buffer: TableBuffer): void {
    const { batch } = buffer;
    const payload = batch.bytes.subarray(0, batch.length);
    const rows = batch.rows;
    buffer.batch = new TsvBatch(BATCH_BYTES + 65536);
    this.pendingBytes += payload.length;
    buffer.chain = buffer.chain.then(async () => {
      if (this.failure !== null) return;
      const started = Date.now();
      let connection: PoolConnection | null = null;
      try {
        connection = await this.pool.getConnection();
        if (this.sessionSettings !== null) await connection.query(this.sessionSettings);
        const [result] = await connection.query<ResultSetHeader>({
          sql: `LOAD DATA LOCAL INFILE 'synthetic.tsv' INTO TABLE \`${table}\` CHARACTER SET utf8mb4 (${TABLE_COLUMNS[table].map((c) => `\`${c}\``).join(', ')})`,
          infileStreamFactory: () => Readable.from([payload]),
        });
        // With LOCAL the server turns bad values and duplicate keys into warnings and goes on:
        // any warning, or a row count that differs, is a failure here.
        if (result.warningStatus > 0 || result.affectedRows !== rows) {
          const [warnings] = await connection.query<RowDataPacket[]>('SHOW WARNINGS LIMIT 5');
          throw new Error(
            `Loading ${table}: ${result.affectedRows} of ${rows} rows, ${result.warningStatus} warnings: ` +
              warnings.map((w) => String(w.Message)).join('; '),
          );
        }
        buffer.loadedRows += rows;
      } catch (error) {
        this.failure ??= error instanceof Error ? error : new Error(String(error));
      } finally {
        connection?.release();
        buffer.loadMs += Date.now() - started;
        this.pendingBytes -= payload.length;
        this.waiters.splice(0).forEach((wake) => wake());
      }
    });
  }

  private throwIfFailed(): void {
    if (this.failure !== null) throw this.failure;
  }
}
