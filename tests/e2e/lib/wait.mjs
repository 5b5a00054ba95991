// Waiting for what a server holds or a page says, with the last thing read in the failure.

/** Waits until `check` holds (what the server holds is searched, never what Hale believes). */
export async function until(check, what, ms = 30000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Waits until `locator`'s text matches `pattern`; on timeout says what it read last. */
export async function untilText(locator, pattern, ms = 30000) {
  let last = null;
  await until(async () => {
    last = await locator.textContent({ timeout: 1000 }).catch(() => null);
    return last !== null && pattern.test(last);
  }, `${pattern} (last read: ${JSON.stringify(last)})`, ms).catch((e) => {
    throw new Error(`${e.message}; last read: ${JSON.stringify(last)}`);
  });
}
