import type { Page } from '@playwright/test';

/**
 * Watches, inside the page, what opening one record costs the renderer (docs/security.md,
 * "A 16 MiB testimony"):
 *
 * - `arrivedAt`: when the answer to `records.get` reached the page. The harness carries it over
 *   Playwright's binding (seconds for 16 MiB; the app uses Electron's IPC), so the renderer's
 *   own part is measured from here;
 * - `paintedAt`: the first frame after the body's text is in the page (a MutationObserver sees
 *   the text, then the next animation frame and the task after it: the frame has been painted);
 * - `longestTaskMs`: the longest task on the page's main thread from the start of watching
 *   (Chromium's `longtask` entries, tasks over 50 ms; 0 when there was none).
 */
export interface FirstPaint {
  startedAt: number;
  arrivedAt: number | null;
  paintedAt: number | null;
  longestTaskMs: number;
}

interface Watch {
  startedAt: number;
  arrivedAt: number | null;
  paintedAt: number | null;
  longestTaskMs: number;
  stop(): void;
}

/** Starts watching; `bodySelector` matches the body's element, `text` is its first words. */
export async function watchFirstPaint(page: Page, bodySelector: string, text: string) {
  await page.evaluate(
    ({ selector, start }) => {
      const w = window as unknown as {
        __tvaultInvoke(channel: string, request: unknown): Promise<unknown>;
        __firstPaint?: Watch;
      };
      w.__firstPaint?.stop();
      const watch: Watch = {
        startedAt: performance.now(),
        arrivedAt: null,
        paintedAt: null,
        longestTaskMs: 0,
        stop: () => undefined,
      };
      const invoke = w.__tvaultInvoke;
      w.__tvaultInvoke = async (channel, request) => {
        const answer = await invoke(channel, request);
        if (channel === 'records.get') watch.arrivedAt ??= performance.now();
        return answer;
      };
      const tasks = new PerformanceObserver((list) => {
        for (const entry of list.getEntries())
          watch.longestTaskMs = Math.max(watch.longestTaskMs, Math.round(entry.duration));
      });
      tasks.observe({ type: 'longtask' });
      const shown = () => document.querySelector(selector)?.textContent?.includes(start) === true;
      const mutations = new MutationObserver(() => {
        if (watch.paintedAt !== null || !shown()) return;
        mutations.disconnect();
        requestAnimationFrame(() =>
          setTimeout(() => {
            watch.paintedAt = performance.now();
          }),
        );
      });
      mutations.observe(document.body, { childList: true, subtree: true, characterData: true });
      watch.stop = () => {
        mutations.disconnect();
        tasks.disconnect();
        w.__tvaultInvoke = invoke;
      };
      w.__firstPaint = watch;
    },
    { selector: bodySelector, start: text },
  );
}

/** What was seen, once the body has painted (waits for it). */
export async function firstPaint(page: Page): Promise<FirstPaint> {
  await page.waitForFunction(
    () => (window as unknown as { __firstPaint: Watch }).__firstPaint.paintedAt !== null,
    null,
    { timeout: 120_000 },
  );
  return page.evaluate(async () => {
    // Long-task entries are delivered after the task: let the last ones arrive.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const { startedAt, arrivedAt, paintedAt, longestTaskMs, stop } = (
      window as unknown as { __firstPaint: Watch }
    ).__firstPaint;
    stop();
    return { startedAt, arrivedAt, paintedAt, longestTaskMs };
  });
}
