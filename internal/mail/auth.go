package mail

import (
	"errors"
	"fmt"
	"net/smtp"
	"slices"
	"strings"
)

// errPlainTextLogin is returned by both mechanisms when asked to log in
// over a connection without TLS.
var errPlainTextLogin = errors.New("mail: refusing to send the SMTP password over a connection without TLS")

// chooseAuth picks PLAIN (RFC 4616) where the server offers it, else
// LOGIN, from the mechanisms of its EHLO AUTH line. Others (CRAM-MD5,
// XOAUTH2, SCRAM) are not used: over TLS, PLAIN is what submission
// servers offer.
func chooseAuth(offered []string, user, pass string) (smtp.Auth, error) {
	has := func(m string) bool {
		return slices.ContainsFunc(offered, func(o string) bool { return strings.EqualFold(o, m) })
	}
	switch {
	case has("PLAIN"):
		return plainAuth{user, pass}, nil
	case has("LOGIN"):
		return &loginAuth{user: user, pass: pass}, nil
	}
	return nil, fmt.Errorf("mail: the SMTP server offers no AUTH PLAIN or LOGIN (it offers %q); use a server that does", strings.Join(offered, " "))
}

// plainAuth is SASL PLAIN, only over TLS. Unlike net/smtp.PlainAuth it
// makes no exception for localhost.
type plainAuth struct{ user, pass string }

// Start sends the credentials as the initial response.
func (a plainAuth) Start(s *smtp.ServerInfo) (string, []byte, error) {
	if !s.TLS {
		return "", nil, errPlainTextLogin
	}
	return "PLAIN", []byte("\x00" + a.user + "\x00" + a.pass), nil
}

// Next answers any further challenge, which PLAIN does not have.
func (a plainAuth) Next(_ []byte, more bool) ([]byte, error) {
	if more {
		return nil, errors.New("mail: the SMTP server sent an unexpected AUTH PLAIN challenge")
	}
	return nil, nil
}

// loginAuth is the LOGIN mechanism (draft-murchison-sasl-login), only
// over TLS: the user name, then the password, each at the server's prompt.
type loginAuth struct {
	user, pass string
	step       int
}

// Start begins LOGIN without an initial response.
func (a *loginAuth) Start(s *smtp.ServerInfo) (string, []byte, error) {
	if !s.TLS {
		return "", nil, errPlainTextLogin
	}
	a.step = 0
	return "LOGIN", nil, nil
}

// Next answers the "Username:" and "Password:" prompts in turn.
func (a *loginAuth) Next(_ []byte, more bool) ([]byte, error) {
	if !more {
		return nil, nil
	}
	a.step++
	switch a.step {
	case 1:
		return []byte(a.user), nil
	case 2:
		return []byte(a.pass), nil
	}
	return nil, errors.New("mail: the SMTP server sent more AUTH LOGIN prompts than a user and a password")
}
