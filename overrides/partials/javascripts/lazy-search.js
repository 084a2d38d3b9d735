(function () {
  var start, wanted = new Promise(function (resolve) { start = resolve; });
  function isSearch(target) {
    return target && target.matches && (target.matches(".md-search__input") || target.id === "__search");
  }
  document.addEventListener("focusin", function (event) { if (isSearch(event.target)) start(); }, true);
  document.addEventListener("change", function (event) { if (isSearch(event.target)) start(); }, true);
  // From a search result (?h=words): Material highlights the words once it has the index.
  if (new URLSearchParams(location.search).get("h")) start();
  // The index: Material requests it with XMLHttpRequest.
  var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.searchIndex = /\/search\/search_index\.json(\?|$)/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (!request.searchIndex) return send.apply(request, args);
    wanted.then(function () { send.apply(request, args); });
  };
  // The worker (Material's, or the search adapter that loads it): created when wanted,
  // messages kept till then.
  var NativeWorker = window.Worker;
  window.Worker = function (url, options) {
    if (!/\/workers\/search[.-][^/]*\.js/.test(String(url))) return new NativeWorker(url, options);
    var worker, queue = [], listeners = [];
    wanted.then(function () {
      worker = new NativeWorker(url, options);
      listeners.forEach(function (listener) { worker.addEventListener.apply(worker, listener); });
      queue.forEach(function (message) { worker.postMessage(message); });
    });
    return {
      postMessage: function (message) { worker ? worker.postMessage(message) : queue.push(message); },
      addEventListener: function () { worker ? worker.addEventListener.apply(worker, arguments) : listeners.push(arguments); },
      removeEventListener: function () { if (worker) worker.removeEventListener.apply(worker, arguments); },
      terminate: function () { if (worker) worker.terminate(); }
    };
  };
})();
