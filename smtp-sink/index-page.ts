import type { SinkMessage } from './message';

/** The page a person opens in the demo: every received message, newest first, with links to its bodies. */
export function renderIndexPage(messages: SinkMessage[]): string {
  const rows = [...messages]
    .reverse()
    .map(
      (m) =>
        `<tr><td>${escape(m.receivedAt)}</td><td>${escape(m.to.join(', '))}</td>` +
        `<td>${escape(m.subject || '(no subject)')}</td>` +
        `<td>${escape(m.headers['x-tenure-notification'] ?? '')}</td>` +
        `<td>${escape(m.headers['x-tenure-employee-id'] ?? '')}</td>` +
        `<td>${bodyLinks(m)}</td></tr>`,
    );
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="5">
<title>SMTP sink: ${messages.length} message${messages.length === 1 ? '' : 's'}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem; color: #1c1e21; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #dadde1; vertical-align: top; }
th { background: #f0f2f5; }
td:first-child { white-space: nowrap; font-variant-numeric: tabular-nums; }
</style>
</head>
<body>
<h1>SMTP sink</h1>
<p>${messages.length} message${messages.length === 1 ? '' : 's'} received (refreshes every 5 s). JSON: <a href="messages">/messages</a></p>
${
  rows.length === 0
    ? '<p>No messages yet.</p>'
    : `<table>
<thead><tr><th>Received</th><th>To</th><th>Subject</th><th>Notification</th><th>Employee</th><th>View</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`
}
</body>
</html>
`;
}

function bodyLinks(m: SinkMessage): string {
  const id = encodeURIComponent(m.id);
  return [
    m.html !== undefined ? `<a href="messages/${id}/html">html</a>` : '',
    m.text !== undefined ? `<a href="messages/${id}/text">text</a>` : '',
    `<a href="messages/${id}">json</a>`,
  ]
    .filter((link) => link !== '')
    .join(' · ');
}

function escape(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
