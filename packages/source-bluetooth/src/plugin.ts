import { definePlugin } from '@lake/core';
import { bluetoothSample } from './samples/bluetooth-sample';
import { BluetoothInsert } from './stages/bt-insert';
import { BluetoothPublish } from './stages/bt-publish';
import { BluetoothReady } from './stages/bt-ready';
import { BluetoothStandard } from './stages/bt-standard';
import { bluetoothUnitDataMapping } from './unit-data-mapping';

export const bluetoothPlugin = definePlugin({
  name: '@lake/source-bluetooth',
  version: '0.1.0',
  coreRange: '^0.1.0',
  stages: [new BluetoothInsert(), new BluetoothStandard(), new BluetoothReady(), new BluetoothPublish()],
  unitDataMappings: { knack: bluetoothUnitDataMapping },
  samples: [bluetoothSample],
});
