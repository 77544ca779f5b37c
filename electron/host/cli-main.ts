import { invocationDir } from './args';
import { dropOutputToClosedPipes, runCli } from './cli';

dropOutputToClosedPipes();
// Relative file names and folders on the command line mean the user's folder, also under `npm run kontor`.
process.chdir(invocationDir(process.env, process.cwd()));
process.exitCode = await runCli(process.argv.slice(2));
