import { guard } from '../../core/guard.js';
import { messages, warnOnce } from '../../core/messages.js';

/**
 * The always-loaded half of a kind of guidance (surveys, playbooks, tours): the first use
 * loads its runtime chunk and makes the controller; uses until then wait in order. The
 * runtime then reads the messages accepted since init from the core
 * (`onMessage(l, true)`), so what happened while it loaded still counts.
 */
export function lazyController<M, C extends { destroy(): void }>(runtime: () => Promise<M>, make: (mod: M) => C, kind: string, file: string) {
  let controller: C | undefined;
  let queue: ((c: C) => void)[] | undefined;
  let stopped = false;
  return {
    /** Runs `f` on the controller, now or once it is made (loading the runtime on first use). */
    use(f: (c: C) => void): void {
      if (controller) return f(controller);
      if (queue) return void queue.push(f);
      queue = [f];
      // Guarded: a throw here would be an unhandled rejection in the host page.
      runtime().then(
        guard((mod: M) => {
          if (stopped) return;
          const c = (controller = make(mod));
          queue!.forEach((q) => q(c));
        }),
        (err) => warnOnce(messages.definitionLoad(kind, file, err), 'error'),
      );
    },
    /** The controller if it is made. */
    get: () => controller,
    /** Whether anything was asked of it yet (its runtime is loading or loaded). */
    started: () => !!queue,
    stop(): void {
      stopped = true;
      controller?.destroy();
    },
  };
}
