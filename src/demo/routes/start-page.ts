import { Router } from "express";
import { DEMO_COORDINATOR, DEMO_COURSE, DEMO_LECTURER, DEMO_STAFF_COURSE, DEMO_STUDENTS } from "../demo-people.js";

/** GET /: the demo's start page, the people one can launch as. */
export function startPageRoute(): Router {
  const r = Router();
  r.get("/", (_req, res) => {
    res.render("demo/start", {
      course: DEMO_COURSE,
      lecturer: DEMO_LECTURER,
      students: DEMO_STUDENTS,
      coordinator: DEMO_COORDINATOR,
      staffCourse: DEMO_STAFF_COURSE,
    });
  });
  return r;
}
