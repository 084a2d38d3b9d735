// The links that carry a place on the page: the script switch's, which opens the other script
// at the place being read, and the copy-link buttons after each measure's heading.
//
// Keep the reader's place when switching script. The 繁體 and 简体 pages share their
// anchors (#measure-15, #paragraph-3, the headings'), so the switch carries the one
// the reader is at: the one named in the address while it is on screen, else the one
// being read; the other page opens on it. The link already points
// at the counterpart page (set at build time), so Material's own sitemap lookup for
// it is not needed.
// At the top of a page nothing is added, unless the address names a place on screen
// (a short page opened at #measure-15 does not scroll). The page's own article, not a
// search result's (results are articles too, and come first).
function placeInView() {
  var article = document.querySelector("article.md-content__inner");
  if (!article) return "";
  var top = document.querySelector(".md-header").getBoundingClientRect().bottom;
  var named = document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (named && article.contains(named)) {
    var box = named.getBoundingClientRect();
    if (box.bottom > top && box.top < innerHeight) return named.id;
  }
  if (scrollY <= 0) return "";
  // The part being read: the last one begun by the top tenth of the window (a long paragraph read
  // in its lower half began far above, and the next one's start, though nearer the top, is not yet
  // read); else, at a page's start, the first one below.
  var reading = top + (innerHeight - top) / 10;
  var place = "", begun = -Infinity, next = "", nextAt = Infinity;
  article.querySelectorAll("[id]").forEach(function (anchor) {
    var at = anchor.getBoundingClientRect().top;
    if (at <= reading && at > begun) place = anchor.id, begun = at;
    if (at > reading && at < nextAt) next = anchor.id, nextAt = at;
  });
  return place || next;
}

document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a.script-switch__link");
  if (!link || event.button || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  event.stopImmediatePropagation();
  var place = placeInView();
  location.href = link.href.split("#")[0] + (place ? "#" + encodeURIComponent(place) : "");
}, true);

// A copy-link button after each heading that names a measure page's address (data-copy-link,
// from paths.py at build time), worded in the page's script (.copy-link-text, on every page that
// has such headings). Made here, so a reader without scripts gets no button that would do nothing.
// The clipboard exists only on https and on this machine's own addresses; without it, or when the
// browser refuses, the reader is given the address to copy by hand. Each button has a polite live
// region of its own, and is described by its heading (the measure it copies). Its row takes the
// room extra.css keeps under the heading, so nothing below moves when it appears.
document.querySelectorAll("[data-copy-link]").forEach(function (heading) {
  var words = document.querySelector(".copy-link-text").dataset;
  var address = new URL(heading.dataset.copyLink, location).href;
  var row = document.createElement("div"), button = document.createElement("button"), status = document.createElement("span");
  button.type = "button";
  button.className = "copy-link";
  button.textContent = words.copy;
  button.setAttribute("aria-describedby", heading.id);
  status.setAttribute("role", "status");
  row.className = "copy-link-row";
  row.append(button, status);
  heading.after(row);
  button.onclick = function () {
    function say(text) { status.textContent = text; }
    function failed() { say(words.failed + address); }
    say("");
    navigator.clipboard ? navigator.clipboard.writeText(address).then(function () { say(words.copied); }, failed) : failed();
  };
});
