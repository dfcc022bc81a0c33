/**
 * Trusted code that runs inside each QuickJS context before the student's bundle. It captures every
 * intrinsic it needs first, so a student who patches globals can at worst spoil their own replies.
 * It hands the host only strings: the host never reads a student object, so no getter, proxy,
 * toJSON, valueOf or Symbol.toPrimitive runs outside the VM. The host validates every string again
 * (grader/sandbox/plain-data.ts) before a judge sees a value.
 *
 * Wire format of a value: JSON where the numbers JSON cannot carry are strings tagged with "\u0000"
 * ("\u0000NaN", "\u0000-0", "\u0000Infinity", "\u0000-Infinity"); a real string that starts with
 * "\u0000" gets one more. Replies from poll(): "P" pending; "J" + [value, events]; "E" problem "\n"
 * reason (not plain data); "O" + bytes (too large); "X" name "\n" message (threw); "M" + message.
 */
export const WASM_PRELUDE = String.raw`(function (print, limits) {
  'use strict';
  var O = Object, R = Reflect, A = Array;
  var apply = R.apply, ownKeys = R.ownKeys, getProto = O.getPrototypeOf, gopd = O.getOwnPropertyDescriptor;
  var hasOwn = O.prototype.hasOwnProperty, objProto = O.prototype, isArray = A.isArray, join = A.prototype.join;
  var jsonParse = JSON.parse, jsonStringify = JSON.stringify, StringC = String, isView = ArrayBuffer.isView;
  var typedProto = getProto(Uint8Array.prototype);
  var typedTag = gopd(typedProto, Symbol.toStringTag).get, typedLength = gopd(typedProto, 'length').get;
  var then = Promise.prototype.then, ErrorC = Error, NumberC = Number;
  var SetC = Set, setAdd = Set.prototype.add, setHas = Set.prototype.has, setDelete = Set.prototype.delete;
  var MAX_EVENTS = 10000, MAX_DEPTH = limits.maxDepth, MAX_NODES = limits.maxNodes, MAX_BYTES = limits.maxBytes;

  function Refused(problem, reason) { this.problem = problem; this.reason = reason; }
  function TooLarge(bytes) { this.bytes = bytes; }

  function num(n) {
    if (n !== n) return '"\\u0000NaN"';
    if (n === 0 && 1 / n < 0) return '"\\u0000-0"';
    if (n === Infinity) return '"\\u0000Infinity"';
    if (n === -Infinity) return '"\\u0000-Infinity"';
    return StringC(n);
  }
  function str(s) { return jsonStringify(s.length && s.charCodeAt(0) === 0 ? '\u0000' + s : s); }

  /** Own data properties only; sizes counted as the process sandbox's channel would (8 bytes a number). */
  function encode(root) {
    var parts = [], nodes = 0, bytes = 0, seen = new SetC();
    function walk(v, depth, path) {
      if (++nodes > MAX_NODES) throw new Refused('too many parts', 'the value has more than ' + MAX_NODES + ' parts');
      var t = typeof v;
      if (v === null || v === undefined) { bytes += 1; parts[parts.length] = 'null'; return; }
      if (t === 'number') { if ((bytes += 9) > MAX_BYTES) throw new TooLarge(bytes); parts[parts.length] = num(v); return; }
      if (t === 'boolean') { bytes += 1; parts[parts.length] = v ? 'true' : 'false'; return; }
      if (t === 'string') { bytes += v.length + 5; if (bytes > MAX_BYTES) throw new TooLarge(bytes); parts[parts.length] = str(v); return; }
      if (t !== 'object') throw new Refused('a value that is not plain data', path + ' is a ' + t + '; only numbers, strings, booleans, arrays and plain objects can be returned');
      if (bytes > MAX_BYTES) throw new TooLarge(bytes);
      if (depth >= MAX_DEPTH) throw new Refused('nesting too deep', 'the value is nested deeper than ' + MAX_DEPTH + ' levels');
      if (apply(setHas, seen, [v])) throw new Refused('a cycle', path + ' refers back to itself (a cycle); return plain data');
      apply(setAdd, seen, [v]);
      var i, n, d;
      if (isView(v) && apply(typedTag, v, []) !== undefined) {
        n = apply(typedLength, v, []);
        parts[parts.length] = '[';
        for (i = 0; i < n; i++) { if (i) parts[parts.length] = ','; nodes++; bytes += 9; parts[parts.length] = num(NumberC(v[i])); }
        if (nodes > MAX_NODES) throw new Refused('too many parts', 'the value has more than ' + MAX_NODES + ' parts');
        if (bytes > MAX_BYTES) throw new TooLarge(bytes);
        parts[parts.length] = ']';
      } else if (isArray(v)) {
        n = v.length;
        if (n > MAX_NODES) throw new Refused('too many parts', 'the value has more than ' + MAX_NODES + ' parts');
        bytes += 5;
        parts[parts.length] = '[';
        // Elements are read with [[Get]] (a getter or proxy trap runs here, in QuickJS, under the
        // interrupt handler): a descriptor per element would cost ten times more on large arrays.
        for (i = 0; i < n; i++) {
          if (i) parts[parts.length] = ',';
          var x = v[i];
          // Numbers inline: arrays of numbers are what most exercises return.
          if (typeof x === 'number') {
            if (++nodes > MAX_NODES) throw new Refused('too many parts', 'the value has more than ' + MAX_NODES + ' parts');
            if ((bytes += 9) > MAX_BYTES) throw new TooLarge(bytes);
            parts[parts.length] = num(x);
          } else walk(x, depth + 1, path + '[' + i + ']');
        }
        parts[parts.length] = ']';
      } else {
        var proto = getProto(v);
        if (proto !== objProto && proto !== null) {
          var name = 'special object';
          try { var c = gopd(proto, 'constructor'); if (c && typeof c.value === 'function' && typeof c.value.name === 'string' && c.value.name) name = c.value.name; } catch (e) {}
          throw new Refused('an object of a class', path + ' is a ' + name + '; return arrays and plain objects');
        }
        var keys = ownKeys(v), first = true;
        bytes += 5;
        parts[parts.length] = '{';
        for (i = 0; i < keys.length; i++) {
          var k = keys[i];
          if (typeof k !== 'string') continue;
          d = gopd(v, k);
          if (d === undefined || !d.enumerable) continue;
          if (!apply(hasOwn, d, ['value'])) throw new Refused('a value that is not plain data', path + '.' + k + ' is a getter; return plain data');
          if (!first) parts[parts.length] = ',';
          first = false;
          bytes += k.length + 5;
          parts[parts.length] = jsonStringify(k);
          parts[parts.length] = ':';
          walk(d.value, depth + 1, path + '.' + k);
        }
        parts[parts.length] = '}';
      }
      apply(setDelete, seen, [v]);
    }
    walk(root, 0, 'the returned value');
    return apply(join, parts, ['']);
  }

  function text(x) {
    if (typeof x === 'string') return x;
    try { var s = jsonStringify(x); if (typeof s === 'string') return s; } catch (e) {}
    try { return StringC(x); } catch (e) { return '[unprintable]'; }
  }
  function printer(stream) {
    return function () {
      var out = [];
      for (var i = 0; i < arguments.length; i++) out[i] = text(arguments[i]);
      var line = apply(join, out, [' ']) + '\n';
      print(stream, line.length > limits.outputBytes ? line.slice(0, limits.outputBytes + 1) : line);
    };
  }
  var log = printer(1), err = printer(2);
  // No threads here: shared memory has no use but to be attacked.
  delete globalThis.SharedArrayBuffer;
  delete globalThis.Atomics;
  globalThis.console = { log: log, info: log, debug: log, warn: err, error: err, trace: err, dir: log, table: log };

  function describeThrow(e) {
    var name = 'Error', message = '';
    if (e instanceof ErrorC) {
      try { name = StringC(e.name); message = StringC(e.message); } catch (x) {}
      return 'X' + name + '\n' + message;
    }
    var t = '';
    try { t = typeof e === 'string' ? e : jsonStringify(e); if (typeof t !== 'string') t = StringC(e); } catch (x) { t = '[object]'; }
    return 'XNonErrorThrow\nthrew a non-Error value: ' + StringC(t).slice(0, 500);
  }

  var files = null, state = null;
  function adopt() { var g = globalThis.__seedgrade_files; files = g ? g.files : null; try { delete globalThis.__seedgrade_files; } catch (e) {} }
  function finish(value, events) {
    try { return 'J[' + encode(value) + ',[' + apply(join, events, [',']) + ']]'; }
    catch (e) {
      if (e instanceof Refused) return 'E' + e.problem + '\n' + e.reason;
      if (e instanceof TooLarge) return 'O' + e.bytes;
      return 'E' + 'a value that is not plain data' + '\n' + 'the value could not be read: ' + describeThrow(e).slice(1).replace('\n', ': ');
    }
  }
  function call(file, exportName, argsJson, callbacksJson) {
    var args = jsonParse(argsJson, function (k, v) {
      if (typeof v !== 'string' || v.charCodeAt(0) !== 0) return v;
      var rest = v.slice(1);
      return rest === 'NaN' ? NaN : rest === '-0' ? -0 : rest === 'Infinity' ? Infinity : rest === '-Infinity' ? -Infinity : rest;
    });
    var events = [], cbs = jsonParse(callbacksJson);
    for (var i = 0; i < cbs.length; i++) {
      var target = args[cbs[i].arg];
      if (target && typeof target === 'object') target[cbs[i].key] = function (event) {
        if (events.length >= MAX_EVENTS) return;
        try { events[events.length] = encode(event); } catch (e) {}
      };
    }
    var mod = files && hasOwnSafe(files, file) ? files[file] : undefined;
    var fn = mod ? mod[exportName] : undefined;
    if (typeof fn !== 'function') { state = 'M' + (mod ? file + ' does not export a function named ' + exportName : file + ' was not found in the submission'); return; }
    state = 'P';
    try {
      var value = apply(fn, undefined, args);
      if (value !== null && (typeof value === 'object' || typeof value === 'function') && typeof gopdDeep(value, 'then') === 'function') {
        apply(then, new Promise(function (resolve) { resolve(value); }), [
          function (v) { state = finish(v, events); },
          function (e) { state = describeThrow(e); },
        ]);
      } else state = finish(value, events);
    } catch (e) { state = describeThrow(e); }
  }
  function hasOwnSafe(o, k) { return apply(hasOwn, o, [k]); }
  function gopdDeep(o, k) { try { return o[k]; } catch (e) { return undefined; } }
  function poll() { return state === null ? 'P' : state; }
  return [adopt, call, poll];
})`;
