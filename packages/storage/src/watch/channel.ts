// A bounded, single-consumer async queue: the pipe between whoever produces
// watch events (a kv watch, the cacher's dispatcher) and whoever iterates them
// (an HTTP watch handler). Producers never block: `push` returns false when the
// buffer is full, and the producer decides what that means (usually: end the
// watch with an error so the client re-watches, instead of growing memory).

export class EventChannel<T> implements AsyncIterable<T> {
  private readonly buffer: T[] = [];
  private head = 0;
  private closed = false;
  private waiter: ((r: IteratorResult<T>) => void) | null = null;

  constructor(
    /** Items the consumer may fall behind by before `push` refuses more. */
    readonly capacity: number,
    private readonly onClose?: () => void,
  ) {}

  /** Buffered items not yet taken by the consumer. */
  get length(): number {
    return this.buffer.length - this.head;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Queue an item; false when closed or full (the item is not queued). */
  push(item: T): boolean {
    if (this.closed) return false;
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = null;
      w({ value: item, done: false });
      return true;
    }
    if (this.length >= this.capacity) return false;
    this.buffer.push(item);
    return true;
  }

  /** Queue an item even when full (for a final ERROR event); false only when closed. */
  pushForce(item: T): boolean {
    if (this.closed) return false;
    if (this.waiter) return this.push(item);
    this.buffer.push(item);
    return true;
  }

  /** No more items: the consumer drains what is buffered, then iteration ends. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = null;
      w({ value: undefined, done: true });
    }
    this.onClose?.();
  }

  private take(): T | undefined {
    if (this.head >= this.buffer.length) return undefined;
    const item = this.buffer[this.head] as T;
    this.head++;
    // Compact now and then so a long-lived channel does not keep a growing array.
    if (this.head > 1024 && this.head * 2 > this.buffer.length) {
      this.buffer.splice(0, this.head);
      this.head = 0;
    }
    return item;
  }

  next(): Promise<IteratorResult<T>> {
    if (this.length > 0) return Promise.resolve({ value: this.take() as T, done: false });
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    if (this.waiter) return Promise.reject(new Error("EventChannel has a single consumer"));
    return new Promise((resolve) => {
      this.waiter = resolve;
    });
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => this.next(),
      return: () => {
        this.close();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}
