// How the CLIs end (design.md): a UsageError is bad input, told as one line on stderr with
// exit code 2 and no stack trace; anything else is an internal error (exit 1).
export class UsageError extends Error {}

export async function runCli(tool: string, main: () => void | Promise<void>): Promise<void> {
  try {
    await main();
  } catch (e) {
    const usage = e instanceof UsageError;
    process.stderr.write(`entropy-lab ${tool}: ${usage ? '' : 'internal error: '}${(e as Error).message}\n`);
    process.exitCode = usage ? 2 : 1;
  }
}
