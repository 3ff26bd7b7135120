import { App, Button, Form, Modal, Space, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { failureMessage } from '../core/api';
import { useFormSave } from '../core/form-save';
import { useText } from '../core/language';
import { ADMIN_TEXT } from './admin.text';

/**
 * A dialog of one small form: saved, it says `done` and closes; refused, it stays open with what
 * she typed, the reason above and the service's field errors on their fields.
 */
export function FormDialog<V extends object>({
  title,
  name,
  submitLabel,
  done,
  initialValues,
  form: given,
  save,
  onClose,
  children,
}: {
  title: string;
  name: string;
  submitLabel: string;
  done: string;
  initialValues?: Partial<V>;
  form?: FormInstance<V>;
  save: (values: V) => Promise<unknown>;
  onClose: () => void;
  children: ReactNode;
}) {
  const text = useText(ADMIN_TEXT);
  const [own] = Form.useForm<V>();
  const form = given ?? own;
  const { busy, alert, submit } = useFormSave(
    form,
    async (values: V) => {
      await save(values);
      onClose();
    },
    done,
  );
  return (
    <Modal open title={title} onCancel={onClose} footer={null} destroyOnHidden>
      <Form<V>
        form={form}
        name={name}
        layout="vertical"
        aria-label={title}
        initialValues={initialValues}
        onFinish={submit}
      >
        {alert}
        {children}
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            {submitLabel}
          </Button>
          <Button onClick={onClose}>{text.cancel}</Button>
        </Space>
      </Form>
    </Modal>
  );
}

/** An action of one click (a confirmed one): `done` when it worked, the reason in Chinese when not. */
export function useAction() {
  const { message } = App.useApp();
  return async (run: () => Promise<unknown>, done: string): Promise<void> => {
    try {
      await run();
      message.success(done);
    } catch (failure) {
      message.error(failureMessage(failure));
    }
  };
}
