package mail

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io"
	"log"
	"math/big"
	"net"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"handouts/internal/wait"
)

// testCert is a self-signed certificate for 127.0.0.1 and localhost, made
// once for all tests, and a pool that trusts it.
var testCert = sync.OnceValues(func() (tls.Certificate, *x509.CertPool) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		panic(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "handouts test SMTP server"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		DNSNames:              []string{"localhost"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		panic(err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		panic(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, pool
})

// rootCAs is a pool that trusts the test certificate.
func rootCAs() *x509.CertPool {
	_, pool := testCert()
	return pool
}

// serverOptions shape one test SMTP server.
type serverOptions struct {
	startTLS     bool     // offer STARTTLS
	implicitTLS  bool     // TLS from the first byte (smtps)
	insecureAuth bool     // offer AUTH without TLS too
	mechs        []string // AUTH mechanisms offered; nil means PLAIN
	user, pass   string   // the one account; "" takes mail without a login
	rejectRcpt   bool     // refuse every recipient, repeating the address
	rejectData   bool     // refuse every message, quoting its first line
	maxBytes     int64    // SIZE limit; 0 for none
}

// received is one message the server accepted.
type received struct {
	from string
	to   []string
	data []byte
	tls  bool   // the session was encrypted
	user string // who logged in; "" for nobody
}

// testServer is a real SMTP server (github.com/emersion/go-smtp) on
// 127.0.0.1, started for one test and closed after it.
type testServer struct {
	opts     serverOptions
	port     int
	mu       sync.Mutex
	got      []received
	authSeen int // AUTH commands seen, whatever their outcome
}

// startServer starts a server with o and returns it.
func startServer(t *testing.T, o serverOptions) *testServer {
	t.Helper()
	ts := &testServer{opts: o}
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		return &session{ts: ts, conn: c}, nil
	}))
	srv.Domain = "localhost"
	srv.ReadTimeout, srv.WriteTimeout = wait.Ceiling(), wait.Ceiling() // a slow test on a busy machine is not a stuck client
	srv.AllowInsecureAuth = o.insecureAuth
	srv.MaxMessageBytes = o.maxBytes
	srv.ErrorLog = log.New(io.Discard, "", 0)
	cert, _ := testCert()
	tlsConfig := &tls.Config{Certificates: []tls.Certificate{cert}}
	if o.startTLS {
		srv.TLSConfig = tlsConfig
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts.port = l.Addr().(*net.TCPAddr).Port
	if o.implicitTLS {
		l = tls.NewListener(l, tlsConfig)
	}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return ts
}

// url is the server's URL for scheme and user ("" for none).
func (ts *testServer) url(scheme, user string) string {
	if user != "" {
		user += "@"
	}
	return scheme + "://" + user + "127.0.0.1:" + strconv.Itoa(ts.port)
}

// messages returns what the server has accepted.
func (ts *testServer) messages() []received {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return append([]received(nil), ts.got...)
}

// auths returns how many AUTH commands the server has seen.
func (ts *testServer) auths() int {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return ts.authSeen
}

// session is one client connection.
type session struct {
	ts   *testServer
	conn *smtp.Conn
	user string
	msg  received
}

// AuthMechanisms offers the configured mechanisms.
func (s *session) AuthMechanisms() []string {
	if s.ts.opts.mechs != nil {
		return s.ts.opts.mechs
	}
	return []string{sasl.Plain}
}

// Auth checks the one account, by PLAIN or LOGIN.
func (s *session) Auth(mech string) (sasl.Server, error) {
	s.ts.mu.Lock()
	s.ts.authSeen++
	s.ts.mu.Unlock()
	check := func(user, pass string) error {
		if user != s.ts.opts.user || pass != s.ts.opts.pass {
			return smtp.ErrAuthFailed
		}
		s.user = user
		return nil
	}
	switch mech {
	case sasl.Plain:
		return sasl.NewPlainServer(func(_, user, pass string) error { return check(user, pass) }), nil
	case sasl.Login:
		return &loginServer{check: check}, nil
	}
	return nil, smtp.ErrAuthUnknownMechanism
}

// Mail requires a login when the server has an account.
func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	if s.ts.opts.user != "" && s.user == "" {
		return smtp.ErrAuthRequired
	}
	_, isTLS := s.conn.TLSConnectionState()
	s.msg = received{from: from, tls: isTLS, user: s.user}
	return nil
}

// Rcpt takes the recipient, or refuses it the way real servers do:
// repeating the address.
func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if s.ts.opts.rejectRcpt {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "<" + to + ">: Recipient address rejected: user unknown"}
	}
	s.msg.to = append(s.msg.to, to)
	return nil
}

// Data keeps the message, or refuses it quoting its first line.
func (s *session) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	if s.ts.opts.rejectData {
		first, _, _ := bytes.Cut(data, []byte("\r\n"))
		return &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 6, 0}, Message: "Message refused: " + string(first) + " for " + s.msg.to[0]}
	}
	s.msg.data = data
	s.ts.mu.Lock()
	s.ts.got = append(s.ts.got, s.msg)
	s.ts.mu.Unlock()
	return nil
}

// Reset forgets the message under way.
func (s *session) Reset() { s.msg = received{} }

// Logout does nothing.
func (s *session) Logout() error { return nil }

// loginServer is the server side of LOGIN, which go-sasl lacks.
type loginServer struct {
	check func(user, pass string) error
	step  int
	user  string
}

// Next prompts for the user name, then the password, then checks them.
func (l *loginServer) Next(response []byte) ([]byte, bool, error) {
	l.step++
	switch l.step {
	case 1:
		return []byte("Username:"), false, nil
	case 2:
		l.user = string(response)
		return []byte("Password:"), false, nil
	case 3:
		return nil, true, l.check(l.user, string(response))
	}
	return nil, false, errors.New("unexpected LOGIN step")
}
