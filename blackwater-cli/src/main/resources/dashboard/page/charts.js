/* A small chart renderer in inline SVG: line charts and bar charts (grouped or stacked, vertical
   or horizontal) with a value axis, category labels, a legend and tooltips (<title>), and KPI
   cards. Text always goes in through textContent, never as markup. Every function draws into a
   container element and returns the number of marks (points, bars, cards) it drew.

   A chart spec: {
     categories: [label, ...],
     series: [{name: 'Sales', values: [number or null, ...]}, ...],  one value per category
     format: function (value) -> text,             full values in tooltips
     tooltip: function (category, series) -> text, optional: the tooltip of one mark
     stacked, horizontal: booleans (bar charts)
   } */
var Charts = (function () {
  'use strict';

  var SVG_NS = 'http://www.w3.org/2000/svg';
  var COLOURS = ['#2b6cb0', '#dd6b20', '#2f855a', '#c53030', '#6b46c1', '#975a16', '#b83280'];
  var MIN_WIDTH = 320;
  var AXIS = new Intl.NumberFormat('en-GB', {notation: 'compact', maximumFractionDigits: 2});

  function colour(index) {
    return COLOURS[index % COLOURS.length];
  }

  function el(name, attributes, parent) {
    var node = document.createElementNS(SVG_NS, name);
    Object.keys(attributes || {}).forEach(function (key) {
      node.setAttribute(key, String(attributes[key]));
    });
    if (parent) {
      parent.appendChild(node);
    }
    return node;
  }

  function label(parent, x, y, content, attributes) {
    var node = el('text', Object.assign({x: x, y: y}, attributes || {}), parent);
    node.textContent = content;
    return node;
  }

  function tooltip(node, content) {
    el('title', {}, node).textContent = content;
  }

  function shorten(text, max) {
    return text.length <= max ? text : text.slice(0, max - 1) + '\u2026';
  }

  /* Drawn at the container's own width, one SVG unit a CSS pixel, so text keeps its size. */
  function widthOf(container) {
    return Math.max(MIN_WIDTH, Math.floor(container.getBoundingClientRect().width) || 720);
  }

  function frame(container, width, height) {
    container.textContent = '';
    return el('svg', {
      viewBox: '0 0 ' + width + ' ' + height,
      width: width,
      height: height,
      role: 'img',
      'class': 'plot-svg'
    }, container);
  }

  /* Ticks at 1, 2, 2.5 or 5 times a power of ten, covering lo..hi (lo <= 0 <= hi). */
  function scale(lo, hi, count) {
    if (!(hi > lo)) {
      hi = lo + 1;
    }
    var raw = (hi - lo) / count;
    var magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    var step = [1, 2, 2.5, 5, 10].map(function (m) {
      return m * magnitude;
    }).find(function (s) {
      return s >= raw;
    });
    var from = Math.floor(lo / step) * step;
    var to = Math.ceil(hi / step) * step;
    var ticks = [];
    for (var i = 0; from + i * step <= to + step / 2; i++) {
      ticks.push(from + i * step);
    }
    return {from: from, to: to, ticks: ticks};
  }

  function extent(spec) {
    var lo = 0;
    var hi = 0;
    spec.categories.forEach(function (unused, i) {
      var up = 0;
      var down = 0;
      spec.series.forEach(function (s) {
        var v = s.values[i];
        if (v == null) {
          return;
        }
        if (spec.stacked) {
          if (v >= 0) {
            up += v;
          } else {
            down += v;
          }
        } else {
          up = Math.max(up, v);
          down = Math.min(down, v);
        }
      });
      hi = Math.max(hi, up);
      lo = Math.min(lo, down);
    });
    return scale(lo, hi, 5);
  }

  function legend(container, series) {
    if (series.length < 2) {
      return;
    }
    var list = document.createElement('ul');
    list.className = 'legend';
    series.forEach(function (s, i) {
      var item = document.createElement('li');
      var swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = colour(i);
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(s.name));
      list.appendChild(item);
    });
    container.appendChild(list);
  }

  function describe(spec, category, series) {
    if (spec.tooltip) {
      return spec.tooltip(category, series);
    }
    var s = spec.series[series];
    var name = spec.series.length > 1 ? s.name + ', ' : '';
    return spec.categories[category] + ': ' + name + spec.format(s.values[category]);
  }

  /* Labels every k-th category so that at most `room` labels show. */
  function labelStep(count, room) {
    return Math.max(1, Math.ceil(count / room));
  }

  function line(container, spec) {
    var margin = {top: 16, right: 40, bottom: 36, left: 64};
    var width = widthOf(container);
    var height = 280;
    var svg = frame(container, width, height);
    var plotWidth = width - margin.left - margin.right;
    var plotHeight = height - margin.top - margin.bottom;
    var n = spec.categories.length;
    var axis = extent(spec);
    function x(i) {
      return margin.left + (n === 1 ? plotWidth / 2 : (i * plotWidth) / (n - 1));
    }
    function y(v) {
      return margin.top + plotHeight - ((v - axis.from) / (axis.to - axis.from)) * plotHeight;
    }
    valueGrid(svg, axis, function (v) {
      return {x1: margin.left, x2: width - margin.right, y1: y(v), y2: y(v), lx: margin.left - 8,
        ly: y(v) + 4, anchor: 'end'};
    });
    var step = labelStep(n, Math.floor(plotWidth / 80));
    spec.categories.forEach(function (category, i) {
      if (i % step === 0) {
        label(svg, x(i), height - margin.bottom + 18, category, {'text-anchor': 'middle',
          'class': 'tick'});
      }
    });
    var marks = 0;
    spec.series.forEach(function (s, si) {
      var path = '';
      var penDown = false;
      s.values.forEach(function (v, i) {
        if (v == null) {
          penDown = false;
          return;
        }
        path += (penDown ? 'L' : 'M') + x(i).toFixed(1) + ' ' + y(v).toFixed(1);
        penDown = true;
      });
      el('path', {d: path, fill: 'none', stroke: colour(si), 'stroke-width': 2.5,
        'stroke-linejoin': 'round'}, svg);
      s.values.forEach(function (v, i) {
        if (v == null) {
          return;
        }
        var point = el('g', {'class': 'mark'}, svg);
        el('circle', {cx: x(i), cy: y(v), r: 3.5, fill: colour(si)}, point);
        el('circle', {cx: x(i), cy: y(v), r: 10, fill: 'transparent'}, point);
        tooltip(point, describe(spec, i, si));
        marks++;
      });
    });
    legend(container, spec.series);
    return marks;
  }

  function valueGrid(svg, axis, place) {
    axis.ticks.forEach(function (v) {
      var p = place(v);
      el('line', {x1: p.x1, x2: p.x2, y1: p.y1, y2: p.y2, 'class': v === 0 ? 'axis' : 'grid'},
        svg);
      label(svg, p.lx, p.ly, AXIS.format(v), {'text-anchor': p.anchor, 'class': 'tick'});
    });
  }

  function bars(container, spec) {
    return spec.horizontal ? horizontalBars(container, spec) : verticalBars(container, spec);
  }

  /* Calls draw(category, series, start, end, band offset, band size) for each non-null value. */
  function eachBar(spec, draw) {
    var k = spec.series.length;
    var marks = 0;
    spec.categories.forEach(function (unused, i) {
      var up = 0;
      var down = 0;
      spec.series.forEach(function (s, si) {
        var v = s.values[i];
        if (v == null) {
          return;
        }
        var start = 0;
        if (spec.stacked) {
          start = v >= 0 ? up : down;
          if (v >= 0) {
            up += v;
          } else {
            down += v;
          }
        }
        var offset = spec.stacked ? 0 : si / k;
        var size = spec.stacked ? 1 : 1 / k;
        draw(i, si, start, start + v, offset, size);
        marks++;
      });
    });
    return marks;
  }

  function horizontalBars(container, spec) {
    var width = widthOf(container);
    var longest = spec.categories.reduce(function (max, c) {
      return Math.max(max, Math.min(c.length, 30));
    }, 0);
    var margin = {top: 8, right: 32, bottom: 28,
      left: Math.min(Math.floor(width * 0.4), Math.max(60, longest * 7 + 16))};
    var groups = spec.stacked ? 1 : spec.series.length;
    var band = Math.max(24, groups * 14 + 10);
    var height = margin.top + margin.bottom + spec.categories.length * band;
    var svg = frame(container, width, height);
    var plotWidth = width - margin.left - margin.right;
    var axis = extent(spec);
    function x(v) {
      return margin.left + ((v - axis.from) / (axis.to - axis.from)) * plotWidth;
    }
    valueGrid(svg, axis, function (v) {
      return {x1: x(v), x2: x(v), y1: margin.top, y2: height - margin.bottom, lx: x(v),
        ly: height - margin.bottom + 18, anchor: 'middle'};
    });
    spec.categories.forEach(function (category, i) {
      var text = label(svg, margin.left - 8, margin.top + i * band + band / 2 + 4,
        shorten(category, Math.max(8, Math.floor((margin.left - 16) / 7))),
        {'text-anchor': 'end', 'class': 'category'});
      tooltip(text, category);
    });
    var inner = band - 8;
    var marks = eachBar(spec, function (i, si, start, end, offset, size) {
      var rect = el('rect', {
        x: Math.min(x(start), x(end)),
        y: margin.top + i * band + 4 + offset * inner,
        width: Math.max(1, Math.abs(x(end) - x(start))),
        height: Math.max(1, size * inner - (spec.stacked ? 0 : 1)),
        fill: colour(si),
        'class': 'mark'
      }, svg);
      tooltip(rect, describe(spec, i, si));
    });
    legend(container, spec.series);
    return marks;
  }

  function verticalBars(container, spec) {
    var margin = {top: 16, right: 40, bottom: 36, left: 64};
    var width = widthOf(container);
    var height = 280;
    var svg = frame(container, width, height);
    var plotWidth = width - margin.left - margin.right;
    var plotHeight = height - margin.top - margin.bottom;
    var n = spec.categories.length;
    var band = plotWidth / Math.max(1, n);
    var axis = extent(spec);
    function y(v) {
      return margin.top + plotHeight - ((v - axis.from) / (axis.to - axis.from)) * plotHeight;
    }
    valueGrid(svg, axis, function (v) {
      return {x1: margin.left, x2: width - margin.right, y1: y(v), y2: y(v), lx: margin.left - 8,
        ly: y(v) + 4, anchor: 'end'};
    });
    var step = labelStep(n, Math.floor(plotWidth / 80));
    spec.categories.forEach(function (category, i) {
      if (i % step === 0) {
        label(svg, margin.left + i * band + band / 2, height - margin.bottom + 18, category,
          {'text-anchor': 'middle', 'class': 'tick'});
      }
    });
    var inner = band * 0.8;
    var marks = eachBar(spec, function (i, si, start, end, offset, size) {
      var rect = el('rect', {
        x: margin.left + i * band + band * 0.1 + offset * inner,
        y: Math.min(y(start), y(end)),
        width: Math.max(1, size * inner - (spec.stacked ? 0 : 1)),
        height: Math.max(1, Math.abs(y(end) - y(start))),
        fill: colour(si),
        'class': 'mark'
      }, svg);
      tooltip(rect, describe(spec, i, si));
    });
    legend(container, spec.series);
    return marks;
  }

  /* cards: [{title, value, detail, selected, onSelect}] */
  function cards(container, items) {
    container.textContent = '';
    var list = document.createElement('div');
    list.className = 'cards';
    items.forEach(function (item) {
      var card = document.createElement('button');
      card.type = 'button';
      card.className = 'card' + (item.selected ? ' selected' : '');
      [['card-title', item.title], ['card-value', item.value], ['card-detail', item.detail]]
        .forEach(function (part) {
          var span = document.createElement('span');
          span.className = part[0];
          span.textContent = part[1];
          card.appendChild(span);
        });
      if (item.onSelect) {
        card.addEventListener('click', item.onSelect);
      }
      list.appendChild(card);
    });
    container.appendChild(list);
    return items.length;
  }

  return {line: line, bars: bars, cards: cards};
})();
