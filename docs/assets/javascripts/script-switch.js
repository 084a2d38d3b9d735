// Keep the reader's place when switching script. The 繁體 and 简体 pages share their
// anchors (#measure-15, #paragraph-3, the headings'), so the switch carries the one
// the reader is at: the one named in the address while it is on screen, else the one
// nearest the top of the window; the other page opens on it. The link already points
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
  var place = "", distance = Infinity;
  article.querySelectorAll("[id]").forEach(function (anchor) {
    var from = Math.abs(anchor.getBoundingClientRect().top - top);
    if (from < distance) place = anchor.id, distance = from;
  });
  return place;
}

document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a.script-switch__link");
  if (!link || event.button || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  event.stopImmediatePropagation();
  var place = placeInView();
  location.href = link.href.split("#")[0] + (place ? "#" + encodeURIComponent(place) : "");
}, true);
