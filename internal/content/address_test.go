package content

import (
	netmail "net/mail"
	"testing"
)

// TestPlainAddress: contact.email's check takes one plain ASCII address,
// and whatever it takes, net/mail (which the mail package sends with)
// reads back as that bare address.
func TestPlainAddress(t *testing.T) {
	for _, tt := range []struct {
		s  string
		ok bool
	}{
		{"care@acme.example", true},
		{"first.last+tag@mail.acme-skin.example", true},
		{"o'brien@acme.example", true},
		{"not-an-email", false},
		{"@acme.example", false},
		{"care@", false},
		{"Acme <care@acme.example>", false},
		{"care@acme.example, other@acme.example", false},
		{"care@@acme.example", false},
		{".care@acme.example", false},
		{"ca..re@acme.example", false},
		{"care@acme..example", false},
		{"caré@acme.example", false},
		{"care @acme.example", false},
		{"care@acme.example;evil@x.example", false},
		{`"care"@acme.example`, false},
	} {
		if got := plainAddress(tt.s); got != tt.ok {
			t.Errorf("plainAddress(%q) = %v, want %v", tt.s, got, tt.ok)
		}
		if tt.ok {
			a, err := netmail.ParseAddress(tt.s)
			if err != nil || a.Address != tt.s || a.Name != "" {
				t.Errorf("net/mail reads %q as %v, %v", tt.s, a, err)
			}
		}
	}
}
