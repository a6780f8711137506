/**
 * The indexes of `scores`, best first: higher score first, then lower index (the order a stable sort by
 * descending score gives), popped one at a time from a binary heap, so taking the first few of many
 * costs no full sort (the summary's sentences, the keywords' candidates).
 */
export class ScoreHeap {
  private readonly heap: Int32Array;
  size: number;

  /**
   * Orders the first `size` scores (all by default), in `buffer` when given (at least `size` long,
   * its contents overwritten: a caller's scratch array spares an allocation per call).
   */
  constructor(
    private readonly scores: ArrayLike<number>,
    size = scores.length,
    buffer?: Int32Array,
  ) {
    this.size = size;
    this.heap = buffer !== undefined && buffer.length >= size ? buffer : new Int32Array(size);
    for (let i = 0; i < this.size; i++) this.heap[i] = i;
    for (let i = (this.size >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  /** The next index, left in the heap (call only while `size` > 0). */
  peek(): number {
    return this.heap[0] as number;
  }

  /** The next index (call only while `size` > 0). */
  pop(): number {
    const top = this.heap[0] as number;
    this.size--;
    this.heap[0] = this.heap[this.size] as number;
    this.siftDown(0);
    return top;
  }

  private before(a: number, b: number): boolean {
    const sa = this.scores[a] as number;
    const sb = this.scores[b] as number;
    return sa > sb || (sa === sb && a < b);
  }

  private siftDown(i: number): void {
    const heap = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.size) return;
      const r = l + 1;
      const c = r < this.size && this.before(heap[r] as number, heap[l] as number) ? r : l;
      if (!this.before(heap[c] as number, heap[i] as number)) return;
      const x = heap[c] as number;
      heap[c] = heap[i] as number;
      heap[i] = x;
      i = c;
    }
  }
}
