// What a save would bring or clear in the ToR check, asked of Rust while the form is filled in
// (UI.md: a save that would break a rule says so before it happens). Only the answer to the
// latest question is kept; a question Rust refuses shows nothing here: the save says why.
import type { AmendmentEffect } from './bindings';

export class Consequences {
  effect = $state<AmendmentEffect | null>(null);
  checking = $state(false);
  private ticket = 0;

  /** Asks again after a short pause, unless `request` is null (nothing to ask yet). */
  ask<R>(request: R | null, preview: (request: R) => Promise<AmendmentEffect>): () => void {
    const ticket = ++this.ticket;
    this.effect = null;
    if (request === null) {
      this.checking = false;
      return () => {};
    }
    this.checking = true;
    const timer = setTimeout(() => {
      preview(request).then(
        (effect) => {
          if (ticket === this.ticket) [this.effect, this.checking] = [effect, false];
        },
        () => {
          if (ticket === this.ticket) this.checking = false;
        },
      );
    }, 250);
    return () => clearTimeout(timer);
  }
}
