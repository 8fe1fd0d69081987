// The drawing page of `handwriting serve`. Plain JavaScript, no build step.
// While a person draws, the canvas is posted as a PNG to POST /api/predict, throttled: at most
// one request is in flight, and strokes drawn meanwhile are coalesced into the next request.
"use strict";

const PEN_WIDTH = 22;          // canvas pixels of 280: about MNIST's stroke for a digit filling the pad
const MIN_INTERVAL_MS = 120;   // the most often a request starts while drawing
const REQUEST_TIMEOUT_MS = 15000;
const HEALTH_INTERVAL_MS = 4000;

const pad = document.getElementById("pad");
const ink = pad.getContext("2d");
const preparedView = document.getElementById("prepared");
const topDigit = document.getElementById("top-digit");
const topShare = document.getElementById("top-share");
const message = document.getElementById("message");
const bars = document.getElementById("bars");
const hint = document.getElementById("hint");
const gone = document.getElementById("gone");
const drop = document.getElementById("drop");

const state = {
  drawing: false,
  last: null,       // the last point of the stroke being drawn
  dirty: false,     // the canvas changed since the last request started
  inFlight: false,
  lastStart: 0,
  timer: 0,
  upload: null,     // a chosen or dropped file, posted as it is instead of the canvas
  answers: 0,
};

// Ten rows, one per digit, built once.
const rows = [];
for (let digit = 0; digit < 10; digit++) {
  const row = document.createElement("li");
  row.innerHTML = `<span class="digit">${digit}</span><span class="track"><span class="fill"></span></span><span class="share">&ndash;</span>`;
  bars.appendChild(row);
  rows.push({ row, fill: row.querySelector(".fill"), share: row.querySelector(".share") });
}

function clearPad() {
  ink.fillStyle = "#fff";
  ink.fillRect(0, 0, pad.width, pad.height);
  state.upload = null;
  state.dirty = false;
  hint.hidden = false;
  showEmpty("Draw a digit to see what the network reads.");
  drawPrepared(null);
}

function point(event) {
  const box = pad.getBoundingClientRect();
  return {
    x: (event.clientX - box.left) * (pad.width / box.width),
    y: (event.clientY - box.top) * (pad.height / box.height),
  };
}

function strokeTo(p) {
  ink.strokeStyle = "#000";
  ink.fillStyle = "#000";
  ink.lineWidth = PEN_WIDTH;
  ink.lineCap = "round";
  ink.lineJoin = "round";
  if (state.last) {
    ink.beginPath();
    ink.moveTo(state.last.x, state.last.y);
    ink.lineTo(p.x, p.y);
    ink.stroke();
  } else {
    ink.beginPath();
    ink.arc(p.x, p.y, PEN_WIDTH / 2, 0, 2 * Math.PI);
    ink.fill();
  }
  state.last = p;
}

pad.addEventListener("pointerdown", (event) => {
  if (event.button !== 0 && event.pointerType === "mouse") return;
  event.preventDefault();
  pad.setPointerCapture(event.pointerId);
  state.drawing = true;
  state.last = null;
  state.upload = null;
  hint.hidden = true;
  strokeTo(point(event));
  changed();
});

pad.addEventListener("pointermove", (event) => {
  if (!state.drawing) return;
  event.preventDefault();
  // Coalesced events keep fast strokes smooth (a pen reports far more points than frames).
  const events = event.getCoalescedEvents ? event.getCoalescedEvents() : [event];
  for (const e of events.length ? events : [event]) strokeTo(point(e));
  changed();
});

function endStroke(event) {
  if (!state.drawing) return;
  state.drawing = false;
  state.last = null;
  if (pad.hasPointerCapture(event.pointerId)) pad.releasePointerCapture(event.pointerId);
  changed();
}
pad.addEventListener("pointerup", endStroke);
pad.addEventListener("pointercancel", endStroke);

document.getElementById("clear").addEventListener("click", clearPad);

// A chosen or dropped image: shown on the pad, and posted itself (not the pad's copy of it).
document.getElementById("file").addEventListener("change", (event) => {
  if (event.target.files.length) useFile(event.target.files[0]);
  event.target.value = "";
});
for (const name of ["dragenter", "dragover"]) {
  drop.addEventListener(name, (event) => { event.preventDefault(); drop.classList.add("dragging"); });
}
for (const name of ["dragleave", "drop"]) {
  drop.addEventListener(name, () => drop.classList.remove("dragging"));
}
drop.addEventListener("drop", (event) => {
  event.preventDefault();
  if (event.dataTransfer.files.length) useFile(event.dataTransfer.files[0]);
});

function useFile(file) {
  const url = URL.createObjectURL(file);
  const image = new Image();
  image.onload = () => {
    ink.fillStyle = "#fff";
    ink.fillRect(0, 0, pad.width, pad.height);
    const scale = Math.min(pad.width / image.width, pad.height / image.height);
    const w = image.width * scale, h = image.height * scale;
    ink.drawImage(image, (pad.width - w) / 2, (pad.height - h) / 2, w, h);
    URL.revokeObjectURL(url);
  };
  image.onerror = () => URL.revokeObjectURL(url);   // the server still says why it cannot read it
  image.src = url;
  hint.hidden = true;
  state.upload = file;
  changed();
}

// Throttling: one request in flight; changes meanwhile make one more request when it ends.
function changed() {
  state.dirty = true;
  document.body.dataset.pending = "true";
  pump();
}

function pump() {
  if (state.inFlight || !state.dirty || state.timer) return;
  const wait = state.lastStart + MIN_INTERVAL_MS - performance.now();
  if (wait > 0) {
    state.timer = setTimeout(() => { state.timer = 0; pump(); }, wait);
    return;
  }
  state.dirty = false;
  state.inFlight = true;
  state.lastStart = performance.now();
  const upload = state.upload;
  const body = upload ? Promise.resolve(upload) : new Promise((resolve) => pad.toBlob(resolve, "image/png"));
  body
    .then((blob) => post(blob, upload ? upload.name : "drawing"))
    .catch(serverGone)
    .finally(() => {
      state.inFlight = false;
      if (!state.dirty) document.body.dataset.pending = "false";
      pump();
    });
}

async function post(blob, name) {
  const abort = new AbortController();
  const timeout = setTimeout(() => abort.abort(), REQUEST_TIMEOUT_MS);
  try {
    const response = await fetch(`api/predict?name=${encodeURIComponent(name)}`, {
      method: "POST",
      headers: { "Content-Type": blob.type || "application/octet-stream" },
      body: blob,
      signal: abort.signal,
    });
    serverBack();
    const answer = await response.json().catch(() => ({ error: `the server answered ${response.status}` }));
    if (!response.ok) {
      showError(answer.error || `the server answered ${response.status}`);
      drawPrepared(null);
      return;
    }
    if (!state.drawing && !state.dirty && !state.upload && isPadBlank()) return; // cleared meanwhile
    show(answer);
  } finally {
    clearTimeout(timeout);
  }
}

function isPadBlank() {
  return !hint.hidden;
}

function show(answer) {
  state.answers += 1;
  document.body.dataset.answers = String(state.answers);
  drawPrepared(answer.prepared);
  if (!answer.ink_found) {
    showEmpty("No ink found: there is no digit to read.", "blank");
    return;
  }
  const p = answer.probabilities;
  topDigit.textContent = String(answer.digit);
  topDigit.dataset.state = "digit";
  topShare.textContent = `${(100 * p[answer.digit]).toFixed(1)}% sure`;
  message.textContent = `The network reads a ${answer.digit}.`;
  message.classList.remove("error");
  rows.forEach(({ row, fill, share }, digit) => {
    fill.style.width = `${(100 * p[digit]).toFixed(1)}%`;
    share.textContent = `${(100 * p[digit]).toFixed(1)}%`;
    row.classList.toggle("top", digit === answer.digit);
  });
}

function showEmpty(text, stateName = "empty") {
  topDigit.textContent = stateName === "blank" ? "–" : "?";
  topDigit.dataset.state = stateName;
  topShare.innerHTML = "&nbsp;";
  message.textContent = text;
  message.classList.remove("error");
  rows.forEach(({ row, fill, share }) => {
    fill.style.width = "0";
    share.textContent = "–";
    row.classList.remove("top");
  });
}

function showError(text) {
  showEmpty("", "error");
  message.textContent = text;
  message.classList.add("error");
}

// The 28x28 field as the network sees it: light ink on black.
function drawPrepared(values) {
  const view = preparedView.getContext("2d");
  const image = view.createImageData(28, 28);
  for (let i = 0; i < 28 * 28; i++) {
    const level = values ? Math.round(255 * values[i]) : 0;
    image.data.set([level, level, level, 255], 4 * i);
  }
  view.putImageData(image, 0, 0);
}

// Says so when the server is gone, and notices when it is back.
function serverGone() {
  gone.hidden = false;
  showError("No answer from the server.");
}

function serverBack() {
  gone.hidden = true;
}

async function checkHealth() {
  try {
    const response = await fetch("api/health", { cache: "no-store" });
    if (!response.ok) throw new Error(String(response.status));
    const health = await response.json();
    document.getElementById("model").textContent = `Model ${health.network} · ${health.model}`;
    if (!gone.hidden) {
      serverBack();
      if (topDigit.dataset.state === "error") changed();
    }
  } catch {
    gone.hidden = false;
  }
}

clearPad();
checkHealth();
setInterval(checkHealth, HEALTH_INTERVAL_MS);
