import type { ValueTransformer } from 'typeorm';

/** DECIMAL columns arrive from mysql2 as strings; measurements are read as numbers. */
export const decimalToNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
