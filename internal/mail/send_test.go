package mail

import (
	"bytes"
	"context"
	"errors"
	"net"
	"net/smtp"
	"strconv"
	"strings"
	"testing"
	"time"

	"handouts/internal/wait"
)

// The clinic's account on the test servers.
const (
	testUser = "care@harborskin.example"
	testPass = "correct horse battery staple"
)

// env is a fake environment holding the password.
func env(pass string) func(string) string {
	return func(k string) string {
		if k == PasswordEnv {
			return pass
		}
		return ""
	}
}

// testCtx bounds one send by the tests' ceiling.
func testCtx(t *testing.T) context.Context {
	ctx, cancel := wait.Context(context.Background(), "a send to the test's mail server")
	t.Cleanup(cancel)
	return ctx
}

// checkPrivate fails when text holds any part of the patient's name or
// address.
func checkPrivate(t *testing.T, what, text string) {
	t.Helper()
	m := testMessage()
	for _, secret := range []string{m.To.Addr, "jose.nunez", "patient.example", "José", "Núñez", "Jos=C3=A9", "Jos%C3%A9"} {
		if strings.Contains(text, secret) {
			t.Errorf("%s holds the patient's %q: %s", what, secret, text)
		}
	}
}

// TestSend sends the test message through real SMTP servers, each way the
// clinic may reach one, and parses what the server received.
func TestSend(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		server serverOptions
		scheme string
	}{
		{"STARTTLS PLAIN", serverOptions{startTLS: true, user: testUser, pass: testPass}, "smtp"},
		{"STARTTLS LOGIN", serverOptions{startTLS: true, user: testUser, pass: testPass, mechs: []string{"LOGIN"}}, "smtp"},
		{"implicit TLS", serverOptions{implicitTLS: true, user: testUser, pass: testPass}, "smtps"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ts := startServer(t, tt.server)
			m := testMessage() // a draft: Send must drop X-Unsent
			cfg := Config{URL: ts.url(tt.scheme, "care%40harborskin.example"), Getenv: env(testPass), RootCAs: rootCAs()}
			if err := Send(testCtx(t), cfg, m); err != nil {
				t.Fatalf("Send: %v", err)
			}
			got := ts.messages()
			if len(got) != 1 {
				t.Fatalf("server received %d messages, want 1", len(got))
			}
			r := got[0]
			if r.from != m.From.Addr || len(r.to) != 1 || r.to[0] != m.To.Addr || !r.tls || r.user != testUser {
				t.Errorf("envelope from %q to %q, tls %v, user %q; want from %q to %q over TLS as %q",
					r.from, r.to, r.tls, r.user, m.From.Addr, m.To.Addr, testUser)
			}
			m.Draft = false
			checkMessage(t, r.data, m)
			if want, _ := Compose(m); !bytes.Equal(r.data, want) {
				t.Error("the server received other bytes than Compose writes")
			}
		})
	}
}

// TestSendPlainText: a server without STARTTLS gets nothing unless
// Insecure, and never a password.
func TestSendPlainText(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverOptions{insecureAuth: true})
	url := ts.url("smtp", "")

	err := Send(testCtx(t), Config{URL: url}, testMessage())
	want := "mail: the SMTP server 127.0.0.1:" + strconv.Itoa(ts.port) + " does not offer STARTTLS, so the message would cross the network in plain text; use a server with STARTTLS or smtps:// on port 465 (-insecure allows plain text, for a relay on the clinic's own network)"
	if err == nil || err.Error() != want {
		t.Errorf("Send without STARTTLS: %v, want %q", err, want)
	}
	if n := len(ts.messages()); n != 0 {
		t.Fatalf("server received %d messages without TLS", n)
	}

	// A login over plain text is refused before AUTH is sent, Insecure or not.
	err = Send(testCtx(t), Config{URL: ts.url("smtp", "care"), Getenv: env(testPass), Insecure: true}, testMessage())
	want = "mail: the SMTP server 127.0.0.1:" + strconv.Itoa(ts.port) + " offers no TLS, and logging in would send the password in plain text; refused: use TLS, or remove the user from HANDOUTS_SMTP_URL for a relay that needs no login"
	if err == nil || err.Error() != want {
		t.Errorf("Send with a login over plain text: %v, want %q", err, want)
	}
	if n := ts.auths(); n != 0 {
		t.Errorf("server saw %d AUTH commands over plain text", n)
	}

	// Insecure and no login: sent in plain text.
	if err := Send(testCtx(t), Config{URL: url, Insecure: true}, testMessage()); err != nil {
		t.Fatalf("Send with Insecure: %v", err)
	}
	got := ts.messages()
	if len(got) != 1 || got[0].tls {
		t.Fatalf("server received %d messages (tls %v), want 1 in plain text", len(got), len(got) > 0 && got[0].tls)
	}
	m := testMessage()
	m.Draft = false
	checkMessage(t, got[0].data, m)
}

// TestAuthNeedsTLS: both mechanisms refuse to start without TLS, even on
// localhost, where net/smtp.PlainAuth would go ahead.
func TestAuthNeedsTLS(t *testing.T) {
	t.Parallel()
	for _, a := range []smtp.Auth{plainAuth{"u", "p"}, &loginAuth{user: "u", pass: "p"}} {
		if _, _, err := a.Start(&smtp.ServerInfo{Name: "localhost", TLS: false, Auth: []string{"PLAIN", "LOGIN"}}); !errors.Is(err, errPlainTextLogin) {
			t.Errorf("%T.Start without TLS = %v, want %v", a, err, errPlainTextLogin)
		}
	}
}

// TestSendRefusals: the server says no at each step; the errors carry the
// SMTP codes and nothing of the patient.
func TestSendRefusals(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		server   serverOptions
		pass     string
		want     string
		step     string
		code     int
		enhanced string
	}{
		{"wrong password", serverOptions{startTLS: true, user: testUser, pass: testPass}, "wrong",
			"mail: the SMTP server refused the login (SMTP 535 5.7.8: Authentication failed); check the user in HANDOUTS_SMTP_URL and the password in HANDOUTS_SMTP_PASSWORD",
			"AUTH", 535, "5.7.8"},
		{"recipient refused", serverOptions{startTLS: true, user: testUser, pass: testPass, rejectRcpt: true}, testPass,
			"mail: the server refused the recipient address (SMTP 550 5.1.1); check the address with the patient",
			"RCPT TO", 550, "5.1.1"},
		{"message refused", serverOptions{startTLS: true, user: testUser, pass: testPass, rejectData: true}, testPass,
			"mail: the server refused the message (SMTP 554 5.6.0); the message was not sent",
			"DATA", 554, "5.6.0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ts := startServer(t, tt.server)
			cfg := Config{URL: ts.url("smtp", "care%40harborskin.example"), Getenv: env(tt.pass), RootCAs: rootCAs()}
			err := Send(testCtx(t), cfg, testMessage())
			if err == nil || err.Error() != tt.want {
				t.Fatalf("Send = %v, want %q", err, tt.want)
			}
			var se *SMTPError
			if !errors.As(err, &se) || se.Step != tt.step || se.Code != tt.code || se.Enhanced != tt.enhanced {
				t.Errorf("error %#v, want an *SMTPError at %s with %d %s", err, tt.step, tt.code, tt.enhanced)
			}
			checkPrivate(t, "the error", err.Error())
			for e := errors.Unwrap(err); e != nil; e = errors.Unwrap(e) {
				checkPrivate(t, "a wrapped error", e.Error())
			}
			if n := len(ts.messages()); n != 0 {
				t.Errorf("server kept %d messages", n)
			}
		})
	}
}

// TestSendChecksConfig: a bad URL or a missing password stops Send before
// it connects, and the error never repeats the password.
func TestSendChecksConfig(t *testing.T) {
	t.Parallel()
	const forms = "write it as smtps://user@host:465 (implicit TLS) or smtp://user@host:587 (STARTTLS)"
	tests := []struct{ url, pass, want string }{
		{"smtp://care:hunter2@mail.example:587", "",
			"mail: the SMTP URL holds a password; remove it from the URL (keep smtp://user@host) and put the password in the environment variable HANDOUTS_SMTP_PASSWORD"},
		{"smtps://care@harborskin.example:hunter2%zz@mail.example", "",
			"mail: the SMTP URL holds a password; remove it from the URL (keep smtp://user@host) and put the password in the environment variable HANDOUTS_SMTP_PASSWORD"},
		{"smtp://care:@mail.example", "",
			"mail: the SMTP URL holds a password; remove it from the URL (keep smtp://user@host) and put the password in the environment variable HANDOUTS_SMTP_PASSWORD"},
		{"smtp://care@mail.example", "",
			"mail: the SMTP URL names the user \"care\" but HANDOUTS_SMTP_PASSWORD is not set; put the password in that environment variable"},
		{"", "", "mail: the SMTP URL is empty; set HANDOUTS_SMTP_URL: " + forms},
		{"http://mail.example", "", "mail: the SMTP URL's scheme \"http\" is not supported; " + forms},
		{"mail.example:587", "", "mail: the SMTP URL cannot be read; " + forms},
		{"smtp://mail.example/inbox", "", "mail: the SMTP URL has a path or options after the host; " + forms},
		{"smtp://mail.example?tls=off", "", "mail: the SMTP URL has a path or options after the host; " + forms},
		{"smtp://:587", "", "mail: the SMTP URL names no host; " + forms},
		{"smtp://mail.example:99999", "", "mail: the SMTP URL's port \"99999\" is not a number from 1 to 65535; " + forms},
		{"smtp://mail .example", "", "mail: the SMTP URL cannot be read; " + forms},
	}
	for _, tt := range tests {
		cfg := Config{URL: tt.url, Getenv: env(tt.pass)}
		if err := cfg.Check(); err == nil || err.Error() != tt.want {
			t.Errorf("Config{URL: %q}.Check() = %v, want %q", tt.url, err, tt.want)
		}
		err := Send(testCtx(t), cfg, testMessage())
		if err == nil || err.Error() != tt.want {
			t.Errorf("Send with URL %q = %v, want %q", tt.url, err, tt.want)
		}
		if err != nil && strings.Contains(err.Error(), "hunter2") {
			t.Errorf("error repeats the password: %v", err)
		}
	}
	good := Config{URL: "smtps://care%40harborskin.example@mail.example", Getenv: env("x")}
	if err := good.Check(); err != nil {
		t.Errorf("Check(%q) = %v, want nil", good.URL, err)
	}
}

// TestSendVerifiesCertificate: without the test's authority, the server's
// certificate does not verify and nothing is sent, Insecure or not.
func TestSendVerifiesCertificate(t *testing.T) {
	t.Parallel()
	for _, o := range []serverOptions{{startTLS: true}, {implicitTLS: true}} {
		ts := startServer(t, o)
		scheme := map[bool]string{false: "smtp", true: "smtps"}[o.implicitTLS]
		err := Send(testCtx(t), Config{URL: ts.url(scheme, ""), Insecure: true}, testMessage())
		if err == nil || !strings.Contains(err.Error(), "mail: TLS with the SMTP server 127.0.0.1:") || !strings.Contains(err.Error(), "certificate") {
			t.Errorf("%s with an unknown certificate: %v, want a TLS certificate error", scheme, err)
		}
		if n := len(ts.messages()); n != 0 {
			t.Errorf("%s: server received %d messages", scheme, n)
		}
	}
}

// TestSendSizeLimit: a message over the server's SIZE is not sent.
func TestSendSizeLimit(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverOptions{startTLS: true, maxBytes: 50 * 1024})
	err := Send(testCtx(t), Config{URL: ts.url("smtp", ""), RootCAs: rootCAs()}, testMessage())
	if err == nil || !strings.Contains(err.Error(), "takes at most 51200; make the attachments smaller") {
		t.Errorf("Send over SIZE = %v, want a size error", err)
	}
}

// TestSendStopsAtDeadline: a server that never greets does not hang Send.
func TestSendStopsAtDeadline(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			defer c.Close() // hold it open, silent
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	// The server never speaks: a Send that did not stop at the deadline
	// would wait for ever.
	sent := make(chan error, 1)
	go func() { sent <- Send(ctx, Config{URL: "smtp://" + l.Addr().String()}, testMessage()) }()
	if err := wait.Recv(t, "Send to a silent server to stop at its 200ms deadline", sent); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Send to a silent server = %v, want context.DeadlineExceeded", err)
	}
}

// pastDeadline is a context whose deadline has passed but which has not
// noticed yet, as a context is in the moment before its timer runs.
type pastDeadline struct{ context.Context }

func (pastDeadline) Deadline() (time.Time, bool) { return time.Now().Add(-time.Millisecond), true }

// TestStoppedAtDeadlineBeforeContextEnds: a dial or read that fails at the
// deadline a moment before the context ends is reported as the deadline,
// not as an unreachable server (it was, on a busy machine).
func TestStoppedAtDeadlineBeforeContextEnds(t *testing.T) {
	ctx := pastDeadline{context.Background()}
	if ctx.Err() != nil {
		t.Fatal("the test's context has ended; it proves nothing")
	}
	if err := stopped(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("stopped = %v, want context.DeadlineExceeded", err)
	}
	if err := stopped(context.Background()); err != nil {
		t.Errorf("stopped without a deadline = %v, want nil", err)
	}
}
