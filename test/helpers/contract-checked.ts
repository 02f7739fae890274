/**
 * Handlers whose every answer is held to the IPC contract, for the tests (vitest's and the e2e harness's):
 * an answer the contract refuses throws, and so does one with a field the contract does not name (which
 * main's dispatch would strip). No handler relies on that strip, and this keeps it so.
 */
import { METHODS } from '../../src/shared/channels';
import { contract, type Handlers } from '../../src/shared/contract';

export function contractChecked(handlers: Handlers): Handlers {
  const checked: Record<string, (request: unknown) => Promise<unknown>> = {};
  for (const method of METHODS) {
    checked[method] = async (request) => {
      const answer = await (handlers[method] as (request: unknown) => Promise<unknown>)(request);
      const parsed = contract[method].response.safeParse(answer);
      const unnamed = parsed.success ? fieldsLeftOut(answer, parsed.data) : [];
      const problem = !parsed.success
        ? `${method} answered outside the contract: ${parsed.error.message}`
        : unnamed.length > 0
          ? `${method} answered fields the contract does not name: ${unnamed.join(', ')}`
          : null;
      if (problem) {
        // Said here too: through dispatch, the window sees only that something went wrong inside.
        console.error(problem);
        throw new Error(problem);
      }
      return answer;
    };
  }
  return checked as unknown as Handlers;
}

/** Where `answer` holds a field (with a value) that `parsed`, the contract's reading of it, left out. */
function fieldsLeftOut(answer: unknown, parsed: unknown, at = ''): string[] {
  if (Array.isArray(answer)) return answer.flatMap((item, i) => fieldsLeftOut(item, Array.isArray(parsed) ? parsed[i] : undefined, `${at}[${i}]`));
  if (answer === null || typeof answer !== 'object') return [];
  const kept = parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  return Object.entries(answer).flatMap(([key, value]) =>
    value === undefined ? [] : key in kept ? fieldsLeftOut(value, kept[key], `${at}.${key}`) : [`${at}.${key}`],
  );
}
