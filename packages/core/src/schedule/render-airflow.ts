// An Apache Airflow DAG file: one BashOperator per run, chained per data source (insert >>
// standard >> ready [>> ready-agg] >> publish), so a stage starts when the one feeding it is done
// instead of at a wall time picked to leave it enough room. Written for Airflow 2.4+ and 3.
import { InvalidSchedule } from './schedule-errors';
import { commandWords, type ResolvedSchedule, type ScheduleEntry } from './resolve-schedule';
import { commonHeader, entryTitle, wrap } from './schedule-comments';
import { shellCommand } from './shell-quote';

// A date long past: with catchup=False the DAG only ever runs its next scheduled run.
const START_DATE = '2024, 1, 1';

const PYTHON_KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(' '),
);

export interface RenderedAirflow {
  text: string;
  warnings: string[];
}

export function renderAirflow(schedule: ResolvedSchedule): RenderedAirflow {
  const first = schedule.entries[0];
  const days = dayFields(first.cron);
  const warnings = schedule.entries
    .filter((entry) => dayFields(entry.cron) !== days)
    .map((entry) => `${entry.id} runs on "${entry.cron}", but the Airflow DAG runs on "${first.cron}" (its first entry's); in the DAG it runs on every DAG run`);
  const names = taskNames(schedule.entries);
  const anyCityNetwork = schedule.entries.some((entry) => entry.cityNetwork);

  const header = [
    ...commonHeader(schedule, 'airflow'),
    '',
    ...wrap(
      `The DAG starts at the time of the first entry (${first.cron}, ${schedule.timeZone}); every other task starts when ` +
        'the task before it in its data source has succeeded (the wall times of later entries are not used). ' +
        `Tasks marked "city network" go to the "${schedule.airflow.cityNetworkQueue}" queue: run a Celery worker inside the city ` +
        `network with \`airflow celery worker --queues ${schedule.airflow.cityNetworkQueue}\`.`,
    ),
    ...warnings.map((warning) => `Warning: ${warning}.`),
  ];

  const lines = [
    ...header.map(pythonComment),
    '',
    'from datetime import timedelta',
    '',
    'import pendulum',
    'from airflow import DAG',
    '',
    'try:  # Airflow 3 ships BashOperator in the standard provider',
    '    from airflow.providers.standard.operators.bash import BashOperator',
    'except ImportError:  # Airflow 2',
    '    from airflow.operators.bash import BashOperator',
    '',
    `TIME_ZONE = pendulum.timezone(${pythonString(schedule.timeZone)})`,
    `CITY_NETWORK_QUEUE = ${pythonString(schedule.airflow.cityNetworkQueue)}`,
    '',
    'default_args = {',
    `    "owner": ${pythonString(schedule.airflow.owner)},`,
    `    "retries": ${schedule.retries},`,
    `    "retry_delay": timedelta(minutes=${schedule.retryDelayMinutes}),`,
    '}',
    '',
    'with DAG(',
    `    dag_id=${pythonString(schedule.airflow.dagId)},`,
    `    description=${pythonString('lake: raw → standardized → ready → public')},`,
    `    schedule=${pythonString(first.cron)},`,
    `    start_date=pendulum.datetime(${START_DATE}, tz=TIME_ZONE),`,
    '    catchup=False,',
    '    max_active_runs=1,',
    '    default_args=default_args,',
    `    tags=[${['lake', ...(anyCityNetwork ? [schedule.airflow.cityNetworkQueue] : [])].map(pythonString).join(', ')}],`,
    ') as dag:',
  ];
  for (const entry of schedule.entries) {
    const name = names.get(entry) as string;
    lines.push(`    ${pythonComment(entryTitle(entry))}`);
    if (entry.cityNetwork) lines.push(`    # city network: only a worker of the ${schedule.airflow.cityNetworkQueue} queue can reach its source`);
    lines.push(
      `    ${name} = BashOperator(`,
      `        task_id=${pythonString(name)},`,
      `        bash_command=${pythonString(bashCommand(commandWords(schedule, entry), entry))},`,
      ...(entry.cityNetwork ? ['        queue=CITY_NETWORK_QUEUE,'] : []),
      `        doc_md=${pythonString(docOf(entry))},`,
      '    )',
      '',
    );
  }
  for (const chain of chains(schedule.entries)) {
    if (chain.length > 1) lines.push(`    ${chain.map((entry) => names.get(entry)).join(' >> ')}`);
  }
  return { text: `${lines.join('\n').replace(/\n+$/, '')}\n`, warnings };
}

/** Day of month, month and day of week: what decides on which days an entry runs. */
function dayFields(cron: string): string {
  return cron.split(' ').slice(2).join(' ');
}

/** Entries of each data source in schedule order (first appearance of the source first). */
function chains(entries: ScheduleEntry[]): ScheduleEntry[][] {
  const bySource = new Map<string, ScheduleEntry[]>();
  for (const entry of entries) {
    const chain = bySource.get(entry.dataSource) ?? [];
    chain.push(entry);
    bySource.set(entry.dataSource, chain);
  }
  return [...bySource.values()];
}

/** A Python identifier per entry that is also a valid, unique task id: `gs:ready-agg` → `gs_ready_agg`. */
function taskNames(entries: ScheduleEntry[]): Map<ScheduleEntry, string> {
  const names = new Map<ScheduleEntry, string>();
  const taken = new Set<string>();
  for (const entry of entries) {
    let base = entry.id.replace(/[^A-Za-z0-9_]/g, '_');
    if (/^[0-9]/.test(base)) base = `task_${base}`;
    if (PYTHON_KEYWORDS.has(base) || ['dag', 'default_args', 'pendulum', 'timedelta', 'DAG', 'BashOperator', 'TIME_ZONE', 'CITY_NETWORK_QUEUE'].includes(base)) base = `${base}_task`;
    let name = base;
    for (let suffix = 2; taken.has(name); suffix += 1) name = `${base}_${suffix}`;
    taken.add(name);
    names.set(entry, name);
  }
  return names;
}

/**
 * The shell command of a task. Airflow renders bash_command as a Jinja template, so a command
 * holding `{{`, `{%` or `{#` is wrapped in a raw block; and it takes a bash_command ending in
 * `.sh` or `.bash` for the name of a template file, unless a space follows.
 */
function bashCommand(words: string[], entry: ScheduleEntry): string {
  const command = shellCommand(words);
  if (/\{[{%#]/.test(command)) {
    if (/endraw/.test(command)) throw new InvalidSchedule(`schedule.entries["${entry.id}"]`, 'an argument holds "endraw", which cannot be escaped for Airflow\'s Jinja templates');
    return `{% raw %}${command}{% endraw %}`;
  }
  return /\.(sh|bash)$/.test(command) ? `${command} ` : command;
}

function docOf(entry: ScheduleEntry): string {
  const lines = [`\`lake ${entry.command}\`: ${entry.description ?? 'a lake command'}.`, `Configured time: \`${entry.cron}\`; in this DAG it starts after its upstream task, or with the DAG run when it has none.`];
  if (entry.cityNetwork) lines.push('Runs inside the city network.');
  return lines.join('\n\n');
}

/**
 * A Python string literal. ASCII controls, quotes, backslashes, lone surrogates and Unicode line
 * separators are escaped; other characters stay as they are (a Python 3 source file is UTF-8).
 */
export function pythonString(text: string): string {
  let literal = '"';
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (char === '"') literal += '\\"';
    else if (char === '\\') literal += '\\\\';
    else if (char === '\n') literal += '\\n';
    else if (char === '\r') literal += '\\r';
    else if (char === '\t') literal += '\\t';
    else if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) literal += `\\x${code.toString(16).padStart(2, '0')}`;
    else if ((code >= 0xd800 && code <= 0xdfff) || code === 0x2028 || code === 0x2029 || code === 0xfeff) literal += `\\u${code.toString(16).padStart(4, '0')}`;
    else literal += char;
  }
  return `${literal}"`;
}

function pythonComment(line: string): string {
  return line === '' ? '#' : `# ${line.replace(/[\r\n\u2028\u2029]+/g, ' ')}`;
}
