// The site's search worker. Material's search box (9.8.1) talks to its worker in four
// messages, setup 0 (the index), ready 1, query 2 and result 3, and shows the result
// items it gets back as groups of {location, title, text, score, terms}: `title` as
// HTML, `text` only for a page's own section, and `terms` (the words found) passed on
// to the result's link as `?h=`, which Material highlights on the page one lands on.
// That exchange is all this worker shares with Material; it answers the queries
// itself, on the index of the page's script (scripts/measures_site/site/search_index.py):
//
// 1. The query is read in the page's script and in the text's forms: variant forms
//    folded (綫 → 線, 衞 → 衛, `config.variants`, which folds the text too), the other
//    script's characters replaced (`config.query_replacements`), Latin letters in any
//    case, and a synonym's text words added to it (`config.synonyms`: 文憑試 also finds
//    香港中學文憑考試).
// 2. It is cut into the index's words, longest first, or into parts of the text's names
//    (`config.names`: 集成 of 集成電路) where those are longer; a short form
//    (`config.short_forms`: 世遺) also finds its names. Each word found in the text is
//    weighed by how rare it is, and by how it was found: a whole word of the text counts
//    fully, a name through its short form less, a part of a word less again, and a name
//    one character off (武夷學園 for 武夷學院: a query word the text lacks, as long as the
//    name, differing at one place; or a synonym or short form so, 文憑式 for 文憑試) least.
//    A section holding every word the site has comes first, then the others by the weight
//    of what they hold.
// 3. A section is a result only when it holds a content word (two characters or more, a
//    synonym, Latin letters or digits, or a single character found in few sections, so
//    that 在, 的 or 港 alone never make results) and covers more than MIN_COVERAGE of the
//    query's content: the weight of the content words it holds, against that of all of
//    them, characters that are no word of the text (天氣預報) counting as unseen words as
//    heavy as the query's rarest word. So a query about what the site does not hold finds
//    nothing even when one of its common words is on the site. A measure holding a
//    specific word of the query whole (`config.specific_words`, names and terms rare in
//    the language: 武夷山; Latin letters: REITs) is a result whatever else the query holds
//    (武夷山國家公園), listed after the results that cover the query; so is a measure
//    holding two rare words of a long question (LONG_QUESTION: 我想知道香港大學生去福建實習
//    可以點樣報名), which is more words than content.
// 4. Each result is one section (a measure: 「15. 開啟閩港新領域合作」), its title and
//    the sentence that holds most of the words, the words marked. The sentence is part
//    of `title`, in a span of its own: Material would show `text` for a page, never
//    for a section of one.
"use strict";

var SETUP = 0;
var READY = 1;
var QUERY = 2;
var RESULT = 3;
// Where the index's texts break between words, and the address of a measure's section: read
// from the index's config (search_index.py), which is made with them.
var WORD_BREAK = "";
var WORD_BREAKS = null;
var SPACES = null;
var EDGE_SPACES = null;
var MEASURE = null;
var LONGEST_WORD = 8;
var HAN = /\p{sc=Han}/u;
// Han runs, and runs of other letters and digits; punctuation and query syntax drop out.
var QUERY_TOKEN = /\p{sc=Han}+|[^\p{sc=Han}\s\p{P}\p{S}]+/gu;
var LATIN_OR_DIGIT = /[0-9a-z]/;
// A term of Latin letters (REITs, OFC) is as specific as a name; digits alone (2023) are not.
var LATIN_LETTERS = /^(?=.*[a-z])[0-9a-z]{2,}$/;
// A single character in more of the sections than this says little of what is sought.
var COMMON_SHARE = 0.1;
// A sentence ends at its punctuation, or where its list item or paragraph does (a report of
// progress ends with its source, 「來源：example.org」, and no full stop).
var BLOCK_END = "\u001e";
var SENTENCE = /[^。；！？!?;\u001e\s][^。；！？!?;\u001e]*[。；！？!?;]*/g;
var TITLE_WEIGHT = 1.5;
var EVERY_WORD = 1000;
// How much a word found counts, by how it was found (see 2. above).
var WHOLE = 1;
var SHORT_FORM = 0.8;
var PART = 0.6;
var SLIP = 0.4;
// The shortest query word matched one character off: shorter ones are too often another word.
// A synonym's or a short form's is shorter (文憑式 for 文憑試, 投恰會 for 投洽會): fewer of them.
var SHORTEST_SLIP = 4;
var SHORTEST_TERM_SLIP = 3;
// The share of the query's content a result must cover more than (MAINTAINERS.md, Search:
// the figures): a common word and as much that the site does not hold (香港樓價) is not enough.
var MIN_COVERAGE = 0.5;
// A query this long (in characters) is a question: two of its rare words in a measure say
// what it asks, whatever it holds besides.
var LONG_QUESTION = 12;
// Two characters the site has no word for are about one unseen word.
var CHARACTERS_PER_UNSEEN_WORD = 2;
var ENTITIES = { lt: "<", gt: ">", quot: '"', "#39": "'", amp: "&" };

var sections = [];
var words = new Set();
var variants = {};
var replacements = {};
var replacementPattern = null;
var synonyms = {};
var shortForms = {};
var parts = new Set();
var namesByLength = {};
var termsByLength = {};
var CASED = null;
var foldable = /(?!)/g;
var askingWords = new Set();
var specificWords = new Set();

function escapeForPattern(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function escapeHtml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

// A section's text is HTML (paragraphs, lists): its words and sentences are in the text alone.
function plainText(html) {
  return segmentedText(html).replace(WORD_BREAKS, "");
}

// Where the index's words begin and end in the plain text: a Han word found there is
// found whole, elsewhere as a part of a word.
function wordBounds(segmented) {
  var text = segmented.replace(WORD_BREAKS, "");
  var bounds = new Uint8Array(text.length + 1);
  bounds[0] = bounds[text.length] = 1;
  for (var i = 0, at = 0; i < segmented.length; i++) {
    if (segmented[i] === WORD_BREAK) bounds[at] = 1;
    else at++;
  }
  // Character codes rather than HAN, once per character of the site: the same ranges as
  // segment.py's Han runs, the ones the index's word breaks are in.
  for (var j = 1, before = hanCode(text.charCodeAt(0)); j < text.length; j++) {
    var here = hanCode(text.charCodeAt(j));
    if (!before || !here) bounds[j] = 1;
    before = here;
  }
  return bounds;
}

function hanCode(code) {
  return (code >= 0x3400 && code <= 0x4dbf) || (code >= 0x4e00 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff);
}

function segmentedText(html) {
  return html
    .replace(/<\/(li|p)>/g, BLOCK_END)
    .replace(/<[^>]*>/g, " ")
    .replace(/&(lt|gt|quot|#39|amp);/g, function (entity, name) { return ENTITIES[name]; })
    .replace(SPACES, " ")
    .replace(EDGE_SPACES, "");
}

// Same length as `text`, one code unit for one: positions found in the folded text are
// those of the text itself. Only the code units it changes are replaced (`foldable`): the
// site's whole text is folded before the first query.
function fold(text) {
  return text.replace(foldable, foldCodeUnit);
}

function foldCodeUnit(unit) {
  var character = variants[unit] || unit;
  var lower = character.toLowerCase();
  return lower.length === 1 ? lower : character;
}

// The code units that have a lower case of one code unit (A, Ａ, Ä …), as a character class.
function casedCodeUnits() {
  var ranges = "";
  for (var unit = 0; unit < 0x10000; unit++) {
    if (unit >= 0xd800 && unit <= 0xdfff) continue;
    var character = String.fromCharCode(unit);
    var lower = character.toLowerCase();
    if (lower !== character && lower.length === 1) ranges += codeUnitEscape(unit);
  }
  return ranges;
}

function codeUnitEscape(unit) {
  return "\\u" + ("000" + unit.toString(16)).slice(-4);
}

function learnIndex(index) {
  var config = index.config;
  WORD_BREAK = config.word_break;
  var wordBreak = escapeForPattern(WORD_BREAK);
  WORD_BREAKS = new RegExp(wordBreak, "g");
  SPACES = new RegExp("(?:\\s|" + wordBreak + ")*\\s(?:\\s|" + wordBreak + ")*", "g");
  EDGE_SPACES = new RegExp("^(?:\\s|" + wordBreak + ")+|(?:\\s|" + wordBreak + ")+$", "g");
  // Of two sections alike, a measure comes first: measures are what readers look for.
  MEASURE = new RegExp(config.measure_location);
  words = new Set();
  variants = config.variants || {};
  CASED = CASED || casedCodeUnits();
  var variantUnits = Object.keys(variants).filter(function (key) { return key.length === 1; });
  foldable = new RegExp("[" + CASED + variantUnits.map(function (key) { return codeUnitEscape(key.charCodeAt(0)); }).join("") + "]", "g");
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
  shortForms = {};
  Object.keys(config.short_forms || {}).forEach(function (key) {
    shortForms[fold(key)] = config.short_forms[key].map(fold);
    if (HAN.test(key)) words.add(fold(key));
  });
  askingWords = new Set((config.asking_words || []).map(fold));
  termsByLength = {};
  Object.keys(synonyms).concat(Object.keys(shortForms)).forEach(function (term) {
    if (HAN.test(term) && term.length >= SHORTEST_TERM_SLIP) (termsByLength[term.length] = termsByLength[term.length] || []).push(term);
  });
  specificWords = new Set((config.specific_words || []).map(fold));
  sections = index.docs.map(function (doc) {
    (doc.title + WORD_BREAK + doc.text).split(WORD_BREAK).forEach(function (piece) {
      if (piece && HAN.test(piece)) words.add(fold(piece));
    });
    var title = segmentedText(doc.title);
    var text = segmentedText(doc.text);
    return {
      location: doc.location,
      title: title.replace(WORD_BREAKS, ""),
      text: text.replace(WORD_BREAKS, ""),
      foldedTitle: fold(title.replace(WORD_BREAKS, "")),
      foldedText: fold(text.replace(WORD_BREAKS, "")),
      titleBounds: wordBounds(title),
      textBounds: wordBounds(text)
    };
  });
  // The parts a query word may be: any of a word of the text (展銷 of 展銷會), and of a
  // name (its words apart by U+200B) those that begin or end where one of its words does
  // (成電路 of 集成|電路, 生物醫 of 生物|醫藥; not 澳大 of 粵港澳|大灣|區).
  parts = new Set();
  namesByLength = {};
  (config.names || []).forEach(function (segmented) {
    var name = fold(segmented.replace(WORD_BREAKS, ""));
    (namesByLength[name.length] = namesByLength[name.length] || []).push(name);
    addParts(name, wordBounds(segmented));
  });
  words.forEach(function (word) {
    if (word.length > 2) addParts(word, null);
  });
}

function addParts(word, bounds) {
  for (var start = 0; start < word.length - 1; start++) {
    for (var end = start + 2; end <= word.length; end++) {
      if (!bounds || bounds[start] || bounds[end]) parts.add(word.slice(start, end));
    }
  }
}

// The cheapest cut, a known word counting WORD_PIECE, a part of a name or of a word
// (生物醫 of 生物醫藥) PART_PIECE and a lone character LONE_PIECE: a part only where
// words would leave lone characters (生物醫, not 生物|醫; 香港|青年, not the part 香港青年
// of 香港青年武夷山; 人才|培訓, not 人才培|訓); of equal cuts, the longest first word.
var WORD_PIECE = 1;
var PART_PIECE = 2.5;
var LONE_PIECE = 2;
function cutHan(run) {
  var cost = new Array(run.length + 1).fill(Infinity);
  var next = new Array(run.length + 1);
  cost[run.length] = 0;
  for (var start = run.length - 1; start >= 0; start--) {
    for (var length = Math.min(LONGEST_WORD, run.length - start); length >= 1; length--) {
      var piece = run.substr(start, length);
      var price = length === 1 ? LONE_PIECE : words.has(piece) ? WORD_PIECE : parts.has(piece) ? PART_PIECE : Infinity;
      if (price + cost[start + length] < cost[start]) {
        cost[start] = price + cost[start + length];
        next[start] = start + length;
      }
    }
  }
  var pieces = [];
  for (var at = 0; at < run.length; at = next[at]) pieces.push(run.slice(at, next[at]));
  return pieces;
}

// The names (or synonyms and short forms) as long as `word` that differ from it at one place.
function slips(word, byLength) {
  return (byLength[word.length] || []).filter(function (name) {
    var differences = 0;
    for (var i = 0; i < word.length && differences < 2; i++) if (name[i] !== word[i]) differences++;
    return differences === 1;
  });
}

// The query's tokens (a Han run, a Latin word), each with its terms: the pieces it is
// cut into, each with the forms that find it and how much each counts.
function queryTokens(query) {
  query = fold(query);
  if (replacementPattern) query = query.replace(replacementPattern, function (found) { return replacements[found]; });
  query = fold(query);
  return (query.match(QUERY_TOKEN) || []).map(function (token) {
    var han = HAN.test(token);
    var terms = (han ? cutHan(token) : [token]).map(function (piece) {
      var alike = (synonyms[piece] || []).map(function (form) { return { text: form, quality: WHOLE }; });
      var short = (shortForms[piece] || []).map(function (form) { return { text: form, quality: SHORT_FORM }; });
      return {
        forms: [{ text: piece, quality: null }].concat(alike, short),
        latin: !han,
        content: alike.length > 0 || short.length > 0 || piece.length > 1,
        // A synonym or a short form inside another word is another word (港青 in 香港青年).
        wholeOnly: alike.length > 0 || short.length > 0,
        single: han && piece.length === 1,
        specific: han ? specificWords.has(piece) : LATIN_LETTERS.test(piece)
      };
    });
    // A name one character off, or a synonym or short form one character off, for what it finds.
    var slipped = [];
    if (han && !synonyms[token] && !shortForms[token]) {
      if (token.length >= SHORTEST_SLIP) slipped = slips(token, namesByLength);
      if (token.length >= SHORTEST_TERM_SLIP) {
        slips(token, termsByLength).forEach(function (term) {
          (synonyms[term] || []).concat(shortForms[term] || []).forEach(function (form) {
            if (slipped.indexOf(form) === -1) slipped.push(form);
          });
        });
      }
    }
    var slip = slipped.length
      ? { forms: slipped.map(function (name) { return { text: name, quality: SLIP }; }), content: true }
      : null;
    return { text: token, terms: terms, slip: slip };
  });
}

// [start, end, quality) of every occurrence of the term in a folded text; Latin letters
// and digits from the start of a word (「ofc」 finds OFC, not 「ofcourse」's middle). The
// query's own word counts whole where the text's words begin and end there, else as a part.
function occurrences(folded, bounds, term) {
  var spans = [];
  term.forms.forEach(function (form) {
    var text = form.text;
    for (var at = folded.indexOf(text); at !== -1; at = folded.indexOf(text, at + 1)) {
      var end = at + text.length;
      if (term.latin && at > 0 && LATIN_OR_DIGIT.test(folded[at - 1])) continue;
      var quality = form.quality;
      if (quality === null) {
        var whole = term.latin ? !LATIN_OR_DIGIT.test(folded[end] || "") : bounds[at] && bounds[end];
        if (!whole && term.wholeOnly) continue;
        quality = whole ? WHOLE : PART;
      }
      spans.push([at, end, quality]);
    }
  });
  return spans;
}

function bestQuality(spans) {
  return spans.reduce(function (best, span) { return Math.max(best, span[2]); }, 0);
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

function findHits(term, total) {
  term.hits = sections.map(function (section) {
    var titleSpans = occurrences(section.foldedTitle, section.titleBounds, term);
    var textSpans = occurrences(section.foldedText, section.textBounds, term);
    if (!titleSpans.length && !textSpans.length) return null;
    var quality = Math.max(bestQuality(titleSpans), bestQuality(textSpans));
    var inTitle = bestQuality(titleSpans) === quality;
    return { term: term, titleSpans: titleSpans, textSpans: textSpans, quality: quality, inTitle: inTitle };
  });
  var count = term.hits.filter(Boolean).length;
  term.weight = count ? Math.log(1 + total / count) : 0;
  term.rare = count <= total * COMMON_SHARE;
}

// A specific word of the query, found whole, in few sections (as the text writes it, or a
// synonym of it).
function bySpecificWord(hit) {
  return hit.term.specific && hit.term.rare && hit.quality === WHOLE && !hit.hidden;
}

// How many of the query's content words, found whole or in part, are rare on the site.
function rareWords(found) {
  return found.filter(function (hit) { return hit.term.content && hit.term.rare && !hit.hidden; }).length;
}

function search(query) {
  var tokens = queryTokens(query);
  var longQuestion = tokens.reduce(function (length, token) { return length + token.text.length; }, 0) >= LONG_QUESTION;
  var total = sections.length;
  var terms = [];
  tokens.forEach(function (token) {
    token.terms.forEach(function (term) {
      findHits(term, total);
    });
    token.terms.forEach(function (term, at) {
      // A single character counts as a word sought only when it is a word of the text, and
      // rare, and not beside a character that is no word of the text: with it, it is a
      // word the site does not hold (名 of 排名).
      if (term.single && !term.content) {
        var unseenBeside = [token.terms[at - 1], token.terms[at + 1]].some(function (other) {
          return other && other.single && !words.has(other.forms[0].text);
        });
        term.content = !unseenBeside && words.has(term.forms[0].text) && term.hits.filter(Boolean).length <= total * COMMON_SHARE;
        term.besideUnseen = unseenBeside;
      }
      // Shown and highlighted: the words sought, not the common characters among them.
      term.shown = term.content;
      terms.push(term);
    });
    // One character off only for a word found nowhere as typed.
    if (token.slip && !sections.some(function (section) { return section.foldedText.indexOf(token.text) !== -1 || section.foldedTitle.indexOf(token.text) !== -1; })) {
      findHits(token.slip, total);
      token.slip.shown = true;
    } else {
      token.slip = null;
    }
  });
  // An unseen word weighs as much as the query's rarest word on the site: as much as any
  // word it could have been, whatever the size of the site.
  var unseenWeight = terms.reduce(function (most, term) { return term.content ? Math.max(most, term.weight) : most; }, 0) || 1;
  tokens.forEach(function (token) {
    // What the query asks, in weight: its content words, and its characters that are no
    // word of the text (鐵 of 高鐵, 天氣預報), two of them an unseen word. The text's own
    // one-character words (的, 在) and the words readers ask with (怎麼,
    // `config.asking_words`) are left out.
    var asking = new Uint8Array(token.text.length);
    askingWords.forEach(function (word) {
      for (var at = token.text.indexOf(word); at !== -1; at = token.text.indexOf(word, at + 1)) asking.fill(1, at, at + word.length);
    });
    var unseenCharacters = 0;
    var offset = 0;
    token.content = 0;
    token.terms.forEach(function (term) {
      var length = term.forms[0].text.length;
      var asked = asking.subarray(offset, offset + length).every(Boolean);
      offset += length;
      if (asked) return;
      if (term.content) token.content += term.weight || unseenWeight;
      else if (term.single && (!words.has(term.forms[0].text) || term.besideUnseen)) unseenCharacters++;
    });
    token.content += (unseenCharacters / CHARACTERS_PER_UNSEEN_WORD) * unseenWeight;
  });
  var content = tokens.reduce(function (sum, token) { return sum + token.content; }, 0);
  var onSite = terms.filter(function (term) { return term.weight > 0; });
  var results = [];
  sections.forEach(function (section, position) {
    var found = onSite.map(function (term) { return term.hits[position]; }).filter(Boolean);
    var covered = 0;
    // Every word: each token's on-site words, or the name it is one character off.
    var every = found.length && tokens.every(function (token) {
      return (token.slip && token.slip.hits[position]) || token.terms.every(function (term) { return !term.weight || term.hits[position]; });
    });
    var score = every ? EVERY_WORD : 0;
    tokens.forEach(function (token) {
      var byWords = 0;
      var tokenScore = 0;
      token.terms.forEach(function (term) {
        var hit = term.hits[position];
        if (!hit) return;
        tokenScore += term.weight * hit.quality * (hit.inTitle && hit.titleSpans.length ? TITLE_WEIGHT : 1);
        // How it was found ranks it, not what it covers: 武夷學園 asks for 武夷學院 whole.
        if (term.content) byWords += term.weight;
      });
      var slipHit = token.slip && token.slip.hits[position];
      if (slipHit) {
        // The reader meant the name: its pieces (大學 of 華喬大學, 升 of 醫療衛升) neither rank
        // nor show apart from it.
        token.terms.forEach(function (term) {
          if (term.hits[position]) term.hits[position].hidden = true;
        });
        found.push(slipHit);
        tokenScore = token.content * SLIP * (slipHit.inTitle && slipHit.titleSpans.length ? TITLE_WEIGHT : 1);
      }
      score += tokenScore;
      covered += slipHit ? Math.max(byWords, token.content) : byWords;
    });
    if (!found.some(function (hit) { return hit.term.content; })) return;
    // Short of the query's content, a measure still holds what it asks for by name.
    var partial = covered <= MIN_COVERAGE * content;
    if (partial && !(MEASURE.test(section.location) && (found.some(bySpecificWord) || (longQuestion && rareWords(found) >= 2)))) return;
    results.push({ section: section, found: found, score: score, position: position, coverage: covered / content, partial: partial });
  });
  results.sort(function (a, b) {
    return a.partial - b.partial || b.score - a.score || MEASURE.test(b.section.location) - MEASURE.test(a.section.location) || a.position - b.position;
  });
  return results.map(function (result) {
    var section = result.section;
    var shown = result.found.filter(function (hit) { return hit.term.shown && !hit.hidden; });
    var sentence = bestSentence(section, shown);
    var terms = {};
    shown.forEach(function (hit) {
      hit.titleSpans.forEach(function (span) { terms[section.title.slice(span[0], span[1])] = true; });
      hit.textSpans.forEach(function (span) { terms[section.text.slice(span[0], span[1])] = true; });
    });
    var titleSpans = [].concat.apply([], shown.map(function (hit) { return hit.titleSpans; }));
    var title = marked(section.title, titleSpans);
    if (sentence) title += '<span class="md-search-result__sentence">' + marked(sentence.text, sentence.spans) + "</span>";
    return [{ location: section.location, title: title, text: "", score: result.score, coverage: result.coverage, terms: terms }];
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
