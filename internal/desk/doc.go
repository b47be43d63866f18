// Package desk is what the front desk makes for one patient's visit: the
// packet (the sheets of every treatment on every area, one merged dated
// calendar, the guides, as one PDF, and its .ics), the words of its
// e-mail, and the checks of a request (ids, dates, the patient's name:
// RequestError); and it writes one-off files outside every build output
// folder (WriteFile), since a personal copy may carry a patient's name.
//
// It may import internal/project (the loaded content and its renderers),
// internal/output (to recognise an output folder), the content model and
// the renderers it lays packets out and writes e-mails with
// (internal/content, calendar, html, pdf); nothing in the build imports
// it. cmd/handouts (packet, email,
// sheet -o) and internal/serve (the /make form) use it.
package desk
