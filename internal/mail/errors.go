package mail

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/textproto"
	"strings"
	"time"
)

// SMTPError is a refusal from the SMTP server at one step of sending.
// Once the recipient has been named to the server (RCPT TO and after) it
// keeps only the codes, never the server's words, which often repeat the
// address ("550 5.1.1 <jose@example.org>: Recipient address rejected") or,
// after DATA, parts of the message.
type SMTPError struct {
	// Step is where the server refused: "greeting", "EHLO", "STARTTLS",
	// "AUTH", "MAIL FROM", "RCPT TO" or "DATA".
	Step string
	// Code is the server's reply code, such as 535 or 550.
	Code int
	// Enhanced is the RFC 3463 status code ("5.7.8"), "" when the server
	// gave none.
	Enhanced string
	// Text is the server's words for steps before RCPT TO; "" after.
	Text string

	what, hint string // our sentence and what to do, for Error
}

// Error reads like "mail: the server refused the recipient address (SMTP
// 550 5.1.1); check the address with the patient".
func (e *SMTPError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "mail: %s (SMTP %d", e.what, e.Code)
	if e.Enhanced != "" {
		b.WriteString(" " + e.Enhanced)
	}
	if e.Text != "" {
		b.WriteString(": " + e.Text)
	}
	b.WriteString(")")
	if e.hint != "" {
		b.WriteString("; " + e.hint)
	}
	return b.String()
}

// step is one step of an SMTP session, for errors.
type step int

// The steps of a session, in order.
const (
	stepGreeting step = iota
	stepHello
	stepTLS
	stepAuth
	stepMail
	stepRcpt
	stepData
)

// describe gives the step's command, what a refusal there means and what
// to do.
func (s step) describe() (name, what, hint string) {
	switch s {
	case stepGreeting:
		return "greeting", "the SMTP server refused the connection", "try again later or check " + URLEnv
	case stepHello:
		return "EHLO", "the SMTP server refused EHLO", "check " + URLEnv
	case stepTLS:
		return "STARTTLS", "the SMTP server refused STARTTLS", "use smtps:// on port 465, or ask the provider"
	case stepAuth:
		return "AUTH", "the SMTP server refused the login", "check the user in " + URLEnv + " and the password in " + PasswordEnv
	case stepMail:
		return "MAIL FROM", "the SMTP server refused the clinic's sender address", "the login may not send as the brand's contact email: check both"
	case stepRcpt:
		return "RCPT TO", "the server refused the recipient address", "check the address with the patient"
	}
	return "DATA", "the server refused the message", "the message was not sent"
}

// named reports whether the server knows the recipient by this step: from
// then on, errors keep codes only.
func (s step) named() bool { return s >= stepRcpt }

// stopped returns why ctx stopped the send, or nil. A connection's
// deadline is ctx's: a read or dial can fail at the deadline a moment
// before ctx itself has ended (its timer not yet run on a busy machine),
// and that is the deadline too, not a network problem.
func stopped(ctx context.Context) error {
	if ctx.Err() != nil {
		return context.Cause(ctx)
	}
	if d, ok := ctx.Deadline(); ok && !time.Now().Before(d) {
		return context.DeadlineExceeded
	}
	return nil
}

// fail turns err, from step s of a session, into the error Send returns.
// A cancelled or expired ctx wins, and says so. An SMTP reply becomes an
// *SMTPError. Other errors are wrapped whole before the recipient is
// named (the server cannot know it then) and, after, only when they are
// network errors (*net.OpError names addresses of machines, not
// people); anything else, such as a malformed reply that net/textproto
// quotes, is described without its text.
func fail(ctx context.Context, s step, err error) error {
	name, what, hint := s.describe()
	if cause := stopped(ctx); cause != nil {
		return fmt.Errorf("mail: sending stopped at %s: %w", name, cause)
	}
	var tp *textproto.Error
	if errors.As(err, &tp) {
		e := &SMTPError{Step: name, Code: tp.Code, what: what, hint: hint}
		text := tp.Msg
		if code, rest, ok := strings.Cut(text, " "); ok && isEnhanced(code) {
			e.Enhanced, text = code, rest
		} else if isEnhanced(text) {
			e.Enhanced, text = text, ""
		}
		if !s.named() {
			e.Text = strings.Join(strings.Fields(text), " ")
		}
		return e
	}
	if !s.named() {
		return fmt.Errorf("mail: SMTP %s: %w", name, err)
	}
	var op *net.OpError
	if errors.As(err, &op) {
		return fmt.Errorf("mail: SMTP %s: the connection failed: %w", name, op)
	}
	return fmt.Errorf("mail: SMTP %s: the server's reply could not be read; the message may not have been sent", name)
}

// isEnhanced reports whether s is an RFC 3463 status code: class.subject.detail.
func isEnhanced(s string) bool {
	parts := strings.Split(s, ".")
	if len(parts) != 3 || len(parts[0]) != 1 || !strings.ContainsAny(parts[0][:1], "245") {
		return false
	}
	for _, p := range parts {
		if p == "" || len(p) > 3 || strings.Trim(p, "0123456789") != "" {
			return false
		}
	}
	return true
}
