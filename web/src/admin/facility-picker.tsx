import { Form, Select, Typography } from 'antd';
import { useState } from 'react';
import { useText } from '../core/language';
import { QueryFailure } from '../core/query-failure';
import { useSessionUser } from '../core/use-session';
import { ADMIN_TEXT } from './admin.text';
import { useFacilities, useFacility } from './admin-queries';

const KEY = 'mch.admin.facility';

/**
 * The facility the administration pages show: a facility admin's own; for a system admin the one
 * she picked (kept for this tab while she moves between the pages), her own until she picks.
 */
export function useManagedFacility(): {
  facilityId: number;
  picker: React.ReactNode;
} {
  const user = useSessionUser();
  const own = user?.facilityId ?? 0;
  const systemAdmin = user?.role === 'system_admin';
  const [picked, setPicked] = useState<number>(() => Number(sessionStorage.getItem(KEY)) || own);
  const facilityId = systemAdmin ? picked : own;
  const pick = (id: number) => {
    sessionStorage.setItem(KEY, String(id));
    setPicked(id);
  };
  return {
    facilityId,
    picker: systemAdmin ? (
      <FacilitySelect value={facilityId} onChange={pick} />
    ) : (
      <OwnFacility id={own} />
    ),
  };
}

function FacilitySelect({ value, onChange }: { value: number; onChange: (id: number) => void }) {
  const text = useText(ADMIN_TEXT);
  const facilities = useFacilities(true);
  if (facilities.error)
    return <QueryFailure error={facilities.error} fallback={text.facilityLoadFailed} />;
  return (
    <Form.Item label={text.facility} htmlFor="admin-facility" style={{ marginBottom: 0 }}>
      <Select
        id="admin-facility"
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width: 320 }}
        loading={facilities.isPending}
        value={facilities.data ? value : undefined}
        onChange={onChange}
        options={(facilities.data ?? []).map((f) => ({
          value: f.id,
          label: `${f.name}（${f.code}）`,
        }))}
      />
    </Form.Item>
  );
}

function OwnFacility({ id }: { id: number }) {
  const text = useText(ADMIN_TEXT);
  const facility = useFacility(id);
  return (
    <Typography.Text>
      {text.facility}：{facility.data ? `${facility.data.name}（${facility.data.code}）` : '…'}
    </Typography.Text>
  );
}
