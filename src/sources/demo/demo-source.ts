import type { DemoWorld } from './world.js';
import type { SourceReport, StatusSource } from '../source.js';

/** Answers from the demo world, through the same StatusSource interface as the live backends. */
export class DemoStatusSource implements StatusSource {
  readonly name = 'demo';
  constructor(private readonly world: DemoWorld) {}

  async fetch(now: number): Promise<SourceReport> {
    return { results: this.world.results(now), viewer: this.world.viewer };
  }
}
