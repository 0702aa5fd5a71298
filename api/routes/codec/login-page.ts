/**
 * `/codec/login`: where an operator trades their token for a codec session cookie, so that the
 * Temporal UI (which sends cookies, not Tenure's tokens) may decode. No build step, no assets.
 */
export const LOGIN_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Tenure codec — sign in</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; padding: 0 1rem; }
  input { width: 100%; font: inherit; padding: .4rem; box-sizing: border-box; }
  button { font: inherit; margin-top: .8rem; padding: .4rem 1rem; }
  #result { margin-top: 1rem; }
</style>
</head>
<body>
<h1>Decode payloads in the Temporal UI</h1>
<p>Tenure encrypts what it keeps in Temporal. Sign in with an <strong>operator</strong> token to let this browser's
Temporal UI decode through Tenure's codec for eight hours (the UI's codec settings need
<em>Include cross-origin credentials</em>).</p>
<form id="login">
  <label for="token">Operator token</label>
  <input id="token" name="token" type="password" autocomplete="off" required>
  <button type="submit">Sign in</button>
</form>
<p id="result" role="status"></p>
<script>
document.getElementById('login').addEventListener('submit', async (event) => {
  event.preventDefault();
  const result = document.getElementById('result');
  const response = await fetch('session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: document.getElementById('token').value }),
  });
  result.textContent = response.ok
    ? 'Signed in: the Temporal UI in this browser now decodes payloads.'
    : 'Refused (' + response.status + '): ' + ((await response.json()).error?.message ?? '');
});
</script>
</body>
</html>
`;
