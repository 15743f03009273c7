// The hand-written YAML reads back, with the `yaml` package, as the data it was written from —
// including strings YAML would otherwise take for numbers, booleans, times or comments.
import { parse } from 'yaml';
import { yamlComments, yamlLines, yamlString, type YamlValue } from './yaml-text';

const TRICKY_STRINGS = [
  'America/Chicago',
  'true',
  'NO',
  'on',
  'null',
  '~',
  '0',
  '01:30',
  '1e3',
  '0x1F',
  '30 0 * * *',
  '- item',
  '-r',
  'key: value',
  '# not a comment',
  'a #b',
  "it's",
  'say "hi"',
  'back\\slash',
  'line\nbreak',
  'tab\there',
  '\u0007bell \u007fdel \u0085nel \u009fapc',
  '\ufeffbom',
  'ünïcödé → ✓',
  '',
  ' leading and trailing ',
  '[flow]',
  '{flow}',
  '&anchor',
  '*alias',
  '!tag',
  '%directive',
  '@at',
  '`tick`',
  '|',
  '>',
];

describe('yamlString', () => {
  it('writes unmistakable words bare', () => {
    expect(yamlString('CronJob')).toBe('CronJob');
    expect(yamlString('batch/v1')).toBe('batch/v1');
    expect(yamlString('lake-bt-insert')).toBe('lake-bt-insert');
  });

  it.each(TRICKY_STRINGS.map((text) => [text]))('reads %j back as the same string', (text) => {
    expect(parse(`value: ${yamlString(text)}\n`)).toEqual({ value: text });
  });
});

describe('yamlLines', () => {
  it('writes nested mappings and sequences that read back as the same data', () => {
    const data: YamlValue = {
      apiVersion: 'batch/v1',
      metadata: { name: 'lake-bt-insert', labels: { 'app.kubernetes.io/name': 'lake', 'lake/city-network': 'true' } },
      spec: {
        backoffLimit: 2,
        suspend: false,
        nothing: null,
        emptyList: [],
        emptyMap: {},
        containers: [{ name: 'lake', args: ['bt:insert', '-s', '60'], env: [{ name: 'A', value: '1' }] }, { name: 'second', ports: [] }],
        matrix: [['a', 'b'], [], [{ deep: ['x'] }]],
        scalars: ['plain', 7, true, null],
      },
    };
    expect(parse(yamlLines(data).join('\n'))).toEqual(data);
  });

  it('leaves out undefined members', () => {
    expect(yamlLines({ a: 'x', b: undefined, c: { d: undefined } })).toEqual(['a: x', 'c: {}']);
  });
});

describe('yamlComments', () => {
  it('keeps a line break in the text from ending the comment', () => {
    const text = [...yamlComments(['one', '', 'two\nkind: Injected']), 'kind: CronJob'].join('\n');
    expect(parse(text)).toEqual({ kind: 'CronJob' });
  });
});
