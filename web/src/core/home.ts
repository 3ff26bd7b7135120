/** Where each role starts: the ward desk for those at it, the indicators for the office. */
export function homeOf(role: string | undefined): string {
  return role === 'nurse' || role === 'mch_staff' ? '/workbench' : '/indicators';
}
