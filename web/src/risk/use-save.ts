import type { FormInstance } from 'antd';
import { useState } from 'react';
import { ApiFailure, type ErrorDetail } from '../core/api';
import { fieldErrors } from '../core/messages';

type FieldData = ReturnType<typeof fieldErrors>[number];

/**
 * A form's save: busy while it runs; refused, what she typed stays, the reason is shown in
 * Chinese and each field error lands on its field (`fields` places them where the form's names
 * differ from the service's).
 */
export function useSave<Values>(form: FormInstance<Values>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (
    save: () => Promise<void>,
    fields: (details: ErrorDetail[]) => FieldData[] = fieldErrors,
  ) => {
    setBusy(true);
    setError(null);
    try {
      await save();
    } catch (failure) {
      if (!(failure instanceof ApiFailure)) throw failure;
      setError(failure.message);
      form.setFields(fields(failure.details));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}
