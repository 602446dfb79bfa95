import assert from "node:assert/strict";
import { escapeHtml } from "./display_bundle.ts";

Deno.test("escapeHtml() escapes markup and quotes, and stringifies non-strings", () => {
  assert.equal(
    escapeHtml(`<a href="x" title='y'>&</a>`),
    "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
  );
  assert.equal(escapeHtml(42), "42");
});
