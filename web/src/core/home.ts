/**
 * Where each role starts: the ward desk for those at it, the users for administrators, the
 * indicators for the office.
 */
export function homeOf(role: string | undefined): string {
  if (role === 'nurse' || role === 'mch_staff') return '/workbench';
  if (role === 'admin' || role === 'system_admin') return '/admin/users';
  return '/indicators';
}
