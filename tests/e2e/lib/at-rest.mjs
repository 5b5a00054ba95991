// Whether a secret can be read in what Hale stores at rest, for the passphrase lock's tests (the
// end-to-end specs and tests/js). A sealed row keeps in clear only a hashed id and its sealed text,
// both random-looking base64url; searching that text would find a short string like "151" by chance
// now and then, so it is decoded and its bytes are searched instead, and the rest of the row as text.
// Secrets are at least 3 bytes, so random bytes hold one about once in 10,000 runs at most.

/**
 * Whether `secret` is readable in `rows` (stored rows, or a sealed backup file's object).
 * @param {object[]} rows
 * @param {string} secret
 */
export function readableAtRest(rows, secret) {
  if (secret.length < 3) throw new Error(`"${secret}" is too short to look for in random bytes`);
  const wanted = Buffer.from(secret, "utf8");
  return rows.some((row) => {
    if (typeof row.sealed !== "string") return JSON.stringify(row).includes(secret);
    const { sealed, id, ...rest } = row;
    const idReadable = typeof id === "string" && !/^h\.[A-Za-z0-9_-]{22}$/.test(id) && id.includes(secret);
    return idReadable || JSON.stringify(rest).includes(secret) || Buffer.from(sealed, "base64url").includes(wanted);
  });
}
