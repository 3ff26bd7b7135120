import { CreateDateColumn, UpdateDateColumn } from 'typeorm';

// Millisecond precision; the default must carry the same precision as the column for MySQL 8.
export const CreatedAtColumn = (): PropertyDecorator =>
  CreateDateColumn({ type: 'datetime', precision: 3, default: () => 'CURRENT_TIMESTAMP(3)' });

export const UpdatedAtColumn = (): PropertyDecorator =>
  UpdateDateColumn({
    type: 'datetime',
    precision: 3,
    default: () => 'CURRENT_TIMESTAMP(3)',
    onUpdate: 'CURRENT_TIMESTAMP(3)',
  });
