import type { MemberRow } from "../activities/index.js";
import type { GroupWithMembers } from "./queries.js";

/** The groups page: each group with its member set, and the course's students to choose from. */
export function presentGroupsPage(groups: GroupWithMembers[], members: MemberRow[]) {
  return {
    groups: groups.map((g) => ({
      id: g.id,
      name: g.name,
      isMoodle: g.source === "moodle",
      count: g.userIds.length,
      members: new Set(g.userIds),
    })),
    students: members
      .filter((m) => m.isLearner)
      .map((m) => ({ userId: m.userId, name: m.name || m.userId, isEnrolled: m.isEnrolled })),
  };
}
