import {
  Alert,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  List,
  Radio,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  dateByBestEvidence,
  formatGestationalAge,
  gestationalAgeDays,
} from '../../../src/women/rules/gestational-age';
import { HANDBOOK_NUMBER, normaliseHandbookNumber } from '../../../src/women/rules/handbook-number';
import { checkResidentId, type ResidentIdRule } from '../../../src/women/rules/resident-id';
import { api, ApiFailure, unwrap, type Schemas } from '../core/api';
import { hospitalToday } from '../core/hospital-time';
import { fieldErrors } from '../core/messages';
import { useText } from '../core/language';
import { WOMEN_TEXT } from './women.text';

type Registration = Schemas['RegistrationDto'];
type Result = Schemas['RegistrationResultDto'];
type Dating = 'lmp' | 'ultrasound' | 'ivf';

interface FormValues {
  woman: Registration['woman'];
  pregnancy: Omit<Registration['pregnancy'], 'lmp' | 'ultrasound' | 'ivf'> & {
    lmp?: string;
    scanDate?: string;
    scanWeeks?: number;
    scanDays?: number;
    transferDate?: string;
    embryoAgeDays?: number;
  };
  dating: Dating;
}

const ID_RULES_ZH: Record<ResidentIdRule, string> = {
  format: '身份证号应为 17 位数字加 1 位数字或 X',
  province: '前两位不是有效的省级行政区代码',
  birthDate: '第 7–14 位不是有效的出生日期',
  futureBirthDate: '出生日期晚于今天',
  checkCharacter: '校验码不符，请核对是否输错',
};

/** The dating the form gives, as the service's own rule reads it (the EDD shown before saving). */
function previewDating(values: Partial<FormValues>) {
  const p = values.pregnancy ?? ({} as FormValues['pregnancy']);
  const dating = values.dating ?? 'lmp';
  try {
    if (dating === 'lmp' && p.lmp) return dateByBestEvidence({ lmp: p.lmp });
    if (dating === 'ultrasound' && p.scanDate && p.scanWeeks !== undefined) {
      return dateByBestEvidence({
        ultrasound: { scanDate: p.scanDate, gaDays: p.scanWeeks * 7 + (p.scanDays ?? 0) },
      });
    }
    if (dating === 'ivf' && p.transferDate && p.embryoAgeDays) {
      return dateByBestEvidence({
        ivf: { transferDate: p.transferDate, embryoAgeDays: p.embryoAgeDays },
      });
    }
  } catch {
    return null;
  }
  return null;
}

function toRegistration(values: FormValues): Registration {
  const {
    lmp,
    scanDate,
    scanWeeks,
    scanDays,
    transferDate,
    embryoAgeDays,
    handbookNumber,
    ...pregnancy
  } = values.pregnancy;
  return {
    woman: { ...values.woman, documentNumber: values.woman.documentNumber.trim().toUpperCase() },
    pregnancy: {
      ...pregnancy,
      ...(handbookNumber ? { handbookNumber } : {}),
      ...(values.dating === 'lmp' ? { lmp } : {}),
      ...(values.dating === 'ultrasound' && scanDate
        ? { ultrasound: { scanDate, gaDays: (scanWeeks ?? 0) * 7 + (scanDays ?? 0) } }
        : {}),
      ...(values.dating === 'ivf' && transferDate
        ? { ivf: { transferDate, embryoAgeDays: embryoAgeDays ?? 0 } }
        : {}),
    },
  };
}

/** 建册: her identity checked as it is typed, her dating shown before saving. */
export default function RegistrationPage() {
  const text = useText(WOMEN_TEXT);
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const values = (Form.useWatch([], form) ?? {}) as Partial<FormValues>;
  const today = hospitalToday();
  const required = [{ required: true, message: text.required }];

  const documentType = values.woman?.documentType ?? 'resident_id';
  const documentNumber = values.woman?.documentNumber ?? '';
  const idCheck =
    documentType === 'resident_id' && documentNumber.trim().length > 0
      ? checkResidentId(documentNumber, today)
      : null;
  const dating = previewDating(values);

  const onDocumentChange = (value: string) => {
    const check = checkResidentId(value, today);
    if (check.birthDate && !form.getFieldValue(['woman', 'birthDate'])) {
      form.setFieldValue(['woman', 'birthDate'], check.birthDate);
    }
  };

  const submit = async (input: FormValues) => {
    setBusy(true);
    setError(null);
    try {
      setResult(await unwrap(api.POST('/registrations', { body: toRegistration(input) })));
    } catch (failure) {
      if (!(failure instanceof ApiFailure)) throw failure;
      setError(failure.message);
      form.setFields(fieldErrors(failure.details));
    } finally {
      setBusy(false);
    }
  };

  if (result) {
    const ga = gestationalAgeDays(result.pregnancy.edd, today);
    return (
      <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{text.registered}</h1>}>
        <Space orientation="vertical" size="middle">
          <Typography.Text strong>
            {result.woman.name}：{text.edd} {result.pregnancy.edd}，孕{formatGestationalAge(ga)}周
          </Typography.Text>
          {result.possibleDuplicates.length > 0 && (
            <Alert
              type="warning"
              showIcon
              title={text.possibleDuplicates}
              description={
                <List
                  size="small"
                  dataSource={result.possibleDuplicates}
                  renderItem={(d) => (
                    <List.Item>
                      {d.reason === 'same_phone' ? text.samePhone : text.sameNameBirth}：
                      {d.matchedAtOtherFacility
                        ? text.heldElsewhere
                        : `${d.matchedName ?? ''} ${d.matchedDocumentNumber ?? ''}`}
                    </List.Item>
                  )}
                />
              }
            />
          )}
          <Space>
            <Link to={`/pregnancies/${result.pregnancy.id}`}>{text.openRecord}</Link>
            <Button
              onClick={() => {
                setResult(null);
                form.resetFields();
              }}
            >
              {text.registerAnother}
            </Button>
          </Space>
        </Space>
      </Card>
    );
  }

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      onFinish={(input) => void submit(input)}
      initialValues={{
        dating: 'lmp',
        woman: { documentType: 'resident_id', householdType: 'local' },
        pregnancy: {
          registrationDate: today,
          gravidity: 1,
          parity: 0,
          previousCaesareans: 0,
          fetusCount: 1,
        },
      }}
      style={{ maxWidth: 960 }}
    >
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {text.registerTitle}
      </Typography.Title>
      {error && (
        <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />
      )}
      <Card
        title={<h2 style={{ fontSize: 16, margin: 0 }}>{text.identity}</h2>}
        style={{ marginBottom: 16 }}
      >
        <Row gutter={12}>
          <Col xs={24} md={6}>
            <Form.Item name={['woman', 'documentType']} label={text.documentType}>
              <Select
                options={[
                  { value: 'resident_id', label: '居民身份证' },
                  { value: 'passport', label: '护照' },
                  { value: 'hk_macau_permit', label: '港澳居民来往内地通行证' },
                  { value: 'taiwan_permit', label: '台湾居民来往大陆通行证' },
                  { value: 'other', label: '其他' },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item
              name={['woman', 'documentNumber']}
              label={text.document}
              rules={required}
              validateStatus={idCheck && !idCheck.valid ? 'error' : undefined}
              help={
                idCheck
                  ? idCheck.valid
                    ? `${text.idValid}：${text.birthDate} ${idCheck.birthDate}，${idCheck.sequenceIsOdd ? '男' : '女'}`
                    : ID_RULES_ZH[idCheck.failures[0].rule]
                  : undefined
              }
            >
              <Input onChange={(e) => onDocumentChange(e.target.value)} maxLength={30} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name={['woman', 'name']} label={text.name} rules={required}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name={['woman', 'birthDate']} label={text.birthDate} rules={required}>
              <Input type="date" max={today} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name={['woman', 'phone']} label={text.phone} rules={required}>
              <Input inputMode="tel" maxLength={20} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name={['woman', 'residenceRegionCode']}
              label={text.residenceRegion}
              rules={required}
            >
              <Input inputMode="numeric" maxLength={12} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name={['woman', 'householdType']} label={text.householdType}>
              <Select
                options={[
                  { value: 'local', label: '本地户籍' },
                  { value: 'migrant', label: '流动人口' },
                ]}
              />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card
        title={<h2 style={{ fontSize: 16, margin: 0 }}>{text.pregnancy}</h2>}
        style={{ marginBottom: 16 }}
      >
        <Row gutter={12}>
          <Col xs={12} md={6}>
            <Form.Item name={['pregnancy', 'registrationDate']} label={text.registeredOn}>
              <Input type="date" max={today} />
            </Form.Item>
          </Col>
          <Col xs={24} md={18}>
            <Form.Item name="dating" label={text.datingBy}>
              <Radio.Group
                options={[
                  { value: 'lmp', label: text.byLmp },
                  { value: 'ultrasound', label: text.byUltrasound },
                  { value: 'ivf', label: text.byIvf },
                ]}
              />
            </Form.Item>
          </Col>
          {values.dating !== 'ultrasound' && values.dating !== 'ivf' && (
            <Col xs={12} md={6}>
              <Form.Item name={['pregnancy', 'lmp']} label={text.lmp} rules={required}>
                <Input type="date" max={today} />
              </Form.Item>
            </Col>
          )}
          {values.dating === 'ultrasound' && (
            <>
              <Col xs={12} md={6}>
                <Form.Item name={['pregnancy', 'scanDate']} label={text.scanDate} rules={required}>
                  <Input type="date" max={today} />
                </Form.Item>
              </Col>
              <Col xs={6} md={3}>
                <Form.Item
                  name={['pregnancy', 'scanWeeks']}
                  label={text.scanWeeks}
                  rules={required}
                >
                  <InputNumber min={4} max={42} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={6} md={3}>
                <Form.Item name={['pregnancy', 'scanDays']} label={text.scanDays}>
                  <InputNumber min={0} max={6} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </>
          )}
          {values.dating === 'ivf' && (
            <>
              <Col xs={12} md={6}>
                <Form.Item
                  name={['pregnancy', 'transferDate']}
                  label={text.transferDate}
                  rules={required}
                >
                  <Input type="date" max={today} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item
                  name={['pregnancy', 'embryoAgeDays']}
                  label={text.embryoAge}
                  rules={required}
                >
                  <Select options={[3, 5, 6].map((d) => ({ value: d, label: `${d} 天` }))} />
                </Form.Item>
              </Col>
            </>
          )}
          <Col xs={24} md={12}>
            <div role="status" aria-live="polite" style={{ paddingTop: 30 }}>
              {dating ? (
                <Typography.Text strong>
                  {text.edd} {dating.edd}，{text.today}孕
                  {formatGestationalAge(Math.max(0, gestationalAgeDays(dating.edd, today)))}周
                </Typography.Text>
              ) : (
                <Typography.Text type="secondary">{text.eddPending}</Typography.Text>
              )}
            </div>
          </Col>
          <Col xs={6} md={3}>
            <Form.Item name={['pregnancy', 'gravidity']} label={text.gravidity}>
              <InputNumber min={1} max={20} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={6} md={3}>
            <Form.Item name={['pregnancy', 'parity']} label={text.parity}>
              <InputNumber min={0} max={20} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={6} md={3}>
            <Form.Item name={['pregnancy', 'previousCaesareans']} label={text.caesareans}>
              <InputNumber min={0} max={10} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={6} md={3}>
            <Form.Item name={['pregnancy', 'fetusCount']} label={text.fetuses}>
              <InputNumber min={1} max={6} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item
              name={['pregnancy', 'handbookNumber']}
              label={text.handbookNumber}
              normalize={(typed?: string) => (typed ? normaliseHandbookNumber(typed) : typed)}
              rules={[{ pattern: HANDBOOK_NUMBER, message: text.handbookNumberRule }]}
            >
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Button type="primary" htmlType="submit" loading={busy} size="large">
        {text.saveRegistration}
      </Button>
    </Form>
  );
}
