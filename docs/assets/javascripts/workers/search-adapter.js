// The search worker of this site: Material's own worker, with two changes made on
// the messages between it and the page (the build points each page's search at
// this file, and names Material's worker in `?material=`):
//
// - a query is searched in the page's script: characters (and, where one Simplified
//   character stands for several Traditional ones, whole words) typed in the other
//   script are replaced first, with the index's own `query_replacements`;
// - every matching section (a measure: 「15. 開啟閩港新領域合作」) is a result of its
//   own, linking to its anchor, instead of a line under its page's title.
//
// Message types are Material's (setup 0, query 2, result 3; pinned version).
"use strict";

var SETUP = 0;
var QUERY = 2;
var RESULT = 3;

var replacementPattern = null;
var replacements = {};

function escapeForPattern(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function toPageScript(query) {
  return replacementPattern ? query.replace(replacementPattern, function (found) { return replacements[found]; }) : query;
}

// Runs before Material's listener (registered first), changing the message it receives.
addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === SETUP) {
    replacements = message.data.query_replacements || {};
    delete message.data.query_replacements;
    var keys = Object.keys(replacements).sort(function (a, b) { return b.length - a.length; });
    replacementPattern = keys.length ? new RegExp(keys.map(escapeForPattern).join("|"), "g") : null;
  } else if (message.type === QUERY) {
    message.data = toPageScript(message.data);
  }
});

function bestScore(group) {
  return group.reduce(function (best, item) { return Math.max(best, item.score); }, 0);
}

// Material groups the matches of a page under the page; here each matching section
// stands alone, and a page stays a result only when the page itself matched.
function oneResultPerSection(results) {
  var groups = [];
  results.items.forEach(function (group) {
    var page = [];
    group.forEach(function (item) {
      if (item.location.indexOf("#") !== -1 && item.score > 0) {
        delete item.parent;
        groups.push([item]);
      } else {
        page.push(item);
      }
    });
    if (bestScore(page) > 0) {
      groups.push(page);
    }
  });
  groups.sort(function (a, b) { return bestScore(b) - bestScore(a); });
  results.items = groups;
  return results;
}

var postToPage = self.postMessage.bind(self);
self.postMessage = function (message) {
  postToPage(message && message.type === RESULT ? { type: RESULT, data: oneResultPerSection(message.data) } : message);
};

importScripts(new URL(location.href).searchParams.get("material"));
