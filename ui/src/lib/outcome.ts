// What an action said when it finished: a sentence, whether it was a refusal, and where it
// belongs. `at` names the group of controls that caused it, so the screen shows it there
// (`components/ActionMessage.svelte`), next to the click, not at the top of the page. A viewer
// that could not be started (`kind: 'no_viewer'`) also carries the document, so the message
// can offer "Save as…" and "Show in folder" instead.
import { api, ApiFailure } from './api';
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

/**
 * Opens a document in the viewer or saves it through the native dialog, and says so at `at`.
 * `path` is where it went; the outcome is `null` when the Save dialog was cancelled. A failure
 * is thrown, for the caller's `refusal` (which can then offer Save as… / Show in folder).
 */
export async function openOrSave(
  document: NonNullable<Outcome['document']>,
  action: 'open' | 'save',
  at: string,
): Promise<{ outcome: Outcome | null; path: string | null }> {
  const { groupId, kind, recordId } = document;
  if (action === 'open') {
    const path = await api.openDocument(groupId, kind, recordId);
    return { outcome: { text: `Opened in your viewer (${path}).`, error: false, at }, path };
  }
  const path = await api.saveDocument(groupId, kind, recordId);
  return { outcome: path ? { text: `Saved to ${path}.`, error: false, at } : null, path };
}
