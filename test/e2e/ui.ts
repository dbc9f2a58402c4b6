/**
 * Small Playwright helpers for driving the VS Code workbench (server build, web
 * client) the way a person does: Quick Open, the command palette, Go to Line,
 * the Problems panel, the lightbulb, hovers, the activity bar. Every wait polls
 * UI state with a timeout and fails naming what it expected to see.
 */
import type { Locator, Page } from 'playwright-core';

export const DEFAULT_TIMEOUT_MS = Number(process.env.BULKHEAD_E2E_WAIT_S || 30) * 1000;

/** Polls `fn` until it returns a truthy value; fails with "expected <what>" and the last value seen. */
export async function poll<T>(what: string, fn: () => Promise<T | undefined | null | false | ''>, timeoutMs = DEFAULT_TIMEOUT_MS, describe?: () => Promise<string>): Promise<T> {
  const end = Date.now() + timeoutMs;
  let lastError: unknown;
  for (let delay = 50; ; delay = Math.min(delay * 2, 400)) {
    try {
      const v = await fn();
      if (v) return v as T;
      lastError = undefined;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > end) {
      let seen = '';
      if (describe) seen = await describe().catch((e: Error) => `(could not describe: ${e.message})`);
      throw new Error(`expected ${what} within ${timeoutMs / 1000}s${seen ? `; saw: ${seen}` : ''}${lastError ? ` (last error: ${(lastError as Error).message})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, delay));
  }
}

/** Waits for a locator to be visible, failing with "expected <what>". */
export async function visible(loc: Locator, what: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<Locator> {
  try {
    await loc.first().waitFor({ state: 'visible', timeout: timeoutMs });
  } catch {
    throw new Error(`expected ${what} to be visible within ${timeoutMs / 1000}s`);
  }
  return loc.first();
}

export async function hidden(loc: Locator, what: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
  try {
    await loc.first().waitFor({ state: 'hidden', timeout: timeoutMs });
  } catch {
    throw new Error(`expected ${what} to go away within ${timeoutMs / 1000}s`);
  }
}

export class Workbench {
  constructor(readonly page: Page) {}

  async ready(): Promise<void> {
    await visible(this.page.locator('.monaco-workbench .part.statusbar'), 'the workbench (status bar)', 90000);
    await visible(this.page.locator('.monaco-workbench .part.activitybar'), 'the activity bar', 30000);
  }

  private quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /** Picks the first Quick Open / palette row whose text satisfies `match` after typing `text`. */
  private async pick(text: string, match: (row: string) => boolean, what: string): Promise<void> {
    const input = await visible(this.quickInput().locator('input'), 'the quick input box');
    await input.fill(text);
    const rows = this.quickInput().locator('.quick-input-list .monaco-list-row');
    const index = await poll(
      `a ${what} entry in the quick input list`,
      async () => {
        const texts = await rows.evaluateAll((rs) => rs.map((r) => r.getAttribute('aria-label') || r.textContent || ''));
        const i = texts.findIndex(match);
        return i >= 0 ? i + 1 : undefined;
      },
      DEFAULT_TIMEOUT_MS,
      async () => JSON.stringify(await rows.evaluateAll((rs) => rs.map((r) => r.getAttribute('aria-label') || r.textContent || ''))),
    );
    // move the focus to that row with the keyboard, then Enter
    await poll(
      `the ${what} entry focused in the quick input list`,
      async () => {
        const focused = (await this.quickInput().locator('.quick-input-list .monaco-list-row.focused').first().evaluate((r) => r.getAttribute('aria-label') || r.textContent || '').catch(() => '')) ?? '';
        if (focused && match(focused)) return true;
        await this.page.keyboard.press('ArrowDown');
        return false;
      },
      10000,
    );
    void index;
    await this.page.keyboard.press('Enter');
    await hidden(this.quickInput(), 'the quick input box');
  }

  /** Opens a workspace file through Quick Open (Ctrl+P) and waits for its tab. */
  async openFile(rel: string): Promise<void> {
    const base = rel.split('/').pop()!;
    await this.page.keyboard.press('Control+P');
    await this.pick(rel, (t) => t.includes(base) && t.replace(/\\/g, '/').includes(rel.split('/').slice(0, -1).join('/')), `"${rel}"`);
    await visible(this.page.locator(`.tabs-container .tab.active[aria-label*="${base}"]`), `an active editor tab for ${base}`);
    await visible(this.page.locator('.editor-instance .monaco-editor .view-lines'), `the text of ${base}`);
  }

  /** Runs a command from the palette (F1) by its label. */
  async command(label: string): Promise<void> {
    await this.page.keyboard.press('F1');
    await this.pick(`>${label}`, (t) => t.includes(label), `"${label}" command`);
  }

  /** Moves the cursor (Go to Line, Ctrl+G) to a 1-based line and column. */
  async goto(line: number, column: number): Promise<void> {
    await this.page.keyboard.press('Control+G');
    const input = await visible(this.quickInput().locator('input'), 'the Go to Line box');
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await hidden(this.quickInput(), 'the Go to Line box');
    await poll(`the cursor at Ln ${line}, Col ${column}`, async () => (await this.selectionStatus()).startsWith(`Ln ${line}, Col ${column}`), DEFAULT_TIMEOUT_MS, () => this.selectionStatus());
  }

  /** The status bar's cursor item, e.g. "Ln 3, Col 18 (17 selected)". */
  async selectionStatus(): Promise<string> {
    return ((await this.page.locator('[id="status.editor.selection"]').first().textContent()) ?? '').trim();
  }

  async save(): Promise<void> {
    await this.page.keyboard.press('Control+S');
    await hidden(this.page.locator('.tabs-container .tab.active.dirty'), 'the dirty marker on the active tab (file saved)');
  }

  async closeAllEditors(): Promise<void> {
    await this.command('View: Close All Editors');
    // a dirty editor would ask; none of the scenarios leaves one
    await hidden(this.page.locator('.tabs-container .tab'), 'every editor tab');
  }

  // --- Problems panel -------------------------------------------------------

  problemsPanel(): Locator {
    return this.page.locator('.markers-panel');
  }

  async showProblems(filter = ''): Promise<void> {
    if (!(await this.problemsPanel().isVisible())) {
      await this.command('View: Focus Problems');
    }
    await visible(this.problemsPanel(), 'the Problems panel');
    const box = await visible(this.page.locator('.panel .viewpane-filter input, .panel .markers-panel-action-filter input'), 'the Problems filter box');
    await box.fill(filter);
  }

  /** The text of each row the Problems panel shows (file rows and marker rows). */
  async problemRows(): Promise<string[]> {
    return this.problemsPanel()
      .locator('.monaco-list-row')
      .evaluateAll((rs) => rs.map((r) => (r.getAttribute('aria-label') || '') + ' || ' + (r.textContent || '')));
  }

  /** Waits until the Problems panel (filtered by `filter`) satisfies `ok`. */
  async waitProblems(what: string, ok: (rows: string[]) => boolean, filter?: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<string[]> {
    if (filter !== undefined) await this.showProblems(filter);
    return poll(
      what,
      async () => {
        const rows = await this.problemRows();
        return ok(rows) ? rows : undefined;
      },
      timeoutMs,
      async () => JSON.stringify(await this.problemRows()),
    );
  }

  // --- editor decorations, hovers, lightbulb --------------------------------

  /**
   * Whether a squiggle of `kind` (error|warning|info) covers exactly the
   * characters [col, endCol) of `line` (1-based) in the active editor: the
   * decoration's box and the token's rendered box agree within 2px.
   */
  async squiggleOn(line: number, col: number, endCol: number): Promise<{ ok: boolean; detail: string }> {
    return this.page.evaluate(
      ({ line, col, endCol }) => {
        /* eslint-disable @typescript-eslint/no-explicit-any */
        const g = globalThis as any;
        const document = g.document;
        const NodeFilter = g.NodeFilter;
        type HTMLElement = any;
        const editor = document.querySelector('.editor-instance .monaco-editor') as HTMLElement | null;
        if (!editor) return { ok: false, detail: 'no editor' };
        const nums = Array.from(editor.querySelectorAll('.margin .line-numbers')) as HTMLElement[];
        const num = nums.find((n) => n.textContent?.trim() === String(line));
        if (!num) return { ok: false, detail: `line ${line} not rendered` };
        const top = num.getBoundingClientRect().top;
        const lines = Array.from(editor.querySelectorAll('.view-lines .view-line')) as HTMLElement[];
        const vl = lines.find((l) => Math.abs(l.getBoundingClientRect().top - top) < 2);
        if (!vl) return { ok: false, detail: `no view line at line ${line}` };
        // locate characters col-1 .. endCol-1 in the rendered text
        const walker = document.createTreeWalker(vl, NodeFilter.SHOW_TEXT);
        type N = { textContent: string | null } | null;
        let offset = 0;
        const range = document.createRange();
        let started = false;
        let done = false;
        for (let n: N = walker.nextNode(); n && !done; n = walker.nextNode()) {
          const len = n.textContent!.length;
          if (!started && col - 1 < offset + len) {
            range.setStart(n, col - 1 - offset);
            started = true;
          }
          if (started && endCol - 1 <= offset + len) {
            range.setEnd(n, endCol - 1 - offset);
            done = true;
          }
          offset += len;
        }
        if (!done) return { ok: false, detail: `line ${line} has only ${offset} characters rendered` };
        const tok = range.getBoundingClientRect();
        const squiggles = Array.from(editor.querySelectorAll('.view-overlays [class*="squiggly-"]')) as HTMLElement[];
        const boxes: { r: { left: number; right: number; top: number; bottom: number }; c: string }[] = squiggles.map((s) => ({ r: s.getBoundingClientRect(), c: String(s.className) }));
        const hit = boxes.find((b) => Math.abs(b.r.left - tok.left) < 2.5 && Math.abs(b.r.right - tok.right) < 2.5 && b.r.top < tok.bottom && b.r.bottom > tok.top);
        const near = boxes.filter((b) => b.r.top < tok.bottom + 2 && b.r.bottom > tok.top - 2).map((b) => `${b.c.match(/squiggly-\w+/)?.[0]}@${Math.round(b.r.left)}-${Math.round(b.r.right)}`);
        return {
          ok: !!hit,
          detail: `token "${range.toString()}" at x ${Math.round(tok.left)}-${Math.round(tok.right)}; squiggles on that line: ${near.join(', ') || 'none'}`,
        };
      },
      { line, col, endCol },
    );
  }

  /** Shows the hover at the cursor (Ctrl+K Ctrl+I) and waits until its text contains every `needle`. */
  async hoverText(needles: string[]): Promise<string> {
    const hover = this.page.locator('.monaco-editor .monaco-hover:not(.hidden), .monaco-editor-hover:not(.hidden)');
    return poll(
      `a hover containing ${needles.map((n) => JSON.stringify(n)).join(' and ')}`,
      async () => {
        if (!(await hover.first().isVisible())) {
          await this.page.keyboard.press('Control+K');
          await this.page.keyboard.press('Control+I');
          await hover.first().waitFor({ state: 'visible', timeout: 3000 }).catch(() => undefined);
        }
        const t = (await hover.allTextContents()).join('\n');
        return needles.every((n) => t.includes(n)) ? t : undefined;
      },
      DEFAULT_TIMEOUT_MS,
      async () => (await hover.allTextContents()).join('\n').slice(0, 600) || 'no hover',
    );
  }

  actionWidget(): Locator {
    return this.page.locator('.action-widget');
  }

  /** Opens the lightbulb menu (Ctrl+.) and returns the titles it lists. */
  async quickFixes(mustInclude: (titles: string[]) => boolean, what: string): Promise<string[]> {
    const rows = this.actionWidget().locator('.monaco-list-row');
    return poll(
      what,
      async () => {
        if (!(await this.actionWidget().isVisible())) {
          await this.page.keyboard.press('Control+.');
          await this.actionWidget().waitFor({ state: 'visible', timeout: 5000 }).catch(() => undefined);
        }
        const titles = (await rows.allTextContents()).map((t) => t.trim());
        if (mustInclude(titles)) return titles;
        await this.page.keyboard.press('Escape');
        return undefined;
      },
      DEFAULT_TIMEOUT_MS,
      async () => JSON.stringify((await rows.allTextContents()).map((t) => t.trim())),
    );
  }

  /** Applies the lightbulb entry whose text starts with `title`. */
  async applyQuickFix(title: string): Promise<void> {
    await this.quickFixes((ts) => ts.some((t) => t.startsWith(title)), `a quick fix starting with "${title}" in the lightbulb menu`);
    // keyboard, as a person does (the menu's pointer block swallows synthetic clicks)
    await poll(
      `the lightbulb entry "${title}" focused`,
      async () => {
        const focused = ((await this.actionWidget().locator('.monaco-list-row.focused').first().textContent().catch(() => '')) ?? '').trim();
        if (focused.startsWith(title)) return true;
        await this.page.keyboard.press('ArrowDown');
        return false;
      },
      10000,
    );
    await this.page.keyboard.press('Enter');
    await hidden(this.actionWidget(), 'the lightbulb menu');
  }
}
