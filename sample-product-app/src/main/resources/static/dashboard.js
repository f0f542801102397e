// The dashboard: numbers and product changes from the server-sent-events stream, price history from the API.
(function () {
    'use strict';
    const $ = id => document.getElementById(id);
    const number = n => Number(n).toLocaleString('en');
    const select = $('product');
    let chart = null;
    let series = [[], []]; // [seconds since epoch], [price]

    function show(update) {
        $('products').textContent = number(update.products);
        $('orders').textContent = number(update.orders);
        $('users').textContent = number(update.users);
        $('events-per-second').textContent = number(update.eventsPerSecond);
        $('events-seen').textContent = number(update.eventsSeen);
        for (const change of update.productChanges) {
            showChange(change);
        }
    }

    function showChange(change) {
        const item = document.createElement('li');
        item.textContent = change.kind.toLowerCase() + ' ' + change.name + ' (' + change.category + ') at '
            + change.price + ' — ' + new Date(change.timestamp).toLocaleTimeString();
        const list = $('changes');
        list.insertBefore(item, list.firstChild);
        while (list.children.length > 50) {
            list.removeChild(list.lastChild);
        }
        if (change.kind === 'CREATED' && change.category !== 'benchmark') {
            addOption(change.id, change.name);
            if (!select.value) {
                select.value = change.id;
                loadHistory(change.id);
            }
        } else if (change.id === select.value && change.kind === 'UPDATED') {
            series[0].push(Date.parse(change.timestamp) / 1000);
            series[1].push(Number(change.price));
            draw();
        }
    }

    function addOption(id, name) {
        if ([...select.options].some(option => option.value === id)) {
            return;
        }
        const placeholder = [...select.options].find(option => option.value === '');
        if (placeholder) {
            select.removeChild(placeholder);
        }
        const option = document.createElement('option');
        option.value = id;
        option.textContent = name;
        select.appendChild(option);
    }

    async function loadProducts() {
        const response = await fetch('/api/products?size=100&sort=name');
        const page = await response.json();
        for (const product of page.content) {
            addOption(product.id, product.name);
        }
        if (page.content.length > 0) {
            select.value = page.content[0].id;
            await loadHistory(select.value);
        }
    }

    async function loadHistory(id) {
        const response = await fetch('/api/products/' + encodeURIComponent(id) + '/history?field=price');
        const changes = response.ok ? await response.json() : [];
        series = [changes.map(c => Date.parse(c.timestamp) / 1000), changes.map(c => Number(c.newValue))];
        draw();
    }

    function draw() {
        const container = $('price-chart');
        if (chart === null) {
            chart = new uPlot({
                width: Math.max(300, container.clientWidth - 16), height: 280,
                // A price holds until the next change: a stepped line, not a slope.
                series: [{}, { label: 'price', stroke: '#2b6cb0', width: 2, points: { show: true },
                    paths: uPlot.paths.stepped({ align: 1 }) }],
                scales: { y: { range: (u, min, max) => [Math.min(0, min), max * 1.1 || 1] } },
            }, series, container);
        } else {
            chart.setData(series);
        }
    }

    select.addEventListener('change', () => loadHistory(select.value));

    function connect() {
        const source = new EventSource('/api/events/stream');
        source.addEventListener('update', event => show(JSON.parse(event.data)));
        source.onopen = () => { $('connection').textContent = 'live'; };
        source.onerror = () => {
            if (source.readyState === EventSource.CLOSED) {
                // Refused (503: the stream serves as many subscribers as it may): EventSource does not
                // retry a refusal by itself, so try again after the server's usual Retry-After.
                $('connection').textContent = 'busy, retrying…';
                setTimeout(connect, 10000);
            } else {
                $('connection').textContent = 'reconnecting…';
            }
        };
    }

    loadProducts().finally(connect);
}());
