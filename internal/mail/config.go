package mail

import (
	"crypto/x509"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// URLEnv and PasswordEnv name the environment variables the command reads:
// the clinic's SMTP server, and the password of the user that URL names.
const (
	URLEnv      = "HANDOUTS_SMTP_URL"
	PasswordEnv = "HANDOUTS_SMTP_PASSWORD"
)

// DefaultTimeout bounds a whole Send when its context has no deadline.
const DefaultTimeout = time.Minute

// Default ports: RFC 8314 section 3.3 (submission over implicit TLS) and
// RFC 6409 (submission, here with STARTTLS).
const (
	portSMTPS = "465"
	portSMTP  = "587"
)

// Config says how Send reaches the clinic's SMTP server.
type Config struct {
	// URL is the server, usually the value of HANDOUTS_SMTP_URL:
	// smtps://user@host:465 (TLS from the first byte) or
	// smtp://user@host:587 (STARTTLS, required). The port may be left out
	// (465 and 587); the user may be left out for a server that takes mail
	// without a login; a user that is itself an address is written with
	// %40 ("smtp://care%40harborskin.example@mail.example:587"). A password
	// in the URL is refused: it would end up in shell history and process
	// lists.
	URL string
	// Getenv looks up PasswordEnv when the URL names a user (os.Getenv in
	// the command; a map in tests). nil looks up nothing.
	Getenv func(string) string
	// Insecure lets an smtp:// server that does not offer STARTTLS take the
	// message in plain text (the command's -insecure), for a relay on the
	// clinic's own network. No login is ever sent in plain text: a URL with
	// a user is still refused there. Certificates are verified either way.
	Insecure bool
	// RootCAs verifies the server's certificate; nil means the system's
	// roots. Tests pass their own authority here.
	RootCAs *x509.CertPool
	// HelloName is the name this machine gives in EHLO; "" means
	// "localhost".
	HelloName string
}

// endpoint is a checked Config: where to connect and how to log in.
type endpoint struct {
	implicitTLS bool
	host, port  string
	user, pass  string
}

// addr is host:port for dialing and messages.
func (e endpoint) addr() string { return net.JoinHostPort(e.host, e.port) }

// Check reports whether c can be used, without connecting: the URL's
// form, and a password in the environment when the URL names a user. The
// command calls it before building anything. Errors never hold the URL
// itself, which may carry a password.
func (c Config) Check() error {
	_, err := c.endpoint()
	return err
}

// endpoint reads the URL and the password.
func (c Config) endpoint() (endpoint, error) {
	const forms = "write it as smtps://user@host:465 (implicit TLS) or smtp://user@host:587 (STARTTLS)"
	raw := strings.TrimSpace(c.URL)
	if raw == "" {
		return endpoint{}, fmt.Errorf("mail: the SMTP URL is empty; set %s: %s", URLEnv, forms)
	}
	// Look for a password before url.Parse, whose errors quote the URL.
	if _, rest, ok := strings.Cut(raw, "://"); ok {
		authority := rest
		if i := strings.IndexAny(authority, "/?#"); i >= 0 {
			authority = authority[:i]
		}
		if i := strings.LastIndexByte(authority, '@'); i >= 0 && strings.Contains(authority[:i], ":") {
			return endpoint{}, fmt.Errorf("mail: the SMTP URL holds a password; remove it from the URL (keep smtp://user@host) and put the password in the environment variable %s", PasswordEnv)
		}
	}
	u, err := url.Parse(raw)
	if err != nil || u.Opaque != "" {
		return endpoint{}, fmt.Errorf("mail: the SMTP URL cannot be read; %s", forms)
	}
	var e endpoint
	switch u.Scheme {
	case "smtps":
		e.implicitTLS, e.port = true, portSMTPS
	case "smtp":
		e.port = portSMTP
	default:
		return endpoint{}, fmt.Errorf("mail: the SMTP URL's scheme %q is not supported; %s", u.Scheme, forms)
	}
	if (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
		return endpoint{}, fmt.Errorf("mail: the SMTP URL has a path or options after the host; %s", forms)
	}
	e.host = u.Hostname()
	if e.host == "" {
		return endpoint{}, fmt.Errorf("mail: the SMTP URL names no host; %s", forms)
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return endpoint{}, fmt.Errorf("mail: the SMTP URL's port %q is not a number from 1 to 65535; %s", p, forms)
		}
		e.port = p
	}
	if u.User != nil {
		e.user = u.User.Username()
		if err := checkHeaderText("the SMTP user", e.user); err != nil || e.user == "" {
			return endpoint{}, fmt.Errorf("mail: the SMTP URL's user is empty or has control characters; %s", forms)
		}
		if c.Getenv != nil {
			e.pass = c.Getenv(PasswordEnv)
		}
		if e.pass == "" {
			return endpoint{}, fmt.Errorf("mail: the SMTP URL names the user %q but %s is not set; put the password in that environment variable", e.user, PasswordEnv)
		}
	}
	return e, nil
}

// helloName is the EHLO name.
func (c Config) helloName() string {
	if c.HelloName == "" {
		return "localhost"
	}
	return c.HelloName
}
