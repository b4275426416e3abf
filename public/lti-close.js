// Tells Moodle's registration page that the tool is done (LTI Dynamic Registration).
(window.opener || window.parent).postMessage({ subject: "org.imsglobal.lti.close" }, "*");
