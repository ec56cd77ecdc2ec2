// What an action said when it finished: a sentence, whether it was a refusal, and where it
// belongs. `at` names the group of controls that caused it, so the screen shows it there
// (`components/ActionMessage.svelte`), next to the click, not at the top of the page. A viewer
// that could not be started (`kind: 'no_viewer'`) also carries the document, so the message
// can offer "Save as…" and "Show in folder" instead.
import { ApiFailure } from './api';
import type { DocumentKind } from './bindings';

export type Outcome = {
  text: string;
  error: boolean;
  at?: string;
  document?: { groupId: number; kind: DocumentKind; recordId: number | null };
};

/** The outcome of a failed action at `at`. */
export function refusal(error: unknown, at?: string, document?: Outcome['document']): Outcome {
  const failure = error instanceof ApiFailure ? error : new ApiFailure({ kind: 'internal', message: String(error) });
  return { text: failure.message, error: true, at, document: failure.kind === 'no_viewer' ? document : undefined };
}
