import type { ChildProcess } from "node:child_process";

/**
 * Typed request/reply over a forked child's IPC channel, for benches that run the app in its own process: the
 * returned function sends a request (if any) and waits for the next reply of the given type; a "failed" reply,
 * another type, or the child's exit rejects.
 */
export function ipcReplies<Reply extends { type: string }, Request>() {
  return function reply<T extends Reply["type"]>(
    child: ChildProcess,
    type: T,
    request?: Request,
  ): Promise<Extract<Reply, { type: T }>> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) =>
        reject(new Error(`app process exited (${code}) while waiting for "${type}"`));
      child.once("exit", onExit);
      child.once("message", (raw) => {
        child.off("exit", onExit);
        const msg = raw as Reply & { error?: string };
        if (msg.type === type) resolve(msg as Extract<Reply, { type: T }>);
        else reject(new Error(msg.type === "failed" ? String(msg.error) : `unexpected reply ${msg.type}`));
      });
      if (request) child.send(request as object);
    });
  };
}
