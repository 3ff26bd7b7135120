import { Alert } from 'antd';
import { failureMessage } from './api';

/** A page or tab whose data could not be loaded: why, in Chinese. */
export function QueryFailure({
  error,
  fallback = '加载失败',
}: {
  error: unknown;
  fallback?: string;
}) {
  return <Alert type="error" showIcon title={failureMessage(error, fallback)} />;
}
