// The public surface of src/cli/: other folders import only this file (npm run lint checks).
export { runCli, type CliIo } from './run';
