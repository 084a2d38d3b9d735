// The page for a missing address (overrides/404.html). A host serves the site root's
// 404 page, the source script's, for every missing address: an address under another
// script's folder is sent to that script's 404 page, which then puts the address the
// reader typed back in the address bar, so it can be read and corrected.
(function () {
  var script = document.currentScript;
  var ownPage = script.getAttribute("data-page");
  var elsewhere = JSON.parse(script.getAttribute("data-elsewhere") || "[]");
  var key = "not-found-address";
  try {
    if (location.pathname === ownPage) {
      var typed = sessionStorage.getItem(key);
      sessionStorage.removeItem(key);
      if (typed) {
        history.replaceState(null, "", typed);
      }
      return;
    }
    for (var i = 0; i < elsewhere.length; i++) {
      // "/zh-hans/…", typed or lower-cased by a chat app: the page is at "/zh-Hans/…" (hosts
      // match case), so go there; if it is missing too, its address then leads here below.
      var folder = elsewhere[i].folder;
      var path = location.pathname;
      if (path.indexOf(folder) !== 0 && path.toLowerCase().indexOf(folder.toLowerCase()) === 0) {
        location.replace(folder + path.slice(folder.length) + location.search + location.hash);
        return;
      }
      if (location.pathname.indexOf(elsewhere[i].folder) === 0) {
        sessionStorage.setItem(key, location.href);
        location.replace(elsewhere[i].page);
        return;
      }
    }
  } catch (error) {
    // No session storage (a private mode may refuse it): the other script's page, at its own address.
    for (var j = 0; j < elsewhere.length; j++) {
      if (location.pathname.indexOf(elsewhere[j].folder) === 0 && location.pathname !== elsewhere[j].page) {
        location.replace(elsewhere[j].page);
      }
    }
  }
})();
