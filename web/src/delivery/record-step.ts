import { App } from 'antd';
import { failureMessage } from '../core/api';

/**
 * One click in the delivery room: the step is saved and confirmed, or its failure is said in
 * Chinese; `after` runs once it is saved (a form cleared).
 */
export function useRecordStep() {
  const { message } = App.useApp();
  return async (step: () => Promise<unknown>, done: string, after?: () => void) => {
    try {
      await step();
      message.success(done);
      after?.();
    } catch (failure) {
      message.error(failureMessage(failure));
    }
  };
}
