// Where the core reports failures it cannot hand to a caller. Details are technical only: the method,
// the error's type and code, and the stack frames, never the error message (it may quote an input
// such as a patient's name).
export interface Logger {
  error(event: string, detail: Record<string, unknown>): void;
}

export const consoleLogger: Logger = {
  error: (event, detail) => console.error(`[core] ${event}`, JSON.stringify(detail)),
};

export function describeUnexpected(e: unknown): Record<string, unknown> {
  if (!(e instanceof Error)) return { type: typeof e };
  const code = (e as { code?: unknown }).code;
  const frames = (e.stack ?? '').split('\n').filter((l) => l.trimStart().startsWith('at '));
  return { name: e.name, ...(typeof code === 'string' ? { code } : {}), stack: frames.slice(0, 12).map((l) => l.trim()) };
}
