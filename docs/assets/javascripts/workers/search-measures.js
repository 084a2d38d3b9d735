// The site's search worker. Material's search box (9.8.1) talks to its worker in four
// messages, setup 0 (the index), ready 1, query 2 and result 3, and shows the result
// items it gets back as groups of {location, title, text, score, terms}: `title` as
// HTML, `text` only for a page's own section, and `terms` (the words found) passed on
// to the result's link as `?h=`, which Material highlights on the page one lands on.
// That exchange is all this worker shares with Material; it answers the queries
// itself, on the index of the page's script (scripts/measures_site/search_index.py):
//
// 1. The query is read in the page's script and in the text's forms: variant forms
//    folded (綫 → 線, 衞 → 衛, `config.variants`, which folds the text too), the other
//    script's characters replaced (`config.query_replacements`), Latin letters in any
//    case, and a synonym's text words added to it (`config.synonyms`: 文憑試 also finds
//    香港中學文憑考試).
// 2. It is cut into the index's words, longest first; each word found in the text is
//    weighed by how rare it is. A section holding every word the site has comes first,
//    then the others by the weight of what they hold. A section is a result only when
//    it holds a content word: two characters or more, a synonym, Latin letters or
//    digits, or a single character found in few sections, so that 在, 的 or 港 alone
//    never make results.
// 3. Each result is one section (a measure: 「15. 開啟閩港新領域合作」), its title and
//    the sentence that holds most of the words, the words marked. The sentence is part
//    of `title`, in a span of its own: Material would show `text` for a page, never
//    for a section of one.
"use strict";

var SETUP = 0;
var READY = 1;
var QUERY = 2;
var RESULT = 3;
var WORD_BREAKS = /\u200b/g;
var LONGEST_WORD = 8;
var HAN = /\p{sc=Han}/u;
// Han runs, and runs of other letters and digits; punctuation and query syntax drop out.
var QUERY_TOKEN = /\p{sc=Han}+|[^\p{sc=Han}\s\p{P}\p{S}]+/gu;
var LATIN_OR_DIGIT = /[0-9a-z]/;
// A single character in more of the sections than this says little of what is sought.
var COMMON_SHARE = 0.1;
var SENTENCE = /[^。；！？!?;]+[。；！？!?;]*/g;
var TITLE_WEIGHT = 1.5;
var EVERY_WORD = 1000;
var ENTITIES = { lt: "<", gt: ">", quot: '"', "#39": "'", amp: "&" };
// Of two sections alike, a measure comes first: measures are what readers look for.
var MEASURE = /#measure-\d+$/;

var sections = [];
var words = new Set();
var variants = {};
var replacements = {};
var replacementPattern = null;
var synonyms = {};

function escapeForPattern(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function escapeHtml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

// A section's text is HTML (paragraphs, lists): its words and sentences are in the text alone.
function plainText(html) {
  return html
    .replace(WORD_BREAKS, "")
    .replace(/<[^>]*>/g, " ")
    .replace(/&(lt|gt|quot|#39|amp);/g, function (entity, name) { return ENTITIES[name]; })
    .replace(/\s+/g, " ")
    .trim();
}

// Same length as `text`, one code unit for one: positions found in the folded text are
// those of the text itself.
function fold(text) {
  var folded = "";
  for (var i = 0; i < text.length; i++) {
    var character = variants[text[i]] || text[i];
    var lower = character.toLowerCase();
    folded += lower.length === 1 ? lower : character;
  }
  return folded;
}

function learnIndex(index) {
  var config = index.config;
  words = new Set();
  variants = config.variants || {};
  replacements = {};
  Object.keys(config.query_replacements || {}).forEach(function (key) {
    replacements[fold(key)] = config.query_replacements[key];
  });
  var keys = Object.keys(replacements).sort(function (a, b) { return b.length - a.length; });
  replacementPattern = keys.length ? new RegExp(keys.map(escapeForPattern).join("|"), "g") : null;
  synonyms = {};
  Object.keys(config.synonyms || {}).forEach(function (key) {
    synonyms[fold(key)] = config.synonyms[key].map(fold);
    if (HAN.test(key)) words.add(fold(key));
  });
  sections = index.docs.map(function (doc) {
    (doc.title + "\u200b" + doc.text).split("\u200b").forEach(function (piece) {
      if (piece && HAN.test(piece)) words.add(fold(piece));
    });
    var title = plainText(doc.title);
    var text = plainText(doc.text);
    return { location: doc.location, title: title, text: text, foldedTitle: fold(title), foldedText: fold(text) };
  });
}

// Longest known word first; a character no known word starts with stands alone.
function cutHan(run) {
  var pieces = [];
  for (var start = 0; start < run.length;) {
    var length = Math.min(LONGEST_WORD, run.length - start);
    while (length > 1 && !words.has(run.substr(start, length))) length--;
    pieces.push(run.substr(start, length));
    start += length;
  }
  return pieces;
}

function queryTerms(query) {
  query = fold(query);
  if (replacementPattern) query = query.replace(replacementPattern, function (found) { return replacements[found]; });
  query = fold(query);
  var terms = [];
  (query.match(QUERY_TOKEN) || []).forEach(function (token) {
    var pieces = HAN.test(token) ? cutHan(token) : [token];
    pieces.forEach(function (piece) {
      var alike = synonyms[piece] || [];
      terms.push({
        forms: [piece].concat(alike),
        latin: !HAN.test(piece),
        content: alike.length > 0 || piece.length > 1,
        single: HAN.test(piece) && piece.length === 1
      });
    });
  });
  return terms;
}

// [start, end) of every occurrence of the term in a folded text; Latin letters and
// digits from the start of a word (「ofc」 finds OFC, not 「ofcourse」's middle).
function occurrences(folded, term) {
  var spans = [];
  term.forms.forEach(function (form) {
    for (var at = folded.indexOf(form); at !== -1; at = folded.indexOf(form, at + 1)) {
      if (term.latin && at > 0 && LATIN_OR_DIGIT.test(folded[at - 1])) continue;
      spans.push([at, at + form.length]);
    }
  });
  return spans;
}

function marked(text, spans) {
  spans = spans.slice().sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
  var html = "";
  var done = 0;
  spans.forEach(function (span) {
    if (span[0] < done) return;
    html += escapeHtml(text.slice(done, span[0])) + "<mark>" + escapeHtml(text.slice(span[0], span[1])) + "</mark>";
    done = span[1];
  });
  return html + escapeHtml(text.slice(done));
}

// The sentence holding the most weight of the words found, first of equals.
function bestSentence(section, found) {
  var best = null;
  var sentence;
  SENTENCE.lastIndex = 0;
  while ((sentence = SENTENCE.exec(section.text)) !== null) {
    var start = sentence.index;
    var end = start + sentence[0].length;
    var weight = 0;
    var spans = [];
    found.forEach(function (hit) {
      var inside = hit.textSpans.filter(function (span) { return span[0] >= start && span[1] <= end; });
      if (inside.length) weight += hit.term.weight;
      inside.forEach(function (span) { spans.push([span[0] - start, span[1] - start]); });
    });
    if (best === null || weight > best.weight) best = { text: sentence[0], spans: spans, weight: weight };
  }
  return best;
}

function search(query) {
  var terms = queryTerms(query);
  var total = sections.length;
  terms.forEach(function (term) {
    term.hits = sections.map(function (section) {
      var titleSpans = occurrences(section.foldedTitle, term);
      var textSpans = occurrences(section.foldedText, term);
      return titleSpans.length || textSpans.length ? { term: term, titleSpans: titleSpans, textSpans: textSpans } : null;
    });
    var count = term.hits.filter(Boolean).length;
    term.weight = count ? Math.log(1 + total / count) : 0;
    // A single character counts as a word sought only when it is a word of the text, and rare.
    if (term.single && !term.content) term.content = words.has(term.forms[0]) && count <= total * COMMON_SHARE;
    // Shown and highlighted: the words sought, not the common characters among them.
    term.shown = term.content;
  });
  var onSite = terms.filter(function (term) { return term.weight > 0; });
  var results = [];
  sections.forEach(function (section, position) {
    var found = onSite.map(function (term) { return term.hits[position]; }).filter(Boolean);
    if (!found.some(function (hit) { return hit.term.content; })) return;
    var score = found.length === onSite.length ? EVERY_WORD : 0;
    found.forEach(function (hit) { score += hit.term.weight * (hit.titleSpans.length ? TITLE_WEIGHT : 1); });
    results.push({ section: section, found: found, score: score, position: position });
  });
  results.sort(function (a, b) {
    return b.score - a.score || MEASURE.test(b.section.location) - MEASURE.test(a.section.location) || a.position - b.position;
  });
  return results.map(function (result) {
    var section = result.section;
    var shown = result.found.filter(function (hit) { return hit.term.shown; });
    var sentence = bestSentence(section, shown);
    var terms = {};
    shown.forEach(function (hit) {
      hit.titleSpans.forEach(function (span) { terms[section.title.slice(span[0], span[1])] = true; });
      hit.textSpans.forEach(function (span) { terms[section.text.slice(span[0], span[1])] = true; });
    });
    var titleSpans = [].concat.apply([], shown.map(function (hit) { return hit.titleSpans; }));
    var title = marked(section.title, titleSpans);
    if (sentence) title += '<span class="md-search-result__sentence">' + marked(sentence.text, sentence.spans) + "</span>";
    return [{ location: section.location, title: title, text: "", score: result.score, terms: terms }];
  });
}

addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === SETUP) {
    learnIndex(message.data);
    postMessage({ type: READY });
  } else if (message.type === QUERY) {
    postMessage({ type: RESULT, data: { items: search(message.data) } });
  }
});
