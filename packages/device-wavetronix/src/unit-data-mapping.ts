// How the radar detectors' inventory is read from Knack: Austin's sensors of type RADAR, matched to
// the data by `kits_id` (wt:ready).
import { atdSensorMapping, type UnitDataMapping } from '@lake/core';

export const wavetronixUnitDataMapping: UnitDataMapping = atdSensorMapping('wt', 'RADAR');
