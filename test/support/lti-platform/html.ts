import type { Response } from "express";

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Moodle's default exception handler: a full HTML page with HTTP 404. This is what an uncaught
 * exception looks like (bad JWT signature, unknown kid, non-JSON registration, invalid request).
 */
export function sendMoodleErrorPage(res: Response, message: string): void {
  const page = [
    "<!DOCTYPE html>",
    '<html dir="ltr" lang="en" xml:lang="en">',
    "<head><title>Error | lab</title></head>",
    '<body id="page-mod-lti" class="path-mod path-mod-lti notloggedin">',
    '<div id="page-content"><div class="errorbox alert alert-danger" role="alert">',
    `<p class="errormessage">Exception - ${escapeHtml(message)}</p>`,
    "</div></div>",
    "</body></html>",
  ].join("\n");
  res.status(404).type("text/html; charset=utf-8").send(page);
}

/** auth.php's answer: a bare auto-submitting form_post of the state and the id_token. */
export function formPostPage(action: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `  <input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}" />\n`)
    .join("");
  return (
    `<form action="${escapeHtml(action)}" name="ltiAuthForm" id="ltiAuthForm" method="post" enctype="application/x-www-form-urlencoded">\n` +
    inputs +
    "</form>\n" +
    '<script type="text/javascript">\n//<![CDATA[\ndocument.ltiAuthForm.submit();\n//]]>\n</script>\n'
  );
}

/** Node refuses non-Latin-1 characters in a status line; PHP would send them as bytes. */
export function statusLineText(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, "?");
}
