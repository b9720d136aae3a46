/**
 * Admission control for answers: at most `cap` questions in progress (0 = no cap), and the admitted ones start one
 * per turn of the event loop. An offline answer is CPU work that runs to its end once started; starting them one per
 * turn lets the server read the requests waiting between two answers and turn the excess away at once (503) instead
 * of letting it queue unseen in the sockets, where latency grows without bound.
 */
export class AnswerAdmission {
  private inProgress = 0;
  private readonly turns: Array<() => void> = [];
  private scheduled = false;
  private held = false;

  constructor(private readonly cap: number) {}

  /** Questions admitted and not finished. */
  get size(): number {
    return this.inProgress;
  }

  /**
   * Admits a question: resolves, when its turn comes, with the function to call once it is answered; undefined when
   * `cap` questions are already in progress.
   */
  enter(): Promise<() => void> | undefined {
    if (this.cap > 0 && this.inProgress >= this.cap) return undefined;
    this.inProgress += 1;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.inProgress -= 1;
    };
    return new Promise((resolve) => {
      this.turns.push(() => resolve(release));
      this.schedule();
    });
  }

  /**
   * Starts no further answer until `resume`: while a stopping server accepts the connections already waiting (one per
   * turn of the event loop), a turn that also ran an answer would take tens of milliseconds instead of microseconds.
   */
  hold(): void {
    this.held = true;
  }

  /** Starts the admitted answers again, one per turn. */
  resume(): void {
    this.held = false;
    this.schedule();
  }

  private schedule(): void {
    if (this.held || this.scheduled || this.turns.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.held) return;
      this.turns.shift()?.();
      this.schedule();
    });
  }
}
