// `node --import tsx scripts/bundle-workflows.ts [path]`: the workflow bundle, built once (at image build) so a worker starts
// without bundling; the worker loads it when WORKFLOW_BUNDLE names the file.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { bundleWorkflows } from '../worker/index.js';

const out = resolve(process.argv[2] ?? 'dist/workflow-bundle.js');
const bundle = await bundleWorkflows();
await mkdir(dirname(out), { recursive: true });
await writeFile(out, bundle.code);
console.log(`wrote ${out} (${Math.round(bundle.code.length / 1024)} kB)`);
