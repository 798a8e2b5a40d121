/* cuaderno: a file of the site, read as JSON (the tag index, the explorer's files, the search bundles' list). */

const GZIP = [0x1f, 0x8b]; // how a gzipped file begins

/**
 * Fetch `url` from the site and parse it; a failed response is an error naming its status and the file.
 * A gzipped file (`kb/tags.json.gz`) is unzipped here, unless the host already did (its
 * Content-Encoding): its first bytes tell.
 * @param {string | URL} url
 * @returns {Promise<any>}
 */
export async function fetchJson(url) {
  const response = await fetch(url, { credentials: "same-origin" });
  if (!response.ok) {
    const status = [response.status, response.statusText].filter(Boolean).join(" ");
    throw new Error(`${status} (${String(url)})`);
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes[0] !== GZIP[0] || bytes[1] !== GZIP[1]) return JSON.parse(new TextDecoder().decode(bytes));
  const unzipped = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return JSON.parse(await new Response(unzipped).text());
}
