import { commandIdClashes } from './command-id-clashes';

describe('commandIdClashes', () => {
  it('lists the ids of installed plugins that a first-party plugin already has', () => {
    expect(
      commandIdClashes([
        { name: '@lake/source-bluetooth', type: 'core', commandIDs: ['bt:insert', 'bt:ready'] },
        { name: 'clash-plugin', type: 'link', commandIDs: ['bt:insert', 'cp:hello'] },
        { name: 'other', type: 'user', commandIDs: ['ot:run'] },
      ]),
    ).toEqual([{ id: 'bt:insert', plugin: 'clash-plugin', owner: '@lake/source-bluetooth' }]);
  });

  it('finds nothing when only first-party plugins are installed', () => {
    expect(commandIdClashes([{ name: 'a', type: 'core', commandIDs: ['x:y'] }, { name: 'b', type: 'core', commandIDs: ['x:z'] }])).toEqual([]);
  });
});
