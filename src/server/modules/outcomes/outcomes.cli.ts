import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { type OutcomeImport, WIOA_DIMENSIONS, WIOA_PROGRAMS, type WioaProgram } from '../../../shared/schemas/outcomes.ts';
import { makeOps } from '../../platform/http.ts';
import type { Runtime } from '../../runtime.ts';
import { exportPirl, importPirl } from './pirl.service.ts';
import { importWages } from './wages.service.ts';
import { reportTable, wioaReport, wioaReportBy } from './wioa.service.ts';

// `braid import pirl|wages`, `braid export pirl`, `braid report wioa`. main.ts owns the program and
// hands over how to boot and find the tenant, so this file adds commands without editing its lines.

export interface CliHelpers {
  withRuntime<T>(fn: (rt: Runtime) => Promise<T>, workers?: boolean): Promise<T>;
  resolveTenant(rt: Runtime, slug: string | undefined): Promise<{ id: string; slug: string; name: string }>;
  tenantOption(): Option;
  say(line?: string): void;
}

const programYear = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 2000 || n > 2100)
    throw new InvalidArgumentError('a year, as 2024 (program year 1 July 2024 - 30 June 2025)');
  return n;
};
const quarter = (v: string) => {
  if (!/^\d{4}Q[1-4]$/.test(v)) throw new InvalidArgumentError('a quarter, as 2025Q2');
  return v;
};

function commandGroup(program: Command, name: string, description: string): Command {
  return program.commands.find((c) => c.name() === name) ?? program.command(name).description(description);
}

function printImport(say: (l?: string) => void, what: string, r: OutcomeImport): void {
  say(
    `${what} ${r.filename}: ${r.processedRows} row(s) · ${r.importedRows} imported or changed · ${r.unchangedRows} unchanged · ${r.rejectedRows} rejected (import ${r.id}).`,
  );
  if (r.errors.length > 0) {
    say('Rejected rows (line, element, reason):');
    for (const e of r.errors) say(`  line ${e.line}  ${e.element}  ${e.reason}`);
    if (r.rejectedRows > r.errors.length) say(`  … and more: GET /api/outcomes/imports/${r.id}/rejected lists them all.`);
  }
}

export function registerOutcomeCommands(program: Command, h: CliHelpers): void {
  const imports = commandGroup(program, 'import', 'Load data files');
  imports
    .command('pirl <file>')
    .description('Import a PIRL CSV (header: element numbers; one row per period, keyed by 100 and 900). Atomic and idempotent.')
    .addOption(h.tenantOption())
    .option('--org <id>', 'organization whose caseload new participants join (default: the intermediary)')
    .option('--skip-rejected', 'import the valid rows even when some are rejected (default: nothing is imported)')
    .action(async (file: string, opts: { tenant?: string; org?: string; skipRejected?: boolean }) => {
      await h.withRuntime(async (rt) => {
        const t = await h.resolveTenant(rt, opts.tenant);
        const { ops } = makeOps(rt.services, t.id, { userId: null, label: 'cli' });
        const result = await importPirl(ops, fs.createReadStream(file), {
          filename: path.basename(file),
          ownerOrganizationId: opts.org,
          skipRejected: opts.skipRejected,
        });
        printImport(h.say, 'PIRL', result);
        if (result.status === 'rejected') {
          h.say('Nothing was imported. Fix the rows above, or pass --skip-rejected to import the others.');
          process.exitCode = 2;
        } else if (result.rejectedRows > 0) process.exitCode = 2;
      }, false);
    });
  imports
    .command('wages <file>')
    .description('Import UI wage records (person_id,employer_fein,year,quarter,wages). Streams any size; a re-sent record replaces.')
    .addOption(h.tenantOption())
    .action(async (file: string, opts: { tenant?: string }) => {
      await h.withRuntime(async (rt) => {
        const t = await h.resolveTenant(rt, opts.tenant);
        const { ops } = makeOps(rt.services, t.id, { userId: null, label: 'cli' });
        const started = Date.now();
        const result = await importWages(ops, () => fs.createReadStream(file), {
          filename: path.basename(file),
          onProgress: (p) => process.stderr.write(`  … ${p.processed} rows read, ${p.rejected} rejected\n`),
        });
        printImport(h.say, 'Wage records', result);
        const seconds = (Date.now() - started) / 1000;
        h.say(`${Math.round(result.processedRows / Math.max(seconds, 0.001))} rows/s over ${seconds.toFixed(1)} s.`);
        if (result.status !== 'completed' || result.rejectedRows > 0) process.exitCode = 2;
      }, false);
    });

  const exports = commandGroup(program, 'export', 'Write data files');
  exports
    .command('pirl')
    .description('Write every period of participation in PIRL layout (identified data: the export is audited)')
    .addOption(h.tenantOption())
    .option('--out <file>', 'write here instead of standard output')
    .action(async (opts: { tenant?: string; out?: string }) => {
      await h.withRuntime(async (rt) => {
        const t = await h.resolveTenant(rt, opts.tenant);
        const { ops } = makeOps(rt.services, t.id, { userId: null, label: 'cli' });
        const out = opts.out ? fs.createWriteStream(opts.out, { mode: 0o600 }) : process.stdout;
        const count = await exportPirl(ops, async (chunk) => {
          if (!out.write(chunk)) await once(out, 'drain');
        });
        if (opts.out) {
          await new Promise<void>((resolve, reject) =>
            (out as fs.WriteStream).end((err?: Error | null) => (err ? reject(err) : resolve())),
          );
          h.say(`Wrote ${count} period(s) to ${opts.out}.`);
        }
      }, false);
    });

  const reports = commandGroup(program, 'report', 'Reports');
  reports
    .command('wioa')
    .description('WIOA primary indicators for program year N (1 July N - 30 June N+1)')
    .requiredOption('--program-year <year>', 'program year N', programYear)
    .addOption(new Option('--program <program>', 'program').choices([...WIOA_PROGRAMS]).default('all'))
    .option('--wage-data-through <quarter>', 'last quarter with wage data, as 2025Q2 (default: the latest loaded)', quarter)
    .addOption(new Option('--format <format>', 'output').choices(['json', 'table']).default('table'))
    .addOption(new Option('--by <group>', 'disaggregate (small cells suppressed)').choices([...WIOA_DIMENSIONS]))
    .addOption(h.tenantOption())
    .action(
      async (opts: {
        programYear: number;
        program: WioaProgram;
        wageDataThrough?: string;
        format: 'json' | 'table';
        by?: (typeof WIOA_DIMENSIONS)[number];
        tenant?: string;
      }) => {
        await h.withRuntime(async (rt) => {
          const t = await h.resolveTenant(rt, opts.tenant);
          const { ops } = makeOps(rt.services, t.id, { userId: null, label: 'cli' });
          const q = { programYear: opts.programYear, program: opts.program, wageDataThrough: opts.wageDataThrough };
          if (opts.by) {
            const by = await wioaReportBy(ops, { ...q, by: opts.by });
            if (opts.format === 'json') {
              h.say(JSON.stringify(by, null, 2));
              return;
            }
            const base = { programYear: by.programYear, program: by.program, wageDataThrough: by.wageDataThrough };
            h.say(reportTable({ ...base, indicators: by.total }));
            for (const g of by.groups) {
              const table = reportTable({ ...base, indicators: g.indicators })
                .split('\n')
                .slice(2)
                .join('\n');
              h.say(`\n${opts.by} = ${g.key}\n${table}`);
            }
            return;
          }
          const report = await wioaReport(ops, q);
          h.say(opts.format === 'json' ? JSON.stringify(report, null, 2) : reportTable(report));
        }, false);
      },
    );
}
