// Every echo request a drill sends, and whether its reply came back in time. Trace ids index it.

export class PingLog {
  private readonly vmOf: number[] = [];
  private readonly sentUs: number[] = [];
  private readonly replyUs: number[] = [];
  private readonly byVm: number[][];

  constructor(vmCount: number) {
    this.byVm = Array.from({ length: vmCount }, () => []);
  }

  get count(): number {
    return this.sentUs.length;
  }

  send(vmIndex: number, nowUs: number): number {
    const trace = this.sentUs.length;
    this.vmOf.push(vmIndex);
    this.sentUs.push(nowUs);
    this.replyUs.push(-1);
    this.byVm[vmIndex].push(trace);
    return trace;
  }

  /** A reply counts only within the ping timeout. */
  reply(trace: number, nowUs: number, timeoutUs: number): void {
    if (trace < 0 || trace >= this.sentUs.length || this.replyUs[trace] >= 0) return;
    if (nowUs - this.sentUs[trace] <= timeoutUs) this.replyUs[trace] = nowUs;
  }

  replied(trace: number): boolean {
    return this.replyUs[trace] >= 0;
  }

  sentAt(trace: number): number {
    return this.sentUs[trace];
  }

  sentOf(vmIndex: number): readonly number[] {
    return this.byVm[vmIndex];
  }

  get replies(): number {
    let n = 0;
    for (const r of this.replyUs) if (r >= 0) n++;
    return n;
  }
}
