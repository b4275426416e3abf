import { definePolicy, isStaff } from "../policy.js";

/** Who may do what with course groups. */
export const groupPolicy = {
  "groups.manage": isStaff,
} as const;

export const { can, authorize } = definePolicy(groupPolicy);
