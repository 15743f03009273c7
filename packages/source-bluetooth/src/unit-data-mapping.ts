// How the Bluetooth readers' inventory is read from Knack: Austin's sensors of type BLUETOOTH.
import { atdSensorMapping, type UnitDataMapping } from '@lake/core';

export const bluetoothUnitDataMapping: UnitDataMapping = atdSensorMapping('bt', 'BLUETOOTH');
