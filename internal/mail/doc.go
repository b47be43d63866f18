// Package mail writes the email that carries a patient's handouts, and
// sends it through the clinic's SMTP server.
//
// # The message
//
// A [Message] is one email from the clinic (From: its name and contact
// address) to one patient (To: an address and, optionally, a name). It has
// a subject, two bodies that say the same thing (plain text and HTML, both
// written in content/ by the caller), the handouts as [Attachment]s, and
// the date, which the caller gives: this package never reads the clock.
// [Compose] writes it as an RFC 5322 message:
//
//	From: Harbor Skin Studio <care@harborskin.example>
//	To: =?utf-8?q?Jos=C3=A9?= <jose@example.org>
//	Subject: …
//	Date: Fri, 13 Mar 2026 09:30:00 -0500
//	Message-ID: <…@harborskin.example>
//	MIME-Version: 1.0
//	X-Unsent: 1                          (drafts only)
//	Content-Type: multipart/mixed; boundary="=_mix_…"
//
//	multipart/mixed
//	├─ multipart/alternative
//	│  ├─ text/plain; charset=utf-8      quoted-printable
//	│  └─ text/html; charset=utf-8       quoted-printable
//	└─ application/pdf (each attachment) base64, 76-character lines,
//	                                     Content-Disposition: attachment
//
// The output is 7-bit with CRLF line ends, so any server and any mail
// program takes it as it is. Display names and subjects outside ASCII are
// RFC 2047 encoded-words (Q encoding, or B where that is much shorter, as
// for Chinese), cut between characters and folded so that no line holding
// one passes 76 characters. An attachment name outside ASCII goes in
// Content-Disposition in RFC 2231 form, continued over several lines when
// long, and an ASCII spelling (accents dropped) in Content-Type's name
// parameter for readers that know no RFC 2231:
//
//	Content-Type: application/pdf; name="Jose.pdf"
//	Content-Disposition: attachment; filename*=utf-8''Jos%C3%A9.pdf
//
// Each parameter is written once, so no reader has to choose between two
// spellings; Go's mime/multipart and Python's email package both read the
// UTF-8 name.
//
// The same Message always gives the same bytes. The multipart boundaries
// and the Message-ID come from a SHA-256 of the whole content (names,
// addresses, subject, date, bodies, attachments), so two patients never
// share a Message-ID, and a draft and the message sent share theirs. The
// Message-ID is a hash, not the patient's address.
//
// Draft adds "X-Unsent: 1": Outlook then opens the saved .eml as a new
// message to check and send from the desk's own mailbox (other mail
// programs show it as a message and offer "Edit as New"). [Send] drops the
// header.
//
// # What is refused
//
// Compose refuses, with an error naming the field and what to do:
//
//   - a header value with a carriage return, a line feed, a tab or any
//     other control character, or a Unicode line separator: this is how
//     header injection works ("Subject: Hi\r\nBcc: …"), so nothing is
//     stripped or replaced, the message is refused;
//   - invalid UTF-8 anywhere;
//   - an address that net/mail.ParseAddress does not read back as itself,
//     more than one address in To, a display name inside the address, or an
//     address outside ASCII (internationalised addresses need SMTPUTF8,
//     which the clinic's server may not have);
//   - an empty subject or body, a missing date, an attachment name that is
//     a path or longer than 255 bytes.
//
// Errors never quote the patient's name or address; they say which field
// is wrong and which character, by code point and byte offset.
// [ParseAddress] reads what the desk typed ("José <jose@example.org>") on
// the same terms.
//
// # Sending
//
// [Send] composes the message and sends it through the server a [Config]
// names, usually from two environment variables:
//
//	HANDOUTS_SMTP_URL=smtps://care%40harborskin.example@mail.example:465   TLS from the first byte
//	HANDOUTS_SMTP_URL=smtp://care%40harborskin.example@mail.example:587    STARTTLS, required
//	HANDOUTS_SMTP_PASSWORD=…                                               the password, only here
//
// A password inside the URL is refused, with an error that says where to
// put it (URLs end up in shell history and process lists). An smtp://
// server that does not offer STARTTLS is refused unless Config.Insecure
// (the command's -insecure), for a relay on the clinic's own network; even
// then a login is never sent without TLS. Certificates are always
// verified, against the system's roots or Config.RootCAs. The login uses
// AUTH PLAIN, or LOGIN where a server offers only that, and both refuse to
// run without TLS, even to localhost (where net/smtp.PlainAuth would).
// Send stops at the context's deadline, or after [DefaultTimeout].
//
// Send's errors never hold the patient's name or address. Servers repeat
// the recipient when they refuse it ("550 5.1.1 <jose@example.org>: user
// unknown") and may quote the message when they refuse it, so from RCPT TO
// on an error keeps only the SMTP codes ([SMTPError]): "the server refused
// the recipient address (SMTP 550 5.1.1)". Before that step the server
// cannot know the recipient, and its words are kept, as they help (a
// refused login says why). Nothing in this package logs or prints.
//
// # Why the standard library
//
// The message is composed with our own small writer on top of the
// standard library (mime/quotedprintable, encoding/base64, net/mail for
// address checks) and sent with net/smtp and crypto/tls. We looked at
// github.com/wneessen/go-mail v0.8.1, the maintained Go mail library, and
// it does not fit three of our promises:
//
//   - Determinism: its one settable boundary is used for every multipart
//     level, which RFC 2046 forbids for nested parts (our mixed holds an
//     alternative); without it, boundaries are random. Preformatted
//     headers are written in map order.
//   - Privacy: its SendError's text lists the affected recipients, so
//     every SMTP error would need rewriting anyway, and its PLAIN auth,
//     like net/smtp's, goes ahead without TLS on localhost.
//   - Standards: it writes non-ASCII attachment names as RFC 2047
//     encoded-words inside a quoted parameter, which RFC 2047 section 5
//     forbids; we write RFC 2231.
//
// What we would have taken from it is a few hundred lines of MIME writing
// that we test directly: every message here is read back with net/mail
// and mime/multipart (headers, both bodies, each attachment's bytes), and
// sent to a real SMTP server (github.com/emersion/go-smtp, test only)
// over STARTTLS and implicit TLS, whose received bytes are parsed the
// same way. net/smtp is frozen but maintained with the standard library;
// we use its protocol handling (EHLO, STARTTLS, AUTH exchange, dot
// stuffing) and replace its auth with ours.
package mail
