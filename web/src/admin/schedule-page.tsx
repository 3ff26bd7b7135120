import { Button, Form, Input, InputNumber, Popconfirm, Space, Tag, Typography } from 'antd';
import { formatGestationalAge } from '../../../src/women/rules/gestational-age';
import { useFormSave } from '../core/form-save';
import { fill, useText } from '../core/language';
import { QueryFailure } from '../core/query-failure';
import { ADMIN_TEXT } from './admin.text';
import { useReplaceSchedule, useSchedule, type ScheduleWindow } from './admin-queries';
import { useManagedFacility } from './facility-picker';
import { useAction } from './form-dialog';

interface Values {
  windows: ScheduleWindow[];
}

/** 孕6+0 – 13+6: a window's days as the weeks she reads on the handbook. */
function weeksOf(start: unknown, end: unknown): string {
  const whole = (day: unknown) => typeof day === 'number' && Number.isInteger(day) && day >= 0;
  if (!whole(start) || !whole(end)) return '—';
  return `${formatGestationalAge(start as number)} – ${formatGestationalAge(end as number)}`;
}

/** 产检时间表: the facility's antenatal visit windows, its own or the national minimum. */
export default function SchedulePage() {
  const text = useText(ADMIN_TEXT);
  const { facilityId, picker } = useManagedFacility();
  const schedule = useSchedule(facilityId);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {text.scheduleTitle}
      </Typography.Title>
      {picker}
      <Typography.Paragraph type="secondary" style={{ margin: 0, maxWidth: 880 }}>
        {text.scheduleHelp}
      </Typography.Paragraph>
      {schedule.error ? (
        <QueryFailure error={schedule.error} />
      ) : schedule.data ? (
        // A new facility or a saved schedule: the form starts from what the service holds.
        <ScheduleForm
          key={`${facilityId}-${schedule.dataUpdatedAt}`}
          facilityId={facilityId}
          facilitySpecific={schedule.data.facilitySpecific}
          windows={schedule.data.windows}
        />
      ) : null}
    </Space>
  );
}

function ScheduleForm({
  facilityId,
  facilitySpecific,
  windows,
}: {
  facilityId: number;
  facilitySpecific: boolean;
  windows: ScheduleWindow[];
}) {
  const text = useText(ADMIN_TEXT);
  const act = useAction();
  const replace = useReplaceSchedule(facilityId);
  const [form] = Form.useForm<Values>();
  const { busy, alert, submit } = useFormSave(
    form,
    (values: Values) =>
      replace.mutateAsync(
        values.windows.map((w) => ({ ...w, code: w.code.trim(), label: w.label.trim() })),
      ),
    text.scheduleSaved,
  );
  const revert = () => act(() => replace.mutateAsync([]), text.reverted);
  const required = [{ required: true, message: text.required }];
  return (
    <Form<Values>
      form={form}
      name="visit-schedule"
      aria-label={text.scheduleTitle}
      initialValues={{ windows }}
      onFinish={submit}
      style={{ maxWidth: 980 }}
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <div>
          <Tag color={facilitySpecific ? 'blue' : 'default'}>
            {facilitySpecific ? text.scheduleOwn : text.scheduleNational}
          </Tag>
        </div>
        {alert}
        <Form.List name="windows">
          {(fields, { add, remove }) => (
            <>
              <table
                className="admin-schedule"
                style={{ borderCollapse: 'collapse', width: '100%', background: '#fff' }}
              >
                <thead>
                  <tr>
                    {[
                      '#',
                      text.windowCode,
                      text.windowLabel,
                      text.startDay,
                      text.endDay,
                      text.gaWeeks,
                      text.actions,
                    ].map((title) => (
                      <th key={title} scope="col" style={CELL}>
                        {title}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {fields.map((field, index) => {
                    const n = index + 1;
                    const row = fill(text.window, { n });
                    return (
                      <tr key={field.key}>
                        <th scope="row" style={CELL}>
                          {row}
                        </th>
                        <td style={CELL}>
                          <Form.Item name={[field.name, 'code']} rules={required} style={ITEM}>
                            <Input aria-label={`${row} ${text.windowCode}`} maxLength={16} />
                          </Form.Item>
                        </td>
                        <td style={CELL}>
                          <Form.Item name={[field.name, 'label']} rules={required} style={ITEM}>
                            <Input aria-label={`${row} ${text.windowLabel}`} maxLength={50} />
                          </Form.Item>
                        </td>
                        <td style={CELL}>
                          <Form.Item name={[field.name, 'startDay']} rules={required} style={ITEM}>
                            <InputNumber
                              aria-label={`${row} ${text.startDay}`}
                              min={0}
                              max={300}
                              precision={0}
                              style={{ width: 110 }}
                            />
                          </Form.Item>
                        </td>
                        <td style={CELL}>
                          <Form.Item name={[field.name, 'endDay']} rules={required} style={ITEM}>
                            <InputNumber
                              aria-label={`${row} ${text.endDay}`}
                              min={0}
                              max={300}
                              precision={0}
                              style={{ width: 110 }}
                            />
                          </Form.Item>
                        </td>
                        <td style={{ ...CELL, whiteSpace: 'nowrap' }}>
                          <Form.Item noStyle shouldUpdate>
                            {() =>
                              weeksOf(
                                form.getFieldValue(['windows', field.name, 'startDay']),
                                form.getFieldValue(['windows', field.name, 'endDay']),
                              )
                            }
                          </Form.Item>
                        </td>
                        <td style={CELL}>
                          <Button
                            size="small"
                            onClick={() => remove(field.name)}
                            aria-label={fill(text.removeWindow, { n })}
                          >
                            {text.remove}
                          </Button>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              <div>
                <Button onClick={() => add({ code: '', label: '', startDay: null, endDay: null })}>
                  {text.addWindow}
                </Button>
              </div>
            </>
          )}
        </Form.List>
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={busy}>
            {text.saveSchedule}
          </Button>
          {facilitySpecific && (
            <Popconfirm
              title={text.revertNationalConfirm}
              okText={text.yes}
              cancelText={text.cancel}
              onConfirm={() => void revert()}
            >
              <Button>{text.revertNational}</Button>
            </Popconfirm>
          )}
        </Space>
      </Space>
    </Form>
  );
}

const CELL: React.CSSProperties = {
  padding: '6px 8px',
  borderBottom: '1px solid #f0f0f0',
  textAlign: 'left',
  verticalAlign: 'middle',
  fontWeight: 'normal',
};
const ITEM: React.CSSProperties = { marginBottom: 0 };
