/** The demo course, its lecturer and 25 students: what "Try it without a Moodle" shows. */
export const DEMO_COURSE = { id: "demo-bk101", label: "DEMO-BK101", title: "Biznesa komunikācija (demo)" } as const;
export const DEMO_RESOURCE_LINK = { id: "demo-attendance-1", title: "Apmeklējums" } as const;
/** The Study Support Centre's staff course: coordinators launch from it onto the study-day area. */
export const DEMO_STAFF_COURSE = {
  id: "demo-staff",
  label: "DEMO-SAC",
  title: "Studiju atbalsta centrs (demo)",
} as const;
export const DEMO_STAFF_LINK = { id: "demo-study-days", title: "Mācību dienas" } as const;
export const DEMO_CLIENT_ID = "rollbook-demo";
export const DEMO_DEPLOYMENT_ID = "1";

export interface DemoPerson {
  id: string;
  given: string;
  family: string;
  email: string;
  role: "Instructor" | "Learner";
}

const STUDENTS: ReadonlyArray<readonly [string, string]> = [
  ["Jānis", "Bērziņš"],
  ["Anna", "Kalniņa"],
  ["Mārtiņš", "Ozols"],
  ["Līga", "Liepiņa"],
  ["Kristaps", "Jansons"],
  ["Elīna", "Krūmiņa"],
  ["Artūrs", "Vītols"],
  ["Ieva", "Zariņa"],
  ["Edgars", "Kļaviņš"],
  ["Laura", "Pētersone"],
  ["Roberts", "Šmits"],
  ["Katrīna", "Ābele"],
  ["Dāvis", "Lācis"],
  ["Agnese", "Grīnberga"],
  ["Raivis", "Eglītis"],
  ["Sanita", "Ķēniņa"],
  ["Gints", "Puriņš"],
  ["Zane", "Celmiņa"],
  ["Oskars", "Strazds"],
  ["Madara", "Ūdre"],
  ["Kārlis", "Jurēvičs"],
  ["Evija", "Balode"],
  ["Toms", "Sproģis"],
  ["Dace", "Rozīte"],
  ["Ņikita", "Pavlovs"],
];

const ascii = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();

export const DEMO_LECTURER: DemoPerson = {
  id: "demo-lecturer",
  given: "Ilze",
  family: "Ozoliņa",
  email: "ilze.ozolina@demo.rollbook.lv",
  role: "Instructor",
};

export const DEMO_STUDENTS: readonly DemoPerson[] = STUDENTS.map(([given, family], i) => ({
  id: `demo-student-${String(i + 1).padStart(2, "0")}`,
  given,
  family,
  email: `${ascii(given)}.${ascii(family)}@demo.rollbook.lv`,
  role: "Learner",
}));

/** The study-day coordinator: a teacher of the staff course, on the platform's coordinator list. */
export const DEMO_COORDINATOR: DemoPerson = {
  id: "demo-coordinator",
  given: "Sarmīte",
  family: "Šķēle",
  email: "sarmite.skele@demo.rollbook.lv",
  role: "Instructor",
};

export const DEMO_PEOPLE: readonly DemoPerson[] = [DEMO_LECTURER, ...DEMO_STUDENTS];

export function demoPerson(id: string): DemoPerson | undefined {
  return id === DEMO_COORDINATOR.id ? DEMO_COORDINATOR : DEMO_PEOPLE.find((p) => p.id === id);
}
