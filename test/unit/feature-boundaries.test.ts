import { RuleTester } from "eslint";
import { join } from "node:path";
import tseslint from "typescript-eslint";
import plugin from "../../eslint-rules/feature-boundaries.js";
import { ROOT } from "../../src/paths.js";

const rule = plugin.rules["feature-boundaries"];
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, sourceType: "module" } });
const at = (path: string) => join(ROOT, "src", path);

// RuleTester runs its cases as mocha tests of their own (describe/it are globals here).
describe("the feature-boundaries lint rule", () => {
  tester.run("feature-boundaries", rule, {
    valid: [
      { filename: at("checkin/check-in.ts"), code: 'import { x } from "../attendance/index.js";' },
      { filename: at("attendance/register/routes.ts"), code: 'import { x } from "../sessions/queries.js";' },
      { filename: at("attendance/register/routes.ts"), code: 'import { db } from "../../db/client.js";' },
      { filename: at("app.ts"), code: 'import { planningRoutes } from "./planning/index.js";' },
    ],
    invalid: [
      {
        filename: at("checkin/check-in.ts"),
        code: 'import { getSession } from "../attendance/sessions/queries.js";',
        errors: [{ message: /front door \(src\/attendance\/index.ts\)/ }],
      },
      {
        filename: at("attendance/sessions/routes.ts"),
        code: 'import { queueSessionCalendar } from "../../bridge/index.js";',
        errors: [{ message: /attendance\/ may not import bridge\// }],
      },
      {
        filename: at("http/forms.ts"),
        code: 'import { x } from "../attendance/index.js";',
        errors: [{ message: /infrastructure/ }],
      },
      {
        filename: at("app.ts"),
        code: 'import { x } from "./bridge/queries.js";',
        errors: [{ message: /front door/ }],
      },
    ],
  });
});
