// The entry of dist/chunks/cli.cjs: the whole CLI as one classic script, which the launcher
// (dist/kaizen.cjs) compiles with V8's code cache.
import { runProcess } from './process.js';

void runProcess(process.argv.slice(2));
