import type { Scenario } from '../lib/table';
import { captureScenario } from './capture';
import { exportScenario } from './export';
import { scaleScenario } from './scale';
import { storeScenario } from './store';
import { verifyScenario } from './verify';
import { zip64Scenario } from './zip64';

/** Every scenario `npm run bench` knows, in the order the table lists them. */
export const SCENARIOS: readonly Scenario[] = [storeScenario, captureScenario, exportScenario, verifyScenario, zip64Scenario, scaleScenario];
