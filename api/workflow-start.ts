// Starting a process from a route: the route writes the row first, so that a reader finds it at
// once; a start that fails takes the row back, so no row outlives a process that never ran.
/**
 * Runs `start` (a workflow start after the API wrote the row it projects to); if it fails, `undo`
 * takes the row back and the failure goes on.
 */
export async function startOrUndo<T>(start: () => Promise<T>, undo: () => Promise<unknown>): Promise<T> {
  try {
    return await start();
  } catch (err) {
    await undo();
    throw err;
  }
}
