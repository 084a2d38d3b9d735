// The search worker of this site: Material's own worker (named in `?material=`; the
// build points every page's search here), with the messages between it and the page
// adapted in three ways:
//
// 1. The query is searched in the page's script: what is typed in the other script is
//    replaced first, with the index's `config.query_replacements` (characters, and whole
//    words where one Simplified character stands for several Traditional ones).
// 2. The query is cut into the index's own words, each of which a result must hold
//    (「香港交易所」 finds the measure with 香港 and 交易所, not every 香港). Material's
//    worker cuts Chinese queries too, but never lets a word end at the last character
//    of the query, so 交易所 would be lost: each known word is handed over with 〇, a
//    Han character Material's cutting then leaves out, after it.
// 3. Every matching section (a measure: 「15. 開啟閩港新領域合作」) is a result of its
//    own, linking to its anchor, instead of a line under its page's title.
//
// Message types are Material's (setup 0, query 2, result 3), for its pinned version.
"use strict";

var SETUP = 0;
var QUERY = 2;
var RESULT = 3;
var WORD_BREAK = "\u200b";
var LONGEST_WORD = 8;
var WORD_END = "\u3007";
var HAN_RUN = /^\p{sc=Han}+$/u;
// Han runs, and runs of other letters and digits; punctuation and query syntax drop out.
var QUERY_TOKEN = /\p{sc=Han}+|[^\p{sc=Han}\s\p{P}\p{S}]+/gu;

var replacementPattern = null;
var replacements = {};
var words = new Set();

function escapeForPattern(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function learnIndex(index) {
  replacements = index.config.query_replacements || {};
  var keys = Object.keys(replacements).sort(function (a, b) { return b.length - a.length; });
  replacementPattern = keys.length ? new RegExp(keys.map(escapeForPattern).join("|"), "g") : null;
  index.docs.forEach(function (doc) {
    (doc.title + WORD_BREAK + doc.text).split(WORD_BREAK).forEach(function (piece) {
      if (HAN_RUN.test(piece)) words.add(piece);
    });
  });
}

// Longest known word first; characters no known word starts with stay together.
function cutHan(run) {
  var pieces = [];
  var unknown = "";
  for (var start = 0; start < run.length;) {
    var length = Math.min(LONGEST_WORD, run.length - start);
    while (length > 0 && !words.has(run.substr(start, length))) length--;
    if (length === 0) {
      unknown += run[start++];
      continue;
    }
    if (unknown) pieces.push({ text: unknown, known: false });
    unknown = "";
    pieces.push({ text: run.substr(start, length), known: true });
    start += length;
  }
  if (unknown) pieces.push({ text: unknown, known: false });
  return pieces;
}

function adaptQuery(query) {
  if (replacementPattern) {
    query = query.replace(replacementPattern, function (found) { return replacements[found]; });
  }
  var terms = [];
  (query.match(QUERY_TOKEN) || []).forEach(function (token) {
    if (!HAN_RUN.test(token)) {
      terms.push("+" + token + "*");
      return;
    }
    cutHan(token).forEach(function (piece) {
      // An unknown piece may be a word still being typed: wanted, not required.
      terms.push(piece.known ? "+" + piece.text + WORD_END + "*" : piece.text);
    });
  });
  return terms.join(" ");
}

// Runs before Material's listener (registered first), changing the message it receives.
addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === SETUP) {
    learnIndex(message.data);
  } else if (message.type === QUERY) {
    message.data = adaptQuery(message.data);
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
    if (bestScore(page) > 0) groups.push(page);
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
