// Tests share the simulation's seeded PRNG.
export { Random } from '../../demo/simulation/random.ts';
