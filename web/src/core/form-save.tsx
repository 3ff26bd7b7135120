import { Alert, App, type FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import { useState, type ReactNode } from 'react';
import { ApiFailure, failureMessage } from './api';
import { CORE_TEXT } from './core.text';
import { hospitalToday } from './hospital-time';
import { useText } from './language';
import { fieldErrors } from './messages';

/** A form's values as the service takes them: text trimmed, blank inputs left out. */
export function withoutBlanks<T extends object>(values: T): T {
  return Object.fromEntries(
    Object.entries(values)
      .map(([key, value]: [string, unknown]) => [
        key,
        typeof value === 'string' ? value.trim() : value,
      ])
      .filter(([, value]) => value !== '' && value !== null && value !== undefined),
  ) as T;
}

/**
 * Saving a form at the desk: once saved, `done` is confirmed and the form starts afresh; a refused
 * or failed save keeps what she typed, says why above the form in Chinese (offline and server
 * errors included) and puts each of the service's field errors on its field.
 */
export function useFormSave<V extends object>(
  form: FormInstance<V>,
  save: (values: V) => Promise<unknown>,
  done: string,
): { busy: boolean; alert: ReactNode; submit: (values: V) => void } {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (values: V) => {
    setBusy(true);
    setError(null);
    try {
      await save(values);
      message.success(done);
      form.resetFields();
    } catch (failure) {
      setError(failureMessage(failure));
      if (failure instanceof ApiFailure) {
        const known = new Set(Object.keys(form.getFieldsValue()));
        form.setFields(
          fieldErrors(failure.details.filter((detail) => known.has(detail.field.split(/[.[]/)[0]))),
        );
      }
    } finally {
      setBusy(false);
    }
  };

  const alert = error ? (
    <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />
  ) : null;
  return { busy, alert, submit: (values) => void submit(values) };
}

/**
 * The rules of a calendar date typed at the desk (early feedback; the service decides): not after
 * today in hospital time, not before `earliest` (saying `tooEarly`) when given, and required
 * unless said otherwise.
 */
export function useDateRules({
  required = true,
  earliest,
  tooEarly,
}: { required?: boolean; earliest?: string; tooEarly?: string } = {}): Rule[] {
  const text = useText(CORE_TEXT);
  const today = hospitalToday();
  return [
    { required, message: text.dateRequired },
    {
      validator: (_, value?: string) => {
        if (value && value > today) return Promise.reject(new Error(text.notFuture));
        if (value && earliest && value < earliest) return Promise.reject(new Error(tooEarly));
        return Promise.resolve();
      },
    },
  ];
}
