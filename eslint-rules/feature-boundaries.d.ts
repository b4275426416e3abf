import type { Rule } from "eslint";

export const FEATURE_LAYERS: Record<string, string[]>;
export const INFRASTRUCTURE: string[];
declare const plugin: { rules: Record<"feature-boundaries", Rule.RuleModule> };
export default plugin;
