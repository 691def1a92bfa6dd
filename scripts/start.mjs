#!/usr/bin/env node
// `npm start [-- --gun=PATH | --simulate | --browser | ...]`: the station, whatever this machine has.
// The decisions are in start-lib.mjs (tested with fakes); node-deps.mjs hands it the real world.
import { nodeDeps } from './node-deps.mjs';
import { start } from './start-lib.mjs';

process.exit(await start(nodeDeps(process.argv.slice(2))));
