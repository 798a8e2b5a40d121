/* cuaderno's search worker: Material's own worker, plus the `tag:` prefix.
 *
 * Material lets a site provide its own search worker (the `search` entry of
 * the page's `__config`). This one loads Material's worker, named in the
 * `material` query parameter and served from the same folder, and rewrites
 * each query before Material sees it:
 *
 *   tag:s3 bucket   ->  +tags:s3 bucket    (only pages tagged aws.s3, ranked by "bucket")
 *   tag:aws.s3      ->  +tags:aws.s3
 *   -tag:price      ->  -tags:price        (pages without the tag)
 *
 * On a bilingual site it also keeps each interface to its own pages
 * (`interface` and `others` parameters: `es/`, or the root and the others).
 *
 * Pages list their tags in the search index: a note every tag of its blocks,
 * a topic page its own tag. Tag ids are split at `.` and `_` like words at
 * spaces, so `tag:s3` finds `aws.s3` and `tag:security` finds every
 * `security.*` tag. Everything else is Material's search, unchanged.
 */
(function () {
  "use strict";
  var SETUP = 0; // Material's SearchMessageType.SETUP
  var QUERY = 2; // Material's SearchMessageType.QUERY
  var TAG_SEPARATOR = "|\\.(?!\\d)|_";
  var TAG = /(^|\s)([+-]?)tags?:(\S+)/gi;

  // A bilingual site indexes both interfaces in one file: keep this page's.
  var params = new URL(self.location.href).searchParams;
  var prefix = params.get("interface") || "";
  var others = (params.get("others") || "").split(",").filter(Boolean);

  function inInterface(doc) {
    var location = String(doc.location || "");
    if (prefix) return location.indexOf(prefix) === 0;
    return !others.some(function (other) { return location.indexOf(other) === 0; });
  }

  function rewrite(query) {
    return query.replace(TAG, function (_match, space, sign, tag) {
      return space + (sign || "+") + "tags:" + tag.toLowerCase();
    });
  }

  var add = self.addEventListener.bind(self);
  self.addEventListener = function (type, listener, options) {
    if (type !== "message" || typeof listener !== "function") return add(type, listener, options);
    return add(type, function (event) {
      var message = event.data;
      if (message && message.type === SETUP && message.data && message.data.config) {
        var config = message.data.config;
        if (String(config.separator).indexOf(TAG_SEPARATOR) < 0) config.separator = config.separator + TAG_SEPARATOR;
        if (Array.isArray(message.data.docs)) message.data.docs = message.data.docs.filter(inInterface);
      }
      if (message && message.type === QUERY && typeof message.data === "string") {
        var data = { type: QUERY, data: rewrite(message.data) };
        return listener.call(self, new MessageEvent("message", { data: data }));
      }
      return listener.call(self, event);
    }, options);
  };
  var material = params.get("material");
  if (material && /^[\w.-]+\.js$/.test(material)) importScripts(material);
})();
