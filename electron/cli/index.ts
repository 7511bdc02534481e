import { main } from './main';

// The entry point of out/main/cli.cjs; everything testable lives in ./main.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`evidence-locker: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
