// The mappings page (MappingsConsoleController): reads /api/connections/{id}/mappings, shows each vendor type's default
// and override side by side, edits the override rows, previews them on a record and saves them, all through that API
// with the session and its CSRF token. Text only (textContent, never markup), so a stored value cannot run as code.
(function () {
  'use strict';
  var root = document.getElementById('mappings');
  var id = root.dataset.connection;
  var may = root.dataset.mayChange === 'true';
  var api = '/api/connections/' + encodeURIComponent(id) + '/mappings';
  var types = document.getElementById('types');
  var status = document.getElementById('mappings-status');
  var error = document.getElementById('mappings-error');
  var DIRECTIONS = ['both', 'read', 'write'];

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function say(target, text) {
    status.hidden = true; error.hidden = true;
    target.textContent = text;
    target.hidden = false;
  }

  function call(method, url, body) {
    var headers = {'Accept': 'application/json'};
    if (body !== undefined) { headers['Content-Type'] = 'application/json'; }
    headers[root.dataset.csrfHeader] = root.dataset.csrf;
    return fetch(url, {method: method, headers: headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body)})
      .then(function (r) {
        return r.json().catch(function () { return {}; }).then(function (j) {
          if (!r.ok) { throw new Error((j.message || ('HTTP ' + r.status)) + (j.field ? ' (' + j.field + ')' : '')); }
          return j;
        });
      });
  }

  function table(caption, head, rows) {
    var t = el('table');
    t.appendChild(el('caption', {}, caption));
    var thead = el('thead'); var tr = el('tr');
    head.forEach(function (h) { tr.appendChild(el('th', {scope: 'col'}, h)); });
    thead.appendChild(tr); t.appendChild(thead);
    var tbody = el('tbody');
    rows.forEach(function (r) { tbody.appendChild(r); });
    t.appendChild(tbody);
    return t;
  }

  function row(cells) {
    var tr = el('tr');
    cells.forEach(function (c) {
      var td = el('td');
      if (c instanceof Node) { td.appendChild(c); } else { td.textContent = c === null || c === undefined ? '' : String(c); }
      tr.appendChild(td);
    });
    return tr;
  }

  function input(name, value, label) {
    var i = el('input', {name: name, 'aria-label': label, autocomplete: 'off', maxlength: '200'});
    i.value = value || '';
    if (!may) { i.disabled = true; }
    return i;
  }

  function overrideRow(tbody, entry) {
    var dir = el('select', {name: 'direction', 'aria-label': 'Direction'});
    DIRECTIONS.forEach(function (d) { var o = el('option', {value: d}, d); if (d === (entry.direction || 'both')) { o.selected = true; } dir.appendChild(o); });
    if (!may) { dir.disabled = true; }
    // a transform as a mapping file writes it: a name ("address", "name: split") or its JSON ({"enum": {...}})
    var t = entry.transform;
    var shown = t === null || t === undefined ? '' : typeof t === 'string' ? t : JSON.stringify(t);
    var cells = [input('canonical', entry.canonical, 'Switchboard field'), input('vendor', entry.vendor, 'Vendor field'), dir,
      input('transform', shown, 'Transform')];
    cells[3].setAttribute('maxlength', '4000'); // an enum table is longer than a field name
    if (may) {
      var remove = el('button', {type: 'button', 'class': 'remove'}, 'Remove');
      cells.push(remove);
    }
    var tr = row(cells);
    tr.className = 'override';
    if (may) { tr.querySelector('button.remove').addEventListener('click', function () { tr.remove(); }); }
    tbody.appendChild(tr);
  }

  function entries(section) {
    return Array.prototype.map.call(section.querySelectorAll('tr.override'), function (tr) {
      var e = {canonical: tr.querySelector('[name=canonical]').value.trim(),
        vendor: tr.querySelector('[name=vendor]').value.trim(), direction: tr.querySelector('[name=direction]').value};
      var t = tr.querySelector('[name=transform]').value.trim();
      if (t !== '') {
        // JSON when it parses as an object, else the name as typed: the server says what is wrong with either
        try { var parsed = JSON.parse(t); e.transform = parsed !== null && typeof parsed === 'object' ? parsed : t; } catch (x) { e.transform = t; }
      }
      return e;
    }).filter(function (e) { return e.canonical !== '' || e.vendor !== ''; });
  }

  function render(t) {
    var section = el('section', {id: 'type-' + t.vendor_type, 'class': 'mapping-type'});
    section.appendChild(el('h3', {}, t.vendor_type + ' (' + t.canonical_type + ')'));
    var defaults = t.defaults.map(function (r) {
      return row([r.canonical, r.vendor, r.direction, r.transform === 'NONE' ? '' : r.transform]);
    });
    section.appendChild(table('Default mapping', ['Switchboard field', 'Vendor field', 'Direction', 'Transform'], defaults));
    if (!t.overridable) {
      section.appendChild(el('p', {'class': 'hint'}, 'This type cannot be overridden yet.'));
      return section;
    }
    var over = t.override;
    var caption = over ? 'Your overrides (version ' + over.version + (over.changed_by ? ', by ' + over.changed_by : '') + ')' : 'Your overrides (none yet)';
    var head = ['Switchboard field', 'Vendor field', 'Direction', 'Transform'];
    if (may) { head.push('Remove'); }
    var ot = table(caption, head, []);
    ot.className = 'overrides';
    var tbody = ot.querySelector('tbody');
    ((over && over.fields) || []).forEach(function (e) { overrideRow(tbody, e); });
    section.appendChild(ot);
    if (may) {
      var add = el('button', {type: 'button', 'class': 'add'}, 'Add a field');
      add.addEventListener('click', function () { overrideRow(tbody, {}); });
      section.appendChild(add);
    }
    var form = el('form', {'class': 'preview-form'});
    var label = el('label', {}, 'Record to preview (its id, from its record page) ');
    var rec = el('input', {name: 'record', autocomplete: 'off', maxlength: '36'});
    rec.value = root.dataset.record || '';
    label.appendChild(rec);
    form.appendChild(label);
    var previewButton = el('button', {type: 'submit', 'class': 'preview'}, 'Preview');
    form.appendChild(previewButton);
    if (may) {
      var save = el('button', {type: 'button', 'class': 'save'}, 'Save');
      form.appendChild(save);
      save.addEventListener('click', function () {
        save.disabled = true;
        // the saved record filter goes back as it is: a save of fields here must not lift it
        var body = {vendor_type: t.vendor_type, fields: entries(section)};
        if (t.override && t.override.filter) {
          body.filter = t.override.filter;
        }
        call('PUT', api, body).then(function (r) {
          var created = r.created_fields && r.created_fields.length ? ' Created at the vendor: ' + r.created_fields.join(', ') + '.' : '';
          say(status, 'Saved ' + t.vendor_type + ' mapping version ' + r.version + '.' + created + ' Re-sending '
            + r.resync.enqueued + ' of ' + r.resync.affected + ' records.');
          return load();
        }).catch(function (e) { say(error, 'Not saved: ' + e.message); }).then(function () { save.disabled = false; });
      });
    }
    var out = el('div', {'class': 'preview-result', 'aria-live': 'polite'});
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var body = {vendor_type: t.vendor_type, record_id: rec.value.trim()};
      if (may) { body.fields = entries(section); }
      call('POST', api + '/preview', body).then(function (r) {
        out.textContent = '';
        var rows = Object.keys(r.vendor).sort().map(function (k) {
          var v = r.vendor[k];
          return row([k, v === null || v === undefined ? '' : (typeof v === 'object' ? JSON.stringify(v) : String(v))]);
        });
        out.appendChild(table('What ' + t.vendor_type + ' would receive (' + r.mapping + ' mapping)', ['Vendor field', 'Value'], rows));
        error.hidden = true;
      }).catch(function (e) { say(error, 'No preview: ' + e.message); });
    });
    section.appendChild(form);
    section.appendChild(out);
    return section;
  }

  function load() {
    return call('GET', api).then(function (m) {
      types.textContent = '';
      if (!m.types.length) { types.appendChild(el('p', {}, 'This connection maps nothing yet.')); }
      m.types.forEach(function (t) { types.appendChild(render(t)); });
      root.dataset.loaded = 'true';
    }).catch(function (e) { say(error, 'Could not read the mappings: ' + e.message); });
  }

  load();
}());
