// Words for sub-groups (ToR §18), shared by their screens and forms.
import type { Expertise, Place, ReportBackState } from './bindings';

export const EXPERTISE: { value: Expertise; label: string }[] = [
  { value: 'data', label: 'Data' },
  { value: 'architecture', label: 'Architecture' },
  { value: 'integration', label: 'Integration' },
  { value: 'api', label: 'API' },
  { value: 'other', label: 'Other' },
];

export const PLACE: Record<Place, string> = { lead: 'Lead', member: 'Member', invitee: 'Invited individual' };

export const REPORT_STATE: Record<ReportBackState, string> = { due: 'Due', overdue: 'Overdue', received: 'Received', withdrawn: 'Withdrawn' };

/** "Data, API — custody records" */
export function expertiseText(expertise: Expertise[], note: string): string {
  const labels = expertise.map((e) => EXPERTISE.find((x) => x.value === e)?.label ?? e).join(', ');
  return [labels, note].filter(Boolean).join(' — ');
}
