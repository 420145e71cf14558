// Time as a dependency, so that tests can move it (session timeouts, lockouts, opening hours).
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export class ManualClock implements Clock {
  #now: number;
  constructor(start: Date | string = new Date()) {
    this.#now = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.#now);
  }
  advance(milliseconds: number): void {
    this.#now += milliseconds;
  }
  set(date: Date | string): void {
    this.#now = new Date(date).getTime();
  }
}
