// What the election screen's phases share: the counting methods, the reasons a paper is
// rejected, and who is still standing.
import type { ElectionPage, Method, NominationView, Rejection } from '../../lib/bindings';

export const METHODS: { value: Method; label: string; seats: 'one' | 'many' }[] = [
  { value: 'scottish-stv', label: 'Single transferable vote (Scottish rules, SSI 2007/42)', seats: 'many' },
  { value: 'block', label: 'Block vote: an X for up to as many candidates as seats', seats: 'many' },
  { value: 'instant-runoff', label: 'Instant run-off (preferences)', seats: 'one' },
  { value: 'plurality', label: 'Plurality: one X, the most votes wins', seats: 'one' },
];

export const REJECTIONS: { value: Rejection; label: string }[] = [
  { value: 'voter-identifiable', label: 'Voter can be identified' },
  { value: 'no-serial', label: 'No serial number' },
  { value: 'no-mark', label: 'No mark' },
  { value: 'too-many-marks', label: 'Too many marks' },
  { value: 'no-first-preference', label: 'No first preference' },
  { value: 'more-than-one-first-preference', label: 'More than one first preference' },
];

export const rejectionLabel = (r: Rejection) => REJECTIONS.find((x) => x.value === r)!.label;

/** The nominations not withdrawn. */
export const standing = (page: ElectionPage): NominationView[] => page.record.nominations.filter((n) => !n.withdrawn_on);
