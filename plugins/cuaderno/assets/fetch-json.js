/* cuaderno: a file of the site, read as JSON (the tag index, the explorer's files, the search bundles' list). */

/**
 * Fetch `url` from the site and parse it; a failed response is an error naming its status and the file.
 * @param {string | URL} url
 * @returns {Promise<any>}
 */
export async function fetchJson(url) {
  const response = await fetch(url, { credentials: "same-origin" });
  if (!response.ok) {
    const status = [response.status, response.statusText].filter(Boolean).join(" ");
    throw new Error(`${status} (${String(url)})`);
  }
  return response.json();
}
