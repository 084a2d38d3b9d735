// Keep the reader on the same measure when switching script: the 繁體 and 简体
// pages share their anchors (#measure-15), so carry the fragment across. The
// link already points at the counterpart page (set at build time), so Material's
// own sitemap lookup for it is not needed.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a.md-select__link[hreflang]");
  if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) {
    return;
  }
  event.preventDefault();
  event.stopImmediatePropagation();
  location.href = link.href.split("#")[0] + location.hash;
}, true);
