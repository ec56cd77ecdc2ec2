// The state a screen's actions share: which one is running (`busy`, a label, so its own
// control can say "Building…" and the others wait), what the last one said (`message`, an
// `Outcome` shown beside its controls by `components/ActionMessage.svelte`), and the ways to
// run one: `run` (a refusal is said at the action), `submit` (a form: Rust's refusal goes to
// its fields) and `document` (open or save one, through `openOrSave`).
import { formErrors } from './api';
import type { FormState } from './form.svelte';
import { openOrSave, refusal, type Outcome } from './outcome';

type Document = NonNullable<Outcome['document']>;

export type ActionOptions<P> = {
  /** Takes the page an action returns (the screen's `page = next`). */
  apply?: (next: P) => void;
  /** Where a label's outcome shows when `run` is not told (rows of one list share a place). */
  at?: (label: string) => string;
  /** The screen's field errors: cleared when any `run` starts; a `run` with `field` is refused there. */
  fields?: FormState;
};

export class ActionState<P = never> {
  busy = $state<string | null>(null);
  message = $state<Outcome | null>(null);
  readonly #options: ActionOptions<P>;

  constructor(options: ActionOptions<P> = {}) {
    this.#options = options;
  }

  /** Runs `work` with `label` busy, and `busy` back to null however it ends. */
  async during<T>(label: string, work: () => Promise<T>): Promise<T> {
    this.busy = label;
    try {
      return await work();
    } finally {
      this.busy = null;
    }
  }

  /**
   * Runs an action: the last message goes, the page it returns is applied, and `done` is said
   * at `at` (by default where `label` shows). A refusal is said there too (with `document`, so
   * a viewer that could not start offers Save as… instead), or, given `field`, at that field of
   * the screen's `fields`. Resolves to whether it succeeded.
   */
  async run(
    label: string,
    work: () => Promise<P | void>,
    { at = this.#options.at?.(label) ?? label, done, document, field }: { at?: string; done?: string; document?: Document; field?: string } = {},
  ): Promise<boolean> {
    this.message = null;
    const fields = this.#options.fields;
    if (fields) fields.errors = [];
    return this.during(label, async () => {
      try {
        const next = await work();
        if (next) this.#options.apply?.(next);
        if (done) this.message = { text: done, error: false, at };
        return true;
      } catch (error) {
        if (field && fields) fields.refuse(field, refusal(error).text);
        else this.message = refusal(error, at, document);
        return false;
      }
    });
  }

  /**
   * Submits a form: its errors go, the page it returns is applied and `done` runs with it; a
   * refusal goes to the form's fields (as Rust named them). The last message stays unless
   * `clear` (a form opened beside it leaves it be). Resolves to whether it succeeded.
   */
  async submit(label: string, form: FormState, work: () => Promise<P>, done: (next: P) => void, { clear = false } = {}): Promise<boolean> {
    if (clear) this.message = null;
    form.errors = [];
    return this.during(label, async () => {
      try {
        const next = await work();
        this.#options.apply?.(next);
        done(next);
        return true;
      } catch (error) {
        form.errors = formErrors(error);
        return false;
      }
    });
  }

  /**
   * Opens `document` in the viewer or saves it, and says so at `at` (nothing when the Save
   * dialog was cancelled). `then` runs after with where it went, and may return the page.
   */
  document(at: string, document: Document, action: 'open' | 'save', then?: (path: string | null) => Promise<P | void>): Promise<boolean> {
    return this.run(
      `${document.kind}-${action}`,
      async () => {
        const { outcome, path } = await openOrSave(document, action, at);
        if (outcome) this.message = outcome;
        return then?.(path);
      },
      { at, document },
    );
  }
}
