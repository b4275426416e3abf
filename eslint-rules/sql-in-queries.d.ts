import type { Rule } from "eslint";

export function isQueriesFile(relFromSrc: string): boolean;
declare const plugin: { rules: Record<"sql-in-queries", Rule.RuleModule> };
export default plugin;
