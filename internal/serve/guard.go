package serve

import (
	"crypto/subtle"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"os"
	"strings"
)

// hostPolicy decides which Host headers the server answers. A web page
// that makes its own domain name resolve to 127.0.0.1 (DNS rebinding)
// still sends that name as the Host, so answering only the names below
// keeps every other site's pages out.
type hostPolicy struct {
	extra map[string]bool // lower-case names and addresses allowed besides loopback
}

// newHostPolicy allows loopback names (localhost, 127.0.0.0/8, ::1) and,
// when addr is not loopback, the host it names; when addr listens on every
// interface (":8080", "0.0.0.0:8080"), this computer's interface addresses
// and host name as they are at start.
func newHostPolicy(addr string) hostPolicy {
	p := hostPolicy{extra: map[string]bool{}}
	host, _, err := net.SplitHostPort(addr)
	if err != nil || isLoopback(host) {
		return p
	}
	ip, err := netip.ParseAddr(host)
	if host != "" && (err != nil || !ip.IsUnspecified()) {
		p.extra[strings.ToLower(host)] = true
		return p
	}
	if as, err := net.InterfaceAddrs(); err == nil {
		for _, a := range as {
			if pfx, err := netip.ParsePrefix(a.String()); err == nil {
				p.extra[pfx.Addr().Unmap().String()] = true
			}
		}
	}
	if name, err := os.Hostname(); err == nil {
		p.extra[strings.ToLower(name)] = true
	}
	return p
}

// allows reports whether the Host header h ("name", "name:port",
// "[v6]:port") names this server.
func (p hostPolicy) allows(h string) bool {
	name := h
	if host, _, err := net.SplitHostPort(h); err == nil {
		name = host
	} else if strings.HasPrefix(h, "[") && strings.HasSuffix(h, "]") {
		name = h[1 : len(h)-1]
	}
	if name == "" {
		return false
	}
	if isLoopback(name) {
		return true
	}
	if ip, err := netip.ParseAddr(name); err == nil {
		name = ip.Unmap().String()
	}
	return p.extra[strings.ToLower(name)]
}

// isLoopback reports whether host is "localhost" or a loopback address.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.Unmap().IsLoopback()
}

// exposure returns the warning to print when addr is not loopback, or "".
func exposure(addr string) string {
	host, _, err := net.SplitHostPort(addr)
	if err == nil && isLoopback(host) {
		return ""
	}
	who := "anyone on a network this computer is on"
	if ip, err := netip.ParseAddr(host); host != "" && (err != nil || !ip.IsUnspecified()) {
		who = "anyone who can reach " + host
	}
	return fmt.Sprintf("warning: -addr %s is not loopback: %s can open every handout and the /make form, where patients' names are typed; use -addr 127.0.0.1:8080 to keep the server on this computer", addr, who)
}

// guard answers 421 to a request whose Host is not this server's, and
// tells browsers never to frame the pages or guess their types.
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.hosts.allows(r.Host) {
			http.Error(w, "this server answers only requests for localhost or 127.0.0.1", http.StatusMisdirectedRequest)
			return
		}
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Content-Security-Policy", "frame-ancestors 'none'")
		next.ServeHTTP(w, r)
	})
}

// crossSite returns why a form post did not come from this server's own
// page, or "" when it did. A browser says where a request comes from in
// Sec-Fetch-Site (same-origin, or none when the user typed it) and in
// Origin, which must name the host the request was sent to. Every browser
// the desk uses sends one or both on a form post, so a post with neither
// is refused: it does not come from the form. The form's token is needed
// as well (see validToken).
func crossSite(r *http.Request) string {
	if r.Header.Get("Sec-Fetch-Site") == "" && r.Header.Get("Origin") == "" {
		return "it carries neither Origin nor Sec-Fetch-Site; open /make in a browser and send the form from there"
	}
	switch site := r.Header.Get("Sec-Fetch-Site"); site {
	case "", "same-origin", "none":
	default:
		return "Sec-Fetch-Site is " + site
	}
	if o := r.Header.Get("Origin"); o != "" {
		u, err := url.Parse(o)
		if err != nil || u.Scheme != "http" || !strings.EqualFold(u.Host, r.Host) {
			return "Origin is " + o
		}
	}
	return ""
}

// validToken reports whether the posted token is this process's, in
// constant time.
func (s *Server) validToken(got string) bool {
	return subtle.ConstantTimeCompare([]byte(got), []byte(s.token)) == 1
}
