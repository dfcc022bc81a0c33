(function () {
  'use strict';
  var table = document.getElementById('students');
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var search = document.getElementById('search');
  var status = document.getElementById('status-filter');
  var shown = document.getElementById('shown');
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells).filter(function (th) {
    return th.dataset.key;
  });
  function value(row, key, numeric) {
    var v = row.dataset[key];
    return numeric ? Number(v) : v;
  }
  function sortBy(th) {
    var key = th.dataset.key;
    var numeric = th.dataset.type === 'number';
    // A first click sorts numbers high to low (best scores, slowest times first), text A to Z.
    var current = th.getAttribute('aria-sort');
    var dir = current ? (current === 'ascending' ? -1 : 1) : numeric ? -1 : 1;
    headers.forEach(function (h) {
      h.removeAttribute('aria-sort');
    });
    th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
    rows.sort(function (a, b) {
      var x = value(a, key, numeric);
      var y = value(b, key, numeric);
      if (x < y) return -dir;
      if (x > y) return dir;
      return a.dataset.student < b.dataset.student ? -1 : 1;
    });
    var frag = document.createDocumentFragment();
    rows.forEach(function (r) {
      frag.appendChild(r);
    });
    body.appendChild(frag);
  }
  function filter() {
    var text = search.value.trim().toLowerCase();
    var token = status.value;
    var n = 0;
    rows.forEach(function (r) {
      var ok =
        (!text || r.dataset.student.toLowerCase().indexOf(text) >= 0) &&
        (!token || (' ' + r.dataset.filter + ' ').indexOf(' ' + token + ' ') >= 0);
      r.hidden = !ok;
      if (ok) n++;
    });
    shown.textContent = n + ' of ' + rows.length + ' shown';
  }
  headers.forEach(function (th) {
    th.querySelector('button').addEventListener('click', function () {
      sortBy(th);
    });
  });
  search.addEventListener('input', filter);
  status.addEventListener('change', filter);
})();
