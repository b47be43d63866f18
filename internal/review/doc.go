// Package review compares two versions of the content as a patient reads
// them, for a clinician to review and sign: `handouts diff`.
//
// Each version is loaded as a build loads it (a folder, or a git revision
// checked out into a temporary folder by Checkout). Every handout is then
// resolved for every variant both versions make (clinic, language,
// treatment, skin type and area), read as a patient reads it (title,
// summary, body, footer; Markdown reduced to its words) and cut into
// sentences, and the two lists of sentences are compared:
//
//   - a sentence whose words changed is one Change, with its old and new
//     words, grouped across every variant it affects and named by them
//     ("for skin types combination, sensitive"; nothing when it is all);
//   - a change the writer made in the handout is told apart from one that
//     follows from a rule's window or a clinic's, skin type's or area's
//     values: the old text is also resolved with the new rules and values,
//     so "No makeup for 48 hours" becoming "for 72 hours" is shown under
//     the rule no-makeup, not as an edit of the sentence;
//   - sections (headings) added and removed;
//   - rule windows whose start or end changed, per clinic (a clinic may
//     set its own end), with the old and new values;
//   - PDFs whose page count changed, rendered for the variants whose words
//     changed;
//   - handouts whose text changed while their reviewed_on did not.
//
// Variants that only one version makes (a new skin type, a new clinic)
// and handouts that only one version has are listed, to be read whole.
//
// A Report prints as plain text (WriteText) and as a self-contained HTML
// page (WriteHTML) with the changed words marked, to be printed and
// signed.
package review
