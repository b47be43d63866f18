package main

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"io"
	"io/fs"
	"log"
	"math/big"
	"mime"
	"mime/multipart"
	"net"
	"net/mail"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"handouts/internal/golden"
	"handouts/internal/wait"
)

// The patient of these tests: a name and an address that appear nowhere
// else, so that finding them anywhere but the message is a leak.
const (
	patientName = "Zelinda"
	patientAddr = "zq.patient7@example.org"
)

// peelContent is the real content with the chemical-peel fixture of
// internal/desk (a second treatment sharing rule ids) laid over it.
func peelContent(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(dir, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	files, _ := golden.Tree(t, "../../internal/desk/testdata/peel.txtar")
	golden.WriteTree(t, dir, files)
	return dir
}

// visit are the packet flags the tests share: microneedling and a peel on
// the face, dated, for the test patient.
func visit(content string, more ...string) []string {
	return append([]string{"-content", content, "-brand", "harbor", "-treatment", "microneedling,peel", "-skin", "dry", "-area", "face",
		"-date", "2026-03-13", "-time", "10:30", "-name", patientName}, more...)
}

// testCert is a self-signed certificate for 127.0.0.1, and a pool that
// trusts it, made once.
var testCert = sync.OnceValues(func() (tls.Certificate, *x509.CertPool) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		panic(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "handouts test SMTP server"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		KeyUsage:    x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, BasicConstraintsValid: true, IsCA: true,
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		panic(err)
	}
	leaf, _ := x509.ParseCertificate(der)
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, pool
})

// smtpServer is a real SMTP server (github.com/emersion/go-smtp) on
// 127.0.0.1 that offers STARTTLS and takes mail from one account.
type smtpServer struct {
	port int
	mu   sync.Mutex
	got  [][]byte // the messages received
	tls  []bool   // whether each came over TLS
	to   [][]string
}

const (
	smtpUser = "care@harborskin.example"
	smtpPass = "correct horse battery staple"
)

func startSMTP(t *testing.T) *smtpServer {
	t.Helper()
	s := &smtpServer{}
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) { return &smtpSession{s: s, c: c}, nil }))
	srv.Domain = "localhost"
	srv.ReadTimeout, srv.WriteTimeout = wait.Ceiling(), wait.Ceiling() // a slow test on a busy machine is not a stuck client
	srv.ErrorLog = log.New(io.Discard, "", 0)
	cert, _ := testCert()
	srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.port = l.Addr().(*net.TCPAddr).Port
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return s
}

type smtpSession struct {
	s      *smtpServer
	c      *smtp.Conn
	authed bool
	to     []string
}

func (x *smtpSession) AuthMechanisms() []string { return []string{sasl.Plain} }

func (x *smtpSession) Auth(mech string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != smtpUser || pass != smtpPass {
			return smtp.ErrAuthFailed
		}
		x.authed = true
		return nil
	}), nil
}

func (x *smtpSession) Mail(string, *smtp.MailOptions) error {
	if !x.authed {
		return smtp.ErrAuthRequired
	}
	return nil
}

func (x *smtpSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	x.to = append(x.to, to)
	return nil
}

func (x *smtpSession) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	_, isTLS := x.c.TLSConnectionState()
	x.s.mu.Lock()
	x.s.got, x.s.tls, x.s.to = append(x.s.got, data), append(x.s.tls, isTLS), append(x.s.to, x.to)
	x.s.mu.Unlock()
	return nil
}

func (x *smtpSession) Reset()        { x.to = nil }
func (x *smtpSession) Logout() error { return nil }

// parsed is a message read back with net/mail and mime/multipart.
type parsed struct {
	header      mail.Header
	subject     string
	text, html  string
	textLang    string // the bodies' Content-Language
	attachName  string
	attachBytes []byte
}

// parseMessage reads a message: its headers, the two bodies of its
// multipart/alternative part and its one attachment.
func parseMessage(t *testing.T, data []byte) parsed {
	t.Helper()
	m, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var p parsed
	p.header = m.Header
	if p.subject, err = new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject")); err != nil {
		t.Fatal(err)
	}
	mt, params, err := mime.ParseMediaType(m.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/mixed" {
		t.Fatalf("Content-Type %q, want multipart/mixed", m.Header.Get("Content-Type"))
	}
	mixed := multipart.NewReader(m.Body, params["boundary"])
	for {
		part, err := mixed.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		ct, ps, _ := mime.ParseMediaType(part.Header.Get("Content-Type"))
		switch {
		case ct == "multipart/alternative":
			alt := multipart.NewReader(part, ps["boundary"])
			for {
				body, err := alt.NextPart()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				b, _ := io.ReadAll(body) // quoted-printable, decoded by the reader
				bt, bps, _ := mime.ParseMediaType(body.Header.Get("Content-Type"))
				if bt == "multipart/related" { // the HTML and its logo
					rel := multipart.NewReader(bytes.NewReader(b), bps["boundary"])
					if first, err := rel.NextPart(); err == nil {
						b, _ = io.ReadAll(first)
						bt, _, _ = mime.ParseMediaType(first.Header.Get("Content-Type"))
						body = first
					}
				}
				switch bt {
				case "text/plain":
					p.text, p.textLang = string(b), body.Header.Get("Content-Language")
				case "text/html":
					p.html = string(b)
					if l := body.Header.Get("Content-Language"); l != p.textLang {
						t.Errorf("the HTML body's Content-Language %q differs from the text's %q", l, p.textLang)
					}
				}
			}
		case ct == "application/pdf":
			p.attachName = part.FileName()
			b, _ := io.ReadAll(part)
			if p.attachBytes, err = base64.StdEncoding.DecodeString(strings.NewReplacer("\r", "", "\n", "").Replace(string(b))); err != nil {
				t.Fatal(err)
			}
		}
	}
	return p
}

// TestEmailDraft: `handouts email` writes an .eml draft (X-Unsent: 1)
// from the clinic to the patient, with both bodies in the patient's
// language and the packet attached, byte for byte what `handouts packet`
// makes; in English and in Spanish.
func TestEmailDraft(t *testing.T) {
	t.Parallel()
	content := peelContent(t)
	dir := t.TempDir()
	for _, tt := range []struct {
		lang, subject, text, html, aftercare string
	}{
		{"", "Your aftercare papers from Harbor Skin Studio", "Thank you for your visit.", "<p>Call us at <a href=\"tel:2075550142\"", "aftercare"},
		{"es-US", "Sus instrucciones de cuidado de Harbor Skin Studio", "Gracias por su visita.", "<p>Llámenos al <a href=\"tel:2075550142\"", "cuidados"},
	} {
		eml, pdf := filepath.Join(dir, "m"+tt.lang+".eml"), filepath.Join(dir, "p"+tt.lang+".pdf")
		lang := []string{"-lang", tt.lang}
		if tt.lang == "" {
			lang = nil
		}
		if code, _, stderr := runCmd(append([]string{"packet"}, visit(content, append(lang, "-o", pdf)...)...)...); code != 0 {
			t.Fatalf("packet: exit %d: %s", code, stderr)
		}
		code, stdout, stderr := runCmd(append([]string{"email"}, visit(content, append(lang, "-to", patientAddr, "-o", eml)...)...)...)
		if code != 0 {
			t.Fatalf("email: exit %d: %s", code, stderr)
		}
		if stdout != "wrote "+eml+": a draft; open it in the mail program, check it and send it\n" {
			t.Errorf("stdout = %q", stdout)
		}
		data, err := os.ReadFile(eml)
		if err != nil {
			t.Fatal(err)
		}
		m := parseMessage(t, data)
		if got := m.header.Get("X-Unsent"); got != "1" {
			t.Errorf("X-Unsent = %q, want 1 on a draft", got)
		}
		from, _ := m.header.AddressList("From")
		to, _ := m.header.AddressList("To")
		if len(from) != 1 || from[0].Name != "Harbor Skin Studio" || from[0].Address != "care@harborskin.example" {
			t.Errorf("From = %v", from)
		}
		if len(to) != 1 || to[0].Name != patientName || to[0].Address != patientAddr {
			t.Errorf("To = %v, want %s <%s>", to, patientName, patientAddr)
		}
		wantLang := tt.lang
		if wantLang == "" {
			wantLang = "en-US"
		}
		if m.subject != tt.subject || m.textLang != wantLang {
			t.Errorf("Subject %q, Content-Language %q; want %q, %q", m.subject, m.textLang, tt.subject, wantLang)
		}
		if !strings.Contains(m.text, tt.text) || strings.Contains(m.text, "{{") || strings.Contains(m.text, "](") {
			t.Errorf("text body lacks %q or shows Markdown:\n%s", tt.text, m.text)
		}
		if !strings.Contains(m.html, tt.html) || !strings.Contains(m.html, `<html lang="`+wantLang+`">`) {
			t.Errorf("HTML body lacks %q or lang=%q:\n%s", tt.html, wantLang, m.html)
		}
		want, _ := os.ReadFile(pdf)
		if m.attachName != "Harbor Skin Studio "+tt.aftercare+" 2026-03-13.pdf" || !bytes.Equal(m.attachBytes, want) || len(want) == 0 {
			t.Errorf("attachment %q (%d bytes), want \"Harbor Skin Studio %s 2026-03-13.pdf\" equal to the packet (%d bytes)", m.attachName, len(m.attachBytes), tt.aftercare, len(want))
		}
	}
}

// TestEmailSend sends the message over STARTTLS to a real SMTP server
// started by the test, with the password from the environment, and reads
// back what the server received.
func TestEmailSend(t *testing.T) {
	t.Parallel()
	content := peelContent(t)
	srv := startSMTP(t)
	env := map[string]string{
		"HANDOUTS_SMTP_URL":      "smtp://care%40harborskin.example@127.0.0.1:" + strconv.Itoa(srv.port),
		"HANDOUTS_SMTP_PASSWORD": smtpPass,
	}
	_, pool := testCert()
	m := mailer{getenv: func(k string) string { return env[k] }, now: func() time.Time { return time.Date(2026, 3, 13, 11, 5, 0, 0, time.UTC) }, rootCAs: pool}
	var out, errb bytes.Buffer
	if err := runEmail(append(visit(content), "-to", patientAddr, "-send"), &out, &errb, m); err != nil {
		t.Fatalf("email -send: %v", err)
	}
	if want := "sent the message with Harbor Skin Studio aftercare 2026-03-13.pdf through the clinic's SMTP server\n"; out.String() != want || errb.Len() > 0 {
		t.Errorf("stdout %q, stderr %q; want %q", out.String(), errb.String(), want)
	}
	srv.mu.Lock()
	defer srv.mu.Unlock()
	if len(srv.got) != 1 || !srv.tls[0] || len(srv.to[0]) != 1 || srv.to[0][0] != patientAddr {
		t.Fatalf("the server received %d messages (TLS %v, to %v), want one over TLS to the patient", len(srv.got), srv.tls, srv.to)
	}
	p := parseMessage(t, srv.got[0])
	if p.header.Get("X-Unsent") != "" {
		t.Error("the sent message says X-Unsent")
	}
	if d, _ := p.header.Date(); !d.Equal(time.Date(2026, 3, 13, 11, 5, 0, 0, time.UTC)) {
		t.Errorf("Date = %v", d)
	}
	if p.subject != "Your aftercare papers from Harbor Skin Studio" || !strings.Contains(p.text, "Thank you for your visit") || !strings.Contains(p.html, "Thank you for your visit") {
		t.Errorf("subject %q, bodies:\n%s\n%s", p.subject, p.text, p.html)
	}
	if p.attachName != "Harbor Skin Studio aftercare 2026-03-13.pdf" || !bytes.HasPrefix(p.attachBytes, []byte("%PDF-")) {
		t.Errorf("attachment %q, %d bytes", p.attachName, len(p.attachBytes))
	}
}

// TestEmailRefuses: -send without a server, a password in the URL, plain
// text without -insecure, a bad address: each refused with what to do,
// never quoting the address; nothing is written.
func TestEmailRefuses(t *testing.T) {
	t.Parallel()
	content := peelContent(t)
	dir := t.TempDir()
	plain := startPlainSMTP(t)
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"no -to", nil, nil, "-to is required"},
		{"two addresses", nil, []string{"-to", patientAddr + ", b@example.org"}, "-to:"},
		{"no server", nil, []string{"-to", patientAddr, "-send"}, "set HANDOUTS_SMTP_URL"},
		{"password in the URL", map[string]string{"HANDOUTS_SMTP_URL": "smtp://care:hunter2@127.0.0.1:25"}, []string{"-to", patientAddr, "-send"}, "the SMTP URL holds a password"},
		{"no password", map[string]string{"HANDOUTS_SMTP_URL": "smtp://care@127.0.0.1:25"}, []string{"-to", patientAddr, "-send"}, "HANDOUTS_SMTP_PASSWORD is not set"},
		{"no STARTTLS", map[string]string{"HANDOUTS_SMTP_URL": "smtp://127.0.0.1:" + strconv.Itoa(plain)}, []string{"-to", patientAddr, "-send"}, "STARTTLS"},
		{"-insecure without -send", nil, []string{"-to", patientAddr, "-insecure"}, "-insecure is for -send only"},
		{"year 0000", nil, []string{"-to", patientAddr, "-date", "0000-01-01"}, `-date "0000-01-01": the year 0000 is not a treatment date`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			m := mailer{getenv: func(k string) string { return tt.env[k] }, now: time.Now}
			args := append(visit(content), append(tt.args, "-o", filepath.Join(dir, "x.eml"))...)
			err := runEmail(args, &out, &errb, m)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("email = %v, want an error containing %q", err, tt.want)
			}
			for _, s := range []string{err.Error(), out.String(), errb.String()} {
				if strings.Contains(s, patientAddr) || strings.Contains(s, patientName) || strings.Contains(s, "hunter2") {
					t.Errorf("the patient's address or name, or the password, reached the terminal: %q", s)
				}
			}
		})
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("refused commands wrote %v", entries)
	}
}

// startPlainSMTP starts a server that offers no STARTTLS and returns its
// port.
func startPlainSMTP(t *testing.T) int {
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		return &smtpSession{s: &smtpServer{}, c: c, authed: true}, nil
	}))
	srv.Domain = "localhost"
	srv.ErrorLog = log.New(io.Discard, "", 0)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return l.Addr().(*net.TCPAddr).Port
}

// TestEmailPrivacy runs packet and email as the desk would, from a
// folder holding a build's output folder, without -o: the files are named
// by kind and date; the patient's name and address never reach standard
// output or error; the only file the email command writes is the message,
// the packet command's only file is the packet (the name is printed on
// it, as asked); nothing in the output folder changes; no other file
// holds the name or the address.
func TestEmailPrivacy(t *testing.T) {
	content := peelContent(t)
	dir := t.TempDir()
	// An output folder as a build leaves it (a full build takes seconds).
	out := filepath.Join(dir, "output")
	golden.WriteTree(t, out, map[string][]byte{
		"manifest.json": []byte(`{"files": [{"path": "index.html", "sha256": "0"}]}`),
		"index.html":    []byte("<!DOCTYPE html><title>index</title>"),
	})
	before := golden.Snapshot(t, out)
	t.Chdir(dir)
	srv := startSMTP(t)
	env := map[string]string{"HANDOUTS_SMTP_URL": "smtp://care%40harborskin.example@127.0.0.1:" + strconv.Itoa(srv.port), "HANDOUTS_SMTP_PASSWORD": smtpPass}
	_, pool := testCert()
	m := mailer{getenv: func(k string) string { return env[k] }, now: time.Now, rootCAs: pool}
	var terminal strings.Builder
	for _, args := range [][]string{
		append([]string{"packet"}, visit(content)...),
		append([]string{"email"}, visit(content, "-to", patientName+" <"+patientAddr+">")...),
		append([]string{"email"}, visit(content, "-to", patientAddr, "-send")...),
		append([]string{"email"}, visit(content, "-to", "not an address")...),
		append([]string{"packet"}, visit(content, "-name", strings.Repeat(patientName, 6))...),
	} {
		var stdout, stderr bytes.Buffer
		code := 0
		if args[0] == "email" {
			if err := runEmail(args[1:], &stdout, &stderr, m); err != nil {
				stderr.WriteString(err.Error())
				code = 1
			}
		} else {
			code = run(args, &stdout, &stderr)
		}
		terminal.WriteString(stdout.String() + stderr.String())
		t.Logf("%s: exit %d: %s%s", args[0], code, stdout.String(), stderr.String())
	}
	for _, secret := range []string{patientName, patientAddr, "zq.patient7", smtpPass} {
		if strings.Contains(terminal.String(), secret) {
			t.Errorf("%q reached the terminal:\n%s", secret, terminal.String())
		}
	}
	var files []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !strings.HasPrefix(p, out+string(filepath.Separator)) {
			rel, _ := filepath.Rel(dir, p)
			files = append(files, rel)
		}
		return nil
	})
	if strings.Join(files, " ") != "email-2026-03-13.eml packet-2026-03-13.pdf" {
		t.Errorf("files written: %v, want email-2026-03-13.eml and packet-2026-03-13.pdf", files)
	}
	eml, _ := os.ReadFile(filepath.Join(dir, "email-2026-03-13.eml"))
	if !bytes.Contains(eml, []byte(patientAddr)) {
		t.Error("the draft does not hold the address")
	}
	after := golden.Snapshot(t, out)
	if len(after) != len(before) {
		t.Errorf("the output folder has %d files, had %d", len(after), len(before))
	}
	for name, data := range after {
		if before[name] != data {
			t.Errorf("output/%s changed", name)
		}
		if strings.Contains(data, patientName) || strings.Contains(data, patientAddr) {
			t.Errorf("output/%s holds the patient's name or address", name)
		}
	}
	if pdf, _ := os.ReadFile(filepath.Join(dir, "packet-2026-03-13.pdf")); bytes.Contains(pdf, []byte(patientAddr)) {
		t.Error("the packet holds the address")
	}
	if srv.mu.Lock(); len(srv.got) != 1 {
		t.Errorf("the server received %d messages, want 1", len(srv.got))
	}
	srv.mu.Unlock()
}
