// Package content loads and checks content/ (brands, skin types, areas,
// treatments with their rules and handouts, and their translations) and
// resolves a handout for one brand, language and variant: conditions
// applied, placeholders filled in, with a map back to file lines. It reads
// strictly (unknown keys, wrong types, unknown ids are errors naming file
// and line) and never renders.
//
// # Languages
//
// A brand lists the languages it offers, its default first
// (`languages: [en-US, es-US]`; the tags are those of internal/lang). The
// source text is English (SourceLang). Every language a brand offers has a
// view of the catalogue (views.go), made once at load, and an Env points
// into one view, so the renderers read the right words without knowing
// about languages:
//
//   - English locales share the source text. en-GB, en-AU and en-CA print
//     it in their own spelling from content/spelling.yaml (spelling.go):
//     whole words, case kept, in the handouts' titles, summaries, footers
//     and bodies, the rules' labels and the names of skin types, areas and
//     treatments; never in a brand's values or what placeholders insert,
//     link destinations, web or e-mail addresses.
//   - Another language reads translations that sit beside their sources
//     with the language in the file name (translate.go): sheet.es.md,
//     skin/dry.es.yaml (label, short, fields), treatments/<id>/
//     treatment.es.yaml (name, and each rule's label by id) and
//     brands/<id>.es.yaml (urgent_care, treatments, available). A file for a
//     full tag (sheet.es-MX.md) wins over one for the language. A brand
//     that offers a language needs every one of them, for each treatment
//     it offers in that language.
//
// # Offers
//
// A brand offers the treatments it lists under treatments: and a
// treatment is for the areas and skin types of its applies_to:; a
// language under a treatment's pending: is one the brand does not offer
// it in yet (offers.go). Envs, the matrix, holds only what is offered;
// EnvIn refuses the rest with a *NotOffered naming where to offer it.
//
// A clinic that offers several languages gives, in each, one line saying
// that its handouts are available in it (`available:`); each sheet carries
// the lines of the clinic's other languages (Env.Others).
//
// # Translations that cannot drift
//
// A translation keeps its source's sections, placeholders, conditional
// blocks and warning boxes, section by section, or the content does not
// load (drift.go names both files and lines). Its front matter records, as
// translated_from, hashes of its source's text whole and per section;
// Catalog.Drift lists the translations whose source has changed since,
// naming the sections, and StampYAML gives the block to paste after a
// review (`handouts check -stamp`).
//
// # Checking every variant
//
// Load resolves every handout for every clinic, language, skin type and
// area that shows it (check.go), so a placeholder inside "::: if
// skin=combination" is checked against combination skin only, and a
// heading that some variant sees with nothing under it is found. A
// problem that depends on the variant is one Error carrying the Variant
// (a Where) it was found in; ErrorList prints those that differ only in
// their variant as one, naming the variants in words relative to all
// that show the file (Scope.Describe: "for skin types combination,
// sensitive"), the worst first where they have a Rank (a sheet that runs
// long). Join is the one way to join problems. What a build allows but a
// writer should hear about (a treatment without a kind of handout, a
// clinic without its name for a treatment, a block no variant can show)
// is in Catalog.Warnings.
//
// # Messages that teach
//
// YAML is read by package yamlcheck, which explains a file that does not
// parse from where parsing stops and the file's bytes (a tab, an open
// quote or bracket, a key under a value or out of line with its
// neighbours, a missing colon, a colon or "@" in a plain value) and one
// that parses against its Go type from the parsed nodes (unknown keys,
// keys given twice, values of the wrong type); yaml.v3's own messages are
// never read. Unknown ids (rules, fields, condition values, kinds) name
// the nearest known one.
package content
