// The dashboard: one server-sent-events stream (/api/stream) brings the figures every second and, once a
// sensor is picked, its retained readings; the chart is uPlot, served from its webjar.
(function () {
  'use strict';

  const number = new Intl.NumberFormat('en');
  const byId = (id) => document.getElementById(id);
  let source = null;
  let chart = null;
  let currentSensor = '';

  function bytes(n) {
    if (n >= 1 << 30) return (n / (1 << 30)).toFixed(2) + ' GB';
    if (n >= 1 << 20) return (n / (1 << 20)).toFixed(1) + ' MB';
    return Math.round(n / 1024) + ' KB';
  }

  function showStats(stats) {
    byId('sensors').textContent = number.format(stats.sensors);
    byId('readingsReceived').textContent = number.format(stats.readingsReceived);
    byId('readingsRetained').textContent = number.format(stats.readingsRetained);
    byId('window').textContent = stats.recentReadingsPerSensor;
    byId('eventsPerSecond').textContent = number.format(stats.eventsPerSecond);
    byId('heapUsed').textContent = bytes(stats.memory.heapUsedBytes);
    byId('heapMax').textContent = bytes(stats.memory.heapMaxBytes);
    const rows = Object.entries(stats.locations).map(([location, totals]) =>
      '<tr data-location="' + location + '"><td>' + location + '</td><td>' + number.format(totals.sensors) +
      '</td><td>' + number.format(totals.readingsReceived) + '</td></tr>');
    byId('locations').innerHTML = rows.length ? rows.join('') : '<tr><td colspan="3">no sensor yet</td></tr>';
    if (!currentSensor && rows.length) {
      pickLocation(Object.keys(stats.locations)[0]);
    }
  }

  function showReadings(data) {
    if (data.sensorId !== currentSensor) return;
    const xs = data.readings.map((r) => Date.parse(r.at) / 1000);
    const ys = data.readings.map((r) => r.value);
    const width = byId('chart').clientWidth || 600;
    if (!chart) {
      chart = new uPlot({
        width: width, height: 280,
        series: [{}, { label: currentSensor, stroke: '#2f6fb3', width: 2 }],
        axes: [{}, {}],
      }, [xs, ys], byId('chart'));
    } else {
      chart.setSize({ width: width, height: 280 });
      chart.setSeries(1, { label: currentSensor });
      chart.setData([xs, ys]);
    }
    byId('chartInfo').textContent = data.readings.length
      ? data.readings.length + ' retained readings, latest ' + data.readings[data.readings.length - 1].value +
        ' at ' + data.readings[data.readings.length - 1].at
      : 'no reading yet';
  }

  function connect() {
    if (source) source.close();
    source = new EventSource('/api/stream' + (currentSensor ? '?sensor=' + encodeURIComponent(currentSensor) : ''));
    source.addEventListener('open', () => {
      byId('connection').textContent = 'live';
      byId('connection').classList.add('live');
    });
    source.addEventListener('error', () => {
      byId('connection').textContent = 'reconnecting…';
      byId('connection').classList.remove('live');
    });
    source.addEventListener('stats', (event) => showStats(JSON.parse(event.data)));
    source.addEventListener('readings', (event) => showReadings(JSON.parse(event.data)));
  }

  async function pickLocation(location) {
    const response = await fetch('/api/locations/' + encodeURIComponent(location) + '/sensors');
    const sensors = await response.json();
    const select = byId('sensor');
    select.innerHTML = sensors.map((s) => '<option value="' + s.id + '">' + s.id + ' (' + s.kind.toLowerCase() +
      ', ' + location + ')</option>').join('');
    if (sensors.length) {
      pickSensor(sensors[0].id);
    }
  }

  function pickSensor(id) {
    currentSensor = id;
    byId('sensor').value = id;
    connect();
  }

  async function post(url, describe) {
    const result = byId('actionResult');
    result.textContent = 'working…';
    const response = await fetch(url, { method: 'POST' });
    const body = await response.json();
    result.textContent = response.ok ? describe(body) : (body.detail || response.statusText);
  }

  byId('locations').addEventListener('click', (event) => {
    const row = event.target.closest('tr[data-location]');
    if (row) pickLocation(row.dataset.location);
  });
  byId('sensor').addEventListener('change', (event) => pickSensor(event.target.value));
  byId('generate').addEventListener('click', () => post('/api/generate-fresh?sensors=10&readings=60',
    (r) => number.format(r.readings) + ' readings in ' + r.batches + ' batches, ' + r.elapsedMillis + ' ms'));
  byId('duplicates').addEventListener('click', () => post('/api/test-duplicates?count=20',
    (r) => r.resent + ' batches re-sent, ' + r.appliedAgain + ' applied twice'));

  connect();
})();
