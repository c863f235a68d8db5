/* global process, console, performance */
/**
 * Runs the built pipeline CLI (dist/, as `npm run pipeline` does) in this process and reports what the
 * process cost, for bench/bench.ts:
 *
 *   node bench/measure.mjs --cohort <dir> --out <dir> --no-png --timings json
 *
 * Prints the pipeline's own output, then one last line
 * `{"measure":{"exit":0,"loadMs":…,"mainMs":…,"cpuMs":…,"maxRssMB":…}}`: loadMs is the time from
 * process start until the pipeline's modules are loaded (Node start-up and imports; the runner is
 * imported here too, which cli.js itself loads only once the options are read), mainMs the time in
 * main(), cpuMs the user + system CPU time of the process, and maxRssMB the peak resident set size of
 * the whole process (process.resourceUsage().maxRSS).
 */
const { main } = await import('../dist/pipeline/cli/cli.js');
await import('../dist/pipeline/run.js');

const loadMs = performance.now();
const code = await main(process.argv.slice(2));
const mainMs = performance.now() - loadMs;
const usage = process.resourceUsage();
const maxRssMB = usage.maxRSS / 1024;
// CPU time of the whole process (all threads), less disturbed than wall time by other load on the machine.
const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
console.log(JSON.stringify({ measure: { exit: code, loadMs, mainMs, cpuMs, maxRssMB } }));
process.exitCode = code;
