/* Draws the dashboard from the JSON in #dashboard-data (one result per dashboard/*.sql view):
   one chart per <section data-chart="view">. Amounts are never added across currencies: the value
   charts show the currency chosen in #currency. Each chart writes the number of marks it drew in
   data-points on its section; the page is marked rendered at the end. */
(function () {
  'use strict';

  var data = JSON.parse(document.getElementById('dashboard-data').textContent);
  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov',
    'Dec'];
  var COUNT = new Intl.NumberFormat('en-GB');
  var TOP = 15;
  var picker = document.getElementById('currency');

  function rows(view) {
    var result = data.views[view];
    if (!result) {
      throw new Error('the page data has no view ' + view);
    }
    return result.rows.map(function (row) {
      var record = {};
      result.columns.forEach(function (column, i) {
        record[column] = row[i];
      });
      return record;
    });
  }

  function number(value) {
    return value == null ? 0 : Number(value);
  }

  function money(code) {
    var format;
    try {
      format = new Intl.NumberFormat('en-GB', {style: 'currency', currency: code});
    } catch (notIso) {
      format = new Intl.NumberFormat('en-GB', {minimumFractionDigits: 2,
        maximumFractionDigits: 2});
      return function (value) {
        return code + ' ' + format.format(value);
      };
    }
    return function (value) {
      return format.format(value);
    };
  }

  function monthLabel(iso) {
    return MONTHS[Number(iso.slice(5, 7)) - 1] + ' ' + iso.slice(0, 4);
  }

  /* Every month from the first to the last in the list, as YYYY-MM-01. */
  function monthRange(list) {
    if (list.length === 0) {
      return [];
    }
    var sorted = list.slice().sort();
    var year = Number(sorted[0].slice(0, 4));
    var month = Number(sorted[0].slice(5, 7));
    var last = sorted[sorted.length - 1];
    var months = [];
    for (;;) {
      var iso = year + '-' + (month < 10 ? '0' : '') + month + '-01';
      months.push(iso);
      if (iso >= last) {
        return months;
      }
      month++;
      if (month > 12) {
        month = 1;
        year++;
      }
    }
  }

  function currencies() {
    var codes = rows('sales_by_currency').map(function (r) {
      return r.currency_code;
    });
    var others = rows('purchases_by_month').concat(rows('payments_by_month'))
      .map(function (r) {
        return r.currency_code;
      })
      .filter(function (code, i, all) {
        return codes.indexOf(code) < 0 && all.indexOf(code) === i;
      })
      .sort();
    return codes.concat(others);
  }

  function inCurrency(view, code) {
    return rows(view).filter(function (r) {
      return r.currency_code === code;
    });
  }

  /* A line or bar chart of one value per month, in one currency. */
  function monthly(view, valueColumn, seriesOf, code, draw) {
    var all = rows(view);
    var months = monthRange(all.map(function (r) {
      return r.month;
    }));
    var names = [];
    var values = {};
    all.filter(function (r) {
      return r.currency_code === code;
    }).forEach(function (r) {
      var name = seriesOf(r);
      if (!values[name]) {
        names.push(name);
        values[name] = {};
      }
      values[name][r.month] = number(values[name][r.month]) + number(r[valueColumn]);
    });
    var format = money(code);
    return draw({
      categories: months.map(monthLabel),
      series: names.map(function (name) {
        return {name: name, values: months.map(function (m) {
          return values[name][m] == null ? 0 : values[name][m];
        })};
      }),
      format: format
    });
  }

  /* A horizontal bar chart of the biggest values of one view, in one currency. */
  function ranking(section, view, nameOf, code, limit) {
    var list = inCurrency(view, code).sort(function (a, b) {
      return number(b.sales_value) - number(a.sales_value);
    });
    var shown = list.slice(0, limit);
    if (list.length > limit) {
      unit(section, code + ', top ' + limit + ' of ' + list.length);
    }
    var format = money(code);
    return Charts.bars(plot(section), {
      horizontal: true,
      categories: shown.map(nameOf),
      series: [{name: 'Sales value', values: shown.map(function (r) {
        return number(r.sales_value);
      })}],
      format: format,
      tooltip: function (i) {
        var r = shown[i];
        return nameOf(r) + ': ' + format(number(r.sales_value)) + ' (' + COUNT.format(r.orders) +
          ' orders, ' + COUNT.format(r.units_sold) + ' units)';
      }
    });
  }

  function plot(section) {
    return section.querySelector('.plot');
  }

  function unit(section, text) {
    var span = section.querySelector('.unit');
    if (span) {
      span.textContent = text ? ' \u00b7 ' + text : '';
    }
  }

  var DIRECTION = {SALE: 'Received from customers', PURCHASE: 'Paid to suppliers'};

  var CHARTS = {
    sales_by_currency: function (section, code) {
      return Charts.cards(plot(section), rows('sales_by_currency').map(function (r) {
        return {
          title: r.currency_code + ' \u00b7 ' + r.currency_name,
          value: money(r.currency_code)(number(r.sales_value)),
          detail: COUNT.format(r.orders) + ' orders \u00b7 ' + COUNT.format(r.units_sold) +
            ' units',
          selected: r.currency_code === code,
          onSelect: function () {
            picker.value = r.currency_code;
            render();
          }
        };
      }));
    },
    sales_by_month: function (section, code) {
      return monthly('sales_by_month', 'sales_value', function () {
        return 'Sales value';
      }, code, function (spec) {
        return Charts.line(plot(section), spec);
      });
    },
    top_designs: function (section, code) {
      /* A design is its id, and several share a name: the label is both, "Granite (#12)". */
      return ranking(section, 'top_designs', function (r) {
        return r.design_label;
      }, code, 10);
    },
    sales_by_department: function (section, code) {
      return ranking(section, 'sales_by_department', function (r) {
        return r.department_name;
      }, code, TOP);
    },
    sales_by_staff: function (section, code) {
      return ranking(section, 'sales_by_staff', function (r) {
        return r.staff_name + ' (' + r.department_name + ')';
      }, code, TOP);
    },
    sales_by_country: function (section, code) {
      return ranking(section, 'sales_by_country', function (r) {
        return r.country;
      }, code, TOP);
    },
    sales_by_city: function (section, code) {
      return ranking(section, 'sales_by_city', function (r) {
        return r.city + ', ' + r.country;
      }, code, TOP);
    },
    paid_vs_unpaid: function (section, code) {
      var list = inCurrency('paid_vs_unpaid', code);
      var types = ['SALE', 'PURCHASE'].concat(list.map(function (r) {
        return r.transaction_type;
      })).filter(function (t, i, all) {
        return all.indexOf(t) === i && list.some(function (r) {
          return r.transaction_type === t;
        });
      });
      var format = money(code);
      function amount(type, paid) {
        var found = list.filter(function (r) {
          return r.transaction_type === type && r.paid === paid;
        });
        return found.length === 0 ? null : number(found[0].amount);
      }
      return Charts.bars(plot(section), {
        horizontal: true,
        stacked: true,
        categories: types.map(function (t) {
          return DIRECTION[t] || t;
        }),
        series: [true, false].map(function (paid) {
          return {name: paid ? 'Paid' : 'Unpaid', values: types.map(function (t) {
            return amount(t, paid);
          })};
        }),
        format: format
      });
    },
    purchases_by_month: function (section, code) {
      return monthly('purchases_by_month', 'purchase_value', function () {
        return 'Purchase value';
      }, code, function (spec) {
        return Charts.line(plot(section), spec);
      });
    },
    payments_by_month: function (section, code) {
      return monthly('payments_by_month', 'amount', function (r) {
        return DIRECTION[r.transaction_type] || r.transaction_type;
      }, code, function (spec) {
        return Charts.bars(plot(section), spec);
      });
    }
  };

  function draw(section, code) {
    var view = section.getAttribute('data-chart');
    var chart = CHARTS[view];
    var points = 0;
    unit(section, code);
    try {
      if (!chart) {
        throw new Error('no chart for view ' + view);
      }
      points = chart(section, code);
      if (points === 0) {
        plot(section).textContent = 'No data in ' + code + '.';
      }
    } catch (e) {
      window.dashboardErrors.record('chart ' + view + ' failed: ' + (e && e.stack ? e.stack : e));
      plot(section).textContent = 'This chart failed: ' + e;
      points = 0;
    }
    section.setAttribute('data-points', String(points));
  }

  var FACTS = {fact_sales_order: 'Sales orders', fact_purchase_order: 'Purchase orders',
    fact_payment: 'Payments'};

  /* The freshness panel: per fact table its facts, versions, deleted facts and newest change, as the source
     last changed it (not a lag: the warehouse's freshness is "Up to date as of" at the top). */
  function freshness() {
    var section = document.getElementById('freshness');
    var body = section.querySelector('tbody');
    body.textContent = '';
    var list = rows('freshness');
    list.forEach(function (r) {
      var row = document.createElement('tr');
      [[FACTS[r.fact_table] || r.fact_table, ''], [COUNT.format(number(r.current_rows)), 'number'],
        [COUNT.format(number(r.versions)), 'number'],
        [COUNT.format(number(r.deleted)), 'number'],
        [r.last_updated == null ? '-' : r.last_updated.replace('T', ' ').replace(/\.\d*$/, ''),
          '']].forEach(function (cell) {
        var td = document.createElement('td');
        td.textContent = cell[0];
        td.className = cell[1];
        row.appendChild(td);
      });
      body.appendChild(row);
    });
    section.setAttribute('data-rows', String(list.length));
  }

  /* Where each chart's plot is on the page, in CSS pixels from the page's top left, so that a
     screenshot of the page can be cut into charts (the browser test looks at each). */
  function box(section) {
    var target = plot(section).querySelector('svg') || plot(section);
    var r = target.getBoundingClientRect();
    section.setAttribute('data-box', [r.left + window.scrollX, r.top + window.scrollY, r.width,
      r.height].map(Math.round).join(','));
  }

  function render() {
    var code = picker.value;
    Array.prototype.forEach.call(document.querySelectorAll('section[data-chart]'),
      function (section) {
        draw(section, code);
        box(section);
      });
    document.documentElement.setAttribute('data-height',
      String(Math.ceil(document.documentElement.scrollHeight)));
  }

  if (data.empty) {
    document.getElementById('charts').hidden = true;
    document.getElementById('currency-picker').hidden = true;
  } else {
    freshness();
    currencies().forEach(function (code) {
      var option = document.createElement('option');
      option.value = code;
      option.textContent = code;
      picker.appendChild(option);
    });
    picker.addEventListener('change', render);
    var resizing = null;
    window.addEventListener('resize', function () {
      clearTimeout(resizing);
      resizing = setTimeout(render, 150);
    });
    render();
  }
  window.dashboardErrors.done();
})();
