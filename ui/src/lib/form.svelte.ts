// The state every form shares: its errors from Rust (`{field?, message}`), whether it is
// saving, and one way to submit that keeps the typed values when Rust says no.
import { formErrors } from './api';

export class FormState {
  errors = $state<{ field?: string; message: string }[]>([]);
  busy = $state(false);

  /** The message for one field, if Rust named it. */
  err = (field: string): string | undefined => this.errors.find((e) => e.field === field)?.message;

  /** A problem found before asking Rust (nothing chosen yet). */
  refuse(field: string, message: string) {
    this.errors = [{ field, message }];
  }

  async submit<T>(work: () => Promise<T>, done: (result: T) => void) {
    this.busy = true;
    this.errors = [];
    try {
      done(await work());
    } catch (error) {
      this.errors = formErrors(error);
    } finally {
      this.busy = false;
    }
  }
}
