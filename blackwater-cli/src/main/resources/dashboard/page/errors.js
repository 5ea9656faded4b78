/* The page's first script: records every error (uncaught exceptions, rejected promises,
   console.error, blocked loads) in the pre#errors element and counts them in the data-errors
   attribute of the root element, so that a reader and the browser test both see them.
   dashboardErrors.done() sets the root's data-rendered attribute when the charts are drawn. */
(function () {
  'use strict';
  var errors = [];
  function show() {
    var root = document.documentElement;
    root.setAttribute('data-errors', String(errors.length));
    var pre = document.getElementById('errors');
    if (pre && errors.length > 0) {
      pre.textContent = errors.join('\n');
      pre.hidden = false;
    }
  }
  function record(message) {
    errors.push(String(message));
    show();
  }
  window.onerror = function (message, source, line, column) {
    record('error: ' + message + ' (line ' + line + ', column ' + column + ')');
  };
  window.addEventListener('unhandledrejection', function (event) {
    record('unhandled promise rejection: ' + event.reason);
  });
  document.addEventListener('securitypolicyviolation', function (event) {
    record('blocked by the page policy (' + event.violatedDirective + '): ' + event.blockedURI);
  });
  var consoleError = console.error;
  console.error = function () {
    record('console.error: ' + Array.prototype.map.call(arguments, String).join(' '));
    return consoleError.apply(console, arguments);
  };
  document.addEventListener('DOMContentLoaded', show);
  window.dashboardErrors = {
    record: record,
    done: function () {
      show();
      document.documentElement.setAttribute('data-rendered', 'complete');
    }
  };
})();
