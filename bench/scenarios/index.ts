import type { Scenario } from '../lib/table';
import { scaleScenario } from './scale';
import { storeScenario } from './store';

/** Every scenario `npm run bench` knows, in the order the table lists them. */
export const SCENARIOS: readonly Scenario[] = [storeScenario, scaleScenario];
