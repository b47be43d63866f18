package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/smtp"
	"net/textproto"
	"strconv"
	"strings"
	"time"
)

// Send composes m (without X-Unsent, whatever m.Draft says) and sends it to
// m.To through the server cfg names, from m.From. The connection is TLS
// from the first byte (smtps://) or upgraded with STARTTLS (smtp://),
// which is required unless cfg.Insecure; the password goes only over TLS.
// Certificates are verified against cfg.RootCAs or the system's roots.
//
// Send stops when ctx is done, or after DefaultTimeout when ctx has no
// deadline. Its errors never hold the patient's name or address: a server
// refusal after the recipient is named is an *SMTPError with the codes
// only. It returns nil once the server has accepted the message at the
// end of DATA; a failed QUIT after that does not matter.
func Send(ctx context.Context, cfg Config, m Message) error {
	ep, err := cfg.endpoint()
	if err != nil {
		return err
	}
	m.Draft = false
	data, err := Compose(m)
	if err != nil {
		return err
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, DefaultTimeout)
		defer cancel()
	}
	return deliver(ctx, cfg, ep, m.From.Addr, m.To.Addr, data)
}

// deliver runs one SMTP session: connect, TLS, EHLO, AUTH, MAIL, RCPT,
// DATA, QUIT.
func deliver(ctx context.Context, cfg Config, ep endpoint, from, to string, data []byte) error {
	var d net.Dialer
	raw, err := d.DialContext(ctx, "tcp", ep.addr())
	if err != nil {
		if cause := stopped(ctx); cause != nil {
			return fmt.Errorf("mail: sending stopped while connecting to %s: %w", ep.addr(), cause)
		}
		return fmt.Errorf("mail: cannot reach the SMTP server %s: %w; check %s", ep.addr(), err, URLEnv)
	}
	defer raw.Close()
	// net/smtp has no context of its own: when ctx is done (cancelled or
	// past its deadline), every read and write under way or to come fails
	// at once. ctx.Err is set by then, so errors say why.
	stop := context.AfterFunc(ctx, func() { raw.SetDeadline(time.Unix(1, 0)) })
	defer stop()

	tlsConfig := &tls.Config{ServerName: ep.host, RootCAs: cfg.RootCAs, MinVersion: tls.VersionTLS12}
	conn := raw
	if ep.implicitTLS {
		tc := tls.Client(raw, tlsConfig)
		if err := tc.HandshakeContext(ctx); err != nil {
			return tlsFail(ctx, ep, err)
		}
		conn = tc
	}
	c, err := smtp.NewClient(conn, ep.host)
	if err != nil {
		return fail(ctx, stepGreeting, err)
	}
	defer c.Close()
	if err := c.Hello(cfg.helloName()); err != nil {
		return fail(ctx, stepHello, err)
	}
	// net/smtp sends EHLO lazily and Extension hides its errors: NOOP
	// sends it now and reports a refusal.
	if err := c.Noop(); err != nil {
		return fail(ctx, stepHello, err)
	}
	if !ep.implicitTLS {
		if ok, _ := c.Extension("STARTTLS"); ok {
			if err := c.StartTLS(tlsConfig); err != nil {
				if isReply(err) {
					return fail(ctx, stepTLS, err)
				}
				return tlsFail(ctx, ep, err)
			}
		} else if !cfg.Insecure {
			return fmt.Errorf("mail: the SMTP server %s does not offer STARTTLS, so the message would cross the network in plain text; use a server with STARTTLS or smtps:// on port 465 (-insecure allows plain text, for a relay on the clinic's own network)", ep.addr())
		}
	}
	_, secure := c.TLSConnectionState()
	if ep.user != "" {
		if !secure {
			return fmt.Errorf("mail: the SMTP server %s offers no TLS, and logging in would send the password in plain text; refused: use TLS, or remove the user from %s for a relay that needs no login", ep.addr(), URLEnv)
		}
		ok, mechs := c.Extension("AUTH")
		if !ok {
			return fmt.Errorf("mail: the SMTP server %s offers no login (AUTH) but %s names a user; remove the user or check the server", ep.addr(), URLEnv)
		}
		auth, err := chooseAuth(strings.Fields(mechs), ep.user, ep.pass)
		if err != nil {
			return err
		}
		if err := c.Auth(auth); err != nil {
			return fail(ctx, stepAuth, err)
		}
	}
	if ok, size := c.Extension("SIZE"); ok {
		if limit, err := strconv.ParseInt(size, 10, 64); err == nil && limit > 0 && int64(len(data)) > limit {
			return fmt.Errorf("mail: the message is %d bytes and the SMTP server %s takes at most %d; make the attachments smaller", len(data), ep.addr(), limit)
		}
	}
	if err := c.Mail(from); err != nil {
		return fail(ctx, stepMail, err)
	}
	if err := c.Rcpt(to); err != nil {
		return fail(ctx, stepRcpt, err)
	}
	w, err := c.Data()
	if err != nil {
		return fail(ctx, stepData, err)
	}
	if _, err := w.Write(data); err != nil {
		return fail(ctx, stepData, err)
	}
	if err := w.Close(); err != nil {
		return fail(ctx, stepData, err)
	}
	c.Quit() // the message is accepted; a failed goodbye changes nothing
	return nil
}

// tlsFail reports a failed TLS handshake, such as a certificate that does
// not verify.
func tlsFail(ctx context.Context, ep endpoint, err error) error {
	if cause := stopped(ctx); cause != nil {
		return fmt.Errorf("mail: sending stopped during TLS with %s: %w", ep.addr(), cause)
	}
	return fmt.Errorf("mail: TLS with the SMTP server %s failed: %w", ep.addr(), err)
}

// isReply reports whether err is a reply from the server (a refusal), not
// a failure of the connection.
func isReply(err error) bool {
	var tp *textproto.Error
	return errors.As(err, &tp)
}
