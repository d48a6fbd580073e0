// Chippy's live board. The record keeper pushes five kinds of server-sent event, each the
// whole of its part of the screen: "board" (panes and ready board), "lag" (the consumer
// groups' lag over the last minute or two), "counts" (the talk's homework), "trends" (the
// analyst's windows) and "cabinet" (the hot cabinets, when the shop has them). Each is drawn as it comes; nothing is merged, so a missed event costs
// nothing.
'use strict';

const COLOURS = ['#ffd23f', '#4cc9f0', '#f72585', '#3ddc84', '#ff7a45', '#b388ff', '#9be564', '#ff9ecd'];
const pounds = new Intl.NumberFormat('en-GB', {style: 'currency', currency: 'GBP'});
const whole = new Intl.NumberFormat('en-GB');

const state = {
    lag: null,
    trends: null,
    cabinet: null,
    faultMarks: [],          // what the fault panel's faults did, and when: marked on the lag charts
    shownLines: new Set(),   // "pane|number|state" drawn last time, to flash what is new
    shownReady: new Set(),
    yours: new Set(),        // "till|number" of orders placed here
    menu: [],
    basket: new Map(),       // item id -> quantity
};

function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
}

// ---- The stream -------------------------------------------------------------------------

function connect() {
    const connection = document.getElementById('connection');
    const events = new EventSource('board/events');
    events.onopen = () => {
        connection.textContent = 'live';
        connection.className = 'connection live';
    };
    events.onerror = () => {
        connection.textContent = 'reconnecting…';
        connection.className = 'connection lost';
    };
    events.addEventListener('board', event => drawBoard(JSON.parse(event.data)));
    events.addEventListener('lag', event => {
        state.lag = JSON.parse(event.data);
        drawLag();
    });
    events.addEventListener('counts', event => drawCounts(JSON.parse(event.data)));
    events.addEventListener('trends', event => {
        state.trends = JSON.parse(event.data);
        drawTrends();
    });
    events.addEventListener('cabinet', event => {
        state.cabinet = JSON.parse(event.data);
        drawCabinet();
    });
}

// ---- Panes and the ready board ---------------------------------------------------------

function drawBoard(board) {
    const seen = new Set();
    const tills = document.getElementById('tills');
    tills.replaceChildren(...board.tills.map(pane => drawPane(pane, 'till', seen)));
    if (board.tills.length === 0) tills.append(el('p', 'empty', 'No orders yet.'));

    const kitchen = document.getElementById('kitchen');
    const panes = board.preparers.map(pane => drawPane(pane, 'preparer', seen));
    panes.push(drawPane(board.cook, 'cook', seen));
    kitchen.replaceChildren(...panes);
    state.shownLines = seen;
    const tallies = board.kitchen;
    document.getElementById('kitchen-tallies').textContent = tallies.handedOutAgain > 0 || tallies.rejected > 0
        ? 'handed out again ' + whole.format(tallies.handedOutAgain) + ' · rejected ' + whole.format(tallies.rejected) : '';

    const ready = document.getElementById('ready');
    const shown = new Set();
    ready.replaceChildren(...board.ready.map(order => {
        const key = order.tillId + '|' + order.number;
        const item = el('li', state.shownReady.has(key) || state.shownReady.size === 0 ? '' : 'fresh');
        if (state.yours.has(key)) item.classList.add('yours');
        item.dataset.number = order.number;
        item.dataset.till = order.tillId;
        item.append(el('span', 'number', order.number), el('span', 'where', order.tillId));
        shown.add(key);
        return item;
    }));
    state.shownReady = shown.size > 0 ? shown : new Set(['']);
    hideWhatDoesNotFit(ready);
}

// A number half shown is worse than none: hide the ones below the board's bottom edge.
function hideWhatDoesNotFit(list) {
    const bottom = list.getBoundingClientRect().bottom;
    for (const item of list.children) {
        item.style.visibility = item.getBoundingClientRect().bottom > bottom + 1 ? 'hidden' : '';
    }
}

function idle(pane, kind) {
    if (kind === 'till') return 'No orders yet';
    if (kind === 'cook') return pane.member ? 'Nothing to fry' : 'No cook in this shop';
    return pane.member ? 'Waiting for orders' : 'Gone from the group';
}

function drawPane(pane, kind, seen) {
    const section = el('section', 'pane ' + kind);
    section.dataset.pane = pane.name;
    if (pane.member === false) section.classList.add('gone');
    const header = el('header');
    header.append(el('h3', null, pane.name));
    if (pane.partitions) {
        if (pane.partitions.length > 0) {
            const owns = el('span', 'owns');
            owns.title = 'partitions it owns now';
            pane.partitions.forEach(partition => owns.append(el('span', 'partition', 'p' + partition)));
            header.append(owns);
        } else {
            header.append(el('span', 'none', pane.member ? 'owns no partition' : kind === 'cook' ? '' : 'not in the group'));
        }
    }
    const lines = el('ul');
    if (pane.lines.length === 0) lines.append(el('li', 'idle', idle(pane, kind)));
    pane.lines.forEach(line => {
        const key = kind + pane.name + '|' + line.tillId + '|' + line.number + '|' + line.state;
        const item = el('li', 'state-' + line.state);
        if (state.shownLines.size > 0 && !state.shownLines.has(key)) item.classList.add('fresh');
        seen.add(key);
        item.dataset.number = line.number;
        const text = el('span', 'text', line.text);
        text.title = line.text + (kind === 'till' ? '' : ' (' + line.tillId + ')');
        item.append(text);
        if (line.note && line.note !== pane.name) item.append(el('span', 'note', line.note));
        // Numbers are per till: in the kitchen, say which till's.
        if (kind !== 'till') item.append(el('span', 'till-tag', line.tillId));
        lines.append(item);
    });
    section.append(header, lines);
    return section;
}

// ---- Counts ----------------------------------------------------------------------------

function drawCounts(counts) {
    const portions = counts.portions || {};
    document.getElementById('count-cod').textContent = whole.format(portions.cod || 0);
    document.getElementById('count-chips').textContent = whole.format(portions.chips || 0);
    document.getElementById('count-plaice').textContent = whole.format(portions.plaice || 0);
    document.getElementById('count-orders').textContent = whole.format(counts.orders || 0);
    document.getElementById('count-revenue').textContent = pounds.format((counts.revenuePence || 0) / 100);
}

// ---- Lag charts ------------------------------------------------------------------------

function drawLag() {
    const lag = state.lag;
    if (!lag) return;
    document.getElementById('lag-span').textContent = Math.round(lag.spanMs / 60000) + ' min';
    const charts = document.getElementById('charts');
    while (charts.children.length > lag.groups.length) charts.lastChild.remove();
    lag.groups.forEach((group, index) => {
        let chart = charts.children[index];
        if (!chart) {
            chart = el('section', 'chart');
            const header = el('header');
            header.append(el('h3'), el('span', 'total'));
            chart.append(header, el('div', 'legend'), el('canvas'));
            charts.append(chart);
        }
        drawChart(chart, group, lag);
    });
}

function drawChart(chart, group, lag) {
    const latest = group.samples.length > 0 ? group.samples[group.samples.length - 1] : null;
    const total = latest ? latest.lag.reduce((sum, value) => sum + (value || 0), 0) : null;
    chart.dataset.group = group.group;
    chart.querySelector('h3').textContent = group.title;
    const totalNode = chart.querySelector('.total');
    totalNode.replaceChildren(total === null ? '–' : whole.format(total), el('small', null, 'waiting'));

    const legend = chart.querySelector('.legend');
    legend.replaceChildren(...group.partitions.map((partition, i) => {
        const entry = el('span');
        const swatch = el('span', 'swatch');
        swatch.style.background = COLOURS[i % COLOURS.length];
        const value = latest && latest.lag[i] !== null ? whole.format(latest.lag[i]) : '–';
        entry.append(swatch, 'p' + partition + ' ' + (group.owners[i] || 'nobody') + ' ', el('b', null, value));
        return entry;
    }));
    if (lag.problem) legend.append(el('span', 'problem', lag.problem));

    const drawing = blank(chart.querySelector('canvas'));
    if (!drawing) return;
    const {g, width, height} = drawing;

    let highest = 0;
    group.samples.forEach(sample => sample.lag.forEach(value => { if (value > highest) highest = value; }));
    const top = 4 * niceStep(highest / 4);
    const left = 40, right = width - 6, upper = 6, lower = height - 16;
    const x = at => left + (right - left) * (1 - (lag.at - at) / lag.spanMs);
    const y = value => lower - (lower - upper) * value / top;

    g.font = '11px "Segoe UI", Roboto, Arial, sans-serif';
    g.textBaseline = 'middle';
    for (let step = 0; step <= 4; step++) {
        const value = top * step / 4, row = Math.round(y(value)) + 0.5;
        g.strokeStyle = step === 0 ? '#4a5562' : '#2c3540';
        g.beginPath(); g.moveTo(left, row); g.lineTo(right, row); g.stroke();
        g.fillStyle = '#9aa5b1';
        g.textAlign = 'right';
        g.fillText(whole.format(value), left - 6, row);
    }
    g.textAlign = 'left';
    g.textBaseline = 'alphabetic';
    g.fillText('−' + Math.round(lag.spanMs / 1000) + ' s', left, height - 3);
    g.textAlign = 'right';
    g.fillText('now', right, height - 3);

    drawFaultMarks(g, x, lag, upper, lower);
    group.partitions.forEach((partition, i) => {
        g.strokeStyle = COLOURS[i % COLOURS.length];
        g.lineWidth = 2.5;
        g.lineJoin = 'round';
        g.beginPath();
        let drawing = false;
        group.samples.forEach(sample => {
            const value = sample.lag[i];
            if (value === null || value === undefined) { drawing = false; return; }
            if (drawing) g.lineTo(x(sample.at), y(value)); else g.moveTo(x(sample.at), y(value));
            drawing = true;
        });
        g.stroke();
    });
    g.lineWidth = 1;
}

// A fault from the fault panel, where it happened in time: a red line when it struck, a green
// one when the shop was put right (the process started again, the cook back to full speed).
function drawFaultMarks(g, x, lag, upper, lower) {
    let labelled = 0;
    for (const mark of state.faultMarks) {
        const at = Date.parse(mark.at);
        if (at < lag.at - lag.spanMs || at > lag.at) continue;
        const recovered = /started again|back to full speed/.test(mark.text);
        const column = Math.round(x(at)) + 0.5;
        g.strokeStyle = recovered ? 'rgba(61, 220, 132, .7)' : 'rgba(255, 92, 92, .9)';
        g.setLineDash([4, 3]);
        g.beginPath(); g.moveTo(column, upper); g.lineTo(column, lower); g.stroke();
        g.setLineDash([]);
        if (!recovered) {
            const label = mark.text.split(' (')[0];
            g.fillStyle = '#ff5c5c';
            g.textAlign = 'left';
            // Faults close together get their names on rows of their own.
            g.fillText(label.length > 26 ? label.slice(0, 25) + '…' : label, column + 3, upper + 9 + 12 * (labelled++ % 3));
        }
    }
}

// ---- The analyst's windows -------------------------------------------------------------

function drawTrends() {
    const trends = state.trends;
    const box = document.getElementById('trends');
    if (!trends || trends.minutes.length === 0) return;
    let perTill = box.querySelector('.per-till');
    if (!perTill) {
        perTill = el('section', 'panel per-till');
        perTill.append(el('h3', null, 'Orders per minute, per till'), el('div', 'legend'), el('canvas'));
        const portions = el('section', 'panel portions');
        portions.append(el('h3', null, 'Top items, last 5 minutes'), el('ol'));
        const ready = el('section', 'panel ready-time');
        ready.append(el('h3', null, 'Placed → ready, this minute'), el('div', 'figure'), el('div', 'note'));
        box.replaceChildren(perTill, portions, ready, ...box.querySelectorAll('.cabinet'));
    }
    perTill.querySelector('.legend').replaceChildren(...trends.tills.map((till, t) => {
        const entry = el('span');
        const swatch = el('span', 'swatch');
        swatch.style.background = COLOURS[t % COLOURS.length];
        entry.append(swatch, till.till + ' ', el('b', null, whole.format(till.orders[till.orders.length - 1])));
        return entry;
    }));
    drawPerTill(perTill.querySelector('canvas'), trends);

    box.querySelector('.portions ol').replaceChildren(...trends.items.slice(0, 4).map(portion => {
        const item = el('li');
        item.append(el('span', null, portion.portion), el('b', null, whole.format(portion.portions)));
        return item;
    }));

    const now = trends.ready[trends.ready.length - 1] || {orders: 0};
    const taken = trends.takingsPence[trends.takingsPence.length - 1] || 0;
    box.querySelector('.ready-time .figure').textContent = now.orders === 0 ? '–'
        : (now.meanMillis / 1000).toFixed(1) + ' s';
    box.querySelector('.ready-time .note').textContent = whole.format(now.orders) + ' ready, slowest '
        + (now.largestMillis / 1000).toFixed(1) + ' s · taken ' + pounds.format(taken / 100);
}

// The hot cabinets, when the shop has them: each one's stock now, and its total over the last minutes.
function drawCabinet() {
    const cabinet = state.cabinet;
    const box = document.getElementById('trends');
    let panel = box.querySelector('.cabinet');
    if (!cabinet || cabinet.cabinets.length === 0) {
        if (panel) panel.remove();
        return;
    }
    if (!panel) {
        panel = el('section', 'panel cabinet');
        panel.append(el('h3', null, 'Hot cabinets'), el('ol'), el('canvas'), el('div', 'note'));
        box.append(panel);
    }
    panel.querySelector('ol').replaceChildren(...cabinet.cabinets.map(one => {
        const item = el('li');
        const stock = Object.entries(one.stock).map(([portion, count]) => portion + ' ' + count).join(' · ');
        item.append(el('span', null, 'p' + one.cabinet + ' ' + one.owner), el('b', null, stock));
        return item;
    }));
    panel.querySelector('.note').textContent = whole.format(cabinet.taken) + ' served · '
        + whole.format(cabinet.waited) + ' waited for the fryer · ' + whole.format(cabinet.toppedUp) + ' top-ups';
    drawCabinetHistory(panel.querySelector('canvas'), cabinet);
}

// A line per item kept hot (cod, chips …): how many there are in all the cabinets, over the last minutes.
function drawCabinetHistory(canvas, cabinet) {
    const drawing = blank(canvas);
    if (!drawing) return;
    const {g, width, height} = drawing;
    const changes = [];
    cabinet.cabinets.forEach(one => one.history.forEach(sample =>
        changes.push({at: Date.parse(sample.at), cabinet: one.cabinet, stock: sample.stock})));
    changes.sort((a, b) => a.at - b.at);
    const now = new Map(), points = new Map();
    let highest = 1;
    changes.forEach(change => {
        now.set(change.cabinet, change.stock);
        const totals = {};
        now.forEach(stock => Object.entries(stock).forEach(([portion, count]) => totals[portion] = (totals[portion] || 0) + count));
        Object.entries(totals).forEach(([portion, total]) => {
            if (!points.has(portion)) points.set(portion, []);
            points.get(portion).push({at: change.at, total});
            highest = Math.max(highest, total);
        });
    });
    if (changes.length === 0) return;
    const earliest = changes[0].at, span = Math.max(1, changes[changes.length - 1].at - earliest);
    [...points.keys()].sort().forEach((portion, i) => {
        g.strokeStyle = COLOURS[i % COLOURS.length];
        g.fillStyle = COLOURS[i % COLOURS.length];
        g.lineWidth = 2;
        g.beginPath();
        points.get(portion).forEach((point, n) => {
            const x = 2 + (width - 4) * (point.at - earliest) / span;
            const y = height - 2 - (height - 14) * point.total / highest;
            if (n === 0) g.moveTo(x, y); else g.lineTo(x, y);
        });
        g.stroke();
        g.font = '10px "Segoe UI", Roboto, Arial, sans-serif';
        g.fillText(portion, 2 + i * 70, 10);
    });
}

// Grouped bars: a group per minute, a bar per till, in the tills' colours.
function drawPerTill(canvas, trends) {
    const drawing = blank(canvas);
    if (!drawing) return;
    const {g, width, height} = drawing;
    let highest = 0;
    trends.tills.forEach(till => till.orders.forEach(value => { if (value > highest) highest = value; }));
    const top = Math.max(1, 4 * niceStep(highest / 4));
    const left = 34, right = width - 4, upper = 4, lower = height - 14;
    const slot = (right - left) / trends.minutes.length;
    const bar = Math.max(1, (slot - 4) / Math.max(1, trends.tills.length));
    g.font = '11px "Segoe UI", Roboto, Arial, sans-serif';
    g.fillStyle = '#9aa5b1';
    g.textAlign = 'right';
    g.textBaseline = 'middle';
    g.fillText(whole.format(top), left - 5, upper + 4);
    g.fillText('0', left - 5, lower);
    g.textBaseline = 'alphabetic';
    g.textAlign = 'left';
    g.fillText(trends.minutes[0].substring(11, 16), left, height - 2);
    g.textAlign = 'right';
    g.fillText(trends.minutes[trends.minutes.length - 1].substring(11, 16) + ' UTC', right, height - 2);
    trends.tills.forEach((till, t) => {
        g.fillStyle = COLOURS[t % COLOURS.length];
        till.orders.forEach((value, m) => {
            const h = (lower - upper) * value / top;
            g.fillRect(left + m * slot + 2 + t * bar, lower - h, bar - 1, h);
        });
    });
}

// A canvas made as sharp as the screen and cleared, in CSS pixels; null while it is not shown.
function blank(canvas) {
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth, height = canvas.clientHeight;
    if (width === 0 || height === 0) return null;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
        canvas.width = Math.round(width * ratio);
        canvas.height = Math.round(height * ratio);
    }
    const g = canvas.getContext('2d');
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, width, height);
    return {g, width, height};
}

// The smallest of 1, 2, 5, 10, 20, 50… at least as big as value: whole numbers on the axis.
function niceStep(value) {
    if (value <= 1) return 1;
    const magnitude = Math.pow(10, Math.floor(Math.log10(value)));
    for (const step of [1, 2, 5, 10]) {
        if (step * magnitude >= value) return step * magnitude;
    }
    return 10 * magnitude;
}

// ---- Your till -------------------------------------------------------------------------

async function loadMenu() {
    const answer = await fetch('board/menu');
    state.menu = await answer.json();
    const menu = document.getElementById('menu');
    menu.replaceChildren(...state.menu.map(item => {
        const button = el('button');
        button.type = 'button';
        button.dataset.item = item.id;
        button.append(el('span', 'name', item.name), el('span', 'price', pounds.format(item.pricePence / 100)));
        button.addEventListener('click', () => {
            state.basket.set(item.id, (state.basket.get(item.id) || 0) + 1);
            drawBasket();
        });
        return button;
    }));
}

function drawBasket() {
    const basket = document.getElementById('basket');
    let total = 0;
    basket.replaceChildren(...[...state.basket.entries()].map(([id, quantity]) => {
        const item = state.menu.find(entry => entry.id === id);
        total += item.pricePence * quantity;
        const line = el('li');
        line.title = 'Take one off';
        line.append(el('span', null, quantity + ' × ' + item.name), el('span', null, pounds.format(item.pricePence * quantity / 100)));
        line.addEventListener('click', () => {
            if (quantity > 1) state.basket.set(id, quantity - 1); else state.basket.delete(id);
            drawBasket();
        });
        return line;
    }));
    document.getElementById('basket-total').textContent = state.basket.size > 0 ? pounds.format(total / 100) : '';
    document.getElementById('place-order').disabled = state.basket.size === 0;
    document.getElementById('clear-basket').disabled = state.basket.size === 0;
}

function idempotencyKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return Date.now().toString(36) + '-' + Math.random().toString(36).slice(2);
}

async function placeOrder() {
    const button = document.getElementById('place-order');
    const message = document.getElementById('till-message');
    const lines = [...state.basket.entries()].map(([item, quantity]) => ({item, quantity}));
    button.disabled = true;
    message.className = 'message';
    message.textContent = 'Placing…';
    try {
        // Through the record keeper, which passes it on to the till service: the till numbers it and writes it to Kafka.
        const answer = await fetch('board/orders', {
            method: 'POST',
            headers: {'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey()},
            body: JSON.stringify({lines}),
        });
        const body = await answer.json().catch(() => ({}));
        if (answer.status === 202) {
            state.yours.add(body.tillId + '|' + body.number);
            state.basket.clear();
            drawBasket();
            message.className = 'message ok';
            message.textContent = 'Order ' + body.number + ' placed at ' + body.tillId + '. Watch for it on the ready board.';
            message.dataset.number = body.number;
            message.dataset.till = body.tillId;
        } else {
            message.className = 'message error';
            message.textContent = 'Not placed: ' + (body.detail || body.title || ('HTTP ' + answer.status));
            button.disabled = false;
        }
    } catch (failure) {
        message.className = 'message error';
        message.textContent = 'Not placed: ' + failure.message;
        button.disabled = false;
    }
}

// ---- The fault panel and the proof (only when ./chippy run opened the shop) ----------------
// The runner, which owns the processes, answers on this machine's loopback; the board asks the
// record keeper where. Each button is a real fault; the proof is read beside the shop.

const faults = {url: null, underWay: null, token: sessionStorage.getItem('chippy-admin-token')};

async function openFaultPanel() {
    const answer = await fetch('board/fault-panel');
    if (answer.status !== 200) return;
    faults.url = (await answer.json()).url;
    document.getElementById('faults').hidden = false;
    document.querySelector('.shop').classList.add('with-faults');
    window.dispatchEvent(new Event('resize'));
    readFaultPanel();
    setInterval(readFaultPanel, 1000);
}

async function readFaultPanel() {
    const message = document.getElementById('fault-message');
    try {
        const answer = await fetch(faults.url + '/faults', {cache: 'no-store'});
        drawFaultPanel(await answer.json());
    } catch (failure) {
        message.className = 'message error';
        message.textContent = 'The runner\'s fault panel does not answer (it answers on its own machine only).';
    }
}

function drawFaultPanel(panel) {
    faults.underWay = panel.underWay;
    state.faultMarks = panel.happenings;
    const buttons = document.getElementById('fault-buttons');
    const shown = [...buttons.children].map(button => button.dataset.fault).join('|');
    if (shown !== panel.faults.map(fault => fault.id).join('|')) {
        buttons.replaceChildren(...panel.faults.map(fault => {
            const button = el('button', null, fault.label);
            button.type = 'button';
            button.dataset.fault = fault.id;
            button.title = fault.detail;
            button.addEventListener('click', () => causeFault(fault.id));
            return button;
        }));
    }
    for (const button of buttons.children) {
        button.disabled = panel.underWay !== null;
        button.classList.toggle('under-way', button.dataset.fault === panel.underWay);
    }
    const proof = panel.proof;
    for (const figure of document.querySelectorAll('#proof dd[data-proof]')) {
        const value = proof[figure.dataset.proof];
        figure.textContent = whole.format(value);
        figure.classList.toggle('bad', value > 0);
    }
    const inFlight = document.querySelector('#proof dd[data-proof="inFlight"]');
    if (proof.inFlight > 0) inFlight.textContent += ' (oldest ' + proof.oldestInFlightSeconds + ' s)';
    const verdict = document.getElementById('proof-verdict');
    verdict.dataset.holds = panel.holds;
    verdict.textContent = proof.database !== 'answering' ? 'PostgreSQL ' + proof.database
        : panel.holds ? 'Every accepted order READY once; none lost, none doubled'
        : proof.lost > 0 || proof.doubled > 0 ? 'Broken: ' + proof.lost + ' lost, ' + proof.doubled + ' doubled'
        : 'None lost, none doubled; ' + whole.format(proof.inFlight) + ' in flight';
    document.getElementById('happenings').replaceChildren(...panel.happenings.map(happening => {
        const line = el('li');
        line.append(el('time', null, new Date(happening.at).toLocaleTimeString('en-GB')), happening.text);
        return line;
    }));
    const message = document.getElementById('fault-message');
    if (panel.underWay) {
        message.className = 'message';
        message.textContent = panel.underWay + ' under way…';
    } else if (message.textContent.endsWith('under way…')) {
        message.textContent = '';
    }
}

async function causeFault(id) {
    const message = document.getElementById('fault-message');
    const headers = faults.token ? {'Authorization': 'Bearer ' + faults.token} : {};
    try {
        const answer = await fetch(faults.url + '/faults/' + id, {method: 'POST', headers});
        if (answer.status === 401) {
            const token = window.prompt('This shop has an admin token (CHIPPY_SECURITY_ADMIN_TOKEN). Token:');
            if (token) {
                faults.token = token;
                sessionStorage.setItem('chippy-admin-token', token);
                return causeFault(id);
            }
        }
        const body = await answer.json().catch(() => ({}));
        message.className = answer.status === 202 ? 'message' : 'message error';
        message.textContent = answer.status === 202 ? id + ' under way…' : (body.detail || 'HTTP ' + answer.status);
        readFaultPanel();
    } catch (failure) {
        message.className = 'message error';
        message.textContent = 'The fault panel did not answer: ' + failure.message;
    }
}

document.getElementById('place-order').addEventListener('click', placeOrder);
document.getElementById('clear-basket').addEventListener('click', () => {
    state.basket.clear();
    drawBasket();
});
window.addEventListener('resize', drawLag);
window.addEventListener('resize', drawTrends);
window.addEventListener('resize', drawCabinet);
loadMenu().then(drawBasket).catch(failure => {
    document.getElementById('till-message').textContent = 'No menu: ' + failure.message;
});
connect();
openFaultPanel().catch(() => {});
